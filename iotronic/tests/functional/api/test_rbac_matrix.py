"""The RBAC matrix (rbac/matrix.yaml) against the deployed API and real
Keystone tokens: one test per endpoint, every role, own and other
project; a failure lists every cell that differs."""

import datetime
import pathlib
import re
import uuid

import pytest
import sqlalchemy as sa
import yaml

from iotronic.api import openapi

MATRIX = yaml.safe_load(
    (pathlib.Path(__file__).parent / 'rbac' / 'matrix.yaml').read_text())
VERSION = '1.5'

# Role in the matrix -> Keystone user (keystone.USERS) holding it.
ROLE_USERS = {'admin': 'iotronic', 'manager': 'alice', 'member': 'bob',
              'reader': 'carol', 'manager_iot_project': 'legacy',
              'admin_iot_project': 'iotadmin', 'user_iot': 'iotuser',
              'no_role': 'norole', 'anonymous': None}
# Who creates the resources of each project.
CREATORS = {'own': 'alice', 'other': 'dave'}
CREATE = {
    'board': ('/v1/boards', lambda: {'name': _unique(), 'code': _unique()}),
    'plugin': ('/v1/plugins', lambda: {'name': _unique(),
                                       'code': 'def main(): pass'}),
    'service': ('/v1/services', lambda: {'name': _unique(), 'port': 22,
                                         'protocol': 'TCP'}),
    'fleet': ('/v1/fleets', lambda: {'name': _unique()}),
}


def _unique():
    return f'rbac-{uuid.uuid4().hex[:12]}'


def _expected(endpoint, scope, role):
    cells = dict(MATRIX['profiles'][endpoint['profile']][scope])
    cells.update(endpoint.get('override', {}).get(scope, {}))
    status = cells.get(role, cells['default'])
    return endpoint['ok'] if status == 'ok' else status


def _cases():
    for endpoint in MATRIX['endpoints']:
        yield pytest.param(endpoint, id=f'{endpoint["method"]} '
                                        f'{endpoint["path"]}')


class World:
    """One board, plugin, service, fleet and request per project."""

    def __init__(self, deployment):
        self.deployment = deployment
        self.clients = {role: deployment.client(user, version=VERSION)
                        for role, user in ROLE_USERS.items()}
        self.creators = {scope: deployment.client(user, version=VERSION)
                         for scope, user in CREATORS.items()}
        self.resources = {scope: {kind: self.create(kind, scope)
                                  for kind in CREATE}
                          for scope in CREATORS}
        for resources in self.resources.values():
            resources['request'] = self._request(resources)

    def create(self, kind, scope):
        path, body = CREATE[kind]
        return self.creators[scope].post(path, body()).json()

    def _request(self, resources):
        board = resources['board']
        request_uuid = str(uuid.uuid4())
        engine = sa.create_engine(self.deployment.database_url,
                                  poolclass=sa.pool.NullPool)
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        with engine.begin() as conn:
            conn.execute(sa.text(
                'INSERT INTO requests (uuid, destination_uuid, '
                'main_request_uuid, pending_requests, project, status, '
                "type, action, created_at) VALUES (:u, :d, NULL, 0, :p, "
                "'COMPLETED', 0, 'DevicePing', :t)"),
                {'u': request_uuid, 'd': board['uuid'],
                 'p': board['project'], 't': now})
            conn.execute(sa.text(
                'INSERT INTO results (board_uuid, request_uuid, result, '
                "message, created_at) VALUES (:b, :r, 'SUCCESS', 'pong', "
                ':t)'), {'b': board['uuid'], 'r': request_uuid, 't': now})
        engine.dispose()
        return {'uuid': request_uuid}

    def path(self, template, scope, fresh):
        """The endpoint's path on ``scope``'s resources (new ones when
        the call may destroy them)."""
        resources = self.resources[scope]
        own = self.resources['own']
        values = {'project': self.resources['other']['board']['project'],
                  'own_plugin': own['plugin']['uuid'],
                  'own_service': own['service']['uuid']}
        for kind in ('board', 'plugin', 'service', 'fleet', 'request'):
            if f'{{{kind}}}' in template:
                resource = (self.create(kind, scope) if fresh
                            else resources[kind])
                values[kind] = resource['uuid']
        return template.format(**values)

    def body(self, template):
        if template is None:
            return None
        own = self.resources['own']
        values = {'$unique': _unique, '$own_plugin':
                  lambda: own['plugin']['uuid']}
        return {key: values[value]() if isinstance(value, str)
                and value in values else value
                for key, value in template.items()}


@pytest.mark.parametrize('endpoint', _cases())
def test_rbac_matrix(iotronic, endpoint):
    world = World(iotronic)
    profile = MATRIX['profiles'][endpoint['profile']]
    differences = []
    for scope in profile:
        for role, client in world.clients.items():
            expected = _expected(endpoint, scope, role)
            path = world.path(endpoint['path'], scope,
                              endpoint.get('fresh', False))
            response = client(endpoint['method'], path,
                              world.body(endpoint.get('body')))
            if response.status_code != expected:
                differences.append(
                    f'{role} on {scope}: {response.status_code}, expected '
                    f'{expected} ({response.text[:160]})')
            assert response.status_code < 500, response.text
    assert not differences, '\n'.join(differences)


def _normal(path):
    return re.sub(r'\{[^}]+\}', '{}', path.split('?')[0])


def test_the_matrix_covers_every_endpoint():
    served = {(verb.upper(), _normal(path))
              for path, operations in openapi.document('http://x')[
                  'paths'].items() for verb in operations}
    covered = {(e['method'], _normal(e['path']))
               for e in MATRIX['endpoints']}
    assert served - covered == set()

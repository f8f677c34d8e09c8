"""IoTronic as deployed: iotronic-api behind a real Keystone, and
iotronic-conductor behind a real RabbitMQ, on a real MariaDB database.

Started once per test session, as separate processes, from the console
scripts an operator runs; every test starts with the database emptied.
"""

import json
import subprocess
import uuid

import pytest
import requests
import sqlalchemy as sa

from iotronic.tests import fixtures as iotronic_fixtures
from iotronic.tests.functional import keystone as keystone_peer
from iotronic.tests.functional import services

BIN = services.BIN
RPC_TIMEOUT = 5


@pytest.fixture(scope='session')
def keystone(tmp_path_factory):
    server = keystone_peer.Keystone(tmp_path_factory.mktemp('keystone'))
    try:
        server.start()
    except subprocess.CalledProcessError as e:
        pytest.fail(f'Keystone could not be set up: {e}\n'
                    f'{e.stderr.decode(errors="replace")[-2000:]}')
    yield server
    server.stop()


@pytest.fixture(scope='session')
def rabbitmq():
    with services.RabbitVirtualHost('api') as vhost:
        yield vhost.url


class Deployment:
    """The processes of one IoTronic deployment, and how to reach them."""

    def __init__(self, workdir, database_url, keystone, rabbit_url):
        self.workdir = workdir
        self.keystone = keystone
        self.database_url = database_url
        self.port = services.free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.conductor_host = f'conductor-{uuid.uuid4().hex[:8]}'
        self.config = workdir / 'iotronic.conf'
        self.config.write_text(f'''
[DEFAULT]
host = {self.conductor_host}
auth_strategy = keystone
transport_url = {rabbit_url}
[database]
connection = {database_url}
[api]
host_ip = 127.0.0.1
port = {self.port}
[conductor]
rpc_timeout = {RPC_TIMEOUT}
heartbeat_interval = 2
[keystone_authtoken]
www_authenticate_uri = {keystone.url}
auth_url = {keystone.url}
auth_type = password
username = iotronic
password = {keystone_peer.PASSWORD}
project_name = service
user_domain_id = default
project_domain_id = default
''')
        self.api = None
        self.conductor = None

    def _service(self, name):
        return services.ServiceProcess(
            name, [BIN / name, '--config-file', self.config], self.workdir)

    def start_conductor(self):
        self.conductor = self._service('iotronic-conductor').start()
        self.conductor.wait_for_log('serving topic')

    def stop_conductor(self):
        return self.conductor.stop()

    def start(self):
        subprocess.run([BIN / 'iotronic-dbsync', '--config-file',
                        self.config, 'upgrade'], check=True, timeout=120,
                       capture_output=True)
        self.start_conductor()
        self.api = self._service('iotronic-api').start()
        self.api.wait_for_port(self.port)
        return self

    def stop(self):
        for process in (self.api, self.conductor):
            if process is not None:
                process.stop()

    def client(self, user=None, version=None):
        return ApiClient(self.url, self.keystone.token(user)
                         if user else None, version)


class ApiClient:
    """HTTP calls to the API as one Keystone user."""

    def __init__(self, url, token, version=None):
        self.url = url
        self.session = requests.Session()
        if token:
            self.session.headers['X-Auth-Token'] = token
        if version:
            self.session.headers['X-OpenStack-Iotronic-API-Version'] = version

    def __call__(self, method, path, body=None, status=None, **kwargs):
        response = self.session.request(method, self.url + path, json=body,
                                        timeout=30, **kwargs)
        if status is not None:
            assert response.status_code == status, (
                method, path, response.status_code, response.text[:500])
        return response

    def get(self, path, status=200):
        return self('GET', path, status=status)

    def post(self, path, body, status=201):
        return self('POST', path, body, status=status)

    def patch(self, path, body, status=200):
        return self('PATCH', path, body, status=status)

    def delete(self, path, status=204):
        return self('DELETE', path, status=status)


def fault(response):
    """upstream's error body: the faultstring inside error_message."""
    return json.loads(response.json()['error_message'])['faultstring']


@pytest.fixture(scope='session')
def deployment(tmp_path_factory, keystone, rabbitmq, mariadb_server):
    with services.ThrowawayDatabase(mariadb_server, 'api') as db:
        running = Deployment(tmp_path_factory.mktemp('iotronic'),
                             db.url_string, keystone, rabbitmq)
        try:
            running.start()
            keystone.register_iotronic(running.url)
            yield running
        finally:
            running.stop()


@pytest.fixture
def iotronic(deployment):
    """The deployment, its database emptied of resources."""
    engine = sa.create_engine(deployment.database_url,
                              poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        iotronic_fixtures.delete_all_rows(
            conn, keep=('conductors', 'wampagents'))
    engine.dispose()
    return deployment

"""The API as deployed: Keystone tokens in, RabbitMQ to the conductor,
MariaDB underneath. What unit tests cannot show: real tokens and roles,
writes crossing the bus to another process, and failures of that process.
"""

import pytest

from iotronic.tests.functional.api.conftest import fault
from iotronic.tests.functional.api.conftest import RPC_TIMEOUT

CREATE = {
    'boards': {'name': 'gw-1', 'code': 'REG-1', 'type': 'gateway',
               'location': [{'latitude': '38.1', 'longitude': '15.6',
                             'altitude': '3'}]},
    'plugins': {'name': 'echo', 'code': 'def main(p):\n    return p\n'},
    'services': {'name': 'ssh', 'port': 22, 'protocol': 'TCP'},
    'fleets': {'name': 'lab', 'description': 'bench'},
}
CHANGE = {'boards': {'type': 'sensor'}, 'plugins': {'public': True},
          'services': {'port': 2222}, 'fleets': {'description': 'moved'}}


def test_public_routes_and_authentication(iotronic):
    anonymous = iotronic.client()
    assert anonymous.get('/').json()['default_version']['id'] == 'v1'
    assert 'boards' in anonymous.get('/v1').json()
    assert anonymous.get('/v1/openapi.json').json()['openapi'].startswith(
        '3.')
    anonymous.get('/healthcheck')
    response = anonymous.get('/v1/boards', status=401)
    assert fault(response)
    forged = iotronic.client()
    forged.session.headers['X-Auth-Token'] = 'not-a-token'
    forged.get('/v1/boards', status=401)
    # Identity headers from the client are not believed under keystone.
    spoofed = iotronic.client('erin')
    spoofed.session.headers.update({'X-Roles': 'admin',
                                    'X-Project-Id': 'anything'})
    spoofed.post('/v1/fleets', {'name': 'x'}, status=403)


@pytest.mark.parametrize('resource', sorted(CREATE))
def test_lifecycle_over_rabbitmq(iotronic, resource):
    alice = iotronic.client('alice', version='latest')
    created = alice.post(f'/v1/{resource}', CREATE[resource]).json()
    assert created['project'] == iotronic.keystone.project_id('iot-a')
    uuid = created['uuid']
    assert [i['uuid'] for i in alice.get(f'/v1/{resource}').json()[
        resource]] == [uuid]
    changed = alice.patch(f'/v1/{resource}/{uuid}', CHANGE[resource]).json()
    for key, value in CHANGE[resource].items():
        assert changed[key] == value
    duplicate = dict(CREATE[resource])
    if resource == 'boards':
        duplicate['code'] = 'REG-2'
    message = fault(alice.post(f'/v1/{resource}', duplicate, status=409))
    # The conductor's error, without its remote traceback or SQL.
    assert message == (f'A {resource[:-1]} with name '
                       f'{duplicate["name"]} already exists in this project.')
    alice.delete(f'/v1/{resource}/{uuid}')
    alice.get(f'/v1/{resource}/{uuid}', status=404)


def test_roles_and_projects_with_real_tokens(iotronic):
    alice, bob, carol = (iotronic.client(u, version='latest')
                         for u in ('alice', 'bob', 'carol'))
    legacy, dave = (iotronic.client(u, version='latest')
                    for u in ('legacy', 'dave'))
    board = alice.post('/v1/boards', CREATE['boards']).json()
    # Upstream's manager_iot_project role manages boards as before.
    legacy.patch(f'/v1/boards/{board["uuid"]}', {'type': 'legacy'})
    # Members and readers see the board, not its registration code.
    for user in (bob, carol):
        shown = user.get(f'/v1/boards/{board["uuid"]}').json()
        assert 'code' not in shown and shown['type'] == 'legacy'
        user.patch(f'/v1/boards/{board["uuid"]}', {'type': 'x'}, status=403)
    assert alice.get(f'/v1/boards/{board["uuid"]}').json()['code'] == (
        'REG-1')
    bob.post('/v1/plugins', CREATE['plugins'])
    carol.post('/v1/plugins', dict(CREATE['plugins'], name='c'), status=403)
    # Another project: nothing exists.
    for ident in (board['uuid'], board['name']):
        dave.get(f'/v1/boards/{ident}', status=404)
        dave.patch(f'/v1/boards/{ident}', {'type': 'x'}, status=404)
        dave.delete(f'/v1/boards/{ident}', status=404)
    assert dave.get('/v1/boards').json()['boards'] == []
    assert dave.get('/v1/plugins').json()['plugins'] == []
    dave.get(f'/v1/boards?project={board["project"]}', status=403)


def test_a_dead_conductor_is_a_503_not_a_hang(iotronic):
    alice = iotronic.client('alice')
    assert iotronic.stop_conductor() == 0, iotronic.conductor.log()
    try:
        response = alice('POST', '/v1/fleets', {'name': 'nobody-home'})
        assert response.status_code == 503, response.text
        assert 'conductor' in fault(response)
        # Reads do not need the conductor.
        alice.get('/v1/fleets')
    finally:
        iotronic.start_conductor()
    assert response.elapsed.total_seconds() < RPC_TIMEOUT + 5
    alice.post('/v1/fleets', {'name': 'back'})

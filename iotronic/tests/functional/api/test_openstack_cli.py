"""``openstack iot ...`` against the deployed API behind a real Keystone.

The CLI authenticates with a password, finds IoTronic in the catalog
(service type ``iot``), negotiates the API version and prints tables,
JSON and the API's own error messages.
"""

import pytest

from iotronic.tests.functional import keystone as keystone_peer
from iotronic.tests.functional import services


@pytest.fixture
def openstack(iotronic, tmp_path):
    cli = services.OpenStackCLI(
        tmp_path, OS_AUTH_URL=iotronic.keystone.url, OS_USERNAME='alice',
        OS_PASSWORD=keystone_peer.PASSWORD, OS_PROJECT_NAME='iot-a',
        OS_USER_DOMAIN_ID='default', OS_PROJECT_DOMAIN_ID='default',
        OS_IDENTITY_API_VERSION='3', OS_INTERFACE='public')

    def as_user(user):
        project = keystone_peer.USERS[user][0]
        return {'OS_USERNAME': user, 'OS_PROJECT_NAME': project}
    cli.as_user = as_user
    return cli


def test_boards(openstack):
    created = openstack('iot', 'board', 'create', 'gw-1', '--code', 'REG-1',
                        '--type', 'gateway', '--mobile', '--latitude',
                        '38.11', '--longitude', '15.65', '--extra',
                        'rack=4', '-f', 'json')
    assert created['name'] == 'gw-1' and created['mobile'] is True
    assert created['extra'] == {'rack': '4'}
    assert created['location'][0]['latitude'] == '38.11'
    table = openstack('iot', 'board', 'list')
    assert '| UUID ' in table and 'gw-1' in table and 'registered' in table
    assert 'REG-1' not in table
    assert openstack('iot', 'board', 'list', '-f', 'value', '-c',
                     'Name') == 'gw-1\n'
    openstack('iot', 'board', 'set', 'gw-1', '--type', 'sensor',
              '--no-mobile', '--extra', 'row=B')
    shown = openstack('iot', 'board', 'show', 'gw-1', '-f', 'json')
    assert (shown['type'], shown['mobile']) == ('sensor', False)
    assert shown['extra'] == {'rack': '4', 'row': 'B'}
    assert shown['code'] == 'REG-1'
    openstack('iot', 'board', 'unset', 'gw-1', '--type', '--extra', 'rack')
    shown = openstack('iot', 'board', 'show', 'gw-1', '--fields', 'type',
                      'extra', '-f', 'json')
    assert (shown['type'], shown['extra']) == (None, {'row': 'B'})
    assert 'mobile' not in shown
    assert openstack('iot', 'board', 'list', '--status', 'online', '-f',
                     'value') == ''
    assert openstack('iot', 'board', 'list', '--long', '-f', 'json')[0][
        'Location'][0]['longitude'] == '15.65'

    # The API's own message, not a traceback.
    assert 'already exists' in openstack.error(
        'iot', 'board', 'create', 'gw-1', '--code', 'REG-2')
    assert 'could not be found' in openstack.error(
        'iot', 'board', 'show', 'gw-1', env=openstack.as_user('dave'))
    assert 'Access was denied' in openstack.error(
        'iot', 'board', 'delete', 'gw-1',
        env=openstack.as_user('carol'))
    error = openstack.error('iot', 'board', 'delete', 'gw-1', 'missing')
    assert 'Failed to delete 1 of 2 boards' in error
    assert 'gw-1' not in openstack('iot', 'board', 'list')


def test_paging_follows_next_links(openstack):
    for n in range(5):
        openstack('iot', 'board', 'create', f'b{n}', '--code', f'C{n}')
    names = openstack('iot', 'board', 'list', '--sort', 'name:desc', '-f',
                      'value', '-c', 'Name').split()
    assert names == ['b4', 'b3', 'b2', 'b1', 'b0']
    assert openstack('iot', 'board', 'list', '--limit', '2', '--sort',
                     'name', '-f', 'value', '-c', 'Name').split() == [
        'b0', 'b1']


def test_plugins(openstack, tmp_path):
    code = tmp_path / 'echo.py'
    code.write_text('def main(params):\n    return params\n')
    parameters = tmp_path / 'params.json'
    parameters.write_text('{"greeting": "hello"}')
    created = openstack('iot', 'plugin', 'create', 'echo', '--code-file',
                        code, '--callable', '--parameters-file', parameters,
                        '-f', 'json')
    assert created['code'] == code.read_text()
    assert created['parameters'] == {'greeting': 'hello'}
    assert created['callable'] is True and created['public'] is False
    openstack('iot', 'plugin', 'set', 'echo', '--public')
    dave = openstack.as_user('dave')
    assert 'echo' in openstack('iot', 'plugin', 'list', '--public', env=dave)
    assert 'echo' not in openstack('iot', 'plugin', 'list', env=dave)
    assert 'echo' in openstack('iot', 'plugin', 'list', '--with-public',
                               env=dave)
    assert 'not JSON' in openstack.error(
        'iot', 'plugin', 'create', 'bad', '--code-file', code,
        '--parameters-file', code)
    assert 'Cannot read' in openstack.error(
        'iot', 'plugin', 'create', 'bad', '--code-file', tmp_path / 'none')
    openstack('iot', 'plugin', 'delete', 'echo')
    assert 'echo' not in openstack('iot', 'plugin', 'list')


def test_services_fleets_and_requests(openstack):
    created = openstack('iot', 'service', 'create', 'ssh', '--port', '22',
                        '-f', 'json')
    assert (created['port'], created['protocol']) == (22, 'TCP')
    openstack('iot', 'service', 'set', 'ssh', '--port', '2222')
    assert openstack('iot', 'service', 'show', 'ssh', '-f',
                     'json')['port'] == 2222
    assert 'ssh' not in openstack('iot', 'service', 'list',
                                  env=openstack.as_user('dave'))
    assert "invalid choice" in openstack.error(
        'iot', 'service', 'create', 'x', '--port', '1', '--protocol', 'SCTP')
    openstack('iot', 'service', 'delete', 'ssh')

    fleet = openstack('iot', 'fleet', 'create', 'lab', '--description',
                      'bench', '-f', 'json')
    openstack('iot', 'board', 'create', 'gw-2', '--code', 'REG-2',
              '--fleet', 'lab')
    openstack('iot', 'board', 'create', 'gw-3', '--code', 'REG-3')
    in_fleet = openstack('iot', 'fleet', 'board', 'list', 'lab', '-f',
                         'json')
    assert [(b['Name'], b['Fleet']) for b in in_fleet] == [
        ('gw-2', fleet['uuid'])]
    openstack('iot', 'fleet', 'set', 'lab', '--description', 'moved')
    assert openstack('iot', 'fleet', 'show', 'lab', '-f',
                     'json')['description'] == 'moved'
    openstack('iot', 'fleet', 'delete', 'lab')
    assert openstack('iot', 'board', 'show', 'gw-2', '-f',
                     'json')['fleet'] is None

    # Nothing was sent to a board yet.
    assert openstack('iot', 'request', 'list', '-f', 'json') == []


def test_api_version_negotiation(openstack):
    assert openstack('--os-iot-api-version', '1.2', 'iot', 'board', 'list',
                     '-f', 'json') == []
    error = openstack.error('--os-iot-api-version', '1.99', 'iot', 'board',
                            'list')
    assert 'not supported by the server' in error

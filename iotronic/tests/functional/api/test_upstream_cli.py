"""The unmodified upstream CLI (python-iotronicclient 0.4.7) against our API.

It authenticates with Keystone, finds IoTronic in the catalog (service
type ``iot``), negotiates the API version after a 406 and parses our
answers and errors, exactly as it did against upstream IoTronic.
"""

import json
import os
import subprocess

import pytest

from iotronic.tests.functional import keystone as keystone_peer


@pytest.fixture
def cli(iotronic, tmp_path):
    binary = keystone_peer.peer_bin('iotronicclient', 'iotronic')
    env = dict(os.environ, HOME=str(tmp_path), LANG='C.UTF-8',
               OS_AUTH_URL=iotronic.keystone.url, OS_USERNAME='alice',
               OS_PASSWORD=keystone_peer.PASSWORD, OS_PROJECT_NAME='iot-a',
               OS_USER_DOMAIN_ID='default', OS_PROJECT_DOMAIN_ID='default',
               PYTHONWARNINGS='ignore')

    def run(*args, user='alice', json_output=False, expect_ok=True):
        project = keystone_peer.USERS[user][0]
        argv = [binary, '--max-retries', '0']
        if json_output:
            argv.append('--json')
        result = subprocess.run(
            argv + [str(a) for a in args], capture_output=True, text=True,
            timeout=60, env=dict(env, OS_USERNAME=user,
                                 OS_PROJECT_NAME=project))
        if expect_ok:
            assert result.returncode == 0, (args, result.stdout,
                                            result.stderr[-2000:])
            return (json.loads(result.stdout) if json_output
                    else result.stdout)
        assert result.returncode != 0, (args, result.stdout)
        return result.stderr
    return run


def test_boards(cli):
    created = cli('board-create', 'gw-1', 'REG-1', 'gateway', '38.11',
                  '15.65', '3', '--mobile', '-e', 'rack=4', json_output=True)
    assert created['name'] == 'gw-1' and created['mobile'] is True
    assert created['location'][0]['latitude'] == '38.11'
    # The client itself turns "4" into a number.
    assert created['extra'] == {'rack': 4}
    listed = cli('board-list')
    assert 'gw-1' in listed and 'registered' in listed
    assert 'REG-1' not in listed
    shown = cli('board-show', 'gw-1', json_output=True)
    assert shown['uuid'] == created['uuid'] and shown['code'] == 'REG-1'
    cli('board-update', 'gw-1', 'type=sensor', 'mobile=False')
    shown = cli('board-show', created['uuid'], json_output=True)
    assert shown['type'] == 'sensor' and shown['mobile'] is False
    fields = cli('board-show', 'gw-1', '--fields', 'name', 'status',
                 json_output=True)
    assert fields['name'] == 'gw-1' and 'type' not in fields
    # Errors reach the user as upstream's CLI prints them.
    error = cli('board-update', 'gw-1', 'status=online', expect_ok=False)
    assert 'status' in error
    assert 'gw-1' in cli('board-show', 'gw-1', user='bob')
    error = cli('board-show', 'gw-1', user='dave', expect_ok=False)
    assert 'could not be found' in error
    assert 'Deleted board gw-1' in cli('board-delete', 'gw-1')
    assert 'gw-1' not in cli('board-list')


def test_plugins(cli, iotronic, tmp_path):
    source = tmp_path / 'echo.py'
    source.write_text('def main(params):\n    return params\n')
    params = tmp_path / 'params.json'
    params.write_text('{"greeting": "hello"}')
    created = cli('plugin-create', 'echo', source, '--callable',
                  '--params', params, json_output=True)
    assert created['callable'] is True
    # 0.4.7 cannot show parameters, but it sent them.
    assert iotronic.client('alice').get('/v1/plugins/echo').json()[
        'parameters'] == {'greeting': 'hello'}
    assert created['code'] == source.read_text()
    assert 'echo' in cli('plugin-list')
    cli('plugin-update', 'echo', 'public=True')
    assert cli('plugin-show', 'echo', json_output=True)['public'] is True
    assert 'echo' in cli('plugin-list', '--public', user='dave')
    assert 'echo' not in cli('plugin-list', user='dave')
    assert 'echo' in cli('plugin-list', '--with-publics', user='dave')
    cli('plugin-delete', 'echo')
    assert 'echo' not in cli('plugin-list')


def test_services(cli):
    created = cli('service-create', 'ssh', '22', 'TCP', json_output=True)
    assert (created['port'], created['protocol']) == (22, 'TCP')
    assert 'ssh' in cli('service-list')
    cli('service-update', 'ssh', 'port=2222')
    assert cli('service-show', 'ssh', json_output=True)['port'] == 2222
    assert 'ssh' not in cli('service-list', user='dave')
    cli('service-delete', 'ssh')
    assert 'ssh' not in cli('service-list')


def test_fleets(cli):
    created = cli('fleet-create', 'lab', '--description', 'bench',
                  json_output=True)
    assert created['description'] == 'bench'
    cli('board-create', 'gw-2', 'REG-2', 'gateway', '1', '2', '3',
        '--fleet', created['uuid'])
    assert 'gw-2' in cli('boards-in-fleet', 'lab')
    cli('fleet-update', 'lab', 'description=moved')
    assert cli('fleet-show', 'lab', json_output=True)['description'] == (
        'moved')
    assert 'lab' not in cli('fleet-list', user='dave')
    cli('fleet-delete', 'lab')
    assert 'lab' not in cli('fleet-list')
    assert cli('board-show', 'gw-2', json_output=True)['fleet'] is None


def test_paging_options(cli):
    for n in range(5):
        cli('fleet-create', f'f{n}')
    assert [f['name'] for f in cli('fleet-list', '--limit', '2',
                                   '--sort-key', 'name', '--sort-dir',
                                   'desc', json_output=True)] == ['f4', 'f3']
    every = cli('fleet-list', '--limit', '0', json_output=True)
    assert len(every) == 5
    detail = cli('fleet-list', '--detail', json_output=True)
    assert 'created_at' in detail[0]

"""iotronic-dbsync and iotronic-aio as an operator runs them."""

import os
import subprocess
import time

import pytest
import requests

from iotronic.db.sqlalchemy import migration
from iotronic.tests.functional import services

BIN = services.BIN


def run(command, *args, config=None, cwd=None):
    argv = [str(BIN / command)]
    if config is not None:
        argv += ['--config-file', str(config)]
    argv += list(args)
    return subprocess.run(argv, capture_output=True, text=True, timeout=120,
                          cwd=cwd, env=dict(os.environ, LANG='C.UTF-8'))


def write_config(tmp_path, connection):
    path = tmp_path / 'iotronic.conf'
    path.write_text(f'[database]\nconnection = {connection}\n')
    return path


@pytest.fixture(params=['sqlite', 'mariadb'])
def database_url(request, tmp_path):
    if request.param == 'sqlite':
        return f'sqlite:///{tmp_path}/state/iotronic.sqlite'
    return request.getfixturevalue('throwaway_mariadb')('dbsync').url_string


def test_upgrade_then_version_prints_head(tmp_path, database_url):
    config = write_config(tmp_path, database_url)
    before = run('iotronic-dbsync', 'version', config=config)
    assert before.returncode == 0, before.stderr
    assert before.stdout.strip() == 'None'

    upgrade = run('iotronic-dbsync', 'upgrade', config=config)
    assert upgrade.returncode == 0, upgrade.stderr
    version = run('iotronic-dbsync', 'version', config=config)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == migration.head()


def test_create_schema_then_stamp(tmp_path, database_url):
    config = write_config(tmp_path, database_url)
    created = run('iotronic-dbsync', 'create_schema', config=config)
    assert created.returncode == 0, created.stderr
    assert run('iotronic-dbsync', 'version',
               config=config).stdout.strip() == migration.head()

    again = run('iotronic-dbsync', 'create_schema', config=config)
    assert again.returncode == 1
    assert 'already has a schema' in again.stderr

    # Upgrading a database created from the models is a no-op.
    upgrade = run('iotronic-dbsync', 'upgrade', config=config)
    assert upgrade.returncode == 0, upgrade.stderr


def _assert_one_line_error(result, *expected):
    assert result.returncode == 1
    assert 'Traceback' not in result.stderr
    errors = [line for line in result.stderr.splitlines()
              if line.startswith('iotronic-dbsync: error:')]
    assert len(errors) == 1, result.stderr
    for text in expected:
        assert text in errors[0]
    return errors[0]


def test_unreachable_database_is_one_line_without_password(tmp_path):
    config = write_config(
        tmp_path, 'mysql+pymysql://iotronic:s3cr3t-pw@127.0.0.1:9/iotronic')
    result = run('iotronic-dbsync', 'upgrade', config=config)
    line = _assert_one_line_error(result, 'cannot connect',
                                  'iotronic:***@127.0.0.1:9')
    assert 's3cr3t-pw' not in result.stderr + result.stdout
    assert line


@pytest.mark.parametrize('url,expected', [
    ('not a url', 'invalid [database] connection'),
    ('nosuchdb://host/db', "Can't load plugin"),
])
def test_wrong_url_is_one_line(tmp_path, url, expected):
    result = run('iotronic-dbsync', 'version',
                 config=write_config(tmp_path, url))
    _assert_one_line_error(result, expected)


def test_unknown_revision_is_one_line(tmp_path):
    config = write_config(tmp_path, f'sqlite:///{tmp_path}/db.sqlite')
    result = run('iotronic-dbsync', 'upgrade', '--revision', 'deadbeef',
                 config=config)
    _assert_one_line_error(result, 'deadbeef')


def _all_in_one(tmp_path, port, *args):
    config = tmp_path / 'aio.conf'
    config.write_text(f'[api]\nport = {port}\n')
    return services.ServiceProcess(
        'all-in-one', [BIN / 'iotronic-aio', '--config-file', config,
                       '--wamp-port', services.free_port(), *args],
        tmp_path, cwd=tmp_path)


def test_all_in_one_serves_the_api_on_its_embedded_database(tmp_path):
    port = services.free_port()
    base = f'http://127.0.0.1:{port}'
    with _all_in_one(tmp_path, port) as first:
        first.wait_for_port(port)
        assert (f'migrated from revision (empty) to {migration.head()}'
                in first.log())
        created = requests.post(f'{base}/v1/fleets', json={'name': 'lab'},
                                timeout=10)
        assert created.status_code == 201, created.text
        assert created.json()['project'] == 'noauth'
        assert requests.get(f'{base}/healthcheck',
                            timeout=10).status_code == 200
        assert first.stop() == 0, first.log()
    assert (tmp_path / '.state' / 'iotronic.sqlite').is_file()

    with _all_in_one(tmp_path, port) as second:
        second.wait_for_port(port)
        assert f'up to date at revision {migration.head()}' in second.log()
        fleets = requests.get(f'{base}/v1/fleets', timeout=10).json()
        assert [f['name'] for f in fleets['fleets']] == ['lab']


def test_all_in_one_with_a_simulated_board_that_answers(tmp_path):
    """What ``make run`` promises: a board online that answers."""
    port = services.free_port()
    base = f'http://127.0.0.1:{port}'
    with _all_in_one(tmp_path, port, '--boards', '1') as aio:
        aio.wait_for_port(port)
        assert 'board-0' in aio.log() and 'DevicePing' in aio.log()
        deadline = time.monotonic() + 30
        while True:
            boards = requests.get(f'{base}/v1/boards', timeout=10).json()
            if [b['status'] for b in boards['boards']] == ['online']:
                break
            assert time.monotonic() < deadline, (boards, aio.log()[-3000:])
            time.sleep(0.2)
        answer = requests.post(f'{base}/v1/boards/board-0/action',
                               json={'action': 'DevicePing'}, timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.json()['result'] == 'SUCCESS'
        assert aio.stop() == 0, aio.log()[-3000:]
        # Ctrl-C stopped everything, the router and the boards included.
        assert not services.port_answers(port)

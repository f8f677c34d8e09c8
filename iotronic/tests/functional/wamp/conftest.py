"""A whole IoTronic on real services, with boards: the board link.

MariaDB, RabbitMQ and Crossbar are real; the API, two conductors, two
wamp agents and the board agents run as the processes an operator
starts, from their console scripts. The API runs without Keystone here
(the API suite covers authentication); everything below it is as
deployed. Timers are short so that failures are seen in seconds.
"""

import pathlib
import subprocess
import time
import uuid

import pytest
import requests
import sqlalchemy as sa

from iotronic.tests import fixtures as iotronic_fixtures
from iotronic.tests.functional import services
from iotronic.wamp import router as wamp_router

BIN = services.BIN
# Seconds: how long anything in these tests may take to be seen.
PRESENCE_DEADLINE = 5
BOARD_CALL_TIMEOUT = 3


@pytest.fixture(scope='session')
def crossbar_executable():
    try:
        return wamp_router.find_crossbar()
    except FileNotFoundError as e:
        services.unavailable('Crossbar', str(e))


class Stack:
    """The processes of one deployment; any of them can be killed."""

    def __init__(self, workdir, database_url, crossbar_executable,
                 rabbit_url, extra_config=''):
        self.workdir = pathlib.Path(workdir)
        self.database_url = database_url
        self.port = services.free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.router = wamp_router.CrossbarRouter(
            self.workdir / 'crossbar', services.free_port(),
            executable=crossbar_executable)
        self.config = self.workdir / 'iotronic.conf'
        self.config.write_text(f'''
[DEFAULT]
auth_strategy = noauth
transport_url = {rabbit_url}
[database]
connection = {database_url}
[api]
host_ip = 127.0.0.1
port = {self.port}
[conductor]
rpc_timeout = 30
heartbeat_interval = 1
heartbeat_timeout = 4
periodic_interval = 1
[wamp]
router_url = {self.router.url}
agent_heartbeat_interval = 1
agent_heartbeat_timeout = 4
board_call_timeout = {BOARD_CALL_TIMEOUT}
procedure_wait_timeout = 5
reconnect_max_delay = 2
[lightningrod]
registration_url = {self.router.url}
keepalive_interval = 1
call_timeout = 5
reconnect_max_delay = 2
action_delay = 0
reboot_command = true
plugin_call_timeout = 2
plugin_stop_grace = 2
package_managers = pip:/bin/echo pip
upgrade_command = /bin/echo,upgrading
''' + extra_config)
        self.processes = {}
        self.http = requests.Session()

    def _start(self, name, command, host=None, extra=()):
        argv = [BIN / command, '--config-file', self.config]
        if host is not None:
            host_config = self.workdir / f'{name}.conf'
            host_config.write_text(f'[DEFAULT]\nhost = {host}\n')
            argv += ['--config-file', host_config]
        process = services.ServiceProcess(name, argv + list(extra),
                                          self.workdir).start()
        self.processes[name] = process
        return process

    def start_conductor(self, host):
        return self._start(host, 'iotronic-conductor', host).wait_for_log(
            'serving topic')

    def start_agent(self, host):
        return self._start(host, 'iotronic-wamp-agent', host).wait_for_log(
            f'{host} joined realm')

    def start_board(self, name, code):
        home = self.workdir / 'boards' / name
        home_config = self.workdir / f'{name}-home.conf'
        home_config.write_text(f'[lightningrod]\nhome = {home}\n')
        return self._start(name, 'iotronic-lightning-rod', extra=(
            '--config-file', home_config, '--code', code))

    def stop(self, name):
        return self.processes.pop(name).stop()

    def kill(self, name):
        process = self.processes.pop(name)
        process.process.kill()
        process.process.wait()
        process.stop()

    def start(self):
        subprocess.run([BIN / 'iotronic-dbsync', '--config-file',
                        self.config, 'upgrade'], check=True, timeout=120,
                       capture_output=True)
        self.router.start()
        self.start_conductor('conductor-a')
        self.start_conductor('conductor-b')
        self.start_agent('agent-a')
        self.start_agent('agent-b')
        self._start('api', 'iotronic-api').wait_for_port(self.port)
        return self

    def shutdown(self):
        # Boards first, conductors last: what is stopping still reports.
        for name in reversed(list(self.processes)):
            self.stop(name)
        self.router.stop()

    # The REST API.

    def call(self, method, path, body=None, status=None):
        response = self.http.request(method, self.url + path, json=body,
                                     timeout=60)
        if status is not None:
            assert response.status_code == status, (
                method, path, response.status_code, response.text[:800])
        return response

    def board(self, ident):
        return self.call('GET', f'/v1/boards/{ident}', status=200).json()

    def action(self, board, action, parameters=None, status=200):
        body = {'action': action}
        if parameters is not None:
            body['parameters'] = parameters
        return self.call('POST', f'/v1/boards/{board}/action', body,
                         status=status)

    def enrol(self, name, **fields):
        code = f'code-{uuid.uuid4().hex}'
        self.call('POST', '/v1/boards', dict(name=name, code=code, **fields),
                  status=201)
        return code

    def wait_new_session(self, board, old, timeout=30):
        """The board once it is online again under a session not ``old``."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.board(board)
            if seen['status'] == 'online' and seen['session'] not in (
                    old, None):
                return seen
            assert time.monotonic() < deadline, (
                f'{board} not back online after {timeout}s: {seen}')
            time.sleep(0.2)

    def wait_status(self, board, status, timeout=PRESENCE_DEADLINE):
        """Seconds until ``board`` shows ``status`` in the API."""
        start = time.monotonic()
        while True:
            seen = self.board(board)
            if seen['status'] == status:
                return time.monotonic() - start, seen
            if time.monotonic() - start > timeout:
                logs = '\n'.join(f'--- {n}\n{p.log()[-3000:]}'
                                 for n, p in self.processes.items())
                raise AssertionError(f'{board} is {seen["status"]}, not '
                                     f'{status}, after {timeout}s\n{logs}')
            time.sleep(0.1)


@pytest.fixture(scope='module')
def stack(tmp_path_factory, mariadb_server, crossbar_executable):
    with services.RabbitVirtualHost('link') as vhost, \
            services.ThrowawayDatabase(mariadb_server, 'link') as db:
        running = Stack(tmp_path_factory.mktemp('link'), db.url_string,
                        crossbar_executable, vhost.url)
        try:
            yield running.start()
        finally:
            running.shutdown()


@pytest.fixture
def link(stack):
    """The stack, with no boards (and so no board agents) left."""
    for name in [n for n in stack.processes if n.startswith('board')]:
        stack.stop(name)
    engine = sa.create_engine(stack.database_url,
                              poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        iotronic_fixtures.delete_all_rows(
            conn, keep=('conductors', 'wampagents'))
    engine.dispose()
    return stack

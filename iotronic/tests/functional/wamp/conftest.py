"""A whole IoTronic on real services, with boards: the board link.

MariaDB, RabbitMQ and Crossbar are real; the API, two conductors, two
wamp agents and the board agents run as the processes an operator
starts, from their console scripts. The API runs without Keystone here
(the API suite covers authentication); everything below it is as
deployed. Timers are short so that failures are seen in seconds.
"""

import asyncio
import json
import pathlib
import ssl
import subprocess
import time
from urllib import parse
import uuid

from autobahn.asyncio.wamp import ApplicationSession
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp import types
import pytest
import requests
import sqlalchemy as sa

from iotronic.common import tls
from iotronic.tests import fixtures as iotronic_fixtures
from iotronic.tests.functional import services
from iotronic.wamp import client as wamp_client
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


class Refused(Exception):
    """The router would not let the session join: its reason."""


async def join(url, on_join, credentials=None, realm='s4t', ca_file=None,
               serializers=None, timeout=10):
    """Join the router once as any client would and run ``on_join``.

    ``credentials`` as ``iotronic.wamp.client.Credentials``, or None for
    an anonymous join. Raises Refused when the router refuses the join.
    """
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    class Session(ApplicationSession):
        def onConnect(self):
            if credentials is None:
                self.join(realm)
            else:
                self.join(realm, authmethods=[credentials.method],
                          authid=credentials.authid)

        def onChallenge(self, challenge):
            return wamp_client.answer_challenge(credentials, challenge)

        async def onJoin(self, details):
            try:
                done.set_result(await on_join(self, details))
            except Exception as e:
                if not done.done():
                    done.set_exception(e)
            self.leave()

        def onLeave(self, details):
            if not done.done():
                done.set_exception(Refused(details.reason))
            self.disconnect()

    factory = WampWebSocketClientFactory(
        lambda: Session(types.ComponentConfig(realm=realm)), url=url,
        serializers=serializers)
    parts = parse.urlsplit(url)
    context = (ssl.create_default_context(cafile=ca_file)
               if parts.scheme == 'wss' else None)
    transport, _ = await loop.create_connection(
        factory, parts.hostname, parts.port, ssl=context)
    try:
        return await asyncio.wait_for(done, timeout)
    finally:
        transport.close()


class Stack:
    """The processes of one deployment; any of them can be killed."""

    def __init__(self, workdir, database_url, crossbar_executable,
                 rabbit_url, extra_config='', allow_legacy_boards=False,
                 use_tls=False):
        self.workdir = pathlib.Path(workdir)
        self.database_url = database_url
        self.port = services.free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.ca_file = None
        certificate = private_key = None
        if use_tls:
            paths = tls.make_test_ca(self.workdir / 'tls', ['127.0.0.1'])
            self.ca_file = paths[tls.CA_CERT]
            certificate = paths[tls.ROUTER_CERT]
            private_key = paths[tls.ROUTER_KEY]
        self.router = wamp_router.CrossbarRouter(
            self.workdir / 'crossbar', services.free_port(),
            executable=crossbar_executable,
            allow_legacy_boards=allow_legacy_boards,
            certificate=certificate, private_key=private_key)
        ca_line = f'ca_file = {self.ca_file}' if self.ca_file else ''
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
agent_secret = {self.router.agent_secret}
allow_legacy_boards = {allow_legacy_boards}
{ca_line}
agent_heartbeat_interval = 1
agent_heartbeat_timeout = 4
board_call_timeout = {BOARD_CALL_TIMEOUT}
procedure_wait_timeout = 5
reconnect_max_delay = 2
[lightningrod]
registration_url = {self.router.url}
{ca_line}
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

    def start_board(self, name, code, simulate=None):
        """A board agent: one board, or ``simulate`` boards with codes
        ``<code>-<n>``."""
        home = self.workdir / 'boards' / name
        home_config = self.workdir / f'{name}-home.conf'
        home_config.write_text(f'[lightningrod]\nhome = {home}\n')
        extra = ('--config-file', home_config, '--code', code)
        if simulate:
            extra += ('--simulate', str(simulate))
        return self._start(name, 'iotronic-lightning-rod', extra=extra)

    def stop(self, name):
        return self.processes.pop(name).stop()

    def as_agent(self):
        """Credentials of the wamp agents (for tests that act as one)."""
        return wamp_client.Credentials('wampcra', 'iotronic-agent',
                                       self.router.agent_secret)

    def board_settings(self, name):
        """settings.json of a board agent started by ``start_board``."""
        return json.loads((self.workdir / 'boards' / name /
                           'settings.json').read_text())

    def as_board(self, name):
        """The router credentials a board agent holds."""
        settings = self.board_settings(name)['iotronic']
        return wamp_client.Credentials('ticket', settings['board']['uuid'],
                                       settings['wamp']['credential'])

    def kill(self, name):
        process = self.processes.pop(name)
        process.process.kill()
        process.process.wait()
        process.stop()

    def start(self, conductors=2, agents=2):
        subprocess.run([BIN / 'iotronic-dbsync', '--config-file',
                        self.config, 'upgrade'], check=True, timeout=120,
                       capture_output=True)
        self.router.start()
        for n in range(conductors):
            self.start_conductor(f'conductor-{"abcdefgh"[n]}')
        for n in range(agents):
            self.start_agent(f'agent-{"abcdefgh"[n]}')
        self._start('api', 'iotronic-api').wait_for_port(self.port)
        return self

    def shutdown(self):
        # Boards first, conductors last: what is stopping still reports.
        for name in reversed(list(self.processes)):
            self.stop(name)
        self.router.stop()

    # The REST API.

    def call(self, method, path, body=None, status=None, version=None):
        headers = ({'X-OpenStack-Iotronic-API-Version': version}
                   if version else None)
        response = self.http.request(method, self.url + path, json=body,
                                     timeout=60, headers=headers)
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

    def online(self, name):
        """Enrol a board, start its board agent; the board once online."""
        self.start_board(name, self.enrol(name))
        # Registration, the re-connection to the main agent, the login.
        self.wait_status(name, 'online', timeout=15)
        return self.board(name)

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


def stack_fixture(purpose, **options):
    """A module's stack: its own database, RabbitMQ virtual host and
    router, with ``options`` for ``Stack``."""
    @pytest.fixture(scope='module')
    def stack(tmp_path_factory, mariadb_server, crossbar_executable):
        with services.RabbitVirtualHost(purpose) as vhost, \
                services.ThrowawayDatabase(mariadb_server, purpose) as db:
            running = Stack(tmp_path_factory.mktemp(purpose), db.url_string,
                            crossbar_executable, vhost.url, **options)
            try:
                yield running.start()
            finally:
                running.shutdown()
    return stack


stack = stack_fixture('link')


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

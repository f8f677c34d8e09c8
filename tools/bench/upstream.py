"""Upstream IoTronic 0.4.17, deployed as its README says, for the
side-by-side benchmark (``run.py --upstream``).

It runs from its own virtual environment (``make peers``:
``.peers/upstream-iotronic``, with oslo.context<4, SQLAlchemy<1.4 and
oslo.db<12, the only combination it runs with), on a MariaDB database
and a RabbitMQ virtual host of its own: its conductor, its wamp agent
(the registration agent), its API (its app.wsgi) and a Crossbar router
configured as its README configures it (anonymous, every permission).
Its boards are unmodified Lightning-rod 0.5.0 boards, the board agent
upstream pairs with 0.4.17.
"""

import pathlib
import subprocess
import uuid

import requests

from iotronic.tests.functional import services
from iotronic.wamp import router as wamp_router

HERE = pathlib.Path(__file__).resolve().parent
UPSTREAM = services.PEERS / 'upstream-iotronic'
UPSTREAM_BIN = UPSTREAM / 'bin'
# Upstream's noauth mode takes the caller from these headers; its policy
# lets admins run board actions (iot:board_action:post).
PROJECT = str(uuid.uuid4())
HEADERS = {'X-Roles': 'admin', 'X-Project-Id': PROJECT,
           'X-User-Id': str(uuid.uuid4())}


def missing():
    """Why the upstream side cannot run here, or None when it can."""
    if not (UPSTREAM / '.installed').exists():
        return f'{UPSTREAM} is missing: run "make peers"'
    return services.lightning_rod_missing()


class OpenRouter(wamp_router.CrossbarRouter):
    """Crossbar as upstream's README sets it up: one realm, anonymous
    clients allowed everything, router pings every 10 s (5 s timeout)."""

    def config(self):
        return {'version': 2, 'workers': [{
            'type': 'router',
            'realms': [{'name': self.realm, 'roles': [{
                'name': 'anonymous',
                'permissions': [{
                    'uri': '', 'match': 'prefix',
                    'allow': {'call': True, 'register': True,
                              'publish': True, 'subscribe': True},
                    'disclose': {'caller': False, 'publisher': False},
                    'cache': True}]}]}],
            'transports': [{
                'type': 'websocket',
                'endpoint': {'type': 'tcp', 'port': self.port,
                             'interface': self.host},
                'options': {'auto_ping_interval': 10000,
                            'auto_ping_timeout': 5000}}]}]}


class UpstreamStack:
    """The processes of one upstream deployment."""

    def __init__(self, workdir, database_url, crossbar_executable,
                 rabbit_url):
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = services.free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.router = OpenRouter(self.workdir / 'crossbar',
                                 services.free_port(),
                                 executable=crossbar_executable)
        self.config = self.workdir / 'iotronic.conf'
        # Its own sample configuration, with what a deployment fills in.
        self.config.write_text(f'''
[DEFAULT]
transport_url = {rabbit_url}
auth_strategy = noauth
proxy = nginx
[wamp]
wamp_transport_url = {self.router.url}
wamp_realm = s4t
register_agent = True
[database]
connection = {database_url}
[nginx]
nginx_path = {self.workdir / 'nginx'}
''')
        self.processes = []
        self.http = requests.Session()
        self.http.headers.update(HEADERS)

    def _start(self, name, argv):
        process = services.ServiceProcess(name, argv, self.workdir).start()
        self.processes.append(process)
        return process

    def start(self):
        subprocess.run([UPSTREAM_BIN / 'iotronic-dbsync', '--config-file',  # noqa: S603
                        self.config, 'upgrade'], check=True, timeout=120,
                       capture_output=True)
        self.router.start()
        config = ('--config-file', self.config)
        # The conductor waits for a registration agent to be recorded.
        self._start('upstream-agent', [UPSTREAM_BIN / 'iotronic-wamp-agent',
                                       *config]).wait_for_log(
            'WAMP session ready')
        self._start('upstream-conductor',
                    [UPSTREAM_BIN / 'iotronic-conductor', *config]
                    ).wait_for_log('Found registration agent')
        self._start('upstream-api', [UPSTREAM_BIN / 'python',
                                     HERE / 'upstream_api.py', self.config,
                                     self.port]).wait_for_port(self.port)
        return self

    def board_online(self, name, timeout=120):
        """Enrol a board, start a Lightning-rod 0.5.0 for it and wait
        until upstream shows it online."""
        code = uuid.uuid4().hex[:20]  # upstream's code column is short
        created = self.http.post(f'{self.url}/v1/boards', timeout=60, json={
            'name': name, 'code': code, 'type': 'server',
            'location': [{'latitude': '0', 'longitude': '0',
                          'altitude': '0'}]})
        created.raise_for_status()
        board = services.lightning_rod(self.workdir, self.router.url, code,
                                       name=name).start()
        self.processes.append(board)
        board.wait_until(lambda: self._status(name) == 'online', timeout,
                         what='online in upstream IoTronic')

    def _status(self, name):
        return self.http.get(f'{self.url}/v1/boards/{name}',
                             timeout=60).json().get('status')

    def shutdown(self):
        for process in reversed(self.processes):
            process.stop()
        self.router.stop()

"""The Crossbar router's configuration, and a router IoTronic starts.

Production runs Crossbar under systemd with a configuration that
``iotronic-crossbar-config`` renders from
``etc/crossbar/config.json.template`` and iotronic.conf. The all-in-one
and the tests start one with ``CrossbarRouter``: the same rendering, on
a loopback port, run by the ``crossbar`` of its own virtual environment
(``make peers`` makes ``.peers/crossbar``), since Crossbar's pins clash
with IoTronic's.

The template holds the transport; who may join and do what
(``iotronic.wamp.identity``) is added here, so that no deployment can
end up with upstream's open router: agents authenticate with WAMP-CRA,
boards with WAMP-Ticket checked by the agents, and anonymous sessions
exist only for legacy boards when an operator allows them.
"""

import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time

from iotronic.common import process
from iotronic.wamp import identity

TEMPLATE_NAME = 'config.json.template'
DEFAULT_REALM = 's4t'


def _candidates():
    """Where the template is: the checkout, then the installed data."""
    checkout = pathlib.Path(__file__).resolve().parents[2]
    yield checkout / 'etc' / 'crossbar' / TEMPLATE_NAME
    yield (pathlib.Path(sys.prefix) / 'share' / 'iotronic' / 'etc' /
           'crossbar' / TEMPLATE_NAME)


def find_template():
    for path in _candidates():
        if path.is_file():
            return path
    raise FileNotFoundError(f'{TEMPLATE_NAME} is neither in the checkout '
                            f'nor under {sys.prefix}/share/iotronic')


def find_crossbar():
    """The crossbar executable: .peers/crossbar, else the PATH."""
    checkout = pathlib.Path(__file__).resolve().parents[2]
    peer = checkout / '.peers' / 'crossbar' / 'bin' / 'crossbar'
    if peer.exists():
        return peer
    found = shutil.which('crossbar')
    if found is None:
        raise FileNotFoundError('crossbar is not installed: run "make '
                                'peers" (or install it on the PATH)')
    return pathlib.Path(found)


def _every_permission(uri, match):
    return {'uri': uri, 'match': match,
            'allow': {'call': True, 'register': True, 'publish': True,
                      'subscribe': True},
            'disclose': {'caller': True, 'publisher': True},
            'cache': True}


def roles(allow_legacy_boards=False):
    """The realm's roles: agents may do anything, a registrant only
    register, boards what the agents' authorizer allows."""
    found = [
        {'name': identity.ROLE_AGENT,
         'permissions': [_every_permission('', 'prefix')]},
        {'name': identity.ROLE_REGISTRANT,
         'permissions': [{'uri': identity.REGISTER_URI, 'match': 'exact',
                          'allow': {'call': True, 'register': False,
                                    'publish': False, 'subscribe': False},
                          'disclose': {'caller': True, 'publisher': False},
                          'cache': True}]},
        {'name': identity.ROLE_BOARD,
         'authorizer': identity.AUTHORIZE_URI},
    ]
    if allow_legacy_boards:
        found.append({'name': identity.ROLE_LEGACY,
                      'authorizer': identity.AUTHORIZE_URI})
    return found


def transport_auth(agent_authid, agent_secret, allow_legacy_boards=False):
    auth = {
        'wampcra': {'type': 'static', 'users': {
            agent_authid: {'secret': agent_secret,
                           'role': identity.ROLE_AGENT}}},
        'ticket': {'type': 'dynamic',
                   'authenticator': identity.AUTHENTICATE_URI},
    }
    if allow_legacy_boards:
        auth['anonymous'] = {'type': 'static', 'role': identity.ROLE_LEGACY}
    return auth


def render_config(port, agent_secret, host='127.0.0.1', realm=DEFAULT_REALM,
                  agent_authid='iotronic-agent', allow_legacy_boards=False,
                  certificate=None, private_key=None, template=None):
    """The router configuration, as a dict: one port and realm, with
    IoTronic's roles and authentication, on TLS when a certificate and
    its key are given."""
    if not agent_secret:
        raise ValueError('the router needs the agents\' secret ([wamp] '
                         'agent_secret)')
    if bool(certificate) != bool(private_key):
        raise ValueError('TLS needs both a certificate and its private key')
    text = pathlib.Path(template or find_template()).read_text()
    config = json.loads(string.Template(text).substitute(
        port=int(port), host=host, realm=realm))
    worker = config['workers'][0]
    worker['realms'][0]['roles'] = roles(allow_legacy_boards)
    for transport in worker['transports']:
        transport['auth'] = transport_auth(agent_authid, agent_secret,
                                           allow_legacy_boards)
        if certificate:
            transport['endpoint']['tls'] = {
                'certificate': str(pathlib.Path(certificate).resolve()),
                'key': str(pathlib.Path(private_key).resolve())}
    return config


def write_config(cbdir, config):
    """config.json in ``cbdir``, readable by its owner only: it holds the
    agents' secret."""
    cbdir = pathlib.Path(cbdir)
    cbdir.mkdir(parents=True, exist_ok=True)
    path = cbdir / 'config.json'
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as f:
        json.dump(config, f, indent=2)
    os.chmod(path, 0o600)
    return path


class CrossbarRouter:
    """One Crossbar node: its directory, its process, its URL."""

    def __init__(self, cbdir, port, host='127.0.0.1', realm=DEFAULT_REALM,
                 executable=None, agent_secret=None,
                 agent_authid='iotronic-agent', allow_legacy_boards=False,
                 certificate=None, private_key=None):
        self.cbdir = pathlib.Path(cbdir)
        self.port = port
        self.host = host
        self.realm = realm
        self.executable = executable
        # A router of its own gets a secret of its own.
        self.agent_secret = agent_secret or secrets.token_urlsafe(32)
        self.agent_authid = agent_authid
        self.allow_legacy_boards = allow_legacy_boards
        self.certificate = certificate
        self.private_key = private_key
        self.process = None

    @property
    def url(self):
        scheme = 'wss' if self.certificate else 'ws'
        return f'{scheme}://{self.host}:{self.port}/'

    @property
    def log_path(self):
        return self.cbdir / 'node.log'

    def _answers(self):
        try:
            socket.create_connection((self.host, self.port), 1).close()
            return True
        except OSError:
            return False

    def config(self):
        """The node's configuration (config.json)."""
        return render_config(
            self.port, self.agent_secret, self.host, self.realm,
            agent_authid=self.agent_authid,
            allow_legacy_boards=self.allow_legacy_boards,
            certificate=self.certificate, private_key=self.private_key)

    def start(self, timeout=60):
        """Start the node; return once its transport accepts connections."""
        write_config(self.cbdir, self.config())
        executable = self.executable or find_crossbar()
        with open(self.log_path, 'ab') as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own peer)
                [str(executable), 'start', '--cbdir', str(self.cbdir),
                 '--loglevel', 'warn'],
                stdout=log, stderr=subprocess.STDOUT,
                env=dict(os.environ, PYTHONUNBUFFERED='1'),
                start_new_session=True,
                preexec_fn=process.die_with_parent)
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(
                    f'crossbar exited ({self.process.returncode}) before '
                    f'listening on {self.port}:\n{self._log_tail()}')
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f'crossbar not listening on {self.port} '
                                   f'after {timeout}s:\n{self._log_tail()}')
            time.sleep(0.1)
        return self

    def _log_tail(self):
        return self.log_path.read_text(errors='replace')[-4000:]

    def stop(self, timeout=30):
        """Stop the node and its workers (a process group of its own)."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

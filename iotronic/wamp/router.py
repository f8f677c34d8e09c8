"""A Crossbar router that IoTronic starts itself.

Production runs Crossbar under systemd with a configuration derived from
``etc/crossbar/config.json.template``. The all-in-one and the tests start
one with this class instead: the same template, rendered for a loopback
port, run by the ``crossbar`` of its own virtual environment
(``make peers`` makes ``.peers/crossbar``), since Crossbar's pins clash
with IoTronic's.
"""

import json
import os
import pathlib
import shutil
import signal
import socket
import string
import subprocess
import sys
import time

from iotronic.common import process

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


def render_config(port, host='127.0.0.1', realm=DEFAULT_REALM,
                  template=None):
    """The router configuration, as a dict, for one port and realm."""
    text = pathlib.Path(template or find_template()).read_text()
    return json.loads(string.Template(text).substitute(
        port=int(port), host=host, realm=realm))


class CrossbarRouter:
    """One Crossbar node: its directory, its process, its URL."""

    def __init__(self, cbdir, port, host='127.0.0.1', realm=DEFAULT_REALM,
                 executable=None):
        self.cbdir = pathlib.Path(cbdir)
        self.port = port
        self.host = host
        self.realm = realm
        self.executable = executable
        self.process = None

    @property
    def url(self):
        return f'ws://{self.host}:{self.port}/'

    @property
    def log_path(self):
        return self.cbdir / 'node.log'

    def _answers(self):
        try:
            socket.create_connection((self.host, self.port), 1).close()
            return True
        except OSError:
            return False

    def start(self, timeout=60):
        """Start the node; return once its transport accepts connections."""
        self.cbdir.mkdir(parents=True, exist_ok=True)
        (self.cbdir / 'config.json').write_text(json.dumps(
            render_config(self.port, self.host, self.realm), indent=2))
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

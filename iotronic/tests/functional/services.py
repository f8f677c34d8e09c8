"""Access to the real services functional tests run against.

Locally a missing service skips its tests with a loud reason; under
``CI=true`` it fails them, so CI can never go green by skipping.
"""

import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest
import sqlalchemy as sa

# The console scripts of the IoTronic under test.
BIN = pathlib.Path(sys.executable).parent
CHECKOUT = pathlib.Path(__file__).resolve().parents[3]
# The real peers, each in its own virtual environment (``make peers``).
PEERS = CHECKOUT / '.peers'

MARIADB_SERVER_URL = os.environ.get(
    'IOTRONIC_TEST_MARIADB_URL', 'mysql+pymysql://root@127.0.0.1:3306')


def in_ci():
    return os.environ.get('CI', '').lower() in ('1', 'true', 'yes')


def unavailable(service, reason):
    message = (f'{service} is not available ({reason}). Functional tests '
               f'need it; under CI=true this is a failure.')
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip('!!! SKIPPED: ' + message)


def mariadb_server_engine():
    """An engine on the MariaDB server itself (no database selected)."""
    engine = sa.create_engine(MARIADB_SERVER_URL, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text('SELECT 1'))
    except sa.exc.SQLAlchemyError as e:
        unavailable(f'MariaDB at {engine.url.render_as_string()}',
                    str(e.orig if hasattr(e, 'orig') else e).splitlines()[0])
    return engine


class ThrowawayDatabase:
    """A MariaDB database that exists for one test run only."""

    def __init__(self, server_engine, purpose):
        self.server_engine = server_engine
        self.name = f'iotronic_{purpose}_{uuid.uuid4().hex[:10]}'
        self.url = server_engine.url.set(database=self.name)

    def __enter__(self):
        with self.server_engine.begin() as conn:
            conn.execute(sa.text(
                f'CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 '
                f'COLLATE utf8mb4_unicode_ci'))
        return self

    def __exit__(self, *exc):
        with self.server_engine.begin() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS `{self.name}`'))

    @property
    def url_string(self):
        return self.url.render_as_string(hide_password=False)


class RabbitVirtualHost:
    """A RabbitMQ virtual host of one deployment under test.

    A private exchange is not enough: oslo.messaging names the queue of
    a topic after the topic alone, so two deployments on one virtual
    host take each other's calls. Made with rabbitmqctl on this machine.
    """

    def __init__(self, purpose):
        self.name = f'iotronic-{purpose}-{uuid.uuid4().hex[:8]}'
        self.url = f'rabbit://guest:guest@127.0.0.1:5672/{self.name}'

    def _ctl(self, *args):
        rabbitmqctl = (shutil.which('rabbitmqctl')
                       or shutil.which('rabbitmqctl', path='/usr/sbin'))
        if rabbitmqctl is None:
            raise OSError('rabbitmqctl is not installed')
        subprocess.run([rabbitmqctl, *args], check=True, timeout=60,
                       capture_output=True)

    def __enter__(self):
        if not port_answers(5672):
            unavailable('RabbitMQ at 127.0.0.1:5672', 'nothing listens '
                        'there')
        try:
            self._ctl('add_vhost', self.name)
            self._ctl('set_permissions', '-p', self.name, 'guest', '.*',
                      '.*', '.*')
        except (OSError, subprocess.SubprocessError) as e:
            unavailable('rabbitmqctl', str(e))
        return self

    def __exit__(self, *exc):
        try:
            self._ctl('delete_vhost', self.name)
        except (OSError, subprocess.SubprocessError):
            pass


def free_port():
    """A free loopback TCP port, not ending in 1.

    python-iotronicclient strips a trailing "v1" from its endpoint one
    character at a time, which mangles ports ending in 1.
    """
    while True:
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            port = sock.getsockname()[1]
        if port % 10 != 1:
            return port


def port_answers(port, host='127.0.0.1'):
    try:
        socket.create_connection((host, port), timeout=2).close()
        return True
    except OSError:
        return False


class ServiceProcess:
    """A server process of a test: started, awaited, stopped, its log kept.

    The log is printed when the process dies early or does not come up,
    so a failing test says why.
    """

    def __init__(self, name, argv, log_dir, env=None, cwd=None):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.log_path = pathlib.Path(log_dir) / f'{name}.log'
        self.env = dict(os.environ, LANG='C.UTF-8', **(env or {}))
        self.cwd = cwd
        self.process = None

    def start(self):
        self._log = open(self.log_path, 'ab')
        self.process = subprocess.Popen(
            self.argv, stdout=self._log, stderr=subprocess.STDOUT,
            env=self.env, cwd=self.cwd)
        return self

    def log(self):
        return self.log_path.read_text(errors='replace')

    def wait_until(self, ready, timeout=60, what='ready'):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f'{self.name} exited ({self.process.returncode}) before '
                    f'it was {what}:\n{self.log()[-4000:]}')
            if ready():
                return self
            time.sleep(0.1)
        raise RuntimeError(f'{self.name} not {what} after {timeout}s:\n'
                           f'{self.log()[-4000:]}')

    def wait_for_log(self, text, timeout=60):
        return self.wait_until(lambda: text in self.log(), timeout,
                               what=f'logging {text!r}')

    def wait_for_port(self, port, timeout=60):
        return self.wait_until(lambda: port_answers(port), timeout,
                               what=f'listening on {port}')

    def stop(self, timeout=30):
        """SIGTERM, then SIGKILL; the exit code of a clean stop, else None."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self._log.close()
                return None
        self._log.close()
        return self.process.returncode

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


SSHD = pathlib.Path('/usr/sbin/sshd')
TUNNEL_USER = 'iotronic-tunnel'


class TunnelSshd:
    """OpenSSH's sshd as the tunnel host of exposed services, on a
    loopback port, asking IoTronic (``iotronic-ssh-authorized-keys``,
    with ``config``) which keys may listen where.

    sshd runs an AuthorizedKeysCommand only from a path that root owns
    all the way up; the test's tmp directory is under the world-writable
    /tmp, so the command's wrapper goes in a directory of /run.
    """

    def __init__(self, workdir, config):
        self.workdir = pathlib.Path(workdir)
        self.config = config
        self.port = free_port()
        self.host_key = self.workdir / 'ssh_host_ed25519_key'
        self.command_dir = pathlib.Path(
            f'/run/iotronic-test-sshd-{self.port}')
        self.process = None

    @staticmethod
    def check():
        if not SSHD.exists():
            unavailable('sshd', f'{SSHD} is missing; install Debian\'s '
                                'openssh-server')
        if os.geteuid() != 0:
            unavailable('sshd', 'the tunnel sshd must run as root')
        # A system account with no password, not a locked one: sshd
        # refuses locked accounts even for keys.
        system_user(TUNNEL_USER)
        subprocess.run(['/usr/sbin/usermod', '--password', '*', TUNNEL_USER],
                       check=True, capture_output=True)

    def start(self):
        self.check()
        pathlib.Path('/run/sshd').mkdir(mode=0o755, exist_ok=True)
        self.workdir.mkdir(parents=True, exist_ok=True)
        subprocess.run(['/usr/bin/ssh-keygen', '-q', '-t', 'ed25519',
                        '-N', '', '-f', self.host_key], check=True)
        self.command_dir.mkdir(mode=0o755, exist_ok=True)
        command = self.command_dir / 'authorized-keys'
        command.write_text(
            '#!/bin/sh\n'
            f'exec {BIN}/iotronic-ssh-authorized-keys '
            f'--config-file {self.config} "$@"\n')
        command.chmod(0o755)
        sshd_config = self.workdir / 'sshd_config'
        sshd_config.write_text(f'''
Port {self.port}
ListenAddress 127.0.0.1
HostKey {self.host_key}
PidFile {self.workdir}/sshd.pid
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile none
AuthorizedKeysCommand {command} %t %k
AuthorizedKeysCommandUser root
AllowUsers {TUNNEL_USER}
AllowTcpForwarding remote
GatewayPorts no
PermitTTY no
X11Forwarding no
AllowAgentForwarding no
LogLevel VERBOSE
''')
        self.process = ServiceProcess(
            'sshd', [SSHD, '-D', '-e', '-f', sshd_config],
            self.workdir).start()
        self.process.wait_for_port(self.port)
        return self

    def stop(self):
        if self.process is not None:
            self.process.stop()
        shutil.rmtree(self.command_dir, ignore_errors=True)


def system_user(name):
    """A system account (no home, no shell) for a service of a test."""
    if subprocess.run(['/usr/bin/id', name],
                      capture_output=True).returncode:
        subprocess.run(['/usr/sbin/useradd', '--system', '--no-create-home',
                        '--shell', '/usr/sbin/nologin', name],
                       check=True, capture_output=True)


class OpenStackCLI:
    """``openstack`` (python-openstackclient with our ``iot`` plugin), run
    as a user would run it, in a subprocess with a clean environment."""

    def __init__(self, home, **environment):
        self.env = {'PATH': os.environ.get('PATH', ''), 'HOME': str(home),
                    'LANG': 'C.UTF-8', 'PYTHONWARNINGS': 'ignore',
                    **environment}

    def run(self, *args, expect_ok=True, env=None):
        result = subprocess.run(
            [BIN / 'openstack', *map(str, args)], capture_output=True,
            text=True, timeout=90, env=dict(self.env, **(env or {})))
        if expect_ok:
            assert result.returncode == 0, (args, result.stdout,
                                            result.stderr[-2000:])
        else:
            assert result.returncode != 0, (args, result.stdout)
            assert 'Traceback' not in result.stderr, result.stderr
        return result

    def __call__(self, *args, **kwargs):
        """stdout of a command, parsed when it was asked for -f json."""
        output = self.run(*args, **kwargs).stdout
        return json.loads(output) if '-f' in args and 'json' in args \
            else output

    def error(self, *args, **kwargs):
        """What a failing command printed."""
        return self.run(*args, expect_ok=False, **kwargs).stderr


def debian_packages(*wanted):
    """Make sure Debian packages are installed: ``wanted`` are (path,
    package) pairs. Under CI=true (as root) missing ones are installed;
    locally the test is skipped with a loud reason instead."""
    missing = [package for path, package in wanted
               if not pathlib.Path(path).exists()]
    if not missing:
        return
    if in_ci() and os.geteuid() == 0 and shutil.which('apt-get'):
        env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
        install = ['/usr/bin/apt-get', 'install', '-y', '-q',
                   '--no-install-recommends', *missing]
        if subprocess.run(install, env=env, capture_output=True,
                          timeout=600).returncode != 0:
            subprocess.run(['/usr/bin/apt-get', 'update', '-q'], env=env,
                           capture_output=True, timeout=600)
            subprocess.run(install, env=env, capture_output=True,
                           timeout=600, check=True)
        return
    unavailable(', '.join(missing), 'install them with apt-get')


LIGHTNING_ROD = PEERS / 'lightningrod' / 'bin' / 'lightning-rod'
LIGHTNING_ROD_MOUNT_POINTS = ('/etc/iotronic', '/var/lib/iotronic')


def lightning_rod_missing():
    """Why an unmodified Lightning-rod 0.5.0 board cannot run here, or
    None when it can."""
    if not LIGHTNING_ROD.exists():
        return f'{LIGHTNING_ROD} is missing: run "make peers"'
    if os.geteuid() != 0 or shutil.which('unshare') is None:
        return 'Lightning-rod needs root and unshare(1) here'
    return None


def lightning_rod(workdir, router_url, code, name='lightning-rod'):
    """An unmodified Lightning-rod 0.5.0 board for ``code`` (not started).

    Lightning-rod hard-codes ``/etc/iotronic/settings.json`` and
    ``/var/lib/iotronic``, so it runs in a private mount namespace where
    scratch directories of ``workdir`` are bind-mounted on each: the
    host's own directories are left alone (only empty mount points are
    made if missing). Stop it with SIGTERM: it ignores SIGINT.
    """
    workdir = pathlib.Path(workdir)
    etc, home = workdir / f'{name}-etc', workdir / f'{name}-home'
    etc.mkdir()
    home.mkdir()
    (etc / 'settings.json').write_text(json.dumps({'iotronic': {
        'board': {'code': code},
        'wamp': {'registration-agent': {'url': router_url,
                                        'realm': 's4t'}}}}))
    config = workdir / f'{name}.conf'
    config.write_text(
        '[DEFAULT]\n'
        'lightningrod_home = /var/lib/iotronic\n'
        f'log_file = {workdir / f"{name}-board.log"}\n'
        'skip_cert_verify = True\n'
        '[autobahn]\n'
        'connection_timer = 10\n'
        'alive_timer = 600\n'
        'rpc_alive_timer = 10\n'
        'connection_failure_timer = 600\n')
    for point in LIGHTNING_ROD_MOUNT_POINTS:
        os.makedirs(point, exist_ok=True)
    script = (f'mount --bind {etc} /etc/iotronic && '
              f'mount --bind {home} /var/lib/iotronic && '
              f'exec {LIGHTNING_ROD} --config-file {config}')
    return ServiceProcess(name, ['unshare', '--mount', '--propagation',
                                 'private', 'sh', '-c', script], workdir)

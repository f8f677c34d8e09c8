"""Exposed services: a board's local TCP port on a public port of the
tunnel host, through an OpenSSH reverse forward.

The board owns an Ed25519 key (``tunnel/id_ed25519`` under its home),
made on first start and reported to IoTronic when it logs in. IoTronic's
sshd grants that key nothing but listening on the public ports allocated
to the board (``iotronic-ssh-authorized-keys``). For each exposed service
the agent runs ``ssh -N -R <public>:127.0.0.1:<local>``, checking the
host key IoTronic sent, and keeps it running: a tunnel whose ssh exits is
opened again with backoff, and every tunnel in ``services.json`` is
opened again when the agent starts.
"""

import asyncio
import collections
import os
import pathlib

from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives import serialization

from iotronic.common import process
from iotronic.lightningrod import procedures
from iotronic.lightningrod import settings as board_settings
from iotronic.lightningrod.procedures import ActionError
from iotronic.lightningrod.procedures import Warned

LOG = procedures.LOG

FILE_NAME = 'services.json'
_READY = b'remote forward success'
_MAX_BACKOFF = 30


def _new_key(path):
    """An Ed25519 key pair in OpenSSH's formats, private part 0600.

    Made in-process: a board agent simulating thousands of boards would
    otherwise start as many ssh-keygen processes at once.
    """
    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                           serialization.PublicFormat.OpenSSH)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'wb') as f:
        f.write(private)
    path.with_suffix('.pub').write_bytes(public + b' iotronic-board\n')


async def ensure_key(home):
    """The board's tunnel public key ('ssh-ed25519 AAAA...'), made on
    first use."""
    key = pathlib.Path(home) / 'tunnel' / 'id_ed25519'
    if not key.exists():
        key.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _new_key(key)
    public = key.with_suffix('.pub').read_text().split()
    return ' '.join(public[:2])


class _Tunnel:
    """One supervised ``ssh -R``."""

    def __init__(self, actions, service_uuid, entry):
        self.actions = actions
        self.service_uuid = service_uuid
        self.entry = entry
        self.ready = asyncio.Event()
        self.ended = asyncio.Event()
        self.output = collections.deque(maxlen=20)
        self.process = None
        self.wanted = True
        self.task = actions.spawn(self._supervise())

    def _argv(self):
        tunnel = self.entry['tunnel']
        home = self.actions.home / 'tunnel'
        known_hosts = home / 'known_hosts'
        lines = [f'[{tunnel["host"]}]:{tunnel["port"]} {key}'
                 for key in tunnel.get('host_keys') or []]
        known_hosts.write_text(''.join(line + '\n' for line in lines))
        bind = tunnel.get('bind')
        listen = (f'{bind}:' if bind else '') + str(self.entry['public_port'])
        return [self.actions.conf.ssh_command, '-N', '-v',
                '-i', str(home / 'id_ed25519'),
                '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
                '-o', f'UserKnownHostsFile={known_hosts}',
                '-o', 'GlobalKnownHostsFile=/dev/null',
                '-o', 'StrictHostKeyChecking=yes',
                '-o', 'ExitOnForwardFailure=yes',
                '-o', 'ServerAliveInterval=10',
                '-o', 'ServerAliveCountMax=3',
                '-o', 'ConnectTimeout=10',
                '-p', str(tunnel['port']),
                '-R', f'{listen}:127.0.0.1:{self.entry["local_port"]}',
                f'{tunnel["user"]}@{tunnel["host"]}']

    async def _supervise(self):
        backoff = 1
        while self.wanted:
            self.ended.clear()
            try:
                self.process = await asyncio.create_subprocess_exec(
                    *self._argv(), stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                    preexec_fn=process.die_with_parent)
            except OSError as e:
                self.output.append(str(e))
            else:
                async for line in self.process.stderr:
                    if not line.startswith(b'debug'):
                        self.output.append(line.decode(errors='replace')
                                           .strip())
                    if _READY in line:
                        self.ready.set()
                        backoff = 1
                await self.process.wait()
            self.ready.clear()
            self.ended.set()
            if self.wanted:
                LOG.warning('tunnel of service %s ended (%s); again in '
                            '%ss', self.entry['name'], self.last_error,
                            backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF)

    @property
    def last_error(self):
        return self.output[-1] if self.output else 'no output'

    async def wait_ready(self, timeout):
        ready = asyncio.ensure_future(self.ready.wait())
        ended = asyncio.ensure_future(self.ended.wait())
        done, pending = await asyncio.wait({ready, ended}, timeout=timeout,
                                           return_when='FIRST_COMPLETED')
        for future in pending:
            future.cancel()
        if not self.ready.is_set():
            raise ActionError(
                f'tunnel of service {self.entry["name"]} did not open: '
                f'{self.last_error}')

    async def close(self):
        self.wanted = False
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()
        self.task.cancel()


class ServiceActions(procedures.Procedures):

    NAMES = ('ServiceEnable', 'ServiceDisable', 'ServiceRestore',
             'ServicesStatus')

    def __init__(self, board):
        super().__init__(board)
        self.home = pathlib.Path(board.home)
        self.path = self.home / FILE_NAME
        self._tunnels = {}

    def _load(self):
        try:
            return board_settings.read_json(self.path)
        except FileNotFoundError:
            return {}

    def _save(self, entries):
        board_settings.write_json_atomic(self.path, entries)

    async def restore_all(self):
        """At agent start: open every tunnel in services.json."""
        for service_uuid, entry in self._load().items():
            await self._open(service_uuid, entry, wait=False)

    async def close_all(self):
        await asyncio.gather(*(t.close() for t in self._tunnels.values()))
        self._tunnels.clear()

    async def _open(self, service_uuid, entry, wait=True):
        old = self._tunnels.pop(service_uuid, None)
        if old is not None:
            await old.close()
        tunnel = self._tunnels[service_uuid] = _Tunnel(self, service_uuid,
                                                      entry)
        if wait:
            try:
                await tunnel.wait_ready(self.conf.tunnel_ready_timeout)
            except ActionError:
                self._tunnels.pop(service_uuid, None)
                await tunnel.close()
                raise

    @staticmethod
    def _entry(service, public_port):
        if not isinstance(service, dict) or not service.get('uuid'):
            raise ActionError('service must be an object with a uuid')
        tunnel = service.get('tunnel')
        if not isinstance(tunnel, dict) or not tunnel.get('host'):
            raise ActionError('IoTronic sent no tunnel endpoint (are '
                              'services configured on the server?)')
        for port in (service.get('port'), public_port):
            if not isinstance(port, int) or not 0 < port < 65536:
                raise ActionError(f'{port!r} is not a TCP port')
        return {'name': str(service.get('name')),
                'local_port': service['port'], 'public_port': public_port,
                'tunnel': tunnel}

    async def ServiceEnable(self, service, public_port, parameters=None):
        entry = self._entry(service, public_port)
        entries = self._load()
        current = self._tunnels.get(service['uuid'])
        if (entries.get(service['uuid']) == entry and current is not None
                and current.ready.is_set()):
            raise Warned(f'service {entry["name"]} is already exposed on '
                         f'port {public_port}')
        await self._open(service['uuid'], entry)
        entries[service['uuid']] = entry
        self._save(entries)
        return (f'Cloud service {entry["name"]!r} exposed on port '
                f'{public_port} on {entry["tunnel"]["host"]}')

    async def ServiceRestore(self, service, public_port, parameters=None):
        entry = self._entry(service, public_port)
        await self._open(service['uuid'], entry)
        entries = self._load()
        entries[service['uuid']] = entry
        self._save(entries)
        return (f'service {entry["name"]} restored on port {public_port} '
                f'on {entry["tunnel"]["host"]}')

    async def ServiceDisable(self, service, parameters=None):
        service_uuid = (service.get('uuid') if isinstance(service, dict)
                        else service)
        entries = self._load()
        entry = entries.pop(service_uuid, None)
        self._save(entries)
        tunnel = self._tunnels.pop(service_uuid, None)
        if tunnel is not None:
            await tunnel.close()
        if entry is None:
            raise Warned(f'service {service_uuid} was not exposed')
        return f'service {entry["name"]} tunnel disabled.'

    async def ServicesStatus(self, parameters=None):
        return {uuid: {'name': entry['name'],
                       'local_port': entry['local_port'],
                       'public_port': entry['public_port'],
                       'open': uuid in self._tunnels
                       and self._tunnels[uuid].ready.is_set()}
                for uuid, entry in self._load().items()}

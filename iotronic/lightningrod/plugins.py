"""Plugins on the board: stored as source text, each run in its own
process.

Layout under the agent's home::

    plugins/<uuid>/plugin.py     the source, as injected
    plugins/<uuid>/plugin.json   name, callable, onboot, declared and
                                 last parameters, operative (running by
                                 request)
    plugins/<uuid>/plugin.log    what the plugin printed

PluginCall runs the plugin to completion under a deadline; PluginStart
runs it in the background until it returns or PluginStop ends its
process group (SIGTERM, then SIGKILL). The agent's event loop only ever
waits on pipes and processes, so no plugin can stall other calls. A
plugin that was running (operative) with ``onboot`` set is started again
when the agent starts.
"""

import asyncio
import json
import os
import pathlib
import pickletools
import resource
import shutil
import signal
import sys

from iotronic.common import process
from iotronic.lightningrod import procedures
from iotronic.lightningrod import settings as board_settings
from iotronic.lightningrod.procedures import ActionError
from iotronic.lightningrod.procedures import Warned

LOG = procedures.LOG

_UUID_CHARS = frozenset('0123456789abcdefABCDEF-')

# The opcodes of a pickled string, and nothing else.
_STRING_OPS = frozenset(('UNICODE', 'BINUNICODE', 'SHORT_BINUNICODE',
                         'BINUNICODE8', 'STRING', 'BINSTRING',
                         'SHORT_BINSTRING'))
_HARMLESS_OPS = frozenset(('PROTO', 'FRAME', 'PUT', 'BINPUT',
                           'LONG_BINPUT', 'MEMOIZE', 'STOP'))


def source_of(plugin):
    """The plugin's source text.

    IoTronic sends it as ``source``. Lightning-rod 0.5's servers send only
    ``code``, the source pickled; it is *parsed* here (a pickle holding one
    string and nothing else), never unpickled, so it cannot run code.
    """
    if isinstance(plugin.get('source'), str):
        return plugin['source']
    code = plugin.get('code')
    if not isinstance(code, str):
        raise ActionError('the plugin has no source')
    try:
        ops = list(pickletools.genops(code.encode('latin-1')))
    except Exception:
        raise ActionError('the plugin code is not a pickled string')
    strings = [arg for op, arg, _ in ops if op.name in _STRING_OPS]
    if (len(strings) != 1 or any(
            op.name not in _STRING_OPS | _HARMLESS_OPS for op, _, _ in ops)):
        raise ActionError('the plugin code is not a pickled string')
    text = strings[0]
    return text.decode() if isinstance(text, bytes) else text


def _plugin_limits(memory_mb):
    def preexec():
        # A plugin's process dies with the agent, is the first the
        # kernel kills when memory runs out, and cannot grow past
        # ``memory_mb``.
        process.die_with_parent()
        try:
            with open('/proc/self/oom_score_adj', 'w') as f:
                f.write('1000')
        except OSError:
            pass
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return preexec


def _check_uuid(plugin_uuid):
    if (not isinstance(plugin_uuid, str) or not 0 < len(plugin_uuid) <= 36
            or not set(plugin_uuid) <= _UUID_CHARS):
        raise ActionError(f'{plugin_uuid!r} is not a plugin uuid')
    return plugin_uuid


class PluginActions(procedures.Procedures):

    NAMES = ('PluginInject', 'PluginStart', 'PluginStop', 'PluginCall',
             'PluginReboot', 'PluginStatus', 'PluginRemove')

    def __init__(self, board):
        super().__init__(board)
        self.root = pathlib.Path(board.home) / 'plugins'
        self._running = {}          # uuid -> asyncio subprocess

    # Storage.

    def _dir(self, plugin_uuid):
        return self.root / _check_uuid(plugin_uuid)

    def _meta(self, plugin_uuid):
        try:
            return board_settings.read_json(self._dir(plugin_uuid)
                                            / 'plugin.json')
        except FileNotFoundError:
            raise ActionError(f'plugin {plugin_uuid} is not on this board')

    def _save_meta(self, plugin_uuid, meta):
        board_settings.write_json_atomic(
            self._dir(plugin_uuid) / 'plugin.json', meta)

    def injected(self):
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if (p / 'plugin.json').is_file())

    def _parameters(self, meta, parameters):
        """The parameters to run with: the given ones, else the stored
        ones; every declared key must be there."""
        if parameters is None:
            parameters = meta.get('params')
        if parameters is not None and not isinstance(parameters, dict):
            raise ActionError('parameters must be an object')
        declared = meta.get('declared') or {}
        missing = sorted(set(declared) - set(parameters or {}))
        if missing:
            raise ActionError(f'missing parameters: {", ".join(missing)}')
        return parameters

    # Processes.

    def alive(self, plugin_uuid):
        running = self._running.get(plugin_uuid)
        return running is not None and running.returncode is None

    async def _spawn(self, plugin_uuid, meta, mode, parameters):
        directory = self._dir(plugin_uuid)
        log = open(directory / 'plugin.log', 'ab')
        try:
            return await asyncio.create_subprocess_exec(
                sys.executable, '-m', 'iotronic.lightningrod.plugin_runner',
                mode, str(directory / 'plugin.py'), '--uuid', plugin_uuid,
                '--name', meta.get('name') or plugin_uuid,
                '--board', str(self.board.uuid),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, stderr=log,
                cwd=directory, start_new_session=True,
                preexec_fn=_plugin_limits(self.conf.plugin_memory_mb))
        finally:
            log.close()

    async def _end(self, running, grace):
        """SIGTERM the plugin's process group, SIGKILL it after
        ``grace`` seconds."""
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, None)):
            try:
                os.killpg(running.pid, sig)
            except ProcessLookupError:
                pass
            try:
                await asyncio.wait_for(running.wait(), wait)
                return
            except TimeoutError:
                continue

    async def _start(self, plugin_uuid, meta, parameters):
        running = await self._spawn(plugin_uuid, meta, 'start', parameters)
        running.stdin.write(json.dumps(parameters).encode())
        running.stdin.close()
        self._running[plugin_uuid] = running
        self.spawn(self._reap(plugin_uuid, running))

    async def _reap(self, plugin_uuid, running):
        await running.stdout.read()
        code = await running.wait()
        LOG.info('plugin %s ended (exit status %s)', plugin_uuid, code)

    async def _stop(self, plugin_uuid):
        running = self._running.pop(plugin_uuid, None)
        if running is not None and running.returncode is None:
            await self._end(running, self.conf.plugin_stop_grace)
            return True
        return False

    async def start_onboot(self):
        """At agent start: plugins that were running with onboot set."""
        for plugin_uuid in self.injected():
            meta = self._meta(plugin_uuid)
            if meta.get('onboot') and meta.get('operative'):
                LOG.info('starting onboot plugin %s', meta.get('name'))
                try:
                    await self._start(plugin_uuid, meta, meta.get('params'))
                except OSError as e:
                    LOG.error('onboot plugin %s: %s', plugin_uuid, e)

    async def stop_all(self):
        await asyncio.gather(*(self._stop(u) for u in list(self._running)))

    # The procedures.

    async def PluginInject(self, plugin, onboot=False, parameters=None):
        if not isinstance(plugin, dict):
            raise ActionError('plugin must be an object')
        plugin_uuid = _check_uuid(plugin.get('uuid'))
        source = source_of(plugin)
        directory = self._dir(plugin_uuid)
        updated = (directory / 'plugin.json').is_file()
        meta = self._meta(plugin_uuid) if updated else {}
        meta.update(name=str(plugin.get('name') or plugin_uuid),
                    callable=bool(plugin.get('callable')),
                    onboot=bool(onboot),
                    declared=plugin.get('parameters') or {})
        directory.mkdir(parents=True, exist_ok=True)
        (directory / 'plugin.py').write_text(source)
        self._save_meta(plugin_uuid, meta)
        return ('PluginInject result: '
                + ('UPDATED' if updated else 'INJECTED'))

    async def PluginStart(self, plugin_uuid, parameters=None):
        meta = self._meta(plugin_uuid)
        if self.alive(plugin_uuid):
            raise ActionError(f'plugin {meta["name"]} ALREADY STARTED!')
        parameters = self._parameters(meta, parameters)
        await self._start(plugin_uuid, meta, parameters)
        meta.update(operative=True, params=parameters)
        self._save_meta(plugin_uuid, meta)
        return 'STARTED'

    async def PluginStop(self, plugin_uuid, parameters=None):
        meta = self._meta(plugin_uuid)
        delay = (parameters or {}).get('delay', 0)
        if not isinstance(delay, int) or isinstance(delay, bool) or delay < 0:
            raise ActionError('delay must be a whole number of seconds')
        meta['operative'] = False
        self._save_meta(plugin_uuid, meta)
        if not self.alive(plugin_uuid):
            raise Warned(f'plugin {meta["name"]} is not running')
        if delay:
            self.after_answer(delay, lambda: self._stop(plugin_uuid))
            return f'STOPPING in {delay} seconds'
        await self._stop(plugin_uuid)
        return 'STOPPED'

    async def PluginCall(self, plugin_uuid, parameters=None):
        meta = self._meta(plugin_uuid)
        parameters = self._parameters(meta, parameters)
        running = await self._spawn(plugin_uuid, meta, 'call', parameters)
        timeout = self.conf.plugin_call_timeout
        try:
            out, _ = await asyncio.wait_for(
                running.communicate(json.dumps(parameters).encode()),
                timeout)
        except TimeoutError:
            await self._end(running, 0)
            raise ActionError(f'plugin {meta["name"]} did not return in '
                              f'{timeout}s; its process was killed')
        meta['params'] = parameters
        self._save_meta(plugin_uuid, meta)
        try:
            answer = json.loads(out.decode().strip().splitlines()[-1])
        except (ValueError, IndexError):
            raise ActionError(f'plugin {meta["name"]} ended without a '
                              f'result (exit status {running.returncode})')
        if 'error' in answer:
            raise ActionError(answer['error'])
        return answer.get('result')

    async def PluginReboot(self, plugin_uuid, parameters=None):
        meta = self._meta(plugin_uuid)
        parameters = self._parameters(meta, parameters)
        await self._stop(plugin_uuid)
        await self._start(plugin_uuid, meta, parameters)
        meta.update(operative=True, params=parameters)
        self._save_meta(plugin_uuid, meta)
        return 'REBOOTED'

    async def PluginStatus(self, plugin_uuid, parameters=None):
        self._meta(plugin_uuid)
        return 'ALIVE' if self.alive(plugin_uuid) else 'DEAD'

    async def PluginRemove(self, plugin_uuid, parameters=None):
        directory = self._dir(plugin_uuid)
        await self._stop(plugin_uuid)
        if not directory.exists():
            raise Warned(f'PluginRemove result: {plugin_uuid} already '
                         'removed!')
        shutil.rmtree(directory)
        return f'PluginRemove result: {plugin_uuid} removed!'

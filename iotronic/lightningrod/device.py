"""Device actions: what IoTronic can ask of the board itself.

Each action takes Lightning-rod 0.5's arguments (the request first, then
the parameters) and answers its envelope. An action whose request has a
``main_request_uuid`` is part of a larger operation: it answers RUNNING
at once and reports its outcome through ``notify_result``, as
Lightning-rod does. Nothing runs through a shell.
"""

import asyncio
import datetime
import json
import logging
import socket

from iotronic.wamp import envelope

LOG = logging.getLogger(__name__)

SUCCESS = envelope.SUCCESS
ERROR = envelope.ERROR
RUNNING = envelope.RUNNING


def _now():
    return datetime.datetime.now(datetime.UTC).isoformat()


class ActionError(Exception):
    """The action cannot be done: answered as ERROR with this message."""


async def run_command(argv, timeout=30):
    """Run ``argv`` (no shell); its stdout, or ActionError."""
    try:
        process = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT)
    except OSError as e:
        raise ActionError(f'{argv[0]}: {e.strerror}')
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        raise ActionError(f'{argv[0]} did not finish in {timeout}s')
    text = output.decode(errors='replace')
    if process.returncode:
        raise ActionError(f'{argv[0]} exited with {process.returncode}: '
                          f'{text[-500:]}')
    return text


def _delay(parameters, default):
    delay = (parameters or {}).get('delay', default)
    if not isinstance(delay, int) or isinstance(delay, bool) or delay < 0:
        raise ActionError('delay must be a whole number of seconds')
    return delay


class DeviceActions:
    """The Device* procedures of one board."""

    NAMES = ('DevicePing', 'DeviceEcho', 'DeviceNetConfig', 'DeviceReboot',
             'DeviceRestartLR')

    def __init__(self, board):
        self.board = board
        self.conf = board.conf
        self._background = set()

    def procedures(self):
        """name -> coroutine function, for registration on the router."""
        return {name: self._wrap(name, getattr(self, name))
                for name in self.NAMES}

    def _wrap(self, name, action):
        async def procedure(req=None, parameters=None, *args, **kwargs):
            req = req if isinstance(req, dict) else {}
            req_id = req.get('uuid')
            if req.get('main_request_uuid'):
                self._spawn(self._notify_later(name, action, req,
                                               parameters))
                return envelope.encode(RUNNING, f'{name} started',
                                            req_id)
            result, message = await self._run(name, action, parameters)
            return envelope.encode(result, message, req_id)
        return procedure

    async def _run(self, name, action, parameters):
        try:
            return SUCCESS, await action(parameters)
        except ActionError as e:
            return ERROR, str(e)
        except Exception:
            LOG.exception('%s failed', name)
            return ERROR, f'{name} failed on the board'

    async def _notify_later(self, name, action, req, parameters):
        result, message = await self._run(name, action, parameters)
        await self.board.notify_result(
            envelope.encode(result, message, req.get('uuid')))

    def _spawn(self, coroutine):
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def _later(self, delay, coroutine_function):
        await asyncio.sleep(delay)
        await coroutine_function()

    # The actions.

    async def DevicePing(self, parameters=None):
        return f'{socket.gethostname()} @ {_now()}'

    async def DeviceEcho(self, parameters=None):
        if not isinstance(parameters, dict) or 'say' not in parameters:
            raise ActionError('DeviceEcho needs the parameter "say"')
        return f'{parameters["say"]} @ {_now()}'

    async def DeviceNetConfig(self, parameters=None):
        try:
            return json.loads(await run_command(['ip', '-j', 'address']))
        except (ActionError, ValueError):
            return [{'ifname': name} for _, name in socket.if_nameindex()]

    async def DeviceReboot(self, parameters=None):
        delay = _delay(parameters, self.conf.action_delay)
        self._spawn(self._later(delay, self._reboot))
        return f'Rebooting board in {delay} seconds'

    async def _reboot(self):
        LOG.warning('Rebooting: %s', ' '.join(self.conf.reboot_command))
        try:
            await run_command(self.conf.reboot_command)
        except ActionError as e:
            LOG.error('Reboot failed: %s', e)

    async def DeviceRestartLR(self, parameters=None):
        delay = _delay(parameters, self.conf.action_delay)
        self._spawn(self._later(delay, self.board.restart))
        return f'Restarting the board agent in {delay} seconds'

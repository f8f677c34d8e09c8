"""What the board agent's procedures share: Lightning-rod 0.5's calling
convention and answers.

IoTronic calls a procedure with its request first (a dict), then the
procedure's own arguments. The answer is the upstream envelope. A
procedure whose request has a ``main_request_uuid`` is part of a larger
operation, and a long one (``LONG``) takes minutes: both answer RUNNING
at once and report the outcome later through ``notify_result``, as
Lightning-rod does. Nothing runs through a shell.
"""

import asyncio
import logging

from iotronic.wamp import envelope

LOG = logging.getLogger(__name__)

SUCCESS = envelope.SUCCESS
WARNING = envelope.WARNING
ERROR = envelope.ERROR
RUNNING = envelope.RUNNING

# Keys that only IoTronic's request carries: how a leading request is
# told apart from a procedure's first argument.
_REQUEST_KEYS = frozenset(('destination_uuid', 'main_request_uuid'))


class ActionError(Exception):
    """The procedure cannot be done: answered as ERROR with this text."""


class Warned(Exception):
    """Nothing to do (e.g. stopping a stopped plugin): answered as
    WARNING with this text, which IoTronic treats as done."""


async def run_command(argv, timeout=30, env=None):
    """Run ``argv`` (no shell); its output, or ActionError."""
    try:
        process = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, env=env)
    except OSError as e:
        raise ActionError(f'{argv[0]}: {e.strerror}')
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise ActionError(f'{argv[0]} did not finish in {timeout}s')
    text = output.decode(errors='replace')
    if process.returncode:
        raise ActionError(f'{argv[0]} exited with {process.returncode}: '
                          f'{text[-500:]}')
    return text


def split_request(args):
    """(request, the procedure's own arguments)."""
    if args and isinstance(args[0], dict) and _REQUEST_KEYS & set(args[0]):
        return args[0], args[1:]
    return {}, args


class Procedures:
    """A group of procedures of one board, registered by name."""

    NAMES = ()
    # Procedures that always answer RUNNING and report later. Such a
    # procedure's arguments are checked first by ``_check_<name>``, if
    # the group has one, so that bad input is refused at once.
    LONG = ()

    def __init__(self, board):
        self.board = board
        self.conf = board.conf
        self._background = set()

    def procedures(self):
        """name -> coroutine function, for registration on the router."""
        return {name: self._wrap(name, getattr(self, name))
                for name in self.NAMES}

    def _wrap(self, name, action):
        async def procedure(*args, **kwargs):
            req, args = split_request(args)
            req_id = req.get('uuid')
            if name in self.LONG or req.get('main_request_uuid'):
                check = getattr(self, f'_check_{name}', None)
                if check is not None:
                    try:
                        check(*args, **kwargs)
                    except (ActionError, TypeError) as e:
                        return envelope.encode(ERROR, str(e), req_id)
                self.spawn(self._notify_later(name, action, req_id, args,
                                              kwargs))
                return envelope.encode(RUNNING, f'{name} started', req_id)
            result, message = await self._run(name, action, args, kwargs)
            return envelope.encode(result, message, req_id)
        return procedure

    async def _run(self, name, action, args, kwargs):
        try:
            return SUCCESS, await action(*args, **kwargs)
        except Warned as e:
            return WARNING, str(e)
        except ActionError as e:
            return ERROR, str(e)
        except TypeError as e:
            # Wrong arguments from the caller.
            return ERROR, f'{name}: {e}'
        except Exception:
            LOG.exception('%s failed', name)
            return ERROR, f'{name} failed on the board'

    async def _notify_later(self, name, action, req_id, args, kwargs):
        result, message = await self._run(name, action, args, kwargs)
        await self.board.notify_result(
            envelope.encode(result, message, req_id))

    def spawn(self, coroutine):
        """Run ``coroutine`` in the background, keeping a reference."""
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    def after_answer(self, delay, coroutine_function):
        """Run ``coroutine_function`` ``delay`` seconds after the current
        procedure has answered (and, for a long one, reported): a reboot
        or a restart must not cut its own answer off."""
        current = asyncio.current_task()

        async def run():
            if current is not None:
                await asyncio.wait({current})
            await asyncio.sleep(delay)
            await coroutine_function()
        self.spawn(run())

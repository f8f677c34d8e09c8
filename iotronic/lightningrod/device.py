"""Device actions: what IoTronic can ask of the board itself.

The whole Lightning-rod 0.5 set. Parameters are checked before anything
runs; commands are argument lists, never shell strings; package
managers and their commands come from an allow-list. Upgrades and
package operations take minutes: they answer RUNNING and report through
``notify_result``.
"""

import asyncio
import datetime
import json
import re
import shlex
import socket
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request

from iotronic.lightningrod import procedures
from iotronic.lightningrod.procedures import ActionError
from iotronic.lightningrod.procedures import run_command


# Names and versions that cannot be mistaken for an option or a path.
_PACKAGE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._+-]{0,213}$')
_VERSION = re.compile(r'^[A-Za-z0-9][A-Za-z0-9.+~:_-]{0,63}$')

# manager -> command -> arguments, with upstream's aliases.
_PACKAGE_COMMANDS = {
    'apt-get': {'install': ['install', '-y'], 'remove': ['remove', '-y'],
                'upgrade': ['install', '--only-upgrade', '-y'],
                'update': ['update']},
    'pip': {'install': ['install'], 'uninstall': ['uninstall', '-y'],
            'upgrade': ['install', '--upgrade']},
    'npm': {'install': ['install', '-g'], 'uninstall': ['uninstall', '-g'],
            'update': ['update', '-g'], 'upgrade': ['update', '-g']},
}
_MANAGER_ALIASES = {'apt': 'apt-get', 'pip3': 'pip'}
_COMMAND_ALIASES = {'pip': {'remove': 'uninstall'},
                    'npm': {'remove': 'uninstall'},
                    'apt-get': {'uninstall': 'remove'}}
_PINNED = {'apt-get': '{}={}', 'pip': '{}=={}', 'npm': '{}@{}'}

_HTTP_METHODS = ('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD')
_MAX_BODY = 256 * 1024


def _now():
    return datetime.datetime.now(datetime.UTC).isoformat()


def _parameters(parameters):
    if parameters is None:
        return {}
    if not isinstance(parameters, dict):
        raise ActionError('parameters must be an object')
    return parameters


def _delay(parameters, default):
    delay = _parameters(parameters).get('delay', default)
    if not isinstance(delay, int) or isinstance(delay, bool) or delay < 0:
        raise ActionError('delay must be a whole number of seconds')
    return delay


def _text(parameters, key, pattern, required=True):
    value = _parameters(parameters).get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not pattern.match(value):
        raise ActionError(f'{key}: {value!r} is not a valid {key}')
    return value


def _python_argv(template):
    """A configured command; ``{python}`` is this agent's interpreter."""
    return [part.replace('{python}', sys.executable)
            for part in template]


class DeviceActions(procedures.Procedures):
    """The Device* procedures of one board."""

    NAMES = ('DevicePing', 'DeviceEcho', 'DeviceNetConfig', 'DeviceReboot',
             'DeviceRestartLR', 'DeviceUpgradeLR', 'DevicePkgOperation',
             'DeviceRestSubmit')
    LONG = ('DeviceUpgradeLR', 'DevicePkgOperation')

    async def DevicePing(self, parameters=None):
        return f'{socket.gethostname()} @ {_now()}'

    async def DeviceEcho(self, parameters=None):
        parameters = _parameters(parameters)
        if 'say' not in parameters:
            raise ActionError('DeviceEcho needs the parameter "say"')
        return f'{parameters["say"]} @ {_now()}'

    async def DeviceNetConfig(self, parameters=None):
        try:
            return json.loads(await run_command(['ip', '-j', 'address']))
        except (ActionError, ValueError):
            return [{'ifname': name} for _, name in socket.if_nameindex()]

    async def DeviceReboot(self, parameters=None):
        delay = _delay(parameters, self.conf.action_delay)
        self.after_answer(delay, self._reboot)
        return f'Rebooting board in {delay} seconds'

    async def _reboot(self):
        procedures.LOG.warning('Rebooting: %s',
                               ' '.join(self.conf.reboot_command))
        try:
            await run_command(self.conf.reboot_command)
        except ActionError as e:
            procedures.LOG.error('Reboot failed: %s', e)

    async def DeviceRestartLR(self, parameters=None):
        delay = _delay(parameters, self.conf.action_delay)
        self.after_answer(delay, self.board.restart)
        return f'Restarting the board agent in {delay} seconds'

    def _check_DeviceUpgradeLR(self, parameters=None):
        version = _text(parameters, 'version', _VERSION, required=False)
        package = self.conf.upgrade_package
        return f'{package}=={version}' if version else package

    async def DeviceUpgradeLR(self, parameters=None):
        """Install another release of the board agent, then restart."""
        package = self._check_DeviceUpgradeLR(parameters)
        output = await run_command(
            _python_argv(self.conf.upgrade_command) + [package],
            timeout=self.conf.package_timeout)
        delay = self.conf.action_delay
        self.after_answer(delay, self.board.restart)
        return (f'{package} installed; restarting in {delay} seconds. '
                f'{output[-300:]}')

    def _check_DevicePkgOperation(self, parameters=None):
        """The package manager's argument list."""
        parameters = _parameters(parameters)
        manager = parameters.get('manager')
        manager = _MANAGER_ALIASES.get(manager, manager)
        if manager not in _PACKAGE_COMMANDS:
            raise ActionError(
                f'manager must be one of {", ".join(_PACKAGE_COMMANDS)}')
        if manager not in self.conf.package_managers:
            raise ActionError(f'{manager} is not enabled on this board')
        command = parameters.get('command')
        command = _COMMAND_ALIASES.get(manager, {}).get(command, command)
        if command not in _PACKAGE_COMMANDS[manager]:
            raise ActionError(
                f'command must be one of '
                f'{", ".join(_PACKAGE_COMMANDS[manager])}')
        argv = (_python_argv(shlex.split(self.conf.package_managers[manager]))
                + _PACKAGE_COMMANDS[manager][command])
        if command != 'update' or manager != 'apt-get':
            package = _text(parameters, 'package', _PACKAGE)
            version = _text(parameters, 'version', _VERSION,
                            required=False)
            if version:
                package = _PINNED[manager].format(package, version)
            argv.append(package)
        return argv

    async def DevicePkgOperation(self, parameters=None):
        output = await run_command(
            self._check_DevicePkgOperation(parameters),
            timeout=self.conf.package_timeout)
        return output[-2000:]

    async def DeviceRestSubmit(self, parameters=None):
        """An HTTP request made by the board, e.g. to a local device API."""
        parameters = _parameters(parameters)
        url = parameters.get('url')
        parsed = urllib.parse.urlsplit(url if isinstance(url, str) else '')
        if parsed.scheme not in ('http', 'https') or not parsed.netloc:
            raise ActionError('url must be an http:// or https:// URL')
        method = str(parameters.get('method', 'GET')).upper()
        if method not in _HTTP_METHODS:
            raise ActionError(
                f'method must be one of {", ".join(_HTTP_METHODS)}')
        timeout = parameters.get('timeout', 10)
        if not isinstance(timeout, (int, float)) or not 0 < timeout <= 60:
            raise ActionError('timeout must be between 0 and 60 seconds')
        headers = parameters.get('headers') or {}
        if not isinstance(headers, dict):
            raise ActionError('headers must be an object')
        query = parameters.get('params')
        if query:
            if not isinstance(query, dict):
                raise ActionError('params must be an object')
            url += ('&' if parsed.query else '?') + urllib.parse.urlencode(
                query)
        body = None
        if parameters.get('json') is not None:
            body = json.dumps(parameters['json']).encode()
            headers.setdefault('Content-Type', 'application/json')
        elif parameters.get('data') is not None:
            data = parameters['data']
            body = (urllib.parse.urlencode(data) if isinstance(data, dict)
                    else str(data)).encode()
        request = urllib.request.Request(  # noqa: S310 (scheme checked)
            url, data=body, method=method,
            headers={str(k): str(v) for k, v in headers.items()})
        verify = parameters.get('verify', True) is not False
        return await asyncio.to_thread(_submit, request, timeout, verify)


def _submit(request, timeout, verify):
    context = None if verify else ssl._create_unverified_context()  # noqa: S323
    try:
        with urllib.request.urlopen(request, timeout=timeout,  # noqa: S310
                                    context=context) as response:
            payload = response.read(_MAX_BODY)
    except urllib.error.HTTPError as e:
        detail = e.read(500).decode(errors='replace')
        raise ActionError(f'HTTP {e.code}: {detail}')
    except (urllib.error.URLError, OSError) as e:
        raise ActionError(f'{request.full_url}: {getattr(e, "reason", e)}')
    text = payload.decode(errors='replace')
    try:
        return json.loads(text)
    except ValueError:
        return text

"""Run one plugin in a process of its own (``python -m`` this module).

The board agent starts one runner per PluginCall and per PluginStart, so
a plugin that loops, blocks, crashes or leaks ends with its process and
never with the agent. The runner reads its parameters as JSON on stdin
and, for a call, writes ``{"result": ...}`` or ``{"error": ...}`` as the
only line of stdout; whatever the plugin prints goes to stderr (the
plugin's log).

Two plugin contracts are understood:

* IoTronic's: a function ``main(params)``. A call returns its JSON-able
  value; a start runs it until it returns or the process is stopped.
* Lightning-rod's: a class ``Worker`` built on
  ``iotronic_lightningrod.modules.plugins.Plugin.Plugin`` (a thread that
  puts its result on ``q_result``). The runner provides that base class,
  so such plugins run unmodified.
"""

import argparse
import importlib.util
import json
import logging
import os
import queue
import signal
import sys
import threading
import types
import urllib.request

LOG = logging.getLogger('plugin')


class Plugin(threading.Thread):
    """The base class of upstream Lightning-rod plugins, re-implemented:
    a thread with a cooperative stop."""

    def __init__(self, uuid, name, q_result=None, params=None):
        super().__init__(name=f'Plugin {name}', daemon=True)
        self.uuid = uuid
        self.name = name
        self.q_result = q_result
        self.params = params
        self.status = 'INITED'
        self._is_running = True

    def run(self):
        raise NotImplementedError('a Worker implements run()')

    def stop(self):
        self._is_running = False

    def checkStatus(self):
        return self.status

    def setStatus(self, status):
        self.status = status

    def complete(self, rpc_name, result):
        self.setStatus(result)
        return f'{rpc_name} result: {self.checkStatus()}'


def _send_request(url, action, headers=None, body=None, verbose=False):
    """pluginApis.sendRequest: an HTTP request, the body parsed as JSON."""
    data = body if body is None or isinstance(body, bytes) else (
        json.dumps(body) if not isinstance(body, str) else body).encode()
    request = urllib.request.Request(  # noqa: S310 (the plugin's own)
        url, data=data, method=action, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        text = response.read().decode(errors='replace')
    try:
        return json.loads(text)
    except ValueError:
        return text


def install_upstream_api(board_uuid=None, location=None):
    """Make ``iotronic_lightningrod.modules.plugins`` importable."""
    names = ('iotronic_lightningrod', 'iotronic_lightningrod.modules',
             'iotronic_lightningrod.modules.plugins')
    modules = {}
    for name in names:
        module = types.ModuleType(name)
        module.__path__ = []
        modules[name] = module
        sys.modules[name] = module
    base = types.ModuleType('iotronic_lightningrod.modules.plugins.Plugin')
    base.Plugin = Plugin
    apis = types.ModuleType(
        'iotronic_lightningrod.modules.plugins.pluginApis')
    apis.getBoardID = lambda: board_uuid
    apis.getLocation = lambda: location
    apis.getBoardGpio = lambda: None
    apis.sendRequest = _send_request
    plugins = modules['iotronic_lightningrod.modules.plugins']
    plugins.Plugin, plugins.pluginApis = base, apis
    modules['iotronic_lightningrod'].modules = modules[
        'iotronic_lightningrod.modules']
    modules['iotronic_lightningrod.modules'].plugins = plugins
    sys.modules[base.__name__] = base
    sys.modules[apis.__name__] = apis


def load(path):
    spec = importlib.util.spec_from_file_location('plugin', path)
    module = importlib.util.module_from_spec(spec)
    sys.modules['plugin'] = module
    spec.loader.exec_module(module)
    return module


def _contract(module):
    """'main' or 'worker': which of the two contracts the plugin uses."""
    if callable(getattr(module, 'main', None)):
        return 'main'
    if isinstance(getattr(module, 'Worker', None), type):
        return 'worker'
    raise RuntimeError('the plugin defines neither main(params) nor Worker')


def call(module, uuid, name, params):
    if _contract(module) == 'main':
        return module.main(params)
    results = queue.Queue()
    worker = module.Worker(uuid, name, q_result=results, params=params)
    worker.start()
    # The agent enforces the deadline by killing this process.
    return results.get()


def start(module, uuid, name, params):
    if _contract(module) == 'main':
        module.main(params)
        return
    worker = module.Worker(uuid, name, q_result=queue.Queue(),
                           params=params)

    def stop(signum, frame):
        # Lightning-rod's stop is cooperative: ask, then let the agent
        # kill the process if the worker does not listen.
        worker.stop()
        worker.join()
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    worker.start()
    while worker.is_alive():
        worker.join(1)


def main(argv=None):
    parser = argparse.ArgumentParser(prog='iotronic-plugin-runner')
    parser.add_argument('mode', choices=['call', 'start'])
    parser.add_argument('source')
    parser.add_argument('--uuid', required=True)
    parser.add_argument('--name', required=True)
    parser.add_argument('--board')
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format='%(asctime)s %(levelname)s %(message)s')
    params = json.loads(sys.stdin.read() or 'null')
    # The plugin's prints must not be taken for the result.
    answer = os.fdopen(os.dup(sys.stdout.fileno()), 'w')
    sys.stdout = sys.stderr
    install_upstream_api(board_uuid=args.board)
    try:
        module = load(args.source)
        if args.mode == 'start':
            start(module, args.uuid, args.name, params)
            return 0
        result = call(module, args.uuid, args.name, params)
        answer.write(json.dumps({'result': result}, default=str) + '\n')
        return 0
    except Exception as e:
        LOG.exception('plugin %s failed', args.name)
        answer.write(json.dumps(
            {'error': f'{type(e).__name__}: {e}'}) + '\n')
        return 1
    finally:
        answer.flush()


if __name__ == '__main__':
    sys.exit(main())

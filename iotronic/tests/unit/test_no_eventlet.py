"""IoTronic runs on threads and asyncio; eventlet must stay out.

eventlet arrives as a dependency of oslo libraries. Importing every module
of ours must neither import it nor monkey-patch the standard library.
"""

import importlib
import pkgutil
import sys

import iotronic


def _all_modules():
    for info in pkgutil.walk_packages(iotronic.__path__, 'iotronic.'):
        # iotronic.wsgi builds the application (parsing the configuration)
        # when imported: that is its purpose under mod_wsgi.
        if ('.tests' in info.name or '.alembic' in info.name
                or info.name == 'iotronic.wsgi'):
            continue
        yield info.name


def test_importing_iotronic_does_not_bring_eventlet():
    for name in _all_modules():
        importlib.import_module(name)
    assert 'eventlet' not in sys.modules or not sys.modules[
        'eventlet'].patcher.is_monkey_patched('socket')
    import socket
    assert socket.socket.__module__ == 'socket'

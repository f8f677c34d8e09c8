"""IoTronic's versioned objects; ``register_all()`` loads every one."""

import importlib

_MODULES = ('board', 'conductor', 'enabled_webservice', 'exposed_service',
            'fleet', 'injection_plugin', 'location', 'plugin', 'port',
            'request', 'result', 'service', 'session', 'wampagent',
            'webservice')


def register_all():
    for module in _MODULES:
        importlib.import_module(f'iotronic.objects.{module}')

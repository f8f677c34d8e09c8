"""WSGI entry point for Apache mod_wsgi (and any WSGI server).

    WSGIScriptAlias / /path/to/iotronic/wsgi.py  (or the module
    iotronic.wsgi:application)

Configuration comes from /etc/iotronic/iotronic.conf unless
IOTRONIC_CONFIG_FILE names another file.
"""

import os

from iotronic.api import app as api_app
from iotronic.common import config


def _application():
    config_file = os.environ.get('IOTRONIC_CONFIG_FILE')
    config.prepare_command(['iotronic-api'],
                           default_config_files=[config_file]
                           if config_file else None)
    return api_app.setup_app()


application = _application()

"""Serve Keystone's public API on a loopback port, for functional tests.

Runs with the Python of the Keystone virtual environment (.peers/keystone),
never ours. Usage: python keystone_wsgi.py PORT, with OS_KEYSTONE_CONFIG_DIR
and OS_KEYSTONE_CONFIG_FILES naming the configuration.
"""

import sys

# Keystone parses sys.argv as its own command line.
PORT = int(sys.argv.pop(1))

from keystone.server import wsgi  # noqa: E402
from werkzeug import serving  # noqa: E402

serving.run_simple('127.0.0.1', PORT, wsgi.initialize_public_application(),
                   threaded=True)

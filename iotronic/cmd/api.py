"""iotronic-api: the REST API on a threaded WSGI server (cheroot)."""

import signal
import sys

from cheroot import wsgi
from oslo_log import log as logging

from iotronic.api import app as api_app
from iotronic.common import config
from iotronic.conf import CONF

LOG = logging.getLogger(__name__)


def main(argv=None):
    config.prepare_command(sys.argv if argv is None else argv)
    server = wsgi.Server((CONF.api.host_ip, CONF.api.port),
                         api_app.setup_app(),
                         numthreads=CONF.api.threads,
                         server_name='iotronic-api')

    def _stop(signum, frame):
        server.stop()

    signal.signal(signal.SIGTERM, _stop)
    LOG.info('iotronic-api listening on %s:%s', CONF.api.host_ip,
             CONF.api.port)
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()

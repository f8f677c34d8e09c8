"""iotronic-api: the REST API on a threaded WSGI server (cheroot)."""

import signal
import sys

from cheroot import wsgi
from oslo_log import log as logging

from iotronic.api import app as api_app
from iotronic.common import config
from iotronic.conf import CONF

LOG = logging.getLogger(__name__)

_LISTEN_BACKLOG = 1024


def serve(application):
    """Serve ``application`` on [api] host_ip:port until SIGTERM or ^C."""
    server = wsgi.Server((CONF.api.host_ip, CONF.api.port), application,
                         numthreads=CONF.api.threads,
                         server_name='iotronic-api')
    # cheroot's default backlog (5) resets clients as soon as more
    # connect at once than there are threads free.
    server.request_queue_size = _LISTEN_BACKLOG

    # SIGTERM interrupts serve() like ^C; stopping from inside the handler
    # would wait for the loop the handler interrupted.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.prepare()
    except OSError as e:
        sys.exit(f'iotronic-api: cannot listen on {CONF.api.host_ip}:'
                 f'{CONF.api.port}: {e}')
    LOG.info('iotronic-api listening on http://%s:%s/',
             *server.bind_addr[:2])
    try:
        server.serve()
    except KeyboardInterrupt:
        LOG.info('iotronic-api stopping')
    finally:
        server.stop()


def main(argv=None):
    config.prepare_command(sys.argv if argv is None else argv)
    serve(api_app.setup_app())

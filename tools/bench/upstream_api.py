"""Serve upstream IoTronic's API (its own ``app.wsgi``) for the benchmark.

Upstream ships no API server, only a WSGI script for Apache mod_wsgi.
This runs that script in a threading WSGI server, one thread per
connection (at least as generous as mod_wsgi's thread pool). It runs
with the upstream environment's Python and imports nothing of ours.

    python upstream_api.py CONFIG_FILE PORT
"""

import importlib.util
import pathlib
import runpy
import socketserver
import sys
from wsgiref import simple_server


class _Server(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True
    request_queue_size = 1024


class _QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main():
    config, port = sys.argv[1], int(sys.argv[2])
    # app.wsgi parses sys.argv as its command line.
    sys.argv = ['iotronic-api', '--config-file', config]
    package = importlib.util.find_spec('iotronic.wsgi')
    script = pathlib.Path(next(iter(package.submodule_search_locations)))
    application = runpy.run_path(str(script / 'app.wsgi'))['application']
    server = simple_server.make_server('127.0.0.1', port, application,
                                       _Server, _QuietHandler)
    print(f'upstream API listening on {port}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()

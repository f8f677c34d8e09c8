"""The API as a WSGI application."""

import pecan
from oslo_middleware import cors
from oslo_middleware import healthcheck
from oslo_middleware import http_proxy_to_wsgi
from oslo_config import cfg
from oslo_middleware import request_id
from oslo_middleware import sizelimit

from iotronic.api import hooks
from iotronic.api import openapi
from iotronic.api.middleware import auth
from iotronic.api.middleware import json_body
from iotronic.api.middleware import parsable_error
from iotronic.api.controllers import version
from iotronic.conf import CONF
from iotronic import objects


class _Mount:
    """Send requests for a few exact paths to their own application."""

    def __init__(self, default, mounts):
        self.default = default
        self.mounts = mounts

    def __call__(self, environ, start_response):
        app = self.mounts.get(environ.get('PATH_INFO', '').rstrip('/'),
                              self.default)
        return app(environ, start_response)


# A plugin's source may be up to 1 MiB; JSON escaping can nearly double it.
MAX_REQUEST_BODY_SIZE = 2 * 1024 * 1024


def set_middleware_defaults():
    """Middleware defaults as IoTronic ships them.

    Browsers may send and read the microversion and request-id headers;
    request bodies are capped above the largest valid one.
    """
    cfg.set_defaults(sizelimit.OPTS,
                     max_request_body_size=MAX_REQUEST_BODY_SIZE)
    cors.set_defaults(
        allow_headers=['X-Auth-Token', version.HEADER,
                       'X-OpenStack-Request-ID', 'Content-Type'],
        expose_headers=[version.HEADER, version.MIN_HEADER,
                        version.MAX_HEADER, 'X-OpenStack-Request-ID'],
        allow_methods=['GET', 'PUT', 'POST', 'DELETE', 'PATCH'])


def setup_app():
    """The pecan application wrapped in IoTronic's middleware.

    From the outside in: proxy headers, request id, CORS, healthcheck
    (unauthenticated), the error-body shape, the body-size cap, JSON
    parsing, authentication, then pecan.
    """
    objects.register_all()
    app = pecan.make_app('iotronic.api.controllers.root.RootController',
                         hooks=hooks.all_hooks(),
                         force_canonical=False,
                         guess_content_type_from_ext=False)
    if CONF.auth_strategy == 'keystone':
        app = auth.KeystoneAuth(app, {'oslo_config_config': CONF})
    else:
        app = auth.NoAuth(app)
    app = json_body.JsonBody(app)
    app = sizelimit.RequestBodySizeLimiter(app, CONF)
    app = parsable_error.ParsableErrorMiddleware(app)
    app = _Mount(app, {'/healthcheck': healthcheck.Healthcheck(None, CONF),
                       '/v1/openapi.json': openapi.application,
                       '/openapi.json': openapi.application})
    set_middleware_defaults()
    app = cors.CORS(app, CONF)
    app = request_id.RequestId(app)
    app = http_proxy_to_wsgi.HTTPProxyToWSGI(app, CONF)
    return app

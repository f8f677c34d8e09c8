"""Request bodies are JSON, parsed once, before anything else reads them.

pecan parses a JSON body itself to find keyword arguments, and turns some
malformed bodies (nesting deep enough to exhaust the parser's recursion)
into a 500. Parsing here first means a body that is not JSON is refused
with a 400 (or 415 for another media type) before pecan sees it, and the
controllers reuse the parsed value.
"""

import json

import webob
from webob import exc

from iotronic.common.i18n import _

PARSED_BODY = 'iotronic.json_body'

_JSON_TYPES = ('application/json', 'application/javascript')


def _refuse(error_class, message):
    response = error_class()
    response.content_type = 'application/json'
    response.charset = 'utf-8'
    response.text = json.dumps({'faultcode': 'Client',
                                'faultstring': message, 'debuginfo': None})
    return response


class JsonBody:

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        if request.method not in ('POST', 'PUT', 'PATCH'):
            return self.app(environ, start_response)
        try:
            body = request.body
        except exc.HTTPException as error:  # the size limiter's 413
            return error(environ, start_response)
        if not body:
            return self.app(environ, start_response)
        if request.content_type not in _JSON_TYPES:
            return _refuse(exc.HTTPUnsupportedMediaType, _(
                'Request bodies must be JSON (Content-Type: '
                'application/json).'))(environ, start_response)
        try:
            environ[PARSED_BODY] = json.loads(
                body.decode(request.charset or 'utf-8'))
        except (ValueError, RecursionError, LookupError):
            return _refuse(exc.HTTPBadRequest, _(
                'The request body is not valid JSON.'))(
                    environ, start_response)
        return self.app(environ, start_response)

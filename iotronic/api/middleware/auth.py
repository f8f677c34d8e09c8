"""Authentication in front of the API.

``keystone``: keystonemiddleware's auth_token, except for the public
routes (version documents, the OpenAPI description), which anyone may
read. ``noauth``: the identity comes from request headers, for the
all-in-one and tests only.
"""

from keystonemiddleware import auth_token

_PUBLIC_PATHS = {'', '/v1', '/v1/openapi.json', '/openapi.json'}


def is_public(path):
    return path.rstrip('/') in _PUBLIC_PATHS


class KeystoneAuth(auth_token.AuthProtocol):

    def __init__(self, app, conf):
        self._iotronic_app = app
        super().__init__(app, conf)

    def __call__(self, environ, start_response):
        if is_public(environ.get('PATH_INFO', '/')):
            return self._iotronic_app(environ, start_response)
        return super().__call__(environ, start_response)


class NoAuth:
    """Trust the identity headers; default to an admin of project noauth."""

    DEFAULTS = {'HTTP_X_USER_ID': 'noauth', 'HTTP_X_PROJECT_ID': 'noauth',
                'HTTP_X_ROLES': 'admin'}

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        for key, value in self.DEFAULTS.items():
            environ.setdefault(key, value)
        environ['HTTP_X_IDENTITY_STATUS'] = 'Confirmed'
        return self.app(environ, start_response)

"""API tests: the whole WSGI application, conductor in-process, SQLite."""

import pytest
import webtest

from iotronic.tests import db_utils

VERSION = 'X-OpenStack-Iotronic-API-Version'


class Caller:
    """Requests as one identity (noauth takes it from the headers)."""

    def __init__(self, app, project, roles, user='user-a', version=None):
        self.app = app
        self.headers = {'X-Project-Id': project, 'X-Roles': roles,
                        'X-User-Id': user}
        if version:
            self.headers[VERSION] = version

    def _headers(self, headers):
        return dict(self.headers, **(headers or {}))

    def get(self, path, status=200, headers=None):
        return self.app.get(path, headers=self._headers(headers),
                            status=status)

    def post(self, path, body, status=201, headers=None):
        return self.app.post_json(path, body, headers=self._headers(headers),
                                  status=status)

    def patch(self, path, body, status=200, headers=None):
        return self.app.patch_json(path, body,
                                   headers=self._headers(headers),
                                   status=status)

    def put(self, path, body, status=200, headers=None):
        return self.app.put_json(path, body, headers=self._headers(headers),
                                 status=status)

    def delete(self, path, status=204, headers=None):
        return self.app.delete(path, headers=self._headers(headers),
                               status=status)


@pytest.fixture
def app(dbapi, iotronic_config):
    iotronic_config.config(auth_strategy='noauth', rpc_transport='none')
    from iotronic.api import app as api_app
    return webtest.TestApp(api_app.setup_app())


@pytest.fixture
def manager(app):
    """A manager of project A, at the latest API version."""
    return Caller(app, db_utils.PROJECT, 'manager', version='latest')


@pytest.fixture
def member(app):
    return Caller(app, db_utils.PROJECT, 'member', user='user-m',
                  version='latest')


@pytest.fixture
def reader(app):
    return Caller(app, db_utils.PROJECT, 'reader', user='user-r',
                  version='latest')


@pytest.fixture
def other(app):
    """A manager of another project."""
    return Caller(app, db_utils.OTHER_PROJECT, 'manager', user='user-o',
                  version='latest')


@pytest.fixture
def admin(app):
    return Caller(app, 'admin-project', 'admin', user='admin',
                  version='latest')


def fault(response):
    """The faultstring inside upstream's double-encoded error body."""
    import json
    return json.loads(response.json['error_message'])['faultstring']

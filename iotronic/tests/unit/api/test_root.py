import json

from openapi_spec_validator import validate as validate_openapi
import pytest

from iotronic.tests.unit.api.conftest import fault
from iotronic.tests.unit.api.conftest import VERSION

MIN = 'X-OpenStack-Iotronic-API-Minimum-Version'
MAX = 'X-OpenStack-Iotronic-API-Maximum-Version'


def test_root_document(app):
    doc = app.get('/').json
    assert doc['default_version']['id'] == 'v1'
    assert doc['default_version']['min_version'] == '1.0'
    assert doc['versions'] == [doc['default_version']]


def test_v1_document_lists_every_resource(app):
    for path in ('/v1', '/v1/'):
        response = app.get(path)
        for resource in ('boards', 'plugins', 'services', 'fleets',
                         'requests'):
            assert response.json[resource][0]['href'].endswith(
                f'/v1/{resource}/')
        assert response.headers[MIN] == '1.0'
        assert response.headers[VERSION] == '1.0'


@pytest.mark.parametrize('requested,answered', [
    (None, '1.0'), ('1.0', '1.0'), ('1.2', '1.2'), ('latest', '1.5'),
    (' LATEST ', '1.5')])
def test_version_negotiation(app, requested, answered):
    headers = {VERSION: requested} if requested else {}
    response = app.get('/v1/boards', headers=headers)
    assert response.headers[VERSION] == answered
    assert response.headers[MAX] == '1.5'


@pytest.mark.parametrize('requested', ['1.9', '2.0', '0.9', 'one', '1',
                                       '1.x', ''])
def test_unsupported_version_is_406_with_the_range(app, requested):
    response = app.get('/v1/boards', headers={VERSION: requested},
                       status=406)
    assert response.headers[MIN] == '1.0'
    assert response.headers[MAX] == '1.5'
    assert 'supported range' in fault(response) or 'Invalid value' in (
        fault(response))


def test_errors_have_upstream_shape(app):
    response = app.get('/v1/nothing-here', status=404)
    body = response.json
    assert set(body) == {'error_message'}
    inner = json.loads(body['error_message'])
    assert set(inner) == {'faultcode', 'faultstring', 'debuginfo'}
    assert inner['faultcode'] == 'Client'


def test_paths_without_v1_are_v1(app):
    assert app.get('/boards').json == {'boards': []}
    assert app.get('/boards/').json == {'boards': []}


def test_openapi_is_valid_and_public(app):
    document = app.get('/v1/openapi.json').json
    validate_openapi(document)
    assert '/v1/boards/{ident}' in document['paths']
    post = document['paths']['/v1/boards']['post']
    schema = post['requestBody']['content']['application/json']['schema']
    assert 'status' not in schema['properties']
    assert schema['additionalProperties'] is False


def test_healthcheck(app):
    assert app.get('/healthcheck').status_int == 200


def test_request_id_is_returned(app):
    response = app.get('/v1/boards')
    assert response.headers['Openstack-Request-Id'].startswith('req-')


def test_failures_outside_pecan_are_a_clean_500():
    import webtest

    from iotronic.api.middleware import parsable_error

    def broken(environ, start_response):
        raise RuntimeError('SELECT secret FROM somewhere')

    app = webtest.TestApp(parsable_error.ParsableErrorMiddleware(broken))
    response = app.get('/v1/boards', status=500)
    assert 'secret' not in response.text
    assert 'Internal server error' in fault(response)


def test_remote_tracebacks_never_reach_clients():
    """oslo.messaging appends the remote traceback to str() of an error."""
    from iotronic.common import exception

    error = exception.FleetAlreadyExists(columns='name', values='lab',
                                         where='')
    remote = type('FleetAlreadyExists_Remote', (type(error),), {
        '__str__': lambda self: 'message\nTraceback: INSERT INTO ...'})(
            *error.args, **error.kwargs)
    assert remote.user_message == 'A fleet with name lab already exists.'

"""Project isolation, endpoint by endpoint.

Project A owns one of everything. A manager and a member of project B call
every endpoint, by uuid and by name, with every method: reads answer 404
or an empty list, writes answer 404, and no answer carries any identifier
or name of project A's resources. Project A's resources are unchanged
afterwards.
"""

import pytest

from iotronic.tests import db_utils


@pytest.fixture
def project_a(manager):
    """Project A's resources, created through the API where it can."""
    fleet = manager.post('/v1/fleets', {'name': 'a-fleet'}).json
    board = manager.post('/v1/boards', {
        'name': 'a-board', 'code': 'A-SECRET-CODE', 'fleet': fleet['uuid'],
        'location': [{'latitude': '1', 'longitude': '2',
                      'altitude': '3'}]}).json
    plugin = manager.post('/v1/plugins', {'name': 'a-plugin',
                                          'code': 'A-PLUGIN-SOURCE'}).json
    service = manager.post('/v1/services', {'name': 'a-service',
                                            'port': 22,
                                            'protocol': 'TCP'}).json
    db_utils.create_test_injection_plugin(board_uuid=board['uuid'],
                                          plugin_uuid=plugin['uuid'])
    db_utils.create_test_exposed_service(board_uuid=board['uuid'],
                                         service_uuid=service['uuid'],
                                         public_port=50123)
    request = db_utils.create_test_request(destination_uuid=board['uuid'],
                                           project=db_utils.PROJECT)
    db_utils.create_test_result(board_uuid=board['uuid'],
                                request_uuid=request.uuid,
                                message='A-RESULT-MESSAGE')
    return {'fleets': fleet, 'boards': board, 'plugins': plugin,
            'services': service,
            'requests': {'uuid': request.uuid, 'name': request.uuid}}


def _secrets(project_a):
    found = {'A-SECRET-CODE', 'A-PLUGIN-SOURCE', 'A-RESULT-MESSAGE'}
    for resource in project_a.values():
        found.update({resource['uuid'], resource['name']})
    return found


def _paths(project_a):
    """Every GET path of the API, for each identifier of A's resources."""
    paths = ['/v1/boards', '/v1/boards/detail', '/v1/plugins',
             '/v1/plugins/detail', '/v1/plugins/public',
             '/v1/plugins?with_public=true', '/v1/services',
             '/v1/services/detail', '/v1/fleets', '/v1/fleets/detail',
             '/v1/requests', '/v1/requests/detail',
             f'/v1/requests?destination_uuid={project_a["boards"]["uuid"]}',
             '/v1/boards?status=registered', '/boards', '/plugins']
    for kind, resource in project_a.items():
        for ident in {resource['uuid'], resource['name']}:
            paths.append(f'/v1/{kind}/{ident}')
            paths.append(f'/{kind}/{ident}')
    board, fleet = project_a['boards'], project_a['fleets']
    for ident in (board['uuid'], board['name']):
        paths += [f'/v1/boards/{ident}/plugins',
                  f'/v1/boards/{ident}/services']
    for ident in (fleet['uuid'], fleet['name']):
        paths += [f'/v1/fleets/{ident}/boards',
                  f'/v1/fleets/{ident}/boards/detail']
    paths.append(f'/v1/requests/{project_a["requests"]["uuid"]}/results')
    paths.append(f'/v1/boards?fleet={fleet["uuid"]}')
    return paths


@pytest.fixture(params=['manager', 'member'])
def intruder(request, app):
    from iotronic.tests.unit.api.conftest import Caller
    return Caller(app, db_utils.OTHER_PROJECT, request.param,
                  user=f'b-{request.param}', version='latest')


def test_reads_reveal_nothing(project_a, intruder):
    secrets = _secrets(project_a)
    for path in _paths(project_a):
        response = intruder.app.get(path, headers=intruder.headers,
                                    expect_errors=True)
        assert response.status_int in (200, 404), (path, response.status)
        if response.status_int == 200:
            body = response.json
            lists = [v for v in body.values() if isinstance(v, list)]
            assert lists and all(v == [] for v in lists), (path, body)
        # A 404 may repeat the identifier the caller sent, nothing else.
        leaked = [s for s in secrets
                  if s in response.text and s not in path]
        assert not leaked, (path, leaked)


def test_writes_reach_nothing(project_a, intruder, manager, other):
    before = {kind: manager.get(f'/v1/{kind}/{r["uuid"]}').json
              for kind, r in project_a.items()}
    board = project_a['boards']['uuid']
    for kind in ('boards', 'plugins', 'services', 'fleets'):
        for ident in (project_a[kind]['uuid'], project_a[kind]['name']):
            intruder.patch(f'/v1/{kind}/{ident}', {'extra': {'x': 1}},
                           status=404)
            intruder.delete(f'/v1/{kind}/{ident}', status=404)
    # Joining A's fleet, or moving a board of B into it, is refused too.
    other.post('/v1/boards', {'name': 'b-board', 'code': 'B-1',
                              'fleet': project_a['fleets']['uuid']},
               status=404)
    mine = other.post('/v1/boards', {'name': 'b-board', 'code': 'B-1'})
    other.patch(f'/v1/boards/{mine.json["uuid"]}',
                {'fleet': project_a['fleets']['name']}, status=404)
    intruder.delete(f'/v1/requests/{project_a["requests"]["uuid"]}',
                    status=405)
    intruder.get(f'/v1/boards/{board}/plugins?limit=1', status=404)
    after = {kind: manager.get(f'/v1/{kind}/{r["uuid"]}').json
             for kind, r in project_a.items()}
    assert after == before


def test_only_admins_choose_a_project(project_a, intruder, admin):
    intruder.get(f'/v1/boards?project={db_utils.PROJECT}', status=403)
    intruder.get('/v1/plugins?all_plugins=true', status=403)
    listed = admin.get(f'/v1/boards?project={db_utils.PROJECT}').json
    assert [b['uuid'] for b in listed['boards']] == [
        project_a['boards']['uuid']]


def test_markers_of_other_projects_are_unknown(project_a, intruder):
    for kind in ('boards', 'plugins', 'services', 'fleets', 'requests'):
        marker = project_a[kind]['uuid']
        known = intruder.app.get(f'/v1/{kind}?marker={marker}',
                                 headers=intruder.headers, status=400)
        missing = intruder.app.get(
            f'/v1/{kind}?marker=3fa85f64-5717-4562-b3fc-2c963f66afa6',
            headers=intruder.headers, status=400)
        assert (known.text.replace(marker, 'M') ==
                missing.text.replace('3fa85f64-5717-4562-b3fc-2c963f66afa6',
                                     'M'))

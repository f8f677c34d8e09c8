import pytest

from iotronic.common import context as iotronic_context
from iotronic.conductor import rpcapi

from iotronic.tests import db_utils
from iotronic.tests.unit.api.conftest import Caller
from iotronic.tests.unit.api.conftest import fault

BOARD = {'name': 'gw-1', 'code': 'REG-1', 'type': 'gateway',
         'location': [{'latitude': '38.1', 'longitude': '15.6',
                       'altitude': '3'}]}


def test_code_is_never_listed_and_shown_only_to_managers(manager, member):
    uuid = manager.post('/v1/boards', BOARD).json['uuid']
    for caller in (manager, member):
        listed = caller.get('/v1/boards').json['boards'][0]
        assert 'code' not in listed and 'config' not in listed
    assert manager.get(f'/v1/boards/{uuid}').json['code'] == 'REG-1'
    assert 'code' not in member.get(f'/v1/boards/{uuid}').json
    assert 'code' not in member.get('/v1/boards/detail').json['boards'][0]


def test_upstream_cli_strings_are_accepted(manager):
    uuid = manager.post('/v1/boards', BOARD).json['uuid']
    board = manager.patch(f'/v1/boards/{uuid}',
                          {'mobile': 'True', 'extra': "{'site': 'lab'}"}
                          ).json
    assert board['mobile'] is True
    assert board['extra'] == {'site': 'lab'}
    manager.patch(f'/v1/boards/{uuid}', {'mobile': 'maybe'}, status=400)


def test_location_update_from_1_1(app, manager):
    uuid = manager.post('/v1/boards', BOARD).json['uuid']
    upstream = Caller(app, db_utils.PROJECT, 'manager')
    upstream.patch(f'/v1/boards/{uuid}', {'location': {'latitude': '1'}})
    assert manager.get(f'/v1/boards/{uuid}').json['location'][0][
        'latitude'] == '38.1'
    board = manager.patch(f'/v1/boards/{uuid}',
                          {'location': [{'latitude': 40.5,
                                         'longitude': '16'}]}).json
    assert board['location'][0]['latitude'] == '40.5'
    assert board['location'][0]['altitude'] == '3'


def test_board_filters(app, manager):
    fleet = manager.post('/v1/fleets', {'name': 'site-a'}).json
    first = manager.post('/v1/boards', dict(BOARD, fleet='site-a')).json
    manager.post('/v1/boards', dict(BOARD, name='gw-2', code='REG-2',
                                    type='sensor'))
    assert first['fleet'] == fleet['uuid']

    def names(query, caller=manager):
        return [b['name'] for b in caller.get(
            f'/v1/boards?{query}').json['boards']]

    assert names('status=registered') == ['gw-1', 'gw-2']
    assert names('type=sensor') == ['gw-2']
    assert names('name=gw-1') == ['gw-1']
    assert names(f'fleet={fleet["uuid"]}') == ['gw-1']
    assert names('fleet=site-a') == ['gw-1']
    upstream = Caller(app, db_utils.PROJECT, 'manager')
    upstream.get('/v1/boards?type=sensor', status=400)


def test_project_filter_is_for_admins(manager, admin):
    manager.post('/v1/boards', BOARD)
    manager.get(f'/v1/boards?project={db_utils.OTHER_PROJECT}', status=403)
    assert len(admin.get(f'/v1/boards?project={db_utils.PROJECT}').json[
        'boards']) == 1
    assert admin.get('/v1/boards?project=nobody').json['boards'] == []


def test_fleet_of_another_project_cannot_be_joined(manager, other):
    theirs = other.post('/v1/fleets', {'name': 'theirs'}).json
    response = manager.post('/v1/boards',
                            dict(BOARD, fleet=theirs['uuid']), status=404)
    assert theirs['uuid'] in fault(response)


def test_fleet_boards(manager, other):
    fleet = manager.post('/v1/fleets', {'name': 'site-a'}).json
    manager.post('/v1/boards', dict(BOARD, fleet=fleet['uuid']))
    manager.post('/v1/boards', dict(BOARD, name='gw-2', code='REG-2'))
    boards = manager.get(f'/v1/fleets/{fleet["uuid"]}/boards').json
    assert [b['name'] for b in boards['boards']] == ['gw-1']
    assert manager.get('/v1/fleets/site-a/boards/detail').json['boards'][0][
        'fleet'] == fleet['uuid']
    other.get(f'/v1/fleets/{fleet["uuid"]}/boards', status=404)
    manager.post(f'/v1/fleets/{fleet["uuid"]}/boards', BOARD, status=405)
    # Deleting the fleet keeps its boards.
    manager.delete(f'/v1/fleets/{fleet["uuid"]}')
    assert manager.get('/v1/boards/gw-1').json['fleet'] is None


def test_board_subcollections(manager, other):
    board = manager.post('/v1/boards', BOARD).json
    plugins = [db_utils.create_test_plugin() for _ in range(3)]
    for plugin in plugins:
        db_utils.create_test_injection_plugin(board_uuid=board['uuid'],
                                              plugin_uuid=plugin.uuid)
    service = db_utils.create_test_service()
    db_utils.create_test_exposed_service(board_uuid=board['uuid'],
                                         service_uuid=service.uuid,
                                         public_port=50001)

    injections = manager.get(f'/v1/boards/{board["uuid"]}/plugins').json
    assert [i['plugin'] for i in injections['injections']] == [
        p.uuid for p in plugins]
    page = manager.get('/v1/boards/gw-1/plugins?limit=2').json
    assert len(page['injections']) == 2
    assert f'marker={plugins[1].uuid}' in page['next']
    rest = manager.get(f'/v1/boards/gw-1/plugins?marker={plugins[1].uuid}'
                       ).json
    assert [i['plugin'] for i in rest['injections']] == [plugins[2].uuid]

    exposed = manager.get(f'/v1/boards/{board["uuid"]}/services').json
    assert exposed == {'exposed': [{
        'service': service.uuid, 'public_port': 50001,
        'created_at': exposed['exposed'][0]['created_at'],
        'updated_at': None}]}
    other.get(f'/v1/boards/{board["uuid"]}/plugins', status=404)
    other.get(f'/v1/boards/{board["uuid"]}/services', status=404)


def test_delete_removes_what_hangs_off_the_board(manager):
    board = manager.post('/v1/boards', BOARD).json
    plugin = db_utils.create_test_plugin()
    db_utils.create_test_injection_plugin(board_uuid=board['uuid'],
                                          plugin_uuid=plugin.uuid)
    db_utils.create_test_session(board_uuid=board['uuid'])
    manager.delete(f'/v1/boards/{board["uuid"]}')
    manager.get(f'/v1/boards/{board["uuid"]}', status=404)


def test_board_names_cannot_look_like_uuids(manager):
    response = manager.post('/v1/boards', dict(
        BOARD, name='0b5a2c3e-8ad1-4b1e-9f3e-111111111111'), status=400)
    assert 'UUID' in fault(response)


def test_stale_update_is_a_conflict(manager, dbapi):
    uuid = manager.post('/v1/boards', BOARD).json['uuid']
    from iotronic.objects import board as board_obj
    from oslo_context import context
    stale = board_obj.Board.get(context.RequestContext(), uuid)
    manager.patch(f'/v1/boards/{uuid}', {'type': 'x'})
    stale.type = 'y'
    with pytest.raises(Exception) as e:
        stale.save()
    assert e.value.code == 409


def test_board_actions_are_checked_before_reaching_the_conductor(
        manager, member, other):
    uuid = manager.post('/v1/boards', BOARD).json['uuid']
    path = f'/v1/boards/{uuid}/action'
    for body in ({}, {'action': 7}, {'action': 'DevicePing', 'x': 1},
                 {'action': 'DevicePing', 'parameters': 'loud'}):
        manager.post(path, body, status=400)
    assert 'DevicePing' in fault(manager.post(
        path, {'action': 'DeviceSelfDestruct'}, status=400))
    member.post(path, {'action': 'DevicePing'}, status=403)
    other.post(path, {'action': 'DevicePing'}, status=404)
    # Enrolled but never connected: refused at once, nothing recorded.
    assert 'registered' in fault(manager.post(
        path, {'action': 'DevicePing'}, status=409))
    assert manager.get('/v1/requests').json['requests'] == []


def test_maintenance_refuses_actions_and_survives_presence(app, manager,
                                                           member):
    uuid = manager.post('/v1/boards', BOARD).json['uuid']
    path = f'/v1/boards/{uuid}/maintenance'
    put = {'headers': manager.headers, 'status': 200}
    # Not before API 1.4; managers only.
    app.put_json(path, {}, headers=dict(manager.headers, **{
        'X-OpenStack-Iotronic-API-Version': '1.3'}), status=404)
    app.put_json(path, {}, headers=member.headers, status=403)

    assert app.put_json(path, {}, **put).json['status'] == 'maintenance'
    refused = manager.post(f'/v1/boards/{uuid}/action',
                           {'action': 'DevicePing'}, status=409)
    assert 'maintenance' in fault(refused)
    # The board connects meanwhile (as its agent reports): still in
    # maintenance.
    rpcapi.ConductorAPI().connect_board(
        iotronic_context.get_admin_context(), uuid, '4242', 'agent-1', {})
    assert manager.get(f'/v1/boards/{uuid}').json['status'] == 'maintenance'
    # Out of maintenance with a live session: online at once.
    board = manager.delete(path, status=200).json
    assert (board['status'], board['session']) == ('online', '4242')

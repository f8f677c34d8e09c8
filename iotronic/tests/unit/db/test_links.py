"""Rows that link a board to something else, and the process tables."""

import datetime

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import pytest

from iotronic.common import exception
from iotronic.tests import db_utils


def test_injection_lifecycle(dbapi):
    board = db_utils.create_test_board()
    plugin = db_utils.create_test_plugin()
    injection = db_utils.create_test_injection_plugin(
        board_uuid=board.uuid, plugin_uuid=plugin.uuid)
    assert dbapi.get_injection_plugin(board.uuid, plugin.uuid).id == (
        injection.id)
    with pytest.raises(exception.InjectionPluginAlreadyExists):
        db_utils.create_test_injection_plugin(board_uuid=board.uuid,
                                              plugin_uuid=plugin.uuid)
    updated = dbapi.update_injection_plugin(injection.id,
                                            {'status': 'updated',
                                             'onboot': True})
    assert (updated.status, updated.onboot) == ('updated', True)
    assert [i.id for i in dbapi.get_injection_plugin_list(
        filters={'onboot': True})] == [injection.id]

    with pytest.raises(exception.InUse) as e:
        dbapi.destroy_plugin(plugin.uuid)
    assert e.value.code == 409
    dbapi.destroy_injection_plugin(injection.id)
    with pytest.raises(exception.InjectionPluginNotFound):
        dbapi.get_injection_plugin_by_id(injection.id)
    dbapi.destroy_plugin(plugin.uuid)


def test_exposure_lifecycle_and_unique_public_port(dbapi):
    board, other = db_utils.create_test_board(), db_utils.create_test_board()
    service = db_utils.create_test_service()
    exposed = db_utils.create_test_exposed_service(
        board_uuid=board.uuid, service_uuid=service.uuid, public_port=50100)
    with pytest.raises(exception.ExposedServiceAlreadyExists) as e:
        db_utils.create_test_exposed_service(
            board_uuid=other.uuid, service_uuid=service.uuid,
            public_port=50100)
    assert '50100' in str(e.value)
    with pytest.raises(exception.ExposedServiceAlreadyExists):
        db_utils.create_test_exposed_service(
            board_uuid=board.uuid, service_uuid=service.uuid)
    assert dbapi.get_exposed_service(board.uuid, service.uuid).id == (
        exposed.id)
    moved = dbapi.update_exposed_service(exposed.id, {'public_port': 50101})
    assert dbapi.get_exposed_service_list(
        filters={'public_port': 50101})[0].id == moved.id

    with pytest.raises(exception.InUse):
        dbapi.destroy_service(service.uuid)
    dbapi.destroy_exposed_service(exposed.id)
    dbapi.destroy_service(service.uuid)
    with pytest.raises(exception.ExposedServiceNotFound):
        dbapi.get_exposed_service_by_id(exposed.id)


def test_one_enabled_webservice_per_board(dbapi):
    board = db_utils.create_test_board()
    enabled = db_utils.create_test_enabled_webservice(board_uuid=board.uuid)
    with pytest.raises(exception.EnabledWebserviceAlreadyExists):
        db_utils.create_test_enabled_webservice(board_uuid=board.uuid)
    assert dbapi.get_enabled_webservice_by_board_uuid(board.uuid).id == (
        enabled.id)
    assert dbapi.update_enabled_webservice(
        enabled.id, {'zone': 'z.example.org'}).zone == 'z.example.org'
    dbapi.destroy_enabled_webservice(enabled.id)
    with pytest.raises(exception.EnabledWebserviceNotFound):
        dbapi.get_enabled_webservice_by_id(enabled.id)


def test_rows_of_boards_filter_by_the_board_project(dbapi):
    mine = db_utils.create_test_board()
    theirs = db_utils.create_test_board(project=db_utils.OTHER_PROJECT)
    for board in (mine, theirs):
        db_utils.create_test_webservice(board_uuid=board.uuid)
        db_utils.create_test_port(board_uuid=board.uuid)
        db_utils.create_test_enabled_webservice(board_uuid=board.uuid)
    for lister in (dbapi.get_webservice_list, dbapi.get_port_list,
                   dbapi.get_enabled_webservice_list):
        rows = lister(filters={'project': db_utils.PROJECT})
        assert [r.board_uuid for r in rows] == [mine.uuid]


def test_webservice_names_and_ports_are_unique_per_board(dbapi):
    board = db_utils.create_test_board()
    web = db_utils.create_test_webservice(board_uuid=board.uuid)
    with pytest.raises(exception.WebserviceAlreadyExists):
        db_utils.create_test_webservice(board_uuid=board.uuid, name=web.name)
    with pytest.raises(exception.WebserviceAlreadyExists):
        db_utils.create_test_webservice(board_uuid=board.uuid, port=web.port)
    db_utils.create_test_webservice(board_uuid=db_utils.create_test_board(
        ).uuid, name=web.name, port=web.port)


def test_requests_and_results(dbapi):
    board = db_utils.create_test_board()
    parent = db_utils.create_test_request(destination_uuid=board.uuid,
                                          pending_requests=1)
    child = db_utils.create_test_request(destination_uuid=board.uuid,
                                         main_request_uuid=parent.uuid)
    result = db_utils.create_test_result(board_uuid=board.uuid,
                                         request_uuid=child.uuid)
    with pytest.raises(exception.ResultAlreadyExists):
        db_utils.create_test_result(board_uuid=board.uuid,
                                    request_uuid=child.uuid)
    assert dbapi.get_result(board.uuid, child.uuid).id == result.id
    done = dbapi.update_result(result.id, {'result': 'SUCCESS',
                                           'message': 'pong'})
    assert (done.result, done.message) == ('SUCCESS', 'pong')
    assert [r.uuid for r in dbapi.get_request_list(
        filters={'main_request_uuid': parent.uuid})] == [child.uuid]

    dbapi.destroy_request(parent.uuid)
    with pytest.raises(exception.RequestNotFound):
        dbapi.get_request_by_uuid(child.uuid)
    with pytest.raises(exception.ResultNotFound):
        dbapi.get_result_by_id(result.id)


def test_plugins_with_public(dbapi):
    mine = db_utils.create_test_plugin()
    public = db_utils.create_test_plugin(project=db_utils.OTHER_PROJECT,
                                         owner='someone', public=True)
    db_utils.create_test_plugin(project=db_utils.OTHER_PROJECT,
                                owner='someone')

    def names(**filters):
        return sorted(p.name for p in dbapi.get_plugin_list(filters=filters))

    assert names(owner=db_utils.OWNER) == [mine.name]
    assert names(owner=db_utils.OWNER, with_public=True) == sorted(
        [mine.name, public.name])
    assert names(public=True) == [public.name]
    page = dbapi.get_plugin_list(filters={'owner': db_utils.OWNER,
                                          'with_public': True}, limit=1)
    assert [p.id for p in page] == [mine.id]


@pytest.mark.parametrize('kind', ['wampagent', 'conductor'])
def test_processes_register_heartbeat_and_leave(dbapi, kind):
    create = getattr(db_utils, f'create_test_{kind}')
    get = getattr(dbapi, f'get_{kind}')
    listing = getattr(dbapi, f'get_{kind}_list')
    register = getattr(dbapi, f'register_{kind}')
    values = getattr(db_utils, f'get_test_{kind}')()

    row = create(**values)
    assert row.online is True
    with pytest.raises(exception.AlreadyExists):
        register(values)

    getattr(dbapi, f'unregister_{kind}')(row.hostname)
    assert get(row.hostname).online is False
    assert listing(filters={'online': True}) == []

    restarted = register(values, update_existing=True)
    assert (restarted.id, restarted.online) == (row.id, True)

    long_ago = timeutils.utcnow() - datetime.timedelta(minutes=10)
    soon = timeutils.utcnow() - datetime.timedelta(seconds=30)
    stale = create()
    getattr(dbapi, f'touch_{kind}')(row.hostname)
    alive = [r.hostname for r in listing(filters={'alive_since': soon})]
    assert sorted(alive) == sorted([row.hostname, stale.hostname])
    assert listing(filters={'alive_since': timeutils.utcnow() +
                            datetime.timedelta(seconds=1)}) == []
    assert len(listing(filters={'alive_since': long_ago})) == 2

    getattr(dbapi, f'destroy_{kind}')(stale.hostname)
    with pytest.raises(exception.NotFound):
        get(stale.hostname)


def test_wampagent_registration_agents(dbapi):
    db_utils.create_test_wampagent(ragent=True)
    db_utils.create_test_wampagent()
    assert len(dbapi.get_wampagent_list(filters={'ragent': True})) == 1
    agent = dbapi.get_wampagent_list()[1]
    moved = dbapi.update_wampagent(agent.hostname,
                                   {'wsurl': 'wss://router.example.org/'})
    assert moved.wsurl == 'wss://router.example.org/'


def test_a_request_and_its_result_are_written_together(dbapi):
    board = db_utils.create_test_board()
    request, result = dbapi.create_request_with_result(
        {'uuid': '4a0c0e3e-95b4-4a59-9b4b-7d0a3a0b9c11',
         'destination_uuid': board.uuid, 'main_request_uuid': None,
         'pending_requests': 0, 'project': 'p', 'status': 'PENDING',
         'type': 0, 'action': 'DevicePing'},
        {'board_uuid': board.uuid,
         'request_uuid': '4a0c0e3e-95b4-4a59-9b4b-7d0a3a0b9c11',
         'result': 'RUNNING', 'message': None})
    assert request.id and result.id and result.request_uuid == request.uuid
    when = dbapi.update_request_and_result(
        request.id, {'status': 'COMPLETED'}, result.id,
        {'result': 'SUCCESS', 'message': 'pong'})
    request = dbapi.get_request_by_uuid(request.uuid)
    result = dbapi.get_result_by_id(result.id)
    assert (request.status, result.result, result.message) == (
        'COMPLETED', 'SUCCESS', 'pong')
    assert request.updated_at == result.updated_at == when
    # Rows that are gone are not found, and nothing is written.
    with pytest.raises(exception.NotFound):
        dbapi.update_request_and_result(request.id, {'status': 'FAILED'},
                                        result.id + 1000, {})
    assert dbapi.get_request_by_uuid(request.uuid).status == 'COMPLETED'
    # What identifies the rows cannot change.
    with pytest.raises(exception.InvalidParameterValue):
        dbapi.update_request_and_result(request.id, {'uuid': 'other'},
                                        result.id, {})
    # A result that cannot be written leaves no request behind.
    with pytest.raises(db_exc.DBError):
        dbapi.create_request_with_result(
            {'uuid': '5b1d1f4f-a6c5-4b6a-8c5c-8e1b4b1c0d22',
             'destination_uuid': board.uuid, 'status': 'PENDING',
             'type': 0, 'action': 'DevicePing'},
            {'board_uuid': board.uuid, 'request_uuid': None,
             'result': 'RUNNING'})
    with pytest.raises(exception.NotFound):
        dbapi.get_request_by_uuid('5b1d1f4f-a6c5-4b6a-8c5c-8e1b4b1c0d22')

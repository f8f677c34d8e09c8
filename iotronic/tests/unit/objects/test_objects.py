"""Object versions, and the generic object methods on every resource."""

from oslo_context import context as oslo_context
from oslo_versionedobjects import fixture
import pytest

from iotronic.common import exception
from iotronic import objects
from iotronic.objects import base
from iotronic.tests import db_utils

objects.register_all()

# Change a field or a remotable method of an object and this test fails
# until its VERSION is bumped (with a line in its version history) and
# the hash below updated.
expected_object_fingerprints = {
    'Board': '1.2-d96651e71374d00d64e41a47a3b51801',
    'Conductor': '1.0-d248a6b0b8eb3056f75ecb0d9530430b',
    'EnabledWebservice': '1.0-94e4eaf1e2287ad206f7b5f51a04eeb5',
    'ExposedService': '1.0-1544e0537fb0a9de899a99ca13e9cbbf',
    'Fleet': '1.0-ee517421584cf3737c91f7fc06a47a96',
    'InjectionPlugin': '1.0-1e22d68280574ef0532d98d99aaefbca',
    'Location': '1.0-ce3d5d0e4800eec5b331d1461524e0be',
    'Plugin': '1.0-264f19f90c16b5788b149d3724300df8',
    'Port': '1.0-e4ddc30eb961d8d00b3f3c7b54ae12f9',
    'Request': '1.1-1b4257a08157dbbc8769558c4cd2b30d',
    'Result': '1.0-08a0de255a4b43255996f4d7c3a61e08',
    'Service': '1.0-b616abb5d9ac26958ee1e51e47f39852',
    'SessionWP': '1.0-0f98231d840f28b2ba0f19b128f64c4d',
    'WampAgent': '1.0-08d2826826389dd6deda78639fea62a7',
    'Webservice': '1.0-9bb6ab080225eff0aaa4c04d58021ccb',
}


def test_object_fingerprints_match_versions():
    checker = fixture.ObjectVersionChecker(
        base.IotronicObjectRegistry.obj_classes())
    expected, actual = checker.test_hashes(expected_object_fingerprints)
    assert expected == actual, (
        'Objects changed without a version bump: %s' % sorted(
            name for name in actual if expected.get(name) != actual[name]))


def test_every_table_has_an_object():
    from iotronic.db.sqlalchemy import models

    tables = {m.class_.__name__ for m in models.Base.registry.mappers}
    assert tables == set(base.IotronicObjectRegistry.obj_classes())


def test_objects_mirror_their_columns():
    from iotronic.db.sqlalchemy import models

    for mapper in models.Base.registry.mappers:
        obj_class = base.IotronicObjectRegistry.obj_classes()[
            mapper.class_.__name__][0]
        columns = {c.key for c in mapper.column_attrs} - {'valid_board_id'}
        stored = set(obj_class.fields) - set(obj_class._computed_fields)
        assert stored == columns, obj_class.__name__


@pytest.fixture
def context():
    return oslo_context.RequestContext(project_id=db_utils.PROJECT)


# name: (object class, factory, field to change, new value)
UUID_RESOURCES = {
    'Plugin': (objects.plugin.Plugin, db_utils.get_test_plugin, 'public',
               True),
    'Service': (objects.service.Service, db_utils.get_test_service, 'port',
                8080),
    'Fleet': (objects.fleet.Fleet, db_utils.get_test_fleet, 'description',
              'lab'),
    'Request': (objects.request.Request, db_utils.get_test_request,
                'status', 'COMPLETED'),
}


@pytest.mark.parametrize('name', sorted(UUID_RESOURCES))
def test_uuid_object_lifecycle(dbapi, context, name):
    cls, factory, field, value = UUID_RESOURCES[name]
    obj = cls(context, **factory())
    obj.create()
    assert obj.id and obj.created_at is not None
    assert obj.obj_what_changed() == set()

    assert cls.get(context, obj.uuid).id == obj.id
    assert cls.get(context, obj.id).uuid == obj.uuid
    assert cls.get(context, str(obj.id)).uuid == obj.uuid
    if 'name' in cls.fields:
        assert cls.get(context, obj.name).id == obj.id
    assert [o.uuid for o in cls.list(context)] == [obj.uuid]

    obj[field] = value
    obj.save()
    assert cls.get_by_uuid(context, obj.uuid)[field] == value
    assert obj.updated_at is not None

    obj.destroy()
    with pytest.raises(exception.NotFound):
        cls.get_by_id(context, obj.id)


def test_board_with_location_and_session(dbapi, context):
    board = objects.board.Board(
        context, **db_utils.get_test_board(),
        location=objects.location.Location(latitude='38.2', longitude='15.5'))
    board.create()
    assert board.revision == 1
    assert board.location.latitude == '38.2'
    assert board.session is None

    db_utils.create_test_session(board_uuid=board.uuid, session_id='77')
    board.refresh()
    assert board.session == '77'
    listed = objects.board.Board.list(context, filters={'status':
                                                        'registered'})
    assert [(b.uuid, b.session, b.location.longitude) for b in listed] == [
        (board.uuid, '77', '15.5')]

    board.location = objects.location.Location(latitude='1', longitude='2')
    board.save()
    fetched = objects.board.Board.get_by_code(context, board.code)
    assert (fetched.location.latitude, fetched.revision) == ('1', 1)


def test_stale_board_save_is_refused(dbapi, context):
    board = objects.board.Board(context, **db_utils.get_test_board())
    board.create()
    first = objects.board.Board.get(context, board.uuid)
    second = objects.board.Board.get(context, board.uuid)

    first.status = 'offline'
    first.save()
    assert first.revision == 2

    second.status = 'online'
    with pytest.raises(exception.ConcurrentUpdate):
        second.save()
    second.refresh()
    assert (second.status, second.revision) == ('offline', 2)
    second.status = 'online'
    second.save()
    assert objects.board.Board.get(context, board.uuid).status == 'online'


def test_board_names_resolve_within_a_project(dbapi, context):
    board = objects.board.Board(context, **db_utils.get_test_board(
        name='gateway-1'))
    board.create()
    assert objects.board.Board.get(context, 'gateway-1',
                                   project=db_utils.PROJECT).id == board.id
    with pytest.raises(exception.BoardNotFound):
        objects.board.Board.get(context, 'gateway-1',
                                project=db_utils.OTHER_PROJECT)


def test_link_objects(dbapi, context):
    board = db_utils.create_test_board()
    plugin = db_utils.create_test_plugin()
    service = db_utils.create_test_service()
    request = db_utils.create_test_request(destination_uuid=board.uuid)

    injection = objects.injection_plugin.InjectionPlugin(
        context, board_uuid=board.uuid, plugin_uuid=plugin.uuid,
        status='injected', onboot=True)
    injection.create()
    exposed = objects.exposed_service.ExposedService(
        context, board_uuid=board.uuid, service_uuid=service.uuid,
        public_port=50001)
    exposed.create()
    enabled = objects.enabled_webservice.EnabledWebservice(
        context, board_uuid=board.uuid, http_port=40000, https_port=40001,
        dns='board1', zone='example.org')
    enabled.create()
    result = objects.result.Result(context, board_uuid=board.uuid,
                                   request_uuid=request.uuid,
                                   result='RUNNING')
    result.create()

    assert objects.injection_plugin.InjectionPlugin.get(
        context, board.uuid, plugin.uuid).onboot is True
    assert objects.exposed_service.ExposedService.get(
        context, board.uuid, service.uuid).public_port == 50001
    assert objects.enabled_webservice.EnabledWebservice.get_by_board_uuid(
        context, board.uuid).dns == 'board1'
    result.result = 'SUCCESS'
    result.save()
    assert objects.result.Result.get(context, board.uuid,
                                     request.uuid).result == 'SUCCESS'

    injection.status = 'updated'
    injection.save()
    assert injection.status == 'updated'
    for obj in (injection, exposed, enabled, result):
        obj.destroy()
    assert objects.injection_plugin.InjectionPlugin.list(context) == []


def test_sessions(dbapi, context):
    board = db_utils.create_test_board()
    session = objects.session.SessionWP(context, board_uuid=board.uuid,
                                        board_id=board.id, session_id='5')
    session.create()
    assert objects.session.SessionWP.get_valid_by_board_uuid(
        context, board.uuid).session_id == '5'
    assert objects.session.SessionWP.get_by_session_id(context, '5').valid
    left = objects.session.SessionWP.invalidate(context, '5')
    assert left.valid is False
    assert objects.session.SessionWP.invalidate(context, '5') is None


@pytest.mark.parametrize('cls', [objects.wampagent.WampAgent,
                                 objects.conductor.Conductor],
                         ids=lambda c: c.__name__)
def test_processes(dbapi, context, cls):
    values = {'hostname': 'node-1'}
    if cls is objects.wampagent.WampAgent:
        values['wsurl'] = 'wss://node-1.example.org:8181/'
    process = cls.register(context, values)
    assert process.online is True
    process.unregister()
    assert process.online is False
    again = cls.register(context, values, update_existing=True)
    assert again.id == process.id
    again.touch()
    assert cls.get_by_hostname(context, 'node-1').online is True
    assert [p.hostname for p in cls.list(context,
                                         filters={'online': True})] == [
        'node-1']
    with pytest.raises(exception.Invalid):
        again.save()
    again.destroy()
    with pytest.raises(exception.NotFound):
        cls.get_by_hostname(context, 'node-1')


def test_board_travels_over_rpc(dbapi, context):
    board = objects.board.Board(
        context, **db_utils.get_test_board(extra={'site': 'lab'}),
        location=objects.location.Location(latitude='3'))
    board.create()
    serializer = base.IotronicObjectSerializer()
    primitive = serializer.serialize_entity(context, board)
    assert primitive['iotronic_object.name'] == 'Board'
    back = serializer.deserialize_entity(context, primitive)
    assert isinstance(back, objects.board.Board)
    assert (back.uuid, back.extra, back.location.latitude) == (
        board.uuid, {'site': 'lab'}, '3')


def test_json_fields_accept_json_text(dbapi, context):
    plugin = objects.plugin.Plugin(context, **db_utils.get_test_plugin(
        parameters='{"interval": 5}'))
    plugin.create()
    assert objects.plugin.Plugin.get(context, plugin.uuid).parameters == {
        'interval': 5}

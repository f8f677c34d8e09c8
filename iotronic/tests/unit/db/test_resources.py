"""The DB API contract, checked the same way for every uuid resource."""

import dataclasses
from collections.abc import Callable

import pytest

from iotronic.common import exception
from iotronic.tests import db_utils


@dataclasses.dataclass
class Resource:
    name: str                    # get_<name>_by_uuid, update_<name>, ...
    create: Callable             # db_utils factory
    not_found: type
    already_exists: type
    change: dict                 # a valid update
    parent: str | None = None    # 'board' when rows hang off a board
    by_name: bool = False

    def make(self, **kw):
        if self.parent == 'board' and 'board_uuid' not in kw:
            kw['board_uuid'] = db_utils.create_test_board().uuid
        return self.create(**kw)

    def __str__(self):
        return self.name


RESOURCES = [
    Resource('board', db_utils.create_test_board, exception.BoardNotFound,
             exception.BoardAlreadyExists, {'type': 'sensor'},
             by_name=True),
    Resource('plugin', db_utils.create_test_plugin,
             exception.PluginNotFound, exception.PluginAlreadyExists,
             {'code': 'def main(params):\n    return 42\n'}, by_name=True),
    Resource('service', db_utils.create_test_service,
             exception.ServiceNotFound, exception.ServiceAlreadyExists,
             {'port': 1880}, by_name=True),
    Resource('fleet', db_utils.create_test_fleet, exception.FleetNotFound,
             exception.FleetAlreadyExists, {'description': 'moved'},
             by_name=True),
    Resource('webservice', db_utils.create_test_webservice,
             exception.WebserviceNotFound,
             exception.WebserviceAlreadyExists, {'secure': False},
             parent='board'),
    Resource('port', db_utils.create_test_port, exception.PortNotFound,
             exception.PortAlreadyExists, {'ip': '10.9.9.9'},
             parent='board'),
    Resource('request', db_utils.create_test_request,
             exception.RequestNotFound, exception.RequestAlreadyExists,
             {'status': 'COMPLETED'}),
]
NAMED = [r for r in RESOURCES if r.by_name]


def _call(dbapi, template, resource, *args, **kw):
    return getattr(dbapi, template.format(resource.name))(*args, **kw)


@pytest.fixture(params=RESOURCES, ids=str)
def resource(request):
    return request.param


def test_get_by_id_and_uuid(dbapi, resource):
    row = resource.make()
    by_uuid = _call(dbapi, 'get_{}_by_uuid', resource, row.uuid)
    by_id = _call(dbapi, 'get_{}_by_id', resource, row.id)
    assert by_uuid.id == by_id.id == row.id
    assert by_uuid.created_at is not None


def test_missing_raises_not_found(dbapi, resource):
    missing = '0b5a2c3e-8ad1-4b1e-9f3e-111111111111'
    with pytest.raises(resource.not_found) as e:
        _call(dbapi, 'get_{}_by_uuid', resource, missing)
    assert missing in str(e.value)
    assert e.value.code == 404
    with pytest.raises(resource.not_found):
        _call(dbapi, 'update_{}', resource, missing, resource.change)
    with pytest.raises(resource.not_found):
        _call(dbapi, 'destroy_{}', resource, missing)


def test_duplicate_uuid_is_already_exists(dbapi, resource):
    row = resource.make()
    with pytest.raises(resource.already_exists) as e:
        resource.make(uuid=row.uuid)
    assert e.value.code == 409
    assert row.uuid in str(e.value)


def test_update_changes_only_what_is_given(dbapi, resource):
    row = resource.make()
    updated = _call(dbapi, 'update_{}', resource, row.uuid, resource.change)
    for key, value in resource.change.items():
        assert getattr(updated, key) == value
    assert updated.uuid == row.uuid
    assert updated.updated_at is not None
    assert updated.created_at == row.created_at


@pytest.mark.parametrize('field', ['id', 'uuid'])
def test_identity_cannot_change(dbapi, resource, field):
    row = resource.make()
    with pytest.raises(exception.InvalidParameterValue):
        _call(dbapi, 'update_{}', resource, row.uuid, {field: 'x'})


def test_destroy(dbapi, resource):
    row = resource.make()
    _call(dbapi, 'destroy_{}', resource, row.uuid)
    with pytest.raises(resource.not_found):
        _call(dbapi, 'get_{}_by_id', resource, row.id)


def test_list_pages_with_marker_in_both_directions(dbapi, resource):
    rows = [resource.make() for _ in range(5)]
    ids = [r.id for r in rows]

    def page(**kw):
        return [r.id for r in _call(dbapi, 'get_{}_list', resource, **kw)]

    assert page() == ids
    assert page(limit=2) == ids[:2]
    assert page(limit=2, marker=rows[1].uuid) == ids[2:4]
    assert page(marker=rows[3].uuid) == ids[4:]
    assert page(sort_dir='desc', limit=3) == ids[::-1][:3]
    assert page(sort_dir='desc', marker=rows[2].uuid) == ids[:2][::-1]


def test_list_rejects_bad_paging(dbapi, resource):
    resource.make()
    with pytest.raises(exception.InvalidSortKey) as e:
        _call(dbapi, 'get_{}_list', resource, sort_key='extra')
    assert e.value.code == 400
    with pytest.raises(exception.InvalidSortKey):
        _call(dbapi, 'get_{}_list', resource, sort_key='nope')
    with pytest.raises(exception.InvalidParameterValue):
        _call(dbapi, 'get_{}_list', resource, sort_dir='up')
    with pytest.raises(exception.InvalidParameterValue):
        _call(dbapi, 'get_{}_list', resource, limit=0)
    with pytest.raises(exception.InvalidMarker) as e:
        _call(dbapi, 'get_{}_list', resource,
              marker='0b5a2c3e-8ad1-4b1e-9f3e-222222222222')
    assert e.value.code == 400
    with pytest.raises(exception.InvalidParameterValue) as e:
        _call(dbapi, 'get_{}_list', resource, filters={'colour': 'red'})
    assert 'colour' in str(e.value)


@pytest.fixture(params=NAMED, ids=str)
def named(request):
    return request.param


def test_name_is_unique_within_a_project(dbapi, named):
    row = named.make(name='shared')
    other = named.make(name='shared', project=db_utils.OTHER_PROJECT)
    with pytest.raises(named.already_exists) as e:
        named.make(name='shared')
    assert 'shared' in str(e.value)

    found = _call(dbapi, 'get_{}_by_name', named, 'shared',
                  project=db_utils.OTHER_PROJECT)
    assert found.id == other.id
    with pytest.raises(exception.AmbiguousName):
        _call(dbapi, 'get_{}_by_name', named, 'shared')
    with pytest.raises(named.not_found):
        _call(dbapi, 'get_{}_by_name', named, 'nobody')

    renamed = _call(dbapi, 'update_{}', named, other.uuid, {'name': 'own'})
    assert _call(dbapi, 'get_{}_by_name', named, 'own').id == renamed.id
    # Moving a row into a project where its name is taken is refused.
    with pytest.raises(named.already_exists):
        _call(dbapi, 'update_{}', named, row.uuid,
              {'project': db_utils.OTHER_PROJECT, 'name': 'own'})


def test_list_filters_by_project_and_name(dbapi, named):
    mine = named.make()
    named.make(project=db_utils.OTHER_PROJECT)
    listed = _call(dbapi, 'get_{}_list', named,
                   filters={'project': db_utils.PROJECT})
    assert [r.id for r in listed] == [mine.id]
    listed = _call(dbapi, 'get_{}_list', named, filters={'name': mine.name})
    assert [r.id for r in listed] == [mine.id]

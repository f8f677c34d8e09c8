"""Create, read, update, delete: the same contract for every resource."""

import pytest

from iotronic.tests import db_utils
from iotronic.tests.unit.api.conftest import fault

RESOURCES = {
    'boards': ({'name': 'gw-1', 'code': 'REG-1', 'type': 'gateway',
                'location': [{'latitude': '38.1', 'longitude': '15.6',
                              'altitude': '3'}]},
               {'type': 'sensor'}),
    'plugins': ({'name': 'echo', 'code': 'def main(p):\n    return p\n',
                 'callable': True, 'parameters': {'x': 1}},
                {'public': True}),
    'services': ({'name': 'ssh', 'port': 22, 'protocol': 'TCP'},
                 {'port': 2222}),
    'fleets': ({'name': 'lab', 'description': 'bench boards'},
               {'description': 'moved'}),
}


@pytest.fixture(params=sorted(RESOURCES))
def resource(request):
    return request.param


def test_lifecycle(manager, resource):
    create, change = RESOURCES[resource]
    created = manager.post(f'/v1/{resource}', create).json
    uuid = created['uuid']
    assert created['name'] == create['name']
    assert created['links'][0]['href'].endswith(f'/v1/{resource}/{uuid}')

    listed = manager.get(f'/v1/{resource}').json[resource]
    assert [item['uuid'] for item in listed] == [uuid]
    detailed = manager.get(f'/v1/{resource}/detail').json[resource]
    assert detailed[0]['created_at'] is not None

    by_name = manager.get(f'/v1/{resource}/{create["name"]}').json
    assert by_name['uuid'] == uuid

    changed = manager.patch(f'/v1/{resource}/{uuid}', change).json
    for key, value in change.items():
        assert changed[key] == value
    assert manager.get(f'/v1/{resource}/{uuid}').json[
        list(change)[0]] == list(change.values())[0]

    # JSON clients (ours sends Accept: application/json) may delete too.
    deleted = manager.delete(f'/v1/{resource}/{uuid}',
                             headers={'Accept': 'application/json'})
    assert deleted.body == b''
    manager.get(f'/v1/{resource}/{uuid}', status=404)
    assert manager.get(f'/v1/{resource}').json[resource] == []


def test_duplicate_name_is_409(manager, resource):
    create, _ = RESOURCES[resource]
    manager.post(f'/v1/{resource}', create)
    again = dict(create, code='REG-2') if resource == 'boards' else create
    response = manager.post(f'/v1/{resource}', again, status=409)
    assert 'already exists' in fault(response)


def test_fields_selects_what_is_returned(manager, resource):
    create, _ = RESOURCES[resource]
    uuid = manager.post(f'/v1/{resource}', create).json['uuid']
    item = manager.get(f'/v1/{resource}?fields=name').json[resource][0]
    assert item['name'] == create['name']
    assert 'created_at' not in item
    one = manager.get(f'/v1/{resource}/{uuid}?fields=name,uuid').json
    assert one['name'] == create['name']
    response = manager.get(f'/v1/{resource}?fields=nope', status=400)
    assert 'nope' in fault(response)


def test_pages_follow_next_links(manager, resource):
    create, _ = RESOURCES[resource]
    uuids = []
    for n in range(5):
        body = dict(create, name=f'{create["name"]}-{n}')
        if resource == 'boards':
            body['code'] = f'REG-{n}'
        uuids.append(manager.post(f'/v1/{resource}', body).json['uuid'])
    seen, url = [], f'/v1/{resource}?limit=2'
    while url:
        page = manager.get(url).json
        seen += [item['uuid'] for item in page[resource]]
        url = page.get('next')
        if url:
            assert 'limit=2' in url and 'marker=' in url
            url = url[url.index('/v1/'):]
    assert seen == uuids
    desc = manager.get(f'/v1/{resource}?sort_dir=desc&sort_key=name')
    assert [i['uuid'] for i in desc.json[resource]] == uuids[::-1]


def test_read_only_fields_cannot_be_set(manager, resource):
    create, _ = RESOURCES[resource]
    uuid = manager.post(f'/v1/{resource}', create).json['uuid']
    for field in ('project', 'owner', 'id', 'created_at', 'uuid'):
        response = manager.patch(f'/v1/{resource}/{uuid}', {field: 'x'},
                                 status=400)
        assert field in fault(response)
    response = manager.post(f'/v1/{resource}',
                            dict(create, name='x2', project='p'), status=400)
    assert 'project' in fault(response)


def test_readers_read_but_do_not_write(manager, reader, resource):
    create, change = RESOURCES[resource]
    uuid = manager.post(f'/v1/{resource}', create).json['uuid']
    reader.get(f'/v1/{resource}/{uuid}')
    reader.post(f'/v1/{resource}', dict(create, name='r'), status=403)
    reader.patch(f'/v1/{resource}/{uuid}', change, status=403)
    reader.delete(f'/v1/{resource}/{uuid}', status=403)


def test_other_projects_see_nothing(manager, other, resource):
    create, change = RESOURCES[resource]
    created = manager.post(f'/v1/{resource}', create).json
    uuid, name = created['uuid'], created['name']
    for ident in (uuid, name):
        other.get(f'/v1/{resource}/{ident}', status=404)
        other.patch(f'/v1/{resource}/{ident}', change, status=404)
        other.delete(f'/v1/{resource}/{ident}', status=404)
    assert other.get(f'/v1/{resource}').json[resource] == []
    assert other.get(f'/v1/{resource}/detail').json[resource] == []
    # Still there, unchanged, for its own project.
    assert manager.get(f'/v1/{resource}/{uuid}').json == created


def test_admins_see_every_project(manager, admin, resource):
    create, _ = RESOURCES[resource]
    uuid = manager.post(f'/v1/{resource}', create).json['uuid']
    assert admin.get(f'/v1/{resource}/{uuid}').json['uuid'] == uuid


def test_unknown_query_parameters_are_400(manager, resource):
    response = manager.get(f'/v1/{resource}?colour=red', status=400)
    assert 'colour' in fault(response)


def test_upstream_names_are_kept(manager):
    assert set(manager.get('/v1/boards').json) == {'boards'}
    board = manager.post('/v1/boards', RESOURCES['boards'][0]).json
    assert board['location'][0]['latitude'] == '38.1'
    assert board['code'] == 'REG-1'
    assert board['status'] == 'registered'
    assert board['owner'] == 'user-a'
    assert board['project'] == db_utils.PROJECT

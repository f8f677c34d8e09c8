from iotronic.tests import db_utils
from iotronic.tests.unit.api.conftest import fault

PLUGIN = {'name': 'echo', 'code': 'def main(params):\n    return params\n'}


def test_plugin_code_is_plain_text(member):
    created = member.post('/v1/plugins', PLUGIN).json
    assert created['code'] == PLUGIN['code']
    assert created['owner'] == 'user-m'


def test_plugin_owner_or_manager_may_change_it(member, manager, app):
    from iotronic.tests.unit.api.conftest import Caller
    uuid = member.post('/v1/plugins', PLUGIN).json['uuid']
    colleague = Caller(app, db_utils.PROJECT, 'member', user='user-x',
                       version='latest')
    colleague.patch(f'/v1/plugins/{uuid}', {'public': True}, status=403)
    member.patch(f'/v1/plugins/{uuid}', {'public': True})
    manager.patch(f'/v1/plugins/{uuid}', {'callable': True})
    colleague.delete(f'/v1/plugins/{uuid}', status=403)
    member.delete(f'/v1/plugins/{uuid}')


def test_public_plugins(member, other, admin):
    mine = member.post('/v1/plugins', PLUGIN).json
    public = other.post('/v1/plugins', dict(PLUGIN, name='shared',
                                            public=True)).json
    other.post('/v1/plugins', dict(PLUGIN, name='private'))

    def names(path, caller=member):
        return sorted(p['name'] for p in caller.get(path).json['plugins'])

    assert names('/v1/plugins') == ['echo']
    assert names('/v1/plugins?with_public=true') == ['echo', 'shared']
    assert names('/v1/plugins/public') == ['shared']
    member.get(f'/v1/plugins/{public["uuid"]}')
    response = member.get('/v1/plugins?all_plugins=true', status=403)
    assert 'iot:plugin:get_all_projects' in fault(response)
    assert names('/v1/plugins?all_plugins=true', admin) == [
        'echo', 'private', 'shared']
    member.get('/v1/plugins?with_public=perhaps', status=400)
    # A public plugin is readable, not writable, by other projects.
    member.patch(f'/v1/plugins/{public["uuid"]}', {'name': 'x'},
                 status=403)
    assert mine['public'] is False


def test_deleting_an_injected_plugin_removes_its_injections(manager):
    # The board is offline: nothing to undo on it now; the rows go.
    plugin = manager.post('/v1/plugins', PLUGIN).json
    board = db_utils.create_test_board()
    db_utils.create_test_injection_plugin(board_uuid=board.uuid,
                                          plugin_uuid=plugin['uuid'])
    manager.delete(f'/v1/plugins/{plugin["uuid"]}', status=204)
    manager.get(f'/v1/plugins/{plugin["uuid"]}', status=404)
    assert manager.get(f'/v1/boards/{board.uuid}/plugins').json == {
        'injections': []}


def test_requests_and_results(manager, other):
    board = db_utils.create_test_board()
    parent = db_utils.create_test_request(destination_uuid=board.uuid,
                                          action='DeviceEcho')
    child = db_utils.create_test_request(destination_uuid=board.uuid,
                                         main_request_uuid=parent.uuid)
    db_utils.create_test_result(board_uuid=board.uuid,
                                request_uuid=child.uuid, result='SUCCESS',
                                message='pong')
    listed = manager.get('/v1/requests').json['requests']
    assert [r['uuid'] for r in listed] == [parent.uuid, child.uuid]
    assert manager.get(f'/v1/requests/{parent.uuid}').json['action'] == (
        'DeviceEcho')
    results = manager.get(f'/v1/requests/{parent.uuid}/results').json
    assert [(r['request_uuid'], r['message']) for r in results['results']
            ] == [(child.uuid, 'pong')]
    other.get(f'/v1/requests/{parent.uuid}', status=404)
    other.get(f'/v1/requests/{parent.uuid}/results', status=404)
    assert other.get('/v1/requests').json['requests'] == []
    manager.post('/v1/requests', {}, status=405)


def test_results_are_paginated_from_1_3(manager, app):
    boards = [db_utils.create_test_board() for _ in range(3)]
    parent = db_utils.create_test_request(destination_uuid=boards[0].uuid)
    children = [db_utils.create_test_request(destination_uuid=b.uuid,
                                             main_request_uuid=parent.uuid)
                for b in boards]
    for board, child in zip(boards, children, strict=True):
        db_utils.create_test_result(board_uuid=board.uuid,
                                    request_uuid=child.uuid)
    unrelated = db_utils.create_test_request(destination_uuid=boards[0].uuid)
    db_utils.create_test_result(board_uuid=boards[0].uuid,
                                request_uuid=unrelated.uuid)
    seen, url = [], f'/v1/requests/{parent.uuid}/results?limit=2'
    while url:
        page = manager.get(url).json
        seen += [r['request_uuid'] for r in page['results']]
        url = page.get('next')
        url = url and url[url.index('/v1/'):]
    assert seen == [c.uuid for c in children]
    # Upstream's version: everything at once, list options ignored.
    old = manager.get(f'/v1/requests/{parent.uuid}/results?limit=1',
                      headers={'X-OpenStack-Iotronic-API-Version': '1.0'})
    assert len(old.json['results']) == 3 and 'next' not in old.json
    bad = manager.get(f'/v1/requests/{parent.uuid}/results?marker='
                      f'{unrelated.uuid}', status=400)
    assert unrelated.uuid in fault(bad)

"""Plugins and services on boards: input, policy and state checks made
before a board is ever called (the board side is in the functional
suite)."""

import pytest

from iotronic.tests import db_utils
from iotronic.tests.unit.api.conftest import fault

PLUGIN = {'name': 'adder', 'code': 'def main(params):\n    return 1\n',
          'parameters': {'a': 0}}
SERVICE = {'name': 'ssh', 'port': 22, 'protocol': 'TCP'}


@pytest.fixture
def board():
    return db_utils.create_test_board()


def test_inject_needs_a_plugin_the_caller_can_see(manager, other, board):
    manager.put(f'/v1/boards/{board.uuid}/plugins', {}, status=400)
    manager.put(f'/v1/boards/{board.uuid}/plugins',
                {'plugin': 'nope'}, status=404)
    theirs = other.post('/v1/plugins', PLUGIN).json
    manager.put(f'/v1/boards/{board.uuid}/plugins',
                {'plugin': theirs['uuid']}, status=404)
    manager.put(f'/v1/boards/{board.uuid}/plugins',
                {'plugin': 'x', 'colour': 'red'}, status=400)


def test_offline_board_refuses_plugin_work(manager, board):
    plugin = manager.post('/v1/plugins', PLUGIN).json
    refused = manager.put(f'/v1/boards/{board.uuid}/plugins',
                          {'plugin': plugin['uuid']}, status=409)
    assert 'online' in fault(refused)
    assert manager.get(f'/v1/boards/{board.uuid}/plugins').json == {
        'injections': []}


def test_plugin_actions_are_checked(manager, board):
    plugin = manager.post('/v1/plugins', PLUGIN).json
    path = f'/v1/boards/{board.uuid}/plugins/{plugin["uuid"]}'
    bad = manager.post(path, {'action': 'PluginExplode'}, status=400)
    assert 'PluginCall' in fault(bad)
    # Not injected on this board.
    manager.post(path, {'action': 'PluginStatus'}, status=404)
    db_utils.create_test_injection_plugin(board_uuid=board.uuid,
                                          plugin_uuid=plugin['uuid'])
    missing = manager.post(path, {'action': 'PluginCall',
                                  'parameters': {}}, status=400)
    assert 'a' in fault(missing)
    manager.post(path, {'action': 'PluginCall', 'extra': 1}, status=400)


def test_plugin_work_on_boards_needs_a_manager(member, reader, board):
    plugin = member.post('/v1/plugins', PLUGIN).json
    member.put(f'/v1/boards/{board.uuid}/plugins',
               {'plugin': plugin['uuid']}, status=403)
    reader.post(f'/v1/boards/{board.uuid}/plugins/{plugin["uuid"]}',
                {'action': 'PluginStatus'}, status=403)
    member.delete(f'/v1/boards/{board.uuid}/plugins/{plugin["uuid"]}',
                  status=403)


def test_service_actions_are_checked(manager, member, board):
    service = manager.post('/v1/services', SERVICE).json
    path = f'/v1/boards/{board.uuid}/services/{service["uuid"]}/action'
    manager.post(path, {'action': 'ServiceExplode'}, status=400)
    refused = manager.post(path, {'action': 'ServiceEnable'}, status=409)
    assert 'online' in fault(refused)
    member.post(path, {'action': 'ServiceEnable'}, status=403)
    manager.post(f'/v1/boards/{board.uuid}/services/nope/action',
                 {'action': 'ServiceEnable'}, status=404)
    manager.get(f'/v1/boards/{board.uuid}/services/{service["uuid"]}/what',
                status=404)
    assert manager.get(f'/v1/boards/{board.uuid}/services/restore').json == {
        'exposed': []}

"""Requests to boards: envelopes, long actions, deadlines, the ring.

The call to a board itself is tested end to end (functional tests, real
router and board agent); here is what the conductor decides alone.
"""

import datetime

from oslo_utils import timeutils
import pytest

from iotronic.common import exception
from iotronic.common import states
from iotronic.conductor import hash_ring
from iotronic.conductor import manager
from iotronic.objects import board as board_obj
from iotronic.objects import request as request_obj
from iotronic.objects import result as result_obj
from iotronic.tests import db_utils
from iotronic.wamp import envelope


@pytest.mark.parametrize('answer, expected', [
    (envelope.encode('SUCCESS', 'pong'), ('SUCCESS', 'pong')),
    (envelope.encode('WARNING', {'n': 1}), ('WARNING', {'n': 1})),
    (envelope.encode('RUNNING', 'started', 'r-1'), ('RUNNING', 'started')),
    (envelope.encode('EXPLODED', 'x'), ('ERROR', 'x')),
    ('Iotronic alive @ now', ('SUCCESS', 'Iotronic alive @ now')),
    ({'result': 'ERROR', 'message': 'no'}, ('ERROR', 'no')),
    (['not', 'an', 'envelope'], ('SUCCESS', ['not', 'an', 'envelope'])),
])
def test_board_answers_are_read_as_lightning_rod_writes_them(answer,
                                                             expected):
    assert manager.parse_envelope(answer) == expected


@pytest.mark.parametrize('version, with_request', [
    (None, True), ('0.5.0', True), ('0.4.9', True), ('0.4.10', True),
    ('0.4.8', False), ('0.3', False), ('0.5.0+dev1', True)])
def test_requests_go_to_boards_that_understand_them(version, with_request):
    assert manager._speaks_requests(version) is with_request


def test_actions_on_boards_not_online_fail_fast(conductor, ctx):
    for status in (states.REGISTERED, states.OFFLINE, states.MAINTENANCE):
        board = db_utils.create_test_board(status=status)
        with pytest.raises(exception.BoardNotConnected) as e:
            conductor.board_action(ctx, board.uuid, 'DevicePing')
        assert e.value.code == 409 and status in str(e.value)
    assert request_obj.Request.list(ctx) == []


def test_only_allowed_actions_reach_a_board(conductor, ctx):
    board = db_utils.create_test_board(status=states.ONLINE)
    with pytest.raises(exception.InvalidAction) as e:
        conductor.board_action(ctx, board.uuid, 'DeviceFactoryReset')
    assert e.value.code == 400


def _running(board, action='DeviceUpgradeLR', age=0):
    request = db_utils.create_test_request(
        destination_uuid=board.uuid, action=action,
        created_at=timeutils.utcnow() - datetime.timedelta(seconds=age))
    db_utils.create_test_result(board_uuid=board.uuid,
                                request_uuid=request.uuid)
    return request


def _online_board(**kw):
    board = db_utils.create_test_board(status=states.ONLINE, **kw)
    db_utils.create_test_session(board_uuid=board.uuid, session_id='777')
    return board


def test_a_board_reports_the_end_of_its_own_long_action(conductor, ctx):
    board = _online_board()
    request = _running(board)
    report = envelope.encode('SUCCESS', 'upgraded', request.uuid)
    with pytest.raises(exception.NotAuthorized):
        # Another session (a board pretending) is refused.
        conductor.notify_result(ctx, board.uuid, '778', report)
    result = conductor.notify_result(ctx, board.uuid, '777', report)
    assert (result.result, result.message) == ('SUCCESS', 'upgraded')
    assert request_obj.Request.get_by_uuid(
        ctx, request.uuid).status == states.REQUEST_COMPLETED
    # A second report of a finished request changes nothing.
    assert conductor.notify_result(
        ctx, board.uuid, '777',
        envelope.encode('ERROR', 'late', request.uuid)) is None
    assert result_obj.Result.get(ctx, board.uuid,
                                 request.uuid).message == 'upgraded'


def test_malformed_reports_are_refused(conductor, ctx):
    board = _online_board()
    for report in ('not json', '{"result": "SUCCESS"}', '[]', 42):
        with pytest.raises(exception.Invalid):
            conductor.notify_result(ctx, board.uuid, '777', report)


def test_requests_past_their_deadline_end_in_timeout(ctx, dbapi,
                                                     iotronic_config):
    iotronic_config.config(request_timeout=60, group='conductor')
    board = _online_board()
    old = _running(board, age=120)
    recent = _running(board, age=10)
    done = _running(board, age=120)
    dbapi.update_request(done.uuid, {'status': states.REQUEST_COMPLETED})
    expired = manager.ConductorManager('c1').expire_requests(
        ctx, lambda uuid: True)
    assert expired == 1
    statuses = {r.uuid: r.status for r in request_obj.Request.list(ctx)}
    assert statuses == {old.uuid: states.REQUEST_TIMEOUT,
                        recent.uuid: states.REQUEST_PENDING,
                        done.uuid: states.REQUEST_COMPLETED}
    assert result_obj.Result.get(ctx, board.uuid,
                                 old.uuid).result == states.RESULT_TIMEOUT
    # Boards another conductor owns are left to it.
    assert manager.ConductorManager('c1').expire_requests(
        ctx, lambda uuid: False) == 0


def test_boards_of_dead_agents_go_offline(ctx, dbapi, iotronic_config):
    iotronic_config.config(agent_heartbeat_timeout=30, group='wamp')
    db_utils.create_test_wampagent(hostname='alive')
    db_utils.create_test_wampagent(hostname='dead')
    dbapi.unregister_wampagent('dead')
    stranded = _online_board(agent='dead', name='stranded', code='S1')
    fine = db_utils.create_test_board(status=states.ONLINE, agent='alive',
                                      name='fine', code='S2')
    db_utils.create_test_session(board_uuid=fine.uuid, session_id='888')
    gone = manager.ConductorManager('c1').disconnect_boards_of_dead_agents(
        ctx, lambda uuid: True)
    assert gone == [stranded.uuid]
    assert board_obj.Board.get_by_uuid(ctx, stranded.uuid).status == \
        states.OFFLINE
    assert board_obj.Board.get_by_uuid(ctx, fine.uuid).status == \
        states.ONLINE


def test_the_ring_shares_boards_and_moves_only_a_dead_members_share():
    uuids = [f'00000000-0000-0000-0000-{n:012d}' for n in range(600)]
    three = {h: hash_ring.ConductorRing(h, ['a', 'b', 'c'])
             for h in 'abc'}
    owners = {u: [h for h, ring in three.items() if ring.owns(u)]
              for u in uuids}
    # Each board has exactly one owner, and the work is shared.
    assert all(len(o) == 1 for o in owners.values())
    shares = {h: sum(o == [h] for o in owners.values()) for h in 'abc'}
    assert min(shares.values()) > 100, shares
    # "c" dies: its boards are picked up, the others' stay put.
    two = {h: hash_ring.ConductorRing(h, ['a', 'b']) for h in 'ab'}
    for u in uuids:
        now = [h for h, ring in two.items() if ring.owns(u)]
        assert len(now) == 1
        if owners[u] != ['c']:
            assert now == owners[u]


def test_a_conductor_without_a_heartbeat_yet_still_takes_a_share():
    ring = hash_ring.ConductorRing('new', [])
    assert ring.members == ['new'] and ring.owns('anything')

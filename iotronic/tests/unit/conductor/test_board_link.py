"""The conductor's side of the board link: registration, presence.

Called through the RPC API (in-process transport), so arguments and
answers cross the same serializer they cross over RabbitMQ.
"""

import datetime

from oslo_utils import timeutils
import pytest

from iotronic.common import exception
from iotronic.common import states
from iotronic.objects import board as board_obj
from iotronic.tests import db_utils
from iotronic.wamp import identity


def _board(ctx, uuid):
    return board_obj.Board.get_by_uuid(ctx, uuid)


def _unwrap(call, *args):
    """The exception the API would see (the in-process path re-raises)."""
    with pytest.raises(exception.IotronicException) as e:
        call(*args)
    return e.value


def test_registration_assigns_a_live_agent_and_returns_the_config(
        conductor, ctx):
    busy = db_utils.create_test_wampagent(hostname='busy')
    idle = db_utils.create_test_wampagent(hostname='idle')
    db_utils.create_test_board(agent='busy', status=states.OFFLINE)
    board = db_utils.create_test_board(code='REG-42')
    config = conductor.register_board(ctx, 'REG-42', 'busy')
    registered = _board(ctx, board.uuid)
    assert registered.status == states.OFFLINE
    assert registered.agent == 'idle'
    # The credential goes to the board once; only its hash is kept.
    credential = config['iotronic']['wamp'].pop('credential')
    assert len(credential) >= 43
    assert registered.credential_hash == identity.hash_secret(credential)
    assert credential not in str(registered.config)
    assert registered.config == config
    assert registered.code_used
    document = config['iotronic']
    assert document['board']['uuid'] == board.uuid
    assert document['board']['code'] == 'REG-42'
    assert document['board']['status'] == states.REGISTERED
    assert document['board']['agent'] == 'idle'
    assert document['wamp']['main-agent'] == {'url': idle.wsurl,
                                              'realm': 's4t'}
    assert document['wamp']['registration-agent'] == {'url': busy.wsurl,
                                                      'realm': 's4t'}


def test_registering_again_keeps_a_live_agent(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a1')
    db_utils.create_test_wampagent(hostname='a2')
    board = db_utils.create_test_board(code='C1')
    first = conductor.register_board(ctx, 'C1', 'a1')
    again = conductor.reassign_board(ctx, board.uuid, 'a2')
    agent = first['iotronic']['board']['agent']
    assert again['iotronic']['board']['agent'] == agent
    assert 'credential' not in again['iotronic']['wamp']
    assert _board(ctx, board.uuid).credential_hash == identity.hash_secret(
        first['iotronic']['wamp']['credential'])


def test_the_registration_code_works_once(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a1')
    board = db_utils.create_test_board(code='ONCE')
    conductor.register_board(ctx, 'ONCE', 'a1')
    assert _unwrap(conductor.register_board, ctx, 'ONCE', 'a1').code == 404
    # A new code is a new enrolment, which works once again.
    changed = _board(ctx, board.uuid)
    changed.code = 'TWICE'
    conductor.update_board(ctx, changed)
    assert not _board(ctx, board.uuid).code_used
    conductor.register_board(ctx, 'TWICE', 'a1')
    assert _board(ctx, board.uuid).code_used


def test_legacy_boards_get_no_credential(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a1')
    board = db_utils.create_test_board(code='OLD')
    config = conductor.register_board(ctx, 'OLD', 'a1', legacy=True)
    assert 'credential' not in config['iotronic']['wamp']
    assert _board(ctx, board.uuid).credential_hash is None
    # Nothing to rotate: such a board is enrolled again instead.
    assert _unwrap(conductor.rotate_credential, ctx,
                   board.uuid).code == 409


def test_revoking_forgets_the_credential(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a1')
    board = db_utils.create_test_board(code='REV')
    conductor.register_board(ctx, 'REV', 'a1')
    conductor.revoke_credential(ctx, board.uuid)
    revoked = _board(ctx, board.uuid)
    assert revoked.credential_hash is None
    assert revoked.credential_next_hash is None


def test_a_board_of_a_dead_agent_moves_when_it_registers(conductor, ctx,
                                                         dbapi):
    db_utils.create_test_wampagent(hostname='dead')
    db_utils.create_test_wampagent(hostname='alive')
    dbapi.update_wampagent('dead', {
        'updated_at': timeutils.utcnow() - datetime.timedelta(hours=1)})
    board = db_utils.create_test_board(code='C2', agent='dead',
                                       status=states.OFFLINE)
    conductor.register_board(ctx, 'C2', 'alive')
    assert _board(ctx, board.uuid).agent == 'alive'


def test_registration_errors(conductor, ctx, dbapi):
    db_utils.create_test_board(code='C3')
    error = _unwrap(conductor.register_board, ctx, 'nope', 'x')
    assert error.code == 404
    db_utils.create_test_wampagent(hostname='gone')
    dbapi.unregister_wampagent('gone')
    error = _unwrap(conductor.register_board, ctx, 'C3', 'gone')
    assert error.code == 503 and 'wamp agent' in str(error)


def test_presence(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a')
    board = db_utils.create_test_board(code='C4')
    # A board that never registered cannot connect.
    assert _unwrap(conductor.connect_board, ctx, board.uuid, '11', 'a',
                   {}).code == 409
    conductor.register_board(ctx, 'C4', 'a')
    conductor.connect_board(ctx, board.uuid, 11, 'a', {
        'lr_version': '0.5.0', 'connectivity': {'iface': 'eth0'},
        'mac_addr': 'b8:27:eb:00:00:01'})
    online = _board(ctx, board.uuid)
    assert (online.status, online.session) == (states.ONLINE, '11')
    assert online.lr_version == '0.5.0'
    assert online.connectivity == {'iface': 'eth0',
                                   'mac_addr': 'b8:27:eb:00:00:01'}
    # Reconnected before the router reported the old session's leave:
    # that late leave must not take the board offline.
    conductor.connect_board(ctx, board.uuid, 12, 'a', {})
    assert conductor.disconnect_session(ctx, 11) is None
    assert _board(ctx, board.uuid).status == states.ONLINE
    assert conductor.disconnect_session(ctx, 12) == board.uuid
    offline = _board(ctx, board.uuid)
    assert (offline.status, offline.session) == (states.OFFLINE, None)
    assert conductor.disconnect_session(ctx, 999) is None


def test_maintenance_survives_presence(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a')
    board = db_utils.create_test_board(code='C5')
    conductor.register_board(ctx, 'C5', 'a')
    stored = _board(ctx, board.uuid)
    stored.status = states.transition(stored.status,
                                      states.START_MAINTENANCE)
    stored.save()
    conductor.connect_board(ctx, board.uuid, 21, 'a', {})
    assert _board(ctx, board.uuid).status == states.MAINTENANCE
    conductor.disconnect_session(ctx, 21)
    assert _board(ctx, board.uuid).status == states.MAINTENANCE


def test_reconcile_after_an_agent_rejoins(conductor, ctx):
    db_utils.create_test_wampagent(hostname='a')
    boards = [db_utils.create_test_board(code=f'R{n}') for n in range(3)]
    for n, board in enumerate(boards):
        conductor.register_board(ctx, f'R{n}', 'a')
        conductor.connect_board(ctx, board.uuid, 100 + n, 'a', {})
    gone = conductor.reconcile_sessions(ctx, 'a', [101, 555])
    assert sorted(gone) == sorted([boards[0].uuid, boards[2].uuid])
    assert [_board(ctx, b.uuid).status for b in boards] == [
        states.OFFLINE, states.ONLINE, states.OFFLINE]


def test_a_newer_login_supersedes_the_session(conductor, ctx):
    """A board that gave up waiting for its login's answer logs in again
    under a new session: the newer one is the board's, no error."""
    db_utils.create_test_wampagent(hostname='a1')
    board = db_utils.create_test_board(code='TWICE-IN')
    conductor.register_board(ctx, 'TWICE-IN', 'a1')
    conductor.connect_board(ctx, board.uuid, '101', 'a1', {})
    conductor.connect_board(ctx, board.uuid, '102', 'a1', {})
    assert _board(ctx, board.uuid).session == '102'
    # The first session leaving changes nothing any more.
    assert conductor.disconnect_session(ctx, '101') is None
    assert _board(ctx, board.uuid).status == states.ONLINE

import datetime

from oslo_db.sqlalchemy import enginefacade
from oslo_utils import timeutils
import pytest
import sqlalchemy as sa

from iotronic.common import exception
from iotronic.tests import db_utils


@pytest.fixture
def count_statements():
    """Count the SQL statements run inside a ``with`` block."""
    engine = enginefacade.writer.get_engine()
    statements = []

    def _record(conn, cursor, statement, *args):
        if not statement.startswith(('BEGIN', 'COMMIT', 'ROLLBACK')):
            statements.append(statement)

    class _Counter:
        def __enter__(self):
            sa.event.listen(engine, 'before_cursor_execute', _record)
            statements.clear()
            return statements

        def __exit__(self, *exc):
            sa.event.remove(engine, 'before_cursor_execute', _record)

    return _Counter


def test_create_with_location_and_read_it_back(dbapi):
    board = db_utils.create_test_board(
        location=db_utils.get_test_location(altitude='120'))
    assert board.revision == 1
    assert board.status == 'registered'
    assert board.location.altitude == '120'
    assert board.session is None
    again = dbapi.get_board_by_code(board.code)
    assert again.uuid == board.uuid
    assert again.location.latitude == '38.2597'


def test_uuid_is_generated(dbapi):
    values = db_utils.get_test_board()
    del values['uuid']
    board = dbapi.create_board(values)
    assert len(board.uuid) == 36


def test_failed_location_leaves_no_board(dbapi):
    first = db_utils.create_test_board(location=db_utils.get_test_location())
    clash = {'id': first.location.id, 'latitude': '1'}
    with pytest.raises(exception.LocationAlreadyExists):
        dbapi.create_board(db_utils.get_test_board(name='half'),
                           location=clash)
    assert dbapi.get_board_list(filters={'name': 'half'}) == []


def test_location_is_set_then_replaced(dbapi):
    board = db_utils.create_test_board()
    created = dbapi.set_board_location(board.uuid, {'latitude': '1'})
    replaced = dbapi.set_board_location(board.id, {'latitude': '2'})
    assert created.id == replaced.id
    assert dbapi.get_location_by_board_id(board.id).latitude == '2'
    assert len(dbapi.get_location_list(filters={'board_id': board.id})) == 1
    with pytest.raises(exception.BoardNotFound):
        dbapi.set_board_location('0b5a2c3e-8ad1-4b1e-9f3e-333333333333', {})


def test_update_bumps_revision_and_detects_stale_writers(dbapi):
    board = db_utils.create_test_board()
    first = dbapi.update_board(board.uuid, {'status': 'offline'},
                               expected_revision=1)
    assert (first.status, first.revision) == ('offline', 2)

    with pytest.raises(exception.ConcurrentUpdate) as e:
        dbapi.update_board(board.uuid, {'status': 'online'},
                           expected_revision=1)
    assert e.value.code == 409
    assert dbapi.get_board_by_uuid(board.uuid).status == 'offline'

    # Without an expected revision the write wins and still bumps it.
    assert dbapi.update_board(board.id, {'name': 'renamed'}).revision == 3
    with pytest.raises(exception.InvalidParameterValue):
        dbapi.update_board(board.uuid, {'revision': 9})


def test_update_to_a_taken_name_is_already_exists(dbapi):
    db_utils.create_test_board(name='taken')
    board = db_utils.create_test_board()
    with pytest.raises(exception.BoardAlreadyExists):
        dbapi.update_board(board.uuid, {'name': 'taken'})


def test_list_filters(dbapi):
    fleet = db_utils.create_test_fleet()
    online = db_utils.create_test_board(status='online', fleet=fleet.uuid,
                                        type='sensor')
    db_utils.create_test_board(status='offline')

    def uuids(**filters):
        return [b.uuid for b in dbapi.get_board_list(filters=filters)]

    assert uuids(status='online') == [online.uuid]
    assert uuids(fleet=fleet.uuid) == [online.uuid]
    assert uuids(type='sensor') == [online.uuid]
    assert uuids(uuids=[online.uuid]) == [online.uuid]
    assert uuids(project=db_utils.OTHER_PROJECT) == []
    assert dbapi.get_board_list()[0].fleet_ref.name == fleet.name


@pytest.mark.parametrize('sort_dir', ['asc', 'desc'])
@pytest.mark.parametrize('page_size', [1, 2, 3])
def test_paging_over_a_nullable_column_sees_every_row_once(dbapi, sort_dir,
                                                           page_size):
    boards = [db_utils.create_test_board(type=t, mobile=m)
              for t, m in (('b', True), (None, False), ('a', True),
                           ('b', False), (None, True), ('c', False))]
    for sort_key in ('type', 'mobile'):
        whole = dbapi.get_board_list(sort_key=sort_key, sort_dir=sort_dir)
        paged, marker = [], None
        while True:
            page = dbapi.get_board_list(sort_key=sort_key,
                                        sort_dir=sort_dir, limit=page_size,
                                        marker=marker)
            if not page:
                break
            paged += page
            marker = page[-1].uuid
        assert [b.id for b in paged] == [b.id for b in whole]
        assert sorted(b.id for b in whole) == sorted(b.id for b in boards)
    types = [b.type for b in dbapi.get_board_list(sort_key='type',
                                                  sort_dir=sort_dir)]
    expected = [None, None, 'a', 'b', 'b', 'c']
    assert types == (expected if sort_dir == 'asc' else expected[::-1])


def test_a_page_of_boards_is_one_statement(dbapi, count_statements):
    for i in range(30):
        board = db_utils.create_test_board(
            location=db_utils.get_test_location(),
            fleet=db_utils.create_test_fleet().uuid if i % 3 == 0 else None)
        db_utils.create_test_session(board_uuid=board.uuid)
    with count_statements() as statements:
        boards = dbapi.get_board_list(limit=25)
        described = [(b.location.latitude, b.session.session_id,
                      b.fleet_ref.name if b.fleet_ref else None)
                     for b in boards]
    assert len(described) == 25
    assert len(statements) == 1, statements
    with count_statements() as statements:
        page = dbapi.get_board_list(limit=25, marker=boards[-1].uuid)
    assert len(page) == 5
    assert len(statements) == 2  # the marker row, then the page


def test_destroy_removes_what_hangs_off_the_board(dbapi):
    board = db_utils.create_board_with_everything()
    other = db_utils.create_board_with_everything()
    dbapi.destroy_board(board.uuid)

    assert dbapi.get_session_list(filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_injection_plugin_list(
        filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_exposed_service_list(
        filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_port_list(filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_webservice_list(filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_enabled_webservice_list(
        filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_request_list(
        filters={'destination_uuid': board.uuid}) == []
    assert dbapi.get_result_list(filters={'board_uuid': board.uuid}) == []
    assert dbapi.get_location_list(filters={'board_id': board.id}) == []
    assert len(dbapi.get_request_list(
        filters={'destination_uuid': other.uuid})) == 2


def test_sessions_keep_one_valid_per_board(dbapi):
    board = db_utils.create_test_board()
    old = db_utils.create_test_session(board_uuid=board.uuid,
                                       session_id='11')
    new = db_utils.create_test_session(board_id=board.id, session_id='12')
    assert (new.board_uuid, new.board_id) == (board.uuid, board.id)
    assert dbapi.get_session_by_id(old.id).valid is False
    assert dbapi.get_valid_session_by_board_uuid(board.uuid).id == new.id
    assert dbapi.get_board_by_uuid(board.uuid).session.session_id == '12'
    assert dbapi.get_session_by_session_id('11').id == old.id

    left = dbapi.invalidate_session('12')
    assert left.valid is False
    assert dbapi.invalidate_session('12') is None
    with pytest.raises(exception.SessionNotFound):
        dbapi.get_valid_session_by_board_uuid(board.uuid)
    assert dbapi.get_board_by_uuid(board.uuid).session is None
    with pytest.raises(exception.BoardNotFound):
        db_utils.create_test_session(
            board_uuid='0b5a2c3e-8ad1-4b1e-9f3e-444444444444')


def test_purge_invalid_sessions(dbapi):
    board = db_utils.create_test_board()
    old = db_utils.create_test_session(board_uuid=board.uuid, valid=False)
    valid = db_utils.create_test_session(board_uuid=board.uuid)
    dbapi.update_session(old.id, {
        'updated_at': timeutils.utcnow() - datetime.timedelta(days=2)})
    cutoff = timeutils.utcnow() - datetime.timedelta(days=1)
    assert dbapi.purge_invalid_sessions(cutoff) == 1
    assert [s.id for s in dbapi.get_session_list()] == [valid.id]
    dbapi.destroy_session(valid.id)
    assert dbapi.get_session_list() == []


def test_boards_are_counted_per_agent_in_one_statement(dbapi,
                                                       count_statements):
    for n, agent in enumerate(('a1', 'a1', 'a2', None)):
        db_utils.create_test_board(name=f'counted-{n}', code=f'C-{n}',
                                   agent=agent)
    with count_statements() as statements:
        counted = dbapi.count_boards_by_agent(['a1', 'a2', 'a3'])
    assert counted == {'a1': 2, 'a2': 1, 'a3': 0}
    assert len(statements) == 1


def test_board_identity_is_one_narrow_query_and_promotion_is_guarded(
        dbapi, count_statements):
    board = db_utils.create_test_board(code='ID-1')
    dbapi.update_board(board.id, {'credential_hash': 'old',
                                  'credential_next_hash': 'next'})
    with count_statements() as statements:
        by_code = dbapi.get_board_identity(code='ID-1')
    assert len(statements) == 1
    assert by_code.uuid == board.uuid and not by_code.code_used
    assert dbapi.get_board_identity(uuid=board.uuid).credential_hash == 'old'
    assert dbapi.get_board_identity(code='nope') is None
    # Only the pending credential can be promoted.
    dbapi.promote_board_credential(board.uuid, 'other')
    assert dbapi.get_board_by_id(board.id).credential_hash == 'old'
    dbapi.promote_board_credential(board.uuid, 'next')
    promoted = dbapi.get_board_by_id(board.id)
    assert (promoted.credential_hash, promoted.credential_next_hash) == (
        'next', None)
    assert promoted.revision == board.revision + 2

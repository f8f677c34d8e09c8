"""Deletes on MariaDB leave no orphan row and never fail on a foreign key."""

import pytest
import sqlalchemy as sa

from iotronic.common import exception
from iotronic.db.sqlalchemy import models
from iotronic.tests import db_utils

# Where each table points at a board, and how.
BOARD_REFERENCES = {
    'locations': 'board_id',
    'sessions': 'board_uuid',
    'injection_plugins': 'board_uuid',
    'exposed_services': 'board_uuid',
    'ports_on_boards': 'board_uuid',
    'webservices': 'board_uuid',
    'enabled_webservices': 'board_uuid',
    'results': 'board_uuid',
    'requests': 'destination_uuid',
}


def _rows_referencing(engine, board):
    counts = {}
    with engine.connect() as conn:
        for table, column in BOARD_REFERENCES.items():
            value = board.id if column == 'board_id' else board.uuid
            counts[table] = conn.execute(sa.text(
                f'SELECT COUNT(*) FROM {table} WHERE {column} = :v'),
                {'v': value}).scalar_one()
    return counts


def _orphans(engine):
    """Rows whose parent row is gone, in every foreign key of the schema."""
    found = {}
    with engine.connect() as conn:
        for table in models.Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                parent = fk.column
                found[f'{table.name}.{fk.parent.name}'] = conn.execute(
                    sa.text(
                        f'SELECT COUNT(*) FROM {table.name} c '
                        f'WHERE c.{fk.parent.name} IS NOT NULL AND NOT '
                        f'EXISTS (SELECT 1 FROM {parent.table.name} p '
                        f'WHERE p.{parent.name} = c.{fk.parent.name})')
                ).scalar_one()
    return {k: v for k, v in found.items() if v}


def test_board_delete_removes_everything_hanging_off_it(dbapi,
                                                       mariadb_engine):
    board = db_utils.create_board_with_everything()
    other = db_utils.create_board_with_everything()
    before = _rows_referencing(mariadb_engine, board)
    assert all(before.values()), before

    dbapi.destroy_board(board.uuid)

    assert not any(_rows_referencing(mariadb_engine, board).values())
    assert _orphans(mariadb_engine) == {}
    # The other board, and the catalogue rows, are untouched.
    assert _rows_referencing(mariadb_engine, other) == before
    with pytest.raises(exception.BoardNotFound):
        dbapi.get_board_by_uuid(board.uuid)
    assert len(dbapi.get_plugin_list()) == 2
    assert len(dbapi.get_service_list()) == 2


def test_catalogue_delete_in_use_is_refused_then_allowed(dbapi):
    board = db_utils.create_test_board()
    plugin = db_utils.create_test_plugin()
    service = db_utils.create_test_service()
    db_utils.create_test_injection_plugin(board_uuid=board.uuid,
                                          plugin_uuid=plugin.uuid)
    db_utils.create_test_exposed_service(board_uuid=board.uuid,
                                         service_uuid=service.uuid)

    with pytest.raises(exception.InUse):
        dbapi.destroy_plugin(plugin.uuid)
    with pytest.raises(exception.InUse):
        dbapi.destroy_service(service.uuid)

    dbapi.destroy_board(board.uuid)
    dbapi.destroy_plugin(plugin.uuid)
    dbapi.destroy_service(service.uuid)
    with pytest.raises(exception.PluginNotFound):
        dbapi.get_plugin_by_uuid(plugin.uuid)


def test_fleet_delete_keeps_its_boards(dbapi):
    fleet = db_utils.create_test_fleet()
    board = db_utils.create_test_board(fleet=fleet.uuid)
    dbapi.destroy_fleet(fleet.uuid)
    assert dbapi.get_board_by_uuid(board.uuid).fleet is None


def test_duplicates_are_our_exceptions_on_mariadb(dbapi):
    board = db_utils.create_test_board()
    with pytest.raises(exception.BoardAlreadyExists):
        db_utils.create_test_board(uuid=board.uuid)
    with pytest.raises(exception.BoardAlreadyExists):
        db_utils.create_test_board(name=board.name, project=board.project)
    # The same name in another project is another board.
    db_utils.create_test_board(name=board.name,
                               project=db_utils.OTHER_PROJECT)

    service = db_utils.create_test_service()
    other_board = db_utils.create_test_board()
    exposed = db_utils.create_test_exposed_service(
        board_uuid=board.uuid, service_uuid=service.uuid)
    with pytest.raises(exception.ExposedServiceAlreadyExists):
        db_utils.create_test_exposed_service(
            board_uuid=other_board.uuid, service_uuid=service.uuid,
            public_port=exposed.public_port)


def test_one_valid_session_per_board_on_mariadb(dbapi):
    board = db_utils.create_test_board()
    for session_id in ('101', '102', '103'):
        db_utils.create_test_session(board_uuid=board.uuid,
                                     session_id=session_id)
    sessions = dbapi.get_session_list(filters={'board_uuid': board.uuid})
    assert sorted((s.session_id, s.valid) for s in sessions) == [
        ('101', False), ('102', False), ('103', True)]
    assert dbapi.get_board_by_uuid(board.uuid).session.session_id == '103'

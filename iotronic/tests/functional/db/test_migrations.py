"""The migrations against real databases: MariaDB and SQLite.

* the models and the migrated schema agree (oslo.db ModelsMigrationsSync);
* every migration runs, one at a time, from an empty database to head,
  and each may have a ``_check_<revision>`` here that inspects its result;
* on MariaDB every table is InnoDB/utf8mb4 and every foreign key has the
  delete rule the models promise.
"""

import unittest

from alembic import script as alembic_script
from oslo_db.sqlalchemy import test_migrations
import pytest
import sqlalchemy as sa

from iotronic.db.sqlalchemy import migration
from iotronic.db.sqlalchemy import models


class ModelsMigrationsSync(test_migrations.ModelsMigrationsSync):
    """Compare the models with a database migrated to head."""

    engine = None

    def get_engine(self):
        return self.engine

    def get_metadata(self):
        return models.Base.metadata

    def db_sync(self, engine):
        with engine.begin() as conn:
            migration.upgrade('head', connection=conn)

    def include_object(self, object_, name, type_, reflected, compare_to):
        # alembic cannot compare generated columns (it crashes reading
        # their "default"); the walk below checks what this one does.
        if type_ == 'column' and name == 'valid_board_id':
            return False
        return super().include_object(object_, name, type_, reflected,
                                      compare_to)

    def compare_type(self, context, insp_col, meta_col, insp_type,
                     meta_type):
        # MariaDB stores JSON as LONGTEXT with a JSON_VALID check; the
        # reflected type is not JSON although the column is.
        if (isinstance(meta_type, sa.JSON)
                and context.dialect.name == 'mysql'
                and isinstance(insp_type, sa.Text)):
            return False
        return super().compare_type(context, insp_col, meta_col, insp_type,
                                    meta_type)


class _SyncCase(ModelsMigrationsSync, unittest.TestCase):
    __test__ = False  # run by _run_sync with an engine, not collected


def _run_sync(engine):
    case = _SyncCase('test_models_sync')
    case.engine = engine
    result = unittest.TestResult()
    case.run(result)
    problems = result.failures + result.errors
    assert not problems, problems[0][1]


def _sqlite_engine(tmp_path, name='iotronic.sqlite'):
    engine = sa.create_engine(f'sqlite:///{tmp_path / name}')

    @sa.event.listens_for(engine, 'connect')
    def _fk_on(dbapi_connection, record):
        dbapi_connection.execute('PRAGMA foreign_keys=ON')

    return engine


def test_models_match_migrations_on_sqlite(tmp_path):
    # No foreign key pragma: the mixin drops the tables afterwards in an
    # order SQLite would refuse with foreign keys on.
    _run_sync(sa.create_engine(f'sqlite:///{tmp_path / "sync.sqlite"}'))


def test_models_match_migrations_on_mariadb(throwaway_mariadb):
    db = throwaway_mariadb('sync')
    engine = sa.create_engine(db.url_string)
    try:
        _run_sync(engine)
    finally:
        engine.dispose()


def _revisions_base_to_head():
    script = alembic_script.ScriptDirectory.from_config(
        migration._alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


class MigrationWalk:
    """One step per revision; ``_check_<rev>`` methods look at each."""

    def __init__(self, engine):
        self.engine = engine

    def walk(self):
        revisions = _revisions_base_to_head()
        assert revisions, 'no migration found'
        for revision in revisions:
            with self.engine.begin() as conn:
                migration.upgrade(revision, connection=conn)
            with self.engine.connect() as conn:
                assert migration.version(conn) == revision
            check = getattr(self, f'_check_{revision}', None)
            if check:
                check()
        assert revisions[-1] == migration.head()

    def _check_f59612a0a15c(self):
        inspector = sa.inspect(self.engine)
        tables = set(inspector.get_table_names())
        assert {'boards', 'locations', 'sessions', 'wampagents',
                'conductors', 'plugins', 'injection_plugins', 'services',
                'exposed_services', 'fleets', 'webservices',
                'enabled_webservices', 'ports_on_boards', 'requests',
                'results'} <= tables
        self._check_one_valid_session_per_board()

    def _check_one_valid_session_per_board(self):
        insert_board = sa.text(
            "INSERT INTO boards (uuid, code, status, name, mobile, revision)"
            " VALUES ('b-1', 'c-1', 'registered', 'n', 0, 1)")
        insert_session = sa.text(
            "INSERT INTO sessions (valid, session_id, board_uuid, board_id)"
            " VALUES (:valid, :sid, 'b-1', :board_id)")
        with self.engine.begin() as conn:
            conn.execute(insert_board)
            board_id = conn.execute(sa.text(
                "SELECT id FROM boards WHERE uuid = 'b-1'")).scalar_one()
            conn.execute(insert_session,
                         {'valid': False, 'sid': '1', 'board_id': board_id})
            conn.execute(insert_session,
                         {'valid': False, 'sid': '2', 'board_id': board_id})
            conn.execute(insert_session,
                         {'valid': True, 'sid': '3', 'board_id': board_id})
        with pytest.raises(sa.exc.IntegrityError):
            with self.engine.begin() as conn:
                conn.execute(insert_session, {'valid': True, 'sid': '4',
                                              'board_id': board_id})
        with self.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM boards WHERE uuid = 'b-1'"))
            left = conn.execute(sa.text(
                'SELECT COUNT(*) FROM sessions')).scalar_one()
        assert left == 0


def test_walk_migrations_on_sqlite(tmp_path):
    MigrationWalk(_sqlite_engine(tmp_path)).walk()


def test_walk_migrations_on_mariadb(throwaway_mariadb):
    engine = sa.create_engine(throwaway_mariadb('walk').url_string)
    try:
        MigrationWalk(engine).walk()
    finally:
        engine.dispose()


def _expected_delete_rules():
    rules = {}
    for table in models.Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            rules[(table.name, fk.parent.name)] = (fk.ondelete or
                                                   'RESTRICT').upper()
    return rules


def test_mariadb_schema_is_innodb_utf8mb4_with_delete_rules(
        throwaway_mariadb):
    db = throwaway_mariadb('schema')
    engine = sa.create_engine(db.url_string)
    try:
        with engine.begin() as conn:
            migration.upgrade('head', connection=conn)
            tables = conn.execute(sa.text(
                'SELECT table_name, engine, table_collation '
                'FROM information_schema.tables WHERE table_schema = :db '
                "AND table_name != 'alembic_version'"),
                {'db': db.name}).all()
            rules = conn.execute(sa.text(
                'SELECT k.table_name, k.column_name, r.delete_rule '
                'FROM information_schema.referential_constraints r '
                'JOIN information_schema.key_column_usage k '
                'ON k.constraint_name = r.constraint_name '
                'AND k.table_schema = r.constraint_schema '
                'AND k.table_name = r.table_name '
                'WHERE r.constraint_schema = :db'), {'db': db.name}).all()
    finally:
        engine.dispose()
    assert len(tables) == len(models.Base.metadata.tables)
    for name, table_engine, collation in tables:
        assert table_engine == 'InnoDB', name
        assert collation.startswith('utf8mb4'), (name, collation)
    found = {(t, c): rule for t, c, rule in rules}
    assert found == _expected_delete_rules()

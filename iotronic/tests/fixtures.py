"""Test fixtures shared by the unit and functional suites."""

import fixtures
from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

from iotronic.conf import CONF
from iotronic.db.sqlalchemy import migration
from iotronic.db.sqlalchemy import models


class Config(config_fixture.Config):
    """Every test starts from IoTronic's defaults and leaves them so."""

    def __init__(self):
        super().__init__(CONF)


class SQLiteDatabase(fixtures.Fixture):
    """A fresh in-memory SQLite database per test, built by the migrations.

    The migrations run once per process; each test then restores their
    result from an SQL dump, which takes milliseconds.
    """

    _dump = None

    def _setUp(self):
        engine = enginefacade.writer.get_engine()
        if engine.url.get_backend_name() != 'sqlite' or engine.url.database:
            raise RuntimeError('unit tests need [database] connection = '
                               'sqlite://, not %s' % engine.url)
        if SQLiteDatabase._dump is None:
            engine.dispose()
            with engine.begin() as conn:
                migration.upgrade('head', connection=conn)
            with engine.connect() as conn:
                SQLiteDatabase._dump = ''.join(
                    conn.connection.dbapi_connection.iterdump())
        engine.dispose()
        with engine.connect() as conn:
            conn.connection.dbapi_connection.executescript(self._dump)
        self.addCleanup(engine.dispose)


def delete_all_rows(connection, keep=()):
    """Empty every table, children first (for databases kept between tests).

    ``keep`` names tables left alone, e.g. the registrations of services
    that run across tests.
    """
    for table in reversed(models.Base.metadata.sorted_tables):
        if table.name not in keep:
            connection.execute(sa.delete(table))

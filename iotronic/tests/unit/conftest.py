"""Unit tests run on an in-memory SQLite database, one fresh per test."""

from oslo_db.sqlalchemy import enginefacade
import pytest

from iotronic.conf import CONF
from iotronic.db import api as db_api
from iotronic.tests import fixtures as iotronic_fixtures


@pytest.fixture(scope='session', autouse=True)
def sqlite_engine():
    """Bind the process-wide engine to in-memory SQLite, once.

    The engine is created here, before any test can reset the
    configuration, so no test ever touches a database on disk.
    """
    CONF.set_override('connection', 'sqlite://', group='database')
    engine = enginefacade.writer.get_engine()
    CONF.clear_override('connection', group='database')
    return engine


@pytest.fixture
def dbapi(use_fixture):
    """The DB API on an empty, fully migrated SQLite database."""
    use_fixture(iotronic_fixtures.SQLiteDatabase())
    return db_api.get_instance()

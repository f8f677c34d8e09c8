"""Functional tests: real MariaDB (and, as they are built, RabbitMQ,
Crossbar and Keystone).

The process-wide engine is bound, once, to a throwaway MariaDB database
migrated by the real migrations; every test starts with it empty.
"""

from oslo_db.sqlalchemy import enginefacade
import pytest

from iotronic.conf import CONF
from iotronic.db import api as db_api
from iotronic.db.sqlalchemy import migration
from iotronic.tests import fixtures as iotronic_fixtures
from iotronic.tests.functional import services


@pytest.fixture(scope='session')
def mariadb_server():
    engine = services.mariadb_server_engine()
    yield engine
    engine.dispose()


@pytest.fixture
def throwaway_mariadb(mariadb_server):
    """Make empty MariaDB databases that are dropped after the test."""
    made = []

    def _make(purpose='test'):
        db = services.ThrowawayDatabase(mariadb_server, purpose).__enter__()
        made.append(db)
        return db

    yield _make
    for db in made:
        db.__exit__(None, None, None)


@pytest.fixture(scope='session')
def mariadb_engine(mariadb_server):
    """The process-wide engine, on a migrated throwaway database."""
    with services.ThrowawayDatabase(mariadb_server, 'functional') as db:
        CONF.set_override('connection', db.url_string, group='database')
        engine = enginefacade.writer.get_engine()
        CONF.clear_override('connection', group='database')
        with engine.begin() as conn:
            migration.upgrade('head', connection=conn)
        yield engine
        engine.dispose()


@pytest.fixture
def dbapi(mariadb_engine):
    """The DB API on the MariaDB database, emptied before the test."""
    with mariadb_engine.begin() as conn:
        iotronic_fixtures.delete_all_rows(conn)
    return db_api.get_instance()

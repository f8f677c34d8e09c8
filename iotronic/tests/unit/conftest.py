"""Unit tests run on an in-memory SQLite database, one fresh per test."""

import pytest

from iotronic.conf import CONF
from iotronic.db import api as db_api
from iotronic.tests import fixtures as iotronic_fixtures


def pytest_configure(config):
    # Before any engine exists: the process-wide engine is in-memory SQLite.
    CONF.set_default('connection', 'sqlite://', group='database')


@pytest.fixture
def dbapi(use_fixture):
    """The DB API on an empty, fully migrated SQLite database."""
    use_fixture(iotronic_fixtures.SQLiteDatabase())
    return db_api.get_instance()

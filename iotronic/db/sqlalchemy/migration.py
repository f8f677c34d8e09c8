"""Schema migrations: the alembic operations behind iotronic-dbsync."""

import os

from alembic import script as alembic_script
from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

from iotronic.db.sqlalchemy import models


def _alembic_config(connection=None):
    path = os.path.join(os.path.dirname(__file__), 'alembic.ini')
    config = alembic_config.Config(path)
    if connection is not None:
        config.attributes['connection'] = connection
    return config


def prepare_sqlite_directory(url):
    """Create the directory of a file-backed SQLite database.

    SQLite creates the file on first use but not its directory, and the
    all-in-one keeps its database under a state directory that may not
    exist yet.
    """
    url = sa.engine.make_url(url)
    if url.get_backend_name() == 'sqlite' and url.database not in (
            None, '', ':memory:'):
        directory = os.path.dirname(os.path.abspath(url.database))
        os.makedirs(directory, exist_ok=True)


def version(connection=None):
    """The revision the database is at, or None if it has none."""
    if connection is None:
        with enginefacade.writer.get_engine().connect() as connection:
            return version(connection)
    context = alembic_migration.MigrationContext.configure(connection)
    return context.get_current_revision()


def head():
    script = alembic_script.ScriptDirectory.from_config(_alembic_config())
    return script.get_current_head()


def upgrade(revision='head', connection=None):
    alembic_command.upgrade(_alembic_config(connection), revision or 'head')


def stamp(revision, connection=None):
    alembic_command.stamp(_alembic_config(connection), revision)


def revision(message=None, autogenerate=False):
    """Write a new migration script (developers only)."""
    return alembic_command.revision(_alembic_config(), message=message,
                                    autogenerate=autogenerate)


def create_schema(connection=None):
    """Create the schema from the models and stamp it at head.

    Faster than replaying migrations on an empty database; refused on a
    database that already has a revision, where it would skip migrations.
    """
    if connection is None:
        with enginefacade.writer.get_engine().begin() as connection:
            return create_schema(connection)
    if version(connection) is not None:
        raise db_exc.DBMigrationError(
            'the database already has a schema; use "upgrade" instead')
    models.Base.metadata.create_all(connection)
    stamp('head', connection)

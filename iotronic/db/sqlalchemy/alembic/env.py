from alembic import context
from oslo_db.sqlalchemy import enginefacade

from iotronic.db.sqlalchemy import models

target_metadata = models.Base.metadata


def run_migrations_online():
    """Run migrations on the connection the caller gave, or on IoTronic's.

    Tests pass a connection to a throwaway database in
    ``config.attributes['connection']``; iotronic-dbsync uses the engine
    configured by ``[database] connection``.
    """
    connection = context.config.attributes.get('connection')
    if connection is None:
        engine = enginefacade.writer.get_engine()
        with engine.connect() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection):
    # render_as_batch: SQLite can only alter constraints by copying the
    # table, and batch mode does that transparently.
    context.configure(connection=connection,
                      target_metadata=target_metadata,
                      render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()

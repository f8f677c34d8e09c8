"""Access to the real services functional tests run against.

Locally a missing service skips its tests with a loud reason; under
``CI=true`` it fails them, so CI can never go green by skipping.
"""

import os
import uuid

import pytest
import sqlalchemy as sa

MARIADB_SERVER_URL = os.environ.get(
    'IOTRONIC_TEST_MARIADB_URL', 'mysql+pymysql://root@127.0.0.1:3306')


def in_ci():
    return os.environ.get('CI', '').lower() in ('1', 'true', 'yes')


def unavailable(service, reason):
    message = (f'{service} is not available ({reason}). Functional tests '
               f'need it; under CI=true this is a failure.')
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip('!!! SKIPPED: ' + message)


def mariadb_server_engine():
    """An engine on the MariaDB server itself (no database selected)."""
    engine = sa.create_engine(MARIADB_SERVER_URL, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text('SELECT 1'))
    except sa.exc.SQLAlchemyError as e:
        unavailable(f'MariaDB at {engine.url.render_as_string()}',
                    str(e.orig if hasattr(e, 'orig') else e).splitlines()[0])
    return engine


class ThrowawayDatabase:
    """A MariaDB database that exists for one test run only."""

    def __init__(self, server_engine, purpose):
        self.server_engine = server_engine
        self.name = f'iotronic_{purpose}_{uuid.uuid4().hex[:10]}'
        self.url = server_engine.url.set(database=self.name)

    def __enter__(self):
        with self.server_engine.begin() as conn:
            conn.execute(sa.text(
                f'CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 '
                f'COLLATE utf8mb4_unicode_ci'))
        return self

    def __exit__(self, *exc):
        with self.server_engine.begin() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS `{self.name}`'))

    @property
    def url_string(self):
        return self.url.render_as_string(hide_password=False)

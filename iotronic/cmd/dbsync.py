"""iotronic-dbsync: create and upgrade IoTronic's database schema."""

import contextlib
import sys

from alembic import util as alembic_util
from oslo_config import cfg
from oslo_db import exception as db_exc
import sqlalchemy as sa

from iotronic.common import config
from iotronic.common.i18n import _
from iotronic.conf import CONF
from iotronic.db.sqlalchemy import migration


def safe_url(url):
    """The database URL with its password masked, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return '<unparsable URL>'


@contextlib.contextmanager
def database_errors_as_exit(prog):
    """Turn a database failure into one line on stderr and exit status 1.

    An operator running a command against a wrong URL or a stopped server
    needs the reason, not a traceback; the password is never printed.
    """
    url = safe_url(CONF.database.connection)
    try:
        yield
    except (db_exc.DBConnectionError, sa.exc.OperationalError) as e:
        _exit(prog, _('cannot connect to the database %(url)s: %(err)s')
              % {'url': url, 'err': _first_line(e)})
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError,
            ImportError) as e:
        _exit(prog, _('invalid [database] connection %(url)s: %(err)s')
              % {'url': url, 'err': _first_line(e)})
    except (db_exc.DBError, db_exc.DBMigrationError,
            alembic_util.CommandError) as e:
        _exit(prog, _('%(url)s: %(err)s') % {'url': url,
                                              'err': _first_line(e)})


def _first_line(exc):
    cause = getattr(exc, 'inner_exception', None) or exc
    orig = getattr(cause, 'orig', None) or cause
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _exit(prog, message):
    print(f'{prog}: error: {message}', file=sys.stderr)
    sys.exit(1)


class DBCommand:

    def upgrade(self):
        migration.upgrade(CONF.command.revision)
        print(_('Database is at revision %s.') % migration.version())

    def version(self):
        print(migration.version())

    def stamp(self):
        migration.stamp(CONF.command.revision)

    def revision(self):
        migration.revision(message=CONF.command.message,
                           autogenerate=CONF.command.autogenerate)

    def create_schema(self):
        migration.create_schema()
        print(_('Schema created at revision %s.') % migration.version())


def add_command_parsers(subparsers):
    command = DBCommand()

    parser = subparsers.add_parser(
        'upgrade', help=_('Upgrade the schema to a revision (default: '
                          'the latest).'))
    parser.set_defaults(func=command.upgrade)
    parser.add_argument('--revision', nargs='?', default='head')

    parser = subparsers.add_parser(
        'version', help=_('Print the revision the database is at.'))
    parser.set_defaults(func=command.version)

    parser = subparsers.add_parser(
        'stamp', help=_('Record a revision without running migrations.'))
    parser.add_argument('revision', nargs='?', default='head')
    parser.set_defaults(func=command.stamp)

    parser = subparsers.add_parser(
        'revision', help=_('Write a new migration script (developers).'))
    parser.add_argument('-m', '--message')
    parser.add_argument('--autogenerate', action='store_true')
    parser.set_defaults(func=command.revision)

    parser = subparsers.add_parser(
        'create_schema', help=_('Create the schema of an empty database '
                                'from the models and stamp it.'))
    parser.set_defaults(func=command.create_schema)


command_opt = cfg.SubCommandOpt('command',
                                title='Command',
                                help=_('Available commands'),
                                handler=add_command_parsers)


def main(argv=None):
    argv = sys.argv if argv is None else argv
    CONF.register_cli_opt(command_opt)
    # Fail fast: a migration run by hand should report an unreachable
    # server at once, not after oslo.db's default ten retries.
    CONF.set_default('max_retries', 0, group='database')
    config.prepare_command(argv)
    with database_errors_as_exit('iotronic-dbsync'):
        migration.prepare_sqlite_directory(CONF.database.connection)
        CONF.command.func()

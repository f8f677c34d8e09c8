"""iotronic-all-in-one: IoTronic on one machine with embedded defaults.

What ``make run`` starts. It needs no configuration file: state (the
SQLite database) goes under ``./.state`` unless ``[DEFAULT] state_path``
says otherwise. So far it prepares the database; the services join it as
they are built.
"""

import os
import sys

from iotronic.cmd import dbsync
from iotronic.common import config
from iotronic.common.i18n import _
from iotronic.conf import CONF
from iotronic.db.sqlalchemy import migration


def main(argv=None):
    argv = sys.argv if argv is None else argv
    CONF.set_default('state_path', os.path.abspath('.state'))
    config.prepare_command(argv)
    url = CONF.database.connection
    with dbsync.database_errors_as_exit('iotronic-all-in-one'):
        migration.prepare_sqlite_directory(url)
        before = migration.version()
        migration.upgrade('head')
        after = migration.version()
    if before == after:
        print(_('Database %(url)s is up to date at revision %(rev)s.')
              % {'url': dbsync.safe_url(url), 'rev': after})
    else:
        print(_('Database %(url)s migrated from revision %(old)s to '
                '%(new)s.') % {'url': dbsync.safe_url(url),
                               'old': before or _('(empty)'), 'new': after})

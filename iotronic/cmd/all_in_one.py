"""iotronic-all-in-one: IoTronic on one machine with embedded defaults.

What ``make run`` starts. It needs no configuration file: state (the
SQLite database) goes under ``./.state`` unless ``[DEFAULT] state_path``
says otherwise; the API listens on 127.0.0.1 without authentication
(every caller is an admin of project ``noauth``) and calls the conductor
in-process. Any of these defaults can be changed with ``--config-file``.
"""

import os
import sys

from iotronic.api import app as api_app
from iotronic.cmd import api
from iotronic.cmd import dbsync
from iotronic.common import config
from iotronic.common.i18n import _
from iotronic.conf import CONF
from iotronic.db.sqlalchemy import migration

# Set before the configuration is read, so a file can still override them.
EMBEDDED_DEFAULTS = {
    ('DEFAULT', 'state_path'): os.path.abspath('.state'),
    ('DEFAULT', 'auth_strategy'): 'noauth',
    ('DEFAULT', 'rpc_transport'): 'none',
    ('api', 'host_ip'): '127.0.0.1',
}


def _migrate():
    url = CONF.database.connection
    with dbsync.database_errors_as_exit('iotronic-all-in-one'):
        migration.prepare_sqlite_directory(url)
        before = migration.version()
        migration.upgrade('head')
        after = migration.version()
    if before == after:
        print(_('Database %(url)s is up to date at revision %(rev)s.')
              % {'url': dbsync.safe_url(url), 'rev': after}, flush=True)
    else:
        print(_('Database %(url)s migrated from revision %(old)s to '
                '%(new)s.') % {'url': dbsync.safe_url(url),
                               'old': before or _('(empty)'), 'new': after},
              flush=True)


def main(argv=None):
    argv = sys.argv if argv is None else argv
    for (group, name), value in EMBEDDED_DEFAULTS.items():
        CONF.set_default(name, value,
                         group=None if group == 'DEFAULT' else group)
    config.prepare_command(argv)
    _migrate()
    url = f'http://{CONF.api.host_ip}:{CONF.api.port}'
    print(_('IoTronic API on %(url)s (auth: %(auth)s). Try:\n'
            '  curl %(url)s/v1/boards\n'
            'Stop with Ctrl-C.') % {'url': url,
                                    'auth': CONF.auth_strategy}, flush=True)
    api.serve(api_app.setup_app())

from oslo_config import cfg
from oslo_db import options as db_options

from iotronic.common.i18n import _
from iotronic.conf import default

DEFAULT_CONNECTION = 'sqlite:///' + default.state_path_rel('iotronic.sqlite')

opts = [
    cfg.StrOpt('mysql_engine',
               default='InnoDB',
               help=_('MySQL storage engine for the tables IoTronic '
                      'creates. Foreign keys and row locks need InnoDB.')),
]


def set_library_defaults():
    """IoTronic's defaults for oslo.db's options.

    Set on the option objects themselves, so that the services, the sample
    generator and a configuration reset all see the embedded SQLite
    database of the all-in-one rather than no database at all.
    """
    cfg.set_defaults(db_options.database_opts,
                     connection=DEFAULT_CONNECTION)


def register_opts(conf):
    set_library_defaults()
    conf.register_opts(db_options.database_opts, group='database')
    conf.register_opts(opts, group='database')

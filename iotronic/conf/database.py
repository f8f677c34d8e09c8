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


def register_opts(conf):
    db_options.set_defaults(conf, connection=DEFAULT_CONNECTION)
    conf.register_opts(opts, group='database')

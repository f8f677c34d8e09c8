from oslo_config import cfg

from iotronic.common.i18n import _

opts = [
    cfg.IntOpt('heartbeat_interval',
               default=10, min=1,
               help=_('Seconds between two heartbeats a conductor writes '
                      'into the database.')),
    cfg.IntOpt('heartbeat_timeout',
               default=60, min=2,
               help=_('A conductor whose last heartbeat is older than this '
                      'many seconds is considered dead.')),
    cfg.IntOpt('rpc_timeout',
               default=60, min=1,
               help=_('Seconds the API waits for a conductor to answer.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='conductor')

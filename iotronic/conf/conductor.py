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
               help=_('Seconds the API waits for a conductor to answer. '
                      'Keep it above [wamp] board_call_timeout plus '
                      'procedure_wait_timeout, or slow board calls reach '
                      'the API as conductor timeouts.')),
    cfg.IntOpt('request_timeout',
               default=600, min=1,
               help=_('Seconds a board has to finish a long action it '
                      'answered RUNNING to. Past that the request ends in '
                      'TIMEOUT.')),
    cfg.IntOpt('periodic_interval',
               default=10, min=1,
               help=_('Seconds between two passes of the conductor\'s '
                      'periodic work: expiring requests and taking boards '
                      'of dead wamp agents offline.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='conductor')

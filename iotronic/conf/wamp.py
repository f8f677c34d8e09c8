from oslo_config import cfg

from iotronic.common.i18n import _

opts = [
    cfg.StrOpt('wamp_realm',
               default='s4t',
               help=_('WAMP realm boards and wamp agents join on the '
                      'router. Lightning-rod 0.5 boards expect "s4t".')),
    cfg.URIOpt('router_url',
               default='ws://127.0.0.1:8181/',
               schemes=['ws', 'wss'],
               help=_('WebSocket URL of the router this wamp agent joins.')),
    cfg.URIOpt('board_router_url',
               schemes=['ws', 'wss'],
               help=_('URL boards assigned to this wamp agent are told to '
                      'connect to (the router as boards reach it). '
                      'Defaults to router_url.')),
    cfg.BoolOpt('register_agent',
                default=True,
                help=_('Whether this wamp agent serves board registration '
                       '(stack4things.register). Any number of agents may: '
                       'the router shares the procedure among them.')),
    cfg.ListOpt('serializers',
                default=['cbor', 'msgpack', 'json'],
                help=_('WAMP serializers this agent offers the router, in '
                       'order of preference. Boards pick their own.')),
    cfg.IntOpt('agent_heartbeat_interval',
               default=10, min=1,
               help=_('Seconds between two heartbeats a wamp agent writes '
                      'into the database.')),
    cfg.IntOpt('agent_heartbeat_timeout',
               default=60, min=2,
               help=_('A wamp agent whose last heartbeat is older than '
                      'this many seconds is considered dead: no board is '
                      'assigned to it, and its boards go offline until '
                      'they register again through a live agent.')),
    cfg.IntOpt('board_call_timeout',
               default=30, min=1,
               help=_('Seconds a board has to answer a call. A board that '
                      'stays silent longer ends the request in TIMEOUT.')),
    cfg.IntOpt('procedure_wait_timeout',
               default=10, min=0,
               help=_('Seconds to wait, before calling a board that has '
                      'just connected, for its procedures to be '
                      'registered on the router.')),
    cfg.IntOpt('reconnect_max_delay',
               default=30, min=1,
               help=_('Longest pause, in seconds, between two attempts of '
                      'the agent to reach the router.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='wamp')

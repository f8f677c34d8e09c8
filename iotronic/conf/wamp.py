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
    cfg.BoolOpt('allow_legacy_boards',
                default=False,
                help=_('Accept boards that cannot authenticate to the '
                       'router (Lightning-rod 0.5). They join anonymously '
                       'on the narrow "legacy-board" role; anyone who '
                       'reaches the router can then join that role and '
                       'claim to be a legacy board (see the security '
                       'guide). Boards with a credential are never '
                       'affected.')),
    cfg.StrOpt('agent_authid',
               default='iotronic-agent',
               help=_('Identity wamp agents authenticate to the router '
                      'with (WAMP-CRA).')),
    cfg.StrOpt('agent_secret',
               secret=True,
               help=_('Secret wamp agents authenticate to the router '
                      'with; the router\'s configuration '
                      '(iotronic-crossbar-config) carries the same. '
                      'Without it agents join anonymously, which only a '
                      'router without authentication accepts.')),
    cfg.StrOpt('ca_file',
               help=_('CA certificates (PEM) that sign the router\'s '
                      'certificate, for wss:// URLs. Default: the '
                      'system\'s. The certificate is always verified.')),
    cfg.StrOpt('router_cert_file',
               help=_('Certificate chain (PEM) the router presents on its '
                      'wss:// transport, for iotronic-crossbar-config. '
                      'Without it the transport is plain ws://.')),
    cfg.StrOpt('router_key_file',
               help=_('Private key (PEM) of router_cert_file.')),
    cfg.PortOpt('router_port',
                default=8181,
                help=_('Port the router listens on, for '
                       'iotronic-crossbar-config.')),
    cfg.HostAddressOpt('router_host',
                       default='0.0.0.0',  # noqa: S104 (boards come from the network)
                       help=_('Address the router listens on, for '
                              'iotronic-crossbar-config.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='wamp')

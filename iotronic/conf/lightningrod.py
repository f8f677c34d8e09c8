"""Options of the board agent, ``iotronic-lightning-rod``."""

from oslo_config import cfg

from iotronic.common.i18n import _

opts = [
    cfg.StrOpt('home',
               default='/var/lib/iotronic-lightning-rod',
               help=_('Directory where the board agent keeps its settings '
                      '(settings.json, written atomically). With '
                      '--simulate, each simulated board gets a '
                      'sub-directory.')),
    cfg.URIOpt('registration_url',
               schemes=['ws', 'wss'],
               help=_('Router URL of the registration agents, for a board '
                      'that has not registered yet. Once registered, the '
                      'board uses the URLs IoTronic gave it.')),
    cfg.StrOpt('realm',
               default='s4t',
               help=_('WAMP realm to join before registration.')),
    cfg.StrOpt('serializer',
               default='json',
               choices=['json', 'msgpack', 'cbor'],
               help=_('WAMP serializer the board speaks.')),
    cfg.IntOpt('keepalive_interval',
               default=30, min=1,
               help=_('Seconds between two keepalives to the wamp agent. '
                      'A keepalive that fails makes the board log in '
                      'again, or register again when its agent is gone.')),
    cfg.IntOpt('call_timeout',
               default=10, min=1,
               help=_('Seconds the board waits for IoTronic to answer '
                      'registration, login, keepalive and results.')),
    cfg.IntOpt('reconnect_max_delay',
               default=30, min=1,
               help=_('Longest pause, in seconds, between two attempts to '
                      'reach the router.')),
    cfg.ListOpt('reboot_command',
                default=['systemctl', 'reboot'],
                help=_('Command (argument list, no shell) DeviceReboot '
                       'runs. Tests set it to something harmless.')),
    cfg.ListOpt('restart_command',
                help=_('Command DeviceRestartLR runs to restart the board '
                       'agent. By default the agent re-executes itself.')),
    cfg.IntOpt('action_delay',
               default=3, min=0,
               help=_('Seconds DeviceReboot and DeviceRestartLR wait after '
                      'answering, so that the answer reaches IoTronic.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='lightningrod')

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
    cfg.StrOpt('ca_file',
               help=_('CA certificates (PEM) that sign the router\'s '
                      'certificate, for wss:// URLs. Default: the '
                      'system\'s. The certificate is always verified.')),
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
    cfg.ListOpt('upgrade_command',
                default=['{python}', '-m', 'pip', 'install', '--upgrade'],
                help=_('Command DeviceUpgradeLR runs, followed by the '
                       'package (and ==version when one is asked for). '
                       '{python} is the interpreter of the board agent.')),
    cfg.StrOpt('upgrade_package',
               default='iotronic',
               help=_('Package DeviceUpgradeLR installs.')),
    cfg.DictOpt('package_managers',
                default={'apt-get': 'apt-get', 'pip': '{python} -m pip',
                         'npm': 'npm'},
                help=_('Package managers DevicePkgOperation may run, as '
                       'manager:command. Only apt-get, pip and npm are '
                       'known; leave one out to forbid it.')),
    cfg.IntOpt('package_timeout',
               default=900, min=1,
               help=_('Seconds a package operation or an upgrade may '
                      'take.')),
    cfg.IntOpt('plugin_call_timeout',
               default=20, min=1,
               help=_('Seconds PluginCall waits for a plugin to return '
                      'before it kills the plugin\'s process. Keep it '
                      'under IoTronic\'s [wamp] board_call_timeout.')),
    cfg.IntOpt('plugin_stop_grace',
               default=5, min=0,
               help=_('Seconds a plugin gets to end after SIGTERM before '
                      'it is killed.')),
    cfg.IntOpt('plugin_memory_mb',
               default=1024, min=0,
               help=_('Address space, in MiB, a plugin\'s process may '
                      'use (0: no limit).')),
    cfg.StrOpt('ssh_command',
               default='ssh',
               help=_('OpenSSH client that opens the reverse tunnels of '
                      'exposed services.')),
    cfg.IntOpt('tunnel_ready_timeout',
               default=15, min=1,
               help=_('Seconds ServiceEnable waits for the tunnel\'s '
                      'public port to be listening.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='lightningrod')

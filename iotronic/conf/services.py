"""Options of exposed services: the public ports and the sshd that
carries the boards' reverse tunnels."""

from oslo_config import cfg

from iotronic.common.i18n import _

opts = [
    cfg.PortOpt('port_min',
                default=50000,
                help=_('Lowest public port a service can be exposed on.')),
    cfg.PortOpt('port_max',
                default=50999,
                help=_('Highest public port a service can be exposed on. '
                       'Every port of the range is allocated once, in the '
                       'database, whatever the number of conductors.')),
    cfg.HostAddressOpt('ssh_host',
                       help=_('Host boards open their tunnels to (the '
                              'sshd that publishes exposed services). By '
                              'default, the host of the board\'s wamp '
                              'agent, as in its board router URL.')),
    cfg.PortOpt('ssh_port',
                default=22,
                help=_('Port of that sshd.')),
    cfg.StrOpt('ssh_user',
               default='iotronic-tunnel',
               help=_('Account boards log in as on that sshd. It needs no '
                      'password and no shell: keys are granted by '
                      'iotronic-ssh-authorized-keys.')),
    cfg.ListOpt('ssh_host_key_files',
                default=['/etc/ssh/ssh_host_ed25519_key.pub'],
                help=_('Public host keys of that sshd, sent to boards so '
                       'they can verify it.')),
    cfg.HostAddressOpt('bind_address',
                       help=_('Address the public ports listen on, when '
                              'sshd has "GatewayPorts clientspecified". '
                              'By default sshd decides (GatewayPorts).')),
]


def register_opts(conf):
    conf.register_opts(opts, group='services')

from oslo_config import cfg

from iotronic.common.i18n import _

opts = [
    cfg.HostAddressOpt('host_ip',
                       default='0.0.0.0',  # noqa: S104
                       help=_('Address iotronic-api listens on.')),
    cfg.PortOpt('port',
                default=8812,
                help=_('Port iotronic-api listens on.')),
    cfg.IntOpt('threads',
               default=16, min=1,
               help=_('Worker threads of iotronic-api: how many requests '
                      'it serves at once.')),
    cfg.IntOpt('max_limit',
               default=1000, min=1,
               help=_('The most items a collection returns in one page, '
                      'whatever the client asks for.')),
    cfg.StrOpt('public_endpoint',
               help=_('Base URL clients use to reach the API, for the '
                      'links in responses (e.g. https://iot.example.org). '
                      'Defaults to the host of each request.')),
]


def register_opts(conf):
    conf.register_opts(opts, group='api')

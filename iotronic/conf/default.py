import os
import socket

from oslo_config import cfg

from iotronic.common.i18n import _

path_opts = [
    cfg.StrOpt('state_path',
               default='/var/lib/iotronic',
               help=_('Top-level directory for IoTronic\'s state: the '
                      'embedded SQLite database of the all-in-one, generated '
                      'router configuration and similar files.')),
]

service_opts = [
    cfg.HostAddressOpt('host',
                       default=socket.gethostname(),
                       sample_default='localhost',
                       help=_('Name of this node: how conductors and wamp '
                              'agents identify themselves in the database '
                              'and on the message bus. Must be unique '
                              'among the nodes of one deployment.')),
]


def state_path_rel(*parts):
    """A path under ``state_path``, as an interpolated option default."""
    return os.path.join('$state_path', *parts)


def register_opts(conf):
    conf.register_opts(path_opts)
    conf.register_opts(service_opts)

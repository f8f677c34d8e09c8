import os
import socket

from oslo_config import cfg
import oslo_messaging as messaging

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


auth_opts = [
    cfg.StrOpt('auth_strategy',
               default='keystone',
               choices=[('keystone', _('Keystone tokens, checked by '
                                       'keystonemiddleware.')),
                        ('noauth', _('No authentication: the caller\'s '
                                     'identity is taken from X-Project-Id, '
                                     'X-User-Id and X-Roles headers. For '
                                     'the all-in-one and tests only.'))],
               help=_('How the API authenticates its callers.')),
]

rpc_opts = [
    cfg.StrOpt('rpc_transport',
               default='oslo',
               choices=[('oslo', _('oslo.messaging over the message bus '
                                   '(transport_url): conductors in their '
                                   'own processes.')),
                        ('none', _('No bus: the API runs the conductor in '
                                   'its own process. For the all-in-one '
                                   'and tests only.'))],
               help=_('How the API reaches the conductors.')),
]


def state_path_rel(*parts):
    """A path under ``state_path``, as an interpolated option default."""
    return os.path.join('$state_path', *parts)


def set_library_defaults():
    """Our RPC topics live in IoTronic's own exchange, not 'openstack'."""
    messaging.set_transport_defaults(control_exchange='iotronic')


def register_opts(conf):
    set_library_defaults()
    conf.register_opts(path_opts)
    conf.register_opts(service_opts)
    conf.register_opts(auth_opts)
    conf.register_opts(rpc_opts)

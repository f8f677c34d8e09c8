"""iotronic-ssh-authorized-keys: sshd's AuthorizedKeysCommand for the
service tunnels of boards.

sshd runs it for every key a client presents to the tunnel account::

    AuthorizedKeysCommand /usr/bin/iotronic-ssh-authorized-keys \
        --config-file /etc/iotronic/iotronic.conf %t %k

(on one line in sshd_config).

It asks a conductor which board owns the key and prints one
authorized_keys line that lets that key listen on the board's public
ports and do nothing else. An unknown key, or any failure, prints
nothing: sshd then refuses the key.
"""

import sys

from oslo_config import cfg
from oslo_log import log as logging

from iotronic.common import config
from iotronic.common import context as iotronic_context
from iotronic.conductor import rpcapi
from iotronic.conf import CONF
from iotronic import objects

LOG = logging.getLogger(__name__)

_CLI_OPTS = [
    cfg.StrOpt('key_type', positional=True,
               help='Type of the presented key (sshd\'s %t).'),
    cfg.StrOpt('key', positional=True,
               help='The presented key, base64 (sshd\'s %k).'),
]


def main(argv=None):
    CONF.register_cli_opts(_CLI_OPTS)
    config.prepare_command(sys.argv if argv is None else argv)
    objects.register_all()
    try:
        line = rpcapi.ConductorAPI().authorized_keys(
            iotronic_context.get_admin_context(), CONF.key_type, CONF.key)
    except Exception as e:
        LOG.error('Cannot look the key up: %s', e)
        return 0
    if line:
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main())

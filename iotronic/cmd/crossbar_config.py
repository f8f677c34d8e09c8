"""iotronic-crossbar-config: the router's config.json from iotronic.conf.

Run before Crossbar starts (the systemd unit's ExecStartPre), so that the
router and the agents always share ``[wamp]`` agent_secret, realm,
legacy-board policy and TLS files::

    iotronic-crossbar-config --config-file /etc/iotronic/iotronic.conf \
        --cbdir /var/lib/iotronic/crossbar

With ``--make-test-ca DIR`` it first makes a test CA and a router
certificate for ``--tls-host`` names in DIR and uses them (a lab or a
single node without a PKI; give boards and agents DIR/ca.pem).
"""

import sys

from oslo_config import cfg

from iotronic.common import config
from iotronic.common import tls
from iotronic.conf import CONF
from iotronic.wamp import router

_CLI_OPTS = [
    cfg.StrOpt('cbdir', required=True,
               help='Crossbar node directory to write config.json in.'),
    cfg.StrOpt('make-test-ca', dest='make_test_ca',
               help='Make a test CA and a router certificate in this '
                    'directory and serve wss:// with them.'),
    cfg.MultiStrOpt('tls-host', dest='tls_hosts', default=[],
                    help='Name or address the router certificate of '
                         '--make-test-ca is valid for (repeatable).'),
]


def main(argv=None):
    CONF.register_cli_opts(_CLI_OPTS)
    config.prepare_command(sys.argv if argv is None else argv)
    wamp = CONF.wamp
    certificate, private_key = wamp.router_cert_file, \
        wamp.router_key_file
    if CONF.make_test_ca:
        hosts = CONF.tls_hosts or ['localhost', '127.0.0.1']
        paths = tls.make_test_ca(CONF.make_test_ca, hosts)
        certificate, private_key = paths[tls.ROUTER_CERT], \
            paths[tls.ROUTER_KEY]
        print(f'Test CA: {paths[tls.CA_CERT]} (give it to boards and '
              'agents as ca_file)')
    try:
        rendered = router.render_config(
            wamp.router_port, wamp.agent_secret, host=wamp.router_host,
            realm=wamp.wamp_realm, agent_authid=wamp.agent_authid,
            allow_legacy_boards=wamp.allow_legacy_boards,
            certificate=certificate, private_key=private_key)
    except ValueError as e:
        sys.exit(f'iotronic-crossbar-config: {e}')
    path = router.write_config(CONF.cbdir, rendered)
    print(f'Wrote {path} ({"wss" if certificate else "ws"}://'
          f'{wamp.router_host}:{wamp.router_port}/, legacy boards '
          f'{"accepted" if wamp.allow_legacy_boards else "refused"})')
    return 0

"""iotronic-aio: all of IoTronic on one machine, on embedded defaults.

What ``make run`` starts: a Crossbar router (from ``.peers/crossbar``),
the API, a conductor and one wamp agent in this process, and, with
``--boards N``, N simulated boards in a board agent process. It needs no
configuration file: state (the SQLite database, the router's and the
boards' directories) goes under ``--state-dir`` (default ``./.state``);
the API listens on 127.0.0.1 without authentication (every caller is an
admin of project ``noauth``) and the conductor and the agent are called
in-process. Any default can still be changed with ``--config-file``.
Ctrl-C stops everything.
"""

import os
import pathlib
import signal
import subprocess
import sys

from oslo_config import cfg
from oslo_log import log
from oslo_utils import uuidutils

from iotronic.api import app as api_app
from iotronic.cmd import api
from iotronic.cmd import dbsync
from iotronic.common import config
from iotronic.common import context as iotronic_context
from iotronic.common import exception
from iotronic.common.i18n import _
from iotronic.common import process
from iotronic.common import states
from iotronic.conductor import rpcapi as conductor_rpcapi
from iotronic.conductor import service as conductor_service
from iotronic.conf import CONF
from iotronic.db.sqlalchemy import migration
from iotronic import objects
from iotronic.objects import board as board_obj
from iotronic.wamp import agent as wamp_agent
from iotronic.wamp import router as wamp_router

# Set before the configuration is read, so a file can still override them.
EMBEDDED_DEFAULTS = {
    ('DEFAULT', 'auth_strategy'): 'noauth',
    ('DEFAULT', 'rpc_transport'): 'none',
    ('api', 'host_ip'): '127.0.0.1',
}

NOAUTH_PROJECT = 'noauth'
BOARD_CODE_PREFIX = 'aio-board'

cli_opts = [
    cfg.PortOpt('api-port', help=_('Port of the API (default: [api] '
                                   'port).')),
    cfg.PortOpt('wamp-port', default=8181,
                help=_('Port of the Crossbar router started here.')),
    cfg.StrOpt('state-dir', default=os.path.abspath('.state'),
               help=_('Where the database, the router and the simulated '
                      'boards keep their state.')),
    cfg.IntOpt('boards', default=0, min=0,
               help=_('How many simulated boards to enrol and run.')),
]


def _say(text):
    print(text, flush=True)


def _migrate():
    url = CONF.database.connection
    with dbsync.database_errors_as_exit('iotronic-aio'):
        migration.prepare_sqlite_directory(url)
        before = migration.version()
        migration.upgrade('head')
        after = migration.version()
    if before == after:
        _say(_('Database %(url)s is up to date at revision %(rev)s.')
             % {'url': dbsync.safe_url(url), 'rev': after})
    else:
        _say(_('Database %(url)s migrated from revision %(old)s to '
               '%(new)s.') % {'url': dbsync.safe_url(url),
                              'old': before or _('(empty)'), 'new': after})


def _enrol_boards(count):
    """Boards board-0..board-N-1 of project noauth, codes aio-board-<n>."""
    context = iotronic_context.get_admin_context()
    conductor = conductor_rpcapi.ConductorAPI()
    for n in range(count):
        code = f'{BOARD_CODE_PREFIX}-{n}'
        try:
            board_obj.Board.get_by_code(context, code)
        except exception.NotFound:
            board = board_obj.Board(
                context, uuid=uuidutils.generate_uuid(), name=f'board-{n}',
                code=code, status=states.REGISTERED, owner=None,
                project=NOAUTH_PROJECT, fleet=None, type='simulated',
                mobile=False, connectivity={}, config={}, extra={},
                revision=1)
            board.location = None
            conductor.create_board(context, board)


def _start_boards(state_dir, count, router_url):
    """The simulated boards, in one board agent process."""
    codes = [arg for n in range(count)
             for arg in ('--code', f'{BOARD_CODE_PREFIX}-{n}')]
    conf_file = state_dir / 'lightning-rod.conf'
    conf_file.write_text(
        '[DEFAULT]\n'
        f'log_file = {state_dir / "lightning-rod.log"}\n'
        '[lightningrod]\n'
        f'home = {state_dir / "boards"}\n'
        f'registration_url = {router_url}\n'
        'keepalive_interval = 10\n'
        # A simulated board must never reboot the machine it runs on.
        'reboot_command = true\n')
    return subprocess.Popen(  # noqa: S603 (our own board agent)
        [sys.executable, '-m', 'iotronic.cmd.lightning_rod',
         '--config-file', str(conf_file), '--simulate', str(count),
         *codes], start_new_session=True,
        preexec_fn=process.die_with_parent)


def _stop(child):
    if child is not None and child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()


def main(argv=None):
    argv = sys.argv if argv is None else argv
    # SIGTERM stops everything like Ctrl-C, from the very start: what is
    # started below is stopped in ``finally``.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    for (group, name), value in EMBEDDED_DEFAULTS.items():
        CONF.set_default(name, value,
                         group=None if group == 'DEFAULT' else group)
    CONF.register_cli_opts(cli_opts)
    config.parse_args(argv)
    state_dir = pathlib.Path(CONF.state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    CONF.set_default('state_path', str(state_dir))
    CONF.set_default('log_file', str(state_dir / 'iotronic.log'))
    if CONF.api_port:
        CONF.set_override('port', CONF.api_port, group='api')
    log.setup(CONF, 'iotronic')
    objects.register_all()
    _migrate()

    router = wamp_router.CrossbarRouter(state_dir / 'crossbar',
                                        CONF.wamp_port,
                                        realm=CONF.wamp.wamp_realm)
    CONF.set_override('router_url', router.url, group='wamp')
    # The router it starts and its agent share a secret of this run.
    CONF.set_override('agent_secret', router.agent_secret, group='wamp')
    conductor = agent = boards = None
    try:
        _say(_('Starting Crossbar on %s ...') % router.url)
        router.start()
        conductor = conductor_service.ConductorService()
        conductor.start()
        agent = wamp_agent.WampAgent()
        agent.start()
        if not agent.wait_joined(30):
            sys.exit(_('The wamp agent could not join %s') % router.url)
        if CONF.boards:
            _enrol_boards(CONF.boards)
            boards = _start_boards(state_dir, CONF.boards, router.url)
        url = f'http://{CONF.api.host_ip}:{CONF.api.port}'
        _say(_(
            'IoTronic is running (auth: %(auth)s, logs in %(logs)s).\n'
            '  API:    %(url)s\n'
            '  Router: %(router)s (realm %(realm)s)\n'
            '  Boards: %(boards)d simulated (names board-0...)\n'
            'Try:\n'
            '  curl %(url)s/v1/boards\n'
            '  curl -X POST -H "Content-Type: application/json" '
            '-d \'{"action": "DevicePing"}\' %(url)s/v1/boards/board-0/'
            'action\n'
            'Stop with Ctrl-C.') % {
                'auth': CONF.auth_strategy, 'logs': state_dir, 'url': url,
                'router': router.url, 'realm': CONF.wamp.wamp_realm,
                'boards': CONF.boards})
        api.serve(api_app.setup_app())
    finally:
        _say(_('Stopping ...'))
        _stop(boards)
        if agent is not None:
            agent.stop()
        if conductor is not None:
            conductor.stop()
        router.stop()


if __name__ == '__main__':
    main()

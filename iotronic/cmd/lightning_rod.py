"""iotronic-lightning-rod: IoTronic's board agent.

On a board: ``iotronic-lightning-rod --code CODE`` with ``[lightningrod]
registration_url`` set, once; afterwards the stored settings say where
to connect. ``--simulate N`` runs N boards in this one process (each
under its own sub-directory of ``[lightningrod] home``), for tests,
demonstrations and benchmarks.
"""

import asyncio
import os
import signal
import sys

from oslo_config import cfg

from iotronic.common import config
from iotronic.common.i18n import _
from iotronic.conf import CONF
from iotronic.lightningrod import board as board_agent

cli_opts = [
    cfg.MultiStrOpt('code',
                    default=[],
                    help=_('Registration code of the board (with '
                           '--simulate: one per board, or one prefix '
                           'that gets "-<n>" appended). Needed only for '
                           'the first registration.')),
    cfg.IntOpt('simulate',
               default=0, min=0,
               help=_('Run this many simulated boards in this process.')),
    cfg.IntOpt('simulate-joins',
               dest='simulate_joins', default=100, min=1,
               help=_('With --simulate: how many boards may be joining '
                      'the router (connecting, authenticating, logging '
                      'in) at once; the others wait their turn, as a '
                      'fleet powered on over minutes would.')),
]


def _codes(codes, count):
    if len(codes) == count:
        return codes
    if len(codes) == 1:
        return [f'{codes[0]}-{n}' for n in range(count)]
    if not codes:
        return [None] * count
    sys.exit(_('--simulate %(count)d takes one --code (a prefix) or '
               '%(count)d of them') % {'count': count})



def boards(conf, codes, simulate, joins=None):
    home = conf.lightningrod.home
    if not simulate:
        return [board_agent.BoardAgent(conf.lightningrod, home,
                                       codes[0] if codes else None,
                                       restart=board_agent.reexec)]
    gate = asyncio.Semaphore(joins) if joins else None
    return [board_agent.BoardAgent(conf.lightningrod,
                                   os.path.join(home, f'board-{n}'), code,
                                   name=f'board-{n}', join_gate=gate)
            for n, code in enumerate(_codes(codes, simulate))]


async def run(agents):
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    tasks = [asyncio.ensure_future(agent.run()) for agent in agents]
    await stopping.wait()
    # Leave politely: IoTronic sees the boards go offline at once.
    await asyncio.gather(*(agent.stop() for agent in agents),
                         return_exceptions=True)
    await asyncio.wait(tasks, timeout=5)


def main(argv=None):
    CONF.register_cli_opts(cli_opts)
    config.prepare_command(sys.argv if argv is None else argv)
    asyncio.run(run(boards(CONF, CONF.code, CONF.simulate,
                           CONF.simulate_joins)))


if __name__ == '__main__':
    main()

"""iotronic-wamp-agent: the link between conductors and boards."""

import logging
import os
import signal
import sys
import threading

from iotronic.cmd import dbsync
from iotronic.common import config
from iotronic import objects
from iotronic.wamp import agent


def main(argv=None):
    config.prepare_command(sys.argv if argv is None else argv)
    objects.register_all()
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    with dbsync.database_errors_as_exit('iotronic-wamp-agent'):
        wamp_agent = agent.WampAgent()
        wamp_agent.start()
        stopping.wait()
        wamp_agent.stop()
    # Conductor calls still in flight on the agent's worker threads (at
    # most [conductor] rpc_timeout long) are abandoned rather than
    # awaited: the router's session list is reconciled on the next start.
    logging.shutdown()
    os._exit(0)

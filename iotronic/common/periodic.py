"""Work a service repeats on a thread of its own (heartbeats, sweeps)."""

import threading

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def every(interval, work, stopping, name):
    """Run ``work()`` every ``interval`` seconds until ``stopping`` is set.

    A pass that fails is logged and the next one runs anyway: a missed
    heartbeat is survivable, a dead heartbeat thread is not.
    """
    def loop():
        while not stopping.wait(interval):
            try:
                work()
            except Exception:
                LOG.exception('%s failed', name)

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread

"""The conductor process: RPC server, registration and heartbeat.

Threads: oslo.messaging's threading executor serves calls; one more
thread writes the heartbeat, and one does the periodic work on this
conductor's share of the boards (see ``hash_ring``). The main thread
waits for SIGTERM or SIGINT, then stops serving (finishing calls in
flight) and marks the conductor offline, so the others know at once
rather than after the timeout.
"""

import signal
import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from iotronic.common import context as iotronic_context
from iotronic.common import periodic
from iotronic.common import rpc
from iotronic.conductor import hash_ring
from iotronic.conductor import manager
from iotronic.conductor import rpcapi
from iotronic.conf import CONF
from iotronic.objects import conductor as conductor_obj

LOG = logging.getLogger(__name__)


class ConductorService:

    def __init__(self, host=None):
        self.host = host or CONF.host
        self.manager = manager.ConductorManager(self.host)
        self._stopping = threading.Event()
        self._server = None

    def start(self):
        context = iotronic_context.get_admin_context()
        conductor_obj.Conductor.register(context, {'hostname': self.host},
                                         update_existing=True)
        if CONF.rpc_transport != 'none':
            # In-process (the all-in-one), callers hold their own manager.
            rpc.init()
            target = messaging.Target(topic=rpcapi.TOPIC, server=self.host)
            self._server = rpc.get_server(target, [self.manager])
            self._server.start()
        periodic.every(CONF.conductor.heartbeat_interval,
                       lambda: conductor_obj.Conductor.get_by_hostname(
                           context, self.host).touch(),
                       self._stopping, f'heartbeat of conductor {self.host}')
        periodic.every(CONF.conductor.periodic_interval,
                       lambda: self.run_periodic_tasks(context),
                       self._stopping,
                       f'periodic work of conductor {self.host}')
        LOG.info('Conductor %s serving topic %s', self.host, rpcapi.TOPIC)

    def run_periodic_tasks(self, context):
        ring = hash_ring.ConductorRing.load(context, self.host)
        self.manager.expire_requests(context, ring.owns)
        self.manager.disconnect_boards_of_dead_agents(context, ring.owns)

    def stop(self):
        self._stopping.set()
        if self._server is not None:
            self._server.stop()
            self._server.wait()
        context = iotronic_context.get_admin_context()
        conductor_obj.Conductor.get_by_hostname(context,
                                                self.host).unregister()
        rpc.cleanup()
        LOG.info('Conductor %s stopped', self.host)

    def run_until_signalled(self):
        def _handler(signum, frame):
            self._stopping.set()

        signal.signal(signal.SIGTERM, _handler)
        signal.signal(signal.SIGINT, _handler)
        self.start()
        self._stopping.wait()
        self.stop()

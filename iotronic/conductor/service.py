"""The conductor process: RPC server, registration and heartbeat.

Threads: oslo.messaging's threading executor serves calls; one more
thread writes the heartbeat. The main thread waits for SIGTERM or SIGINT,
then stops serving (finishing calls in flight) and marks the conductor
offline, so the others know at once rather than after the timeout.
"""

import signal
import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from iotronic.common import context as iotronic_context
from iotronic.common import rpc
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
        self._heartbeat = None

    def start(self):
        context = iotronic_context.get_admin_context()
        conductor_obj.Conductor.register(context, {'hostname': self.host},
                                         update_existing=True)
        rpc.init()
        target = messaging.Target(topic=rpcapi.TOPIC, server=self.host)
        self._server = rpc.get_server(target, [self.manager])
        self._server.start()
        self._heartbeat = threading.Thread(target=self._beat,
                                           name='conductor-heartbeat',
                                           daemon=True)
        self._heartbeat.start()
        LOG.info('Conductor %s serving topic %s', self.host, rpcapi.TOPIC)

    def _beat(self):
        context = iotronic_context.get_admin_context()
        while not self._stopping.wait(CONF.conductor.heartbeat_interval):
            try:
                conductor_obj.Conductor.get_by_hostname(context,
                                                        self.host).touch()
            except Exception:
                # A missed beat is survivable; a dead heartbeat thread is
                # not: keep beating, and say why this one failed.
                LOG.exception('Heartbeat of conductor %s failed', self.host)

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

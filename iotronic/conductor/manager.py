"""The conductor: the one writer of IoTronic's resources.

Concurrency model: one ``ConductorManager`` per process, serving RPC calls
on oslo.messaging's threading executor, so calls run in parallel threads.
Nothing is cached in memory between calls: every call reads what it needs
from the database, and concurrent writers of the same board are kept
apart by the board's revision (a stale write fails with a conflict rather
than overwriting). Any number of conductors can therefore serve the same
topic.
"""

import oslo_messaging as messaging
from oslo_log import log as logging

from iotronic.common import exception
from iotronic.conductor import rpcapi
from iotronic.objects import board as board_obj
from iotronic.objects import fleet as fleet_obj
from iotronic.objects import plugin as plugin_obj
from iotronic.objects import service as service_obj

LOG = logging.getLogger(__name__)

# Errors the caller caused: returned to it, not logged as failures here.
_EXPECTED = messaging.expected_exceptions(exception.IotronicException)


class ConductorManager:
    target = messaging.Target(version=rpcapi.RPC_API_VERSION)

    def __init__(self, host):
        self.host = host

    @staticmethod
    def _create(obj):
        obj.create()
        return obj

    @staticmethod
    def _update(obj):
        obj.save()
        return obj

    @_EXPECTED
    def create_board(self, context, board):
        LOG.info('Creating board %(name)s (%(uuid)s) in project %(project)s',
                 {'name': board.name, 'uuid': board.uuid,
                  'project': board.project})
        return self._create(board)

    @_EXPECTED
    def update_board(self, context, board):
        return self._update(board)

    @_EXPECTED
    def destroy_board(self, context, board_uuid):
        board_obj.Board.get_by_uuid(context, board_uuid).destroy()
        LOG.info('Deleted board %s', board_uuid)

    @_EXPECTED
    def create_plugin(self, context, plugin):
        return self._create(plugin)

    @_EXPECTED
    def update_plugin(self, context, plugin):
        return self._update(plugin)

    @_EXPECTED
    def destroy_plugin(self, context, plugin_uuid):
        plugin_obj.Plugin.get_by_uuid(context, plugin_uuid).destroy()

    @_EXPECTED
    def create_service(self, context, service):
        return self._create(service)

    @_EXPECTED
    def update_service(self, context, service):
        return self._update(service)

    @_EXPECTED
    def destroy_service(self, context, service_uuid):
        service_obj.Service.get_by_uuid(context, service_uuid).destroy()

    @_EXPECTED
    def create_fleet(self, context, fleet):
        return self._create(fleet)

    @_EXPECTED
    def update_fleet(self, context, fleet):
        return self._update(fleet)

    @_EXPECTED
    def destroy_fleet(self, context, fleet_uuid):
        fleet_obj.Fleet.get_by_uuid(context, fleet_uuid).destroy()

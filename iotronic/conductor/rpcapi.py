"""Client side of the conductor RPC API.

Version history:

* 1.0 - Initial version: create, update and destroy of boards, plugins,
  services and fleets.
"""

import oslo_messaging as messaging

from iotronic.common import rpc
from iotronic.conf import CONF

TOPIC = 'iotronic.conductor_manager'
RPC_API_VERSION = '1.0'


class _InProcessClient:
    """The conductor in the caller's process (``rpc_transport = none``).

    Arguments and results still go through the RPC serializer, so the
    manager sees exactly what it would see over the bus: objects arrive
    with their pending changes, and the caller gets copies back.
    """

    def __init__(self, manager):
        self._manager = manager
        self._serializer = rpc.RequestContextSerializer()

    def prepare(self, **kwargs):
        return self

    def _round_trip(self, context, value):
        return self._serializer.deserialize_entity(
            context, self._serializer.serialize_entity(context, value))

    def call(self, context, method, **kwargs):
        context = self._serializer.deserialize_context(
            self._serializer.serialize_context(context))
        kwargs = {k: self._round_trip(context, v) for k, v in kwargs.items()}
        try:
            result = getattr(self._manager, method)(context, **kwargs)
        except messaging.ExpectedException as e:
            # What the RPC dispatcher would unwrap before replying.
            raise e.exc_info[1]
        return self._round_trip(context, result)


class ConductorAPI:
    """What the API asks of the conductors; every write goes through here."""

    def __init__(self):
        if CONF.rpc_transport == 'none':
            from iotronic.conductor import manager
            self._client = _InProcessClient(
                manager.ConductorManager(CONF.host))
        else:
            rpc.init()
            target = messaging.Target(topic=TOPIC,
                                      version=RPC_API_VERSION)
            self._client = rpc.get_client(
                target, version_cap=RPC_API_VERSION,
                timeout=CONF.conductor.rpc_timeout)

    def _call(self, context, method, **kwargs):
        return self._client.prepare().call(context, method, **kwargs)

    def create_board(self, context, board):
        return self._call(context, 'create_board', board=board)

    def update_board(self, context, board):
        return self._call(context, 'update_board', board=board)

    def destroy_board(self, context, board_uuid):
        return self._call(context, 'destroy_board', board_uuid=board_uuid)

    def create_plugin(self, context, plugin):
        return self._call(context, 'create_plugin', plugin=plugin)

    def update_plugin(self, context, plugin):
        return self._call(context, 'update_plugin', plugin=plugin)

    def destroy_plugin(self, context, plugin_uuid):
        return self._call(context, 'destroy_plugin', plugin_uuid=plugin_uuid)

    def create_service(self, context, service):
        return self._call(context, 'create_service', service=service)

    def update_service(self, context, service):
        return self._call(context, 'update_service', service=service)

    def destroy_service(self, context, service_uuid):
        return self._call(context, 'destroy_service',
                          service_uuid=service_uuid)

    def create_fleet(self, context, fleet):
        return self._call(context, 'create_fleet', fleet=fleet)

    def update_fleet(self, context, fleet):
        return self._call(context, 'update_fleet', fleet=fleet)

    def destroy_fleet(self, context, fleet_uuid):
        return self._call(context, 'destroy_fleet', fleet_uuid=fleet_uuid)

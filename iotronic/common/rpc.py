"""oslo.messaging plumbing shared by the API, conductors and agents.

Servers use the threading executor: IoTronic has no eventlet. Only the
exceptions of ``iotronic.common.exception`` cross the bus with their class
(and so their HTTP status); anything else arrives as a RemoteError, which
the API turns into a generic 500 without its text.
"""

import oslo_messaging as messaging
from oslo_messaging.rpc import dispatcher

from iotronic.common import context as iotronic_context
from iotronic.common import exception
from iotronic.conf import CONF
from iotronic.objects import base as objects_base

ALLOWED_EXMODS = [exception.__name__]

_TRANSPORT = None


def init(conf=CONF):
    """Create the process's RPC transport (once)."""
    global _TRANSPORT
    if _TRANSPORT is None and conf.rpc_transport == 'oslo':
        _TRANSPORT = messaging.get_rpc_transport(
            conf, allowed_remote_exmods=ALLOWED_EXMODS)


def cleanup():
    global _TRANSPORT
    if _TRANSPORT is not None:
        _TRANSPORT.cleanup()
        _TRANSPORT = None


class RequestContextSerializer(messaging.Serializer):
    """Carries the request context and versioned objects over RPC."""

    def __init__(self, base=None):
        self._base = base or objects_base.IotronicObjectSerializer()

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return iotronic_context.RequestContext.from_dict(context)


def get_client(target, version_cap=None, timeout=None):
    return messaging.get_rpc_client(
        _TRANSPORT, target, version_cap=version_cap, timeout=timeout,
        serializer=RequestContextSerializer())


def get_server(target, endpoints):
    return messaging.get_rpc_server(
        _TRANSPORT, target, endpoints, executor='threading',
        serializer=RequestContextSerializer(),
        access_policy=dispatcher.DefaultRPCAccessPolicy)


class InProcessClient:
    """An RPC endpoint in the caller's process (``rpc_transport = none``).

    Arguments and results still go through the RPC serializer, so the
    endpoint sees exactly what it would see over the bus: objects arrive
    with their pending changes, and the caller gets copies back.
    """

    def __init__(self, endpoint):
        self._endpoint = endpoint
        self._serializer = RequestContextSerializer()

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
            result = getattr(self._endpoint, method)(context, **kwargs)
        except messaging.ExpectedException as e:
            # What the RPC dispatcher would unwrap before replying.
            raise e.exc_info[1]
        return self._round_trip(context, result)

    def cast(self, context, method, **kwargs):
        self.call(context, method, **kwargs)

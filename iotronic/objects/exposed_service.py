from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class ExposedService(base.IotronicObject):
    """A service of a board reachable on a public port of its agent."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'exposed_service'

    fields = dict(base.IotronicObject.fields, **{
        'board_uuid': object_fields.UUIDField(),
        'service_uuid': object_fields.UUIDField(),
        'public_port': object_fields.IntegerField(),
    })

    @classmethod
    @object_base.remotable
    def get(cls, context, board_uuid, service_uuid):
        return cls._load(context, cls.dbapi.get_exposed_service(
                                       board_uuid, service_uuid))

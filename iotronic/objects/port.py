from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Port(base.UuidMixin, base.IotronicObject):
    """A virtual network port attached to a board."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'port'

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'board_uuid': object_fields.UUIDField(),
        'VIF_name': object_fields.StringField(nullable=True),
        'MAC_add': object_fields.StringField(nullable=True),
        'ip': object_fields.StringField(nullable=True),
        'network': object_fields.StringField(nullable=True),
    })

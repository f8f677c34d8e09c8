from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Service(base.UuidMixin, base.IotronicObject):
    """A board-local service (port and protocol) that can be exposed."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'service'

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'name': object_fields.StringField(),
        'project': object_fields.StringField(nullable=True),
        'port': object_fields.IntegerField(),
        'protocol': object_fields.StringField(),
        'extra': object_fields.FlexibleDictField(nullable=True),
    })

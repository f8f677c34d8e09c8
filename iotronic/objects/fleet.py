from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Fleet(base.UuidMixin, base.IotronicObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'fleet'

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'name': object_fields.StringField(),
        'project': object_fields.StringField(nullable=True),
        'description': object_fields.StringField(nullable=True),
        'extra': object_fields.FlexibleDictField(nullable=True),
    })

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Webservice(base.UuidMixin, base.IotronicObject):
    """An HTTP application of a board, published under the board's name."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'webservice'

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'name': object_fields.StringField(),
        'port': object_fields.IntegerField(),
        'board_uuid': object_fields.UUIDField(),
        'secure': object_fields.BooleanField(default=True),
        'extra': object_fields.FlexibleDictField(nullable=True),
    })

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Request(base.UuidMixin, base.IotronicObject):
    """Work sent to a board, or the parent of several such requests."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'request'

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'destination_uuid': object_fields.UUIDField(),
        'main_request_uuid': object_fields.UUIDField(nullable=True),
        'pending_requests': object_fields.IntegerField(default=0),
        'project': object_fields.StringField(nullable=True),
        'status': object_fields.StringField(),
        'type': object_fields.IntegerField(),
        'action': object_fields.StringField(),
    })

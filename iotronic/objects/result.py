from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Result(base.IotronicObject):
    """What one board answered to one request."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'result'

    fields = dict(base.IotronicObject.fields, **{
        'result': object_fields.StringField(),
        'message': object_fields.StringField(nullable=True),
        'board_uuid': object_fields.UUIDField(),
        'request_uuid': object_fields.UUIDField(),
    })

    @classmethod
    @object_base.remotable
    def get(cls, context, board_uuid, request_uuid):
        return cls._load(context, cls.dbapi.get_result(
            board_uuid, request_uuid))

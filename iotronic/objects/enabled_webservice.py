from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class EnabledWebservice(base.IotronicObject):
    """A board's webservice front end: DNS name and public ports."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'enabled_webservice'

    fields = dict(base.IotronicObject.fields, **{
        'board_uuid': object_fields.UUIDField(),
        'http_port': object_fields.IntegerField(),
        'https_port': object_fields.IntegerField(),
        'dns': object_fields.StringField(),
        'zone': object_fields.StringField(),
        'extra': object_fields.FlexibleDictField(nullable=True),
    })

    @classmethod
    @object_base.remotable
    def get_by_board_uuid(cls, context, board_uuid):
        row = cls.dbapi.get_enabled_webservice_by_board_uuid(board_uuid)
        return cls._load(context, row)

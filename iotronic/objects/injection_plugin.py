from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class InjectionPlugin(base.IotronicObject):
    """A plugin on a board, with the status the board confirmed."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'injection_plugin'

    fields = dict(base.IotronicObject.fields, **{
        'board_uuid': object_fields.UUIDField(),
        'plugin_uuid': object_fields.UUIDField(),
        'onboot': object_fields.BooleanField(default=False),
        'status': object_fields.StringField(nullable=True),
    })

    @classmethod
    @object_base.remotable
    def get(cls, context, board_uuid, plugin_uuid):
        return cls._load(context, cls.dbapi.get_injection_plugin(
                                       board_uuid, plugin_uuid))

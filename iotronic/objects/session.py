from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class SessionWP(base.IotronicObject):
    """A board's WAMP session; at most one per board is valid."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'session'

    fields = dict(base.IotronicObject.fields, **{
        'valid': object_fields.BooleanField(default=True),
        'session_id': object_fields.StringField(),
        'board_uuid': object_fields.UUIDField(),
        'board_id': object_fields.IntegerField(),
    })

    @classmethod
    @object_base.remotable
    def get_by_session_id(cls, context, session_id):
        return cls._load(context,
                         cls.dbapi.get_session_by_session_id(session_id))

    @classmethod
    @object_base.remotable
    def get_valid_by_board_uuid(cls, context, board_uuid):
        return cls._load(
            context, cls.dbapi.get_valid_session_by_board_uuid(board_uuid))

    @classmethod
    @object_base.remotable
    def invalidate(cls, context, session_id):
        """Invalidate the valid session with this WAMP id, if any."""
        row = cls.dbapi.invalidate_session(session_id)
        return cls._load(context, row) if row else None

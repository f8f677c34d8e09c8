from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields
from iotronic.objects import location as location_obj


@base.IotronicObjectRegistry.register
class Board(base.UuidMixin, base.IotronicObject):
    # Version 1.0: Initial version
    # Version 1.1: tunnel_key
    # Version 1.2: credential_hash, credential_next_hash, code_used
    VERSION = '1.2'

    _db_noun = 'board'
    _computed_fields = ('session', 'location')

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'code': object_fields.StringField(),
        'status': object_fields.StringField(),
        'name': object_fields.StringField(),
        'type': object_fields.StringField(nullable=True),
        'agent': object_fields.StringField(nullable=True),
        'owner': object_fields.StringField(nullable=True),
        'project': object_fields.StringField(nullable=True),
        'fleet': object_fields.UUIDField(nullable=True),
        'mobile': object_fields.BooleanField(default=False),
        'lr_version': object_fields.StringField(nullable=True),
        'connectivity': object_fields.FlexibleDictField(nullable=True),
        'config': object_fields.FlexibleDictField(nullable=True),
        'extra': object_fields.FlexibleDictField(nullable=True),
        'revision': object_fields.IntegerField(),
        'tunnel_key': object_fields.StringField(nullable=True),
        'credential_hash': object_fields.StringField(nullable=True),
        'credential_next_hash': object_fields.StringField(nullable=True),
        'code_used': object_fields.BooleanField(default=False),
        # The WAMP session id of the board's valid session, if online.
        'session': object_fields.StringField(nullable=True),
        'location': object_fields.ObjectField('Location', nullable=True),
    })

    def _load_computed(self, db_row):
        self.session = db_row.session.session_id if db_row.session else None
        self.location = (location_obj.Location._from_db_object(
            self._context, location_obj.Location(), db_row.location)
            if db_row.location else None)

    def _location_values(self):
        if self.obj_attr_is_set('location') and self.location is not None:
            return self.location.column_values()
        return None

    @classmethod
    @object_base.remotable
    def get_by_code(cls, context, code):
        return cls._load(context, cls.dbapi.get_board_by_code(code))

    @classmethod
    @object_base.remotable
    def get_by_tunnel_key(cls, context, tunnel_key):
        return cls._load(context, cls.dbapi.get_board_by_tunnel_key(
            tunnel_key))

    @object_base.remotable
    def create(self, context=None):
        """Insert the board and, if set, its location, atomically."""
        row = self.dbapi.create_board(self._column_changes(),
                                      location=self._location_values())
        self._from_db_object(context or self._context, self, row)

    @object_base.remotable
    def save(self, context=None):
        """Write the changes, unless someone else changed the board first.

        Raises ConcurrentUpdate when the board's revision in the database
        is no longer the one this object was loaded with.
        """
        context = context or self._context
        changes = self._column_changes()
        if 'location' in self.obj_what_changed():
            self.dbapi.set_board_location(self.id, self._location_values()
                                          or {})
        if changes:
            row = self.dbapi.update_board(self.id, changes,
                                          expected_revision=self.revision)
            self._from_db_object(context, self, row)
        else:
            self.refresh(context)

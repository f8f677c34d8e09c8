from iotronic.objects import base
from iotronic.objects import fields as object_fields

_COLUMNS = ('longitude', 'latitude', 'altitude')


@base.IotronicObjectRegistry.register
class Location(base.IotronicObject):
    """Where a board is; written through its board (one per board)."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'location'

    fields = dict(base.IotronicObject.fields, **{
        'longitude': object_fields.StringField(nullable=True),
        'latitude': object_fields.StringField(nullable=True),
        'altitude': object_fields.StringField(nullable=True),
        'board_id': object_fields.IntegerField(nullable=True),
    })

    def column_values(self):
        return {c: self[c] for c in _COLUMNS if self.obj_attr_is_set(c)}

    @classmethod
    def get_by_board_id(cls, context, board_id):
        return cls._load(context, cls.dbapi.get_location_by_board_id(board_id))

    def create(self, context=None):
        self._from_db_object(context or self._context, self,
                             self.dbapi.set_board_location(
                                 self.board_id, self.column_values()))

    save = create

    def refresh(self, context=None):
        self._from_db_object(context or self._context, self,
                             self.dbapi.get_location_by_board_id(
                                 self.board_id))

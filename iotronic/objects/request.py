from oslo_versionedobjects import base as object_base

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Request(base.UuidMixin, base.IotronicObject):
    """Work sent to a board, or the parent of several such requests."""

    # Version 1.0: Initial version
    # Version 1.1: create_with_result, save_with_result
    VERSION = '1.1'

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

    @object_base.remotable
    def create_with_result(self, result, context=None):
        """Create this request and ``result`` (a new Result of it)
        together: a board call costs one transaction less."""
        context = context or self._context
        request_row, result_row = self.dbapi.create_request_with_result(
            self._column_changes(), result._column_changes())
        self._from_db_object(context, self, request_row)
        result._from_db_object(context, result, result_row)

    @object_base.remotable
    def save_with_result(self, result, context=None):
        """Save the changes of this request and of ``result`` in one
        transaction."""
        if context is not None:
            self._context = result._context = context
        self.updated_at = result.updated_at = (
            self.dbapi.update_request_and_result(
                self.id, self._column_changes(), result.id,
                result._column_changes()))
        self.obj_reset_changes()
        result.obj_reset_changes()

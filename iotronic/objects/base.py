"""Versioned objects: what the API, conductor and agents pass around.

Objects read and write through the DB API and travel over RPC as
versioned primitives (``IotronicObjectSerializer``). The generic methods
below cover every resource: a subclass declares its fields and the noun
of its DB API methods (``_db_noun = 'plugin'`` means ``get_plugin_by_id``,
``get_plugin_list``, ``create_plugin``, ...). No indirection API is set:
methods run against the database of the process that calls them.
"""

from oslo_utils import uuidutils
from oslo_versionedobjects import base as object_base

from iotronic.common import exception
from iotronic.common.i18n import _
from iotronic.db import api as db_api
from iotronic.objects import fields as object_fields


class IotronicObjectRegistry(object_base.VersionedObjectRegistry):
    pass


class IotronicObject(object_base.VersionedObject,
                     object_base.VersionedObjectDictCompat):
    OBJ_SERIAL_NAMESPACE = 'iotronic_object'
    OBJ_PROJECT_NAMESPACE = 'iotronic'

    dbapi = db_api.get_instance()

    # The noun of this resource's DB API methods.
    _db_noun = None
    # Fields computed from other rows: read from the DB, never written.
    _computed_fields = ()

    fields = {
        'id': object_fields.IntegerField(),
        'created_at': object_fields.DateTimeField(nullable=True),
        'updated_at': object_fields.DateTimeField(nullable=True),
    }

    @classmethod
    def _db_call(cls, template, *args, **kwargs):
        return getattr(cls.dbapi, template.format(cls._db_noun))(
            *args, **kwargs)

    def _load_computed(self, db_row):
        """Set the computed fields from the row's loaded relations."""

    @classmethod
    def _from_db_object(cls, context, obj, db_row):
        for field in obj.fields:
            if field not in obj._computed_fields:
                obj[field] = db_row[field]
        obj._load_computed(db_row)
        obj._context = context
        obj.obj_reset_changes()
        return obj

    @classmethod
    def _load(cls, context, db_row):
        """A new object of this class from a DB row."""
        return cls._from_db_object(context, cls(), db_row)

    @classmethod
    def _from_db_object_list(cls, context, db_rows):
        return [cls._load(context, row) for row in db_rows]

    def _column_changes(self):
        changes = self.obj_get_changes()
        for field in self._computed_fields:
            changes.pop(field, None)
        return changes

    @classmethod
    @object_base.remotable
    def get_by_id(cls, context, object_id):
        return cls._load(context, cls._db_call('get_{}_by_id', object_id))

    @classmethod
    @object_base.remotable
    def list(cls, context, limit=None, marker=None, sort_key=None,
             sort_dir=None, filters=None):
        return cls._from_db_object_list(context, cls._db_call(
            'get_{}_list', filters=filters, limit=limit, marker=marker,
            sort_key=sort_key, sort_dir=sort_dir))

    @object_base.remotable
    def create(self, context=None):
        row = self._db_call('create_{}', self._column_changes())
        self._from_db_object(context or self._context, self, row)

    @object_base.remotable
    def save(self, context=None):
        changes = self._column_changes()
        if changes:
            row = self._db_call('update_{}', self.id, changes)
            self._from_db_object(context or self._context, self, row)

    @object_base.remotable
    def destroy(self, context=None):
        self._db_call('destroy_{}', self.id)
        self.obj_reset_changes()

    @object_base.remotable
    def refresh(self, context=None):
        """Reload every field from the database."""
        current = self.__class__.get_by_id(context or self._context, self.id)
        for field in self.fields:
            if current.obj_attr_is_set(field):
                self[field] = current[field]
        self.obj_reset_changes()


class UuidMixin:
    """Resources with a uuid, and optionally a name unique per project."""

    @classmethod
    @object_base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._load(context, cls._db_call('get_{}_by_uuid', uuid))

    @classmethod
    @object_base.remotable
    def get_by_name(cls, context, name, project=None):
        return cls._load(context, cls._db_call(
            'get_{}_by_name', name, project=project))

    @classmethod
    def get(cls, context, ident, project=None):
        """Find by integer id, uuid or (where names exist) name."""
        if isinstance(ident, int) or (str(ident).isascii()
                                         and str(ident).isdigit()):
            return cls.get_by_id(context, int(ident))
        if uuidutils.is_uuid_like(ident):
            return cls.get_by_uuid(context, ident)
        if 'name' in cls.fields:
            return cls.get_by_name(context, ident, project=project)
        raise exception.InvalidUUID(uuid=ident)


class ProcessMixin:
    """Processes that register by hostname and heartbeat (agents,
    conductors)."""

    @classmethod
    @object_base.remotable
    def get_by_hostname(cls, context, hostname):
        return cls._load(context, cls._db_call('get_{}', hostname))

    @classmethod
    @object_base.remotable
    def register(cls, context, values, update_existing=False):
        return cls._load(context, cls._db_call(
            'register_{}', values, update_existing=update_existing))

    @object_base.remotable
    def touch(self, context=None):
        self._db_call('touch_{}', self.hostname)

    @object_base.remotable
    def unregister(self, context=None):
        self._from_db_object(context or self._context, self,
                             self._db_call('unregister_{}', self.hostname))

    @object_base.remotable
    def destroy(self, context=None):
        self._db_call('destroy_{}', self.hostname)
        self.obj_reset_changes()

    @object_base.remotable
    def save(self, context=None):
        raise exception.Invalid(_('%s rows change only by register, touch '
                                  'and unregister') % self.obj_name())

    @object_base.remotable
    def refresh(self, context=None):
        self._from_db_object(context or self._context, self,
                             self._db_call('get_{}', self.hostname))


class IotronicObjectSerializer(object_base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = IotronicObject

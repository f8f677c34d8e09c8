"""Object field types: oslo.versionedobjects' own, plus JSON dicts."""

import json

from oslo_versionedobjects import fields as object_fields

BooleanField = object_fields.BooleanField
DateTimeField = object_fields.DateTimeField
IntegerField = object_fields.IntegerField
ObjectField = object_fields.ObjectField
StringField = object_fields.StringField
UUIDField = object_fields.UUIDField


class FlexibleDict(object_fields.FieldType):
    """A JSON object column: a dict, or its JSON text, or None."""

    @staticmethod
    def coerce(obj, attr, value):
        if isinstance(value, str):
            value = json.loads(value)
        if value is None:
            return value
        return dict(value)


class FlexibleDictField(object_fields.AutoTypedField):
    AUTO_TYPE = FlexibleDict()

    def _null(self, obj, attr):
        if self.nullable:
            return {}
        return super()._null(obj, attr)

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Plugin(base.UuidMixin, base.IotronicObject):
    """Code for boards; ``code`` is the plugin's source text."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'plugin'

    fields = dict(base.IotronicObject.fields, **{
        'uuid': object_fields.UUIDField(),
        'name': object_fields.StringField(),
        'owner': object_fields.StringField(nullable=True),
        'project': object_fields.StringField(nullable=True),
        'public': object_fields.BooleanField(default=False),
        'code': object_fields.StringField(nullable=True),
        'callable': object_fields.BooleanField(default=False),
        'parameters': object_fields.FlexibleDictField(nullable=True),
        'extra': object_fields.FlexibleDictField(nullable=True),
    })

from iotronic.objects import base
from iotronic.objects import fields as object_fields


@base.IotronicObjectRegistry.register
class Conductor(base.ProcessMixin, base.IotronicObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    _db_noun = 'conductor'

    fields = dict(base.IotronicObject.fields, **{
        'hostname': object_fields.StringField(),
        'online': object_fields.BooleanField(default=True),
    })

"""/v1/services: board-local services that can be exposed publicly."""

from iotronic.api.controllers.v1 import base
from iotronic.api.controllers.v1 import utils
from iotronic.objects import service as service_obj

PROTOCOLS = ['TCP', 'UDP', 'ANY']

_PROPERTIES = {
    'name': utils.NAME,
    'port': {'type': 'integer', 'minimum': 1, 'maximum': 65535},
    'protocol': {'type': 'string', 'enum': PROTOCOLS},
    'extra': utils.EXTRA,
}

CREATE_SCHEMA, UPDATE_SCHEMA = utils.body_schemas(
    _PROPERTIES, ['name', 'port', 'protocol'])


class ServicesController(base.ResourceController):
    obj_class = service_obj.Service
    path = 'services'
    rule = 'iot:service'
    rpc_noun = 'service'
    create_schema = CREATE_SCHEMA
    update_schema = UPDATE_SCHEMA
    list_fields = ('name', 'uuid', 'project', 'port', 'protocol', 'extra')
    view_fields = ('uuid', 'name', 'project', 'port', 'protocol', 'extra',
                   'created_at', 'updated_at', 'links')
    sortable = ('id', 'uuid', 'name', 'port', 'protocol', 'created_at',
                'updated_at')

    def view(self, service):
        return base.common_view(service, 'services', 'name', 'project',
                                'port', 'protocol', 'extra')

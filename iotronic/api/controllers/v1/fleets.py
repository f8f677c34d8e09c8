"""/v1/fleets: groups of boards."""

from iotronic.api.controllers.v1 import base
from iotronic.api.controllers.v1 import boards
from iotronic.api.controllers.v1 import utils
from iotronic.objects import fleet as fleet_obj

_PROPERTIES = {
    'name': utils.NAME,
    'description': utils.DESCRIPTION,
    'extra': utils.EXTRA,
}

CREATE_SCHEMA, UPDATE_SCHEMA = utils.body_schemas(
    _PROPERTIES, ['name'])


class FleetsController(base.ResourceController):
    obj_class = fleet_obj.Fleet
    path = 'fleets'
    rule = 'iot:fleet'
    rpc_noun = 'fleet'
    create_schema = CREATE_SCHEMA
    update_schema = UPDATE_SCHEMA
    list_fields = ('name', 'uuid', 'project', 'description')
    view_fields = ('uuid', 'name', 'project', 'description', 'extra',
                   'created_at', 'updated_at', 'links')

    def view(self, fleet):
        return base.common_view(fleet, 'fleets', 'name', 'project',
                                'description', 'extra')

    subresources = {'boards': boards.FleetBoardsController}

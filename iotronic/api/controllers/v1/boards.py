"""/v1/boards, and the sub-collections of a board and of a fleet."""

from oslo_utils import uuidutils
import pecan
from pecan import rest

from iotronic.api.controllers.v1 import base
from iotronic.api.controllers.v1 import utils
from iotronic.api.controllers.v1 import versions
from iotronic.common import exception
from iotronic.common.i18n import _
from iotronic.common import states
from iotronic.objects import board as board_obj
from iotronic.objects import exposed_service as exposed_obj
from iotronic.objects import fleet as fleet_obj
from iotronic.objects import injection_plugin as injection_obj
from iotronic.objects import location as location_obj
from iotronic.objects import plugin as plugin_obj
from iotronic.objects import service as service_obj

_COORDINATE = {'type': ['string', 'number'], 'maxLength': 18}
LOCATION = {
    'type': 'object',
    'properties': {'latitude': _COORDINATE, 'longitude': _COORDINATE,
                   'altitude': _COORDINATE},
    'additionalProperties': False,
}

_PROPERTIES = {
    'name': utils.NAME,
    'code': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'type': {'type': ['string', 'null'], 'maxLength': 255},
    'mobile': {'type': 'boolean'},
    'fleet': {'type': ['string', 'null'], 'maxLength': 255},
    'extra': utils.EXTRA,
    # Upstream sends a list holding one location; an object is accepted.
    'location': {'oneOf': [{'type': 'array', 'items': LOCATION,
                            'maxItems': 1},
                           LOCATION]},
}

CREATE_SCHEMA, UPDATE_SCHEMA = utils.body_schemas(
    _PROPERTIES, ['name', 'code'], create_only={'uuid': utils.UUID})

# Shown only to callers who may change the board: the code is the
# board's registration secret, and the config embeds it.
_SECRET_FIELDS = ('code', 'config')


def _location_values(location):
    if isinstance(location, list):
        location = location[0] if location else {}
    return {k: str(v) for k, v in location.items()}


def _fleet_uuid(ident):
    """The uuid of a fleet the caller may see, by uuid or name."""
    if ident is None:
        return None
    return utils.get_visible(fleet_obj.Fleet, ident).uuid


class BoardsController(base.ResourceController):
    obj_class = board_obj.Board
    path = 'boards'
    rule = 'iot:board'
    rpc_noun = 'board'
    create_schema = CREATE_SCHEMA
    update_schema = UPDATE_SCHEMA
    # Upstream's defaults, without the registration code.
    list_fields = ('name', 'status', 'uuid', 'session', 'type', 'fleet',
                   'lr_version', 'connectivity')
    always_fields = ('uuid', 'links', 'location', 'session')
    view_fields = ('uuid', 'code', 'status', 'name', 'type', 'agent',
                   'owner', 'project', 'fleet', 'mobile', 'lr_version',
                   'connectivity', 'extra', 'config', 'session',
                   'location', 'created_at', 'updated_at', 'links')
    sortable = ('id', 'uuid', 'name', 'status', 'type', 'agent', 'fleet',
                'mobile', 'lr_version', 'created_at', 'updated_at')

    def view(self, board):
        view = base.common_view(board, 'boards', 'status', 'name', 'type',
                                'agent', 'owner', 'project', 'fleet',
                                'mobile', 'lr_version', 'connectivity',
                                'extra', 'session')
        location = board.location
        view['location'] = [{
            'latitude': location.latitude, 'longitude': location.longitude,
            'altitude': location.altitude,
            'updated_at': utils.isoformat(location.updated_at
                                          or location.created_at)}] \
            if location is not None else []
        if utils.may('iot:board:update', board):
            view.update(code=board.code, config=board.config)
        return view

    def _shape(self, obj, fields=None, detail=True):
        shaped = super()._shape(obj, fields, detail)
        if fields is None and not detail:
            for name in _SECRET_FIELDS:
                shaped.pop(name, None)
        return shaped

    def list_filters(self, params):
        filters = {}
        if 'status' in params:
            filters['status'] = params.pop('status')
        if 'project' in params:
            utils.authorize('iot:all_projects:get')
            filters['project'] = params.pop('project')
        if pecan.request.version.at_least(versions.MINOR_2_BOARD_FILTERS):
            for name in ('type', 'name'):
                if name in params:
                    filters[name] = params.pop(name)
            if 'fleet' in params:
                filters['fleet'] = _fleet_uuid(params.pop('fleet'))
        return filters

    def scope_filters(self, filters):
        if 'project' in filters:
            return filters
        return super().scope_filters(filters)

    def new_object(self, body):
        ctx = utils.context()
        if uuidutils.is_uuid_like(body['name']):
            raise exception.Invalid(_('A board name cannot look like a '
                                      'UUID.'))
        location = body.pop('location', None)
        board = self.obj_class(
            ctx, status=states.REGISTERED, owner=ctx.user_id,
            project=ctx.project_id, fleet=_fleet_uuid(body.pop('fleet',
                                                               None)),
            uuid=body.pop('uuid', None) or uuidutils.generate_uuid(),
            connectivity={}, config={}, revision=1, **body)
        board.location = (location_obj.Location(
            **_location_values(location)) if location else None)
        return board

    def apply_update(self, board, body):
        if 'name' in body and uuidutils.is_uuid_like(body['name']):
            raise exception.Invalid(_('A board name cannot look like a '
                                      'UUID.'))
        if 'fleet' in body:
            body['fleet'] = _fleet_uuid(body['fleet'])
        location = body.pop('location', None)
        if location is not None and pecan.request.version.at_least(
                versions.MINOR_1_LOCATION_UPDATE):
            board.location = location_obj.Location(
                **_location_values(location))
        super().apply_update(board, body)

class FleetBoardsController(BoardsController):
    """/v1/fleets/{fleet}/boards: the boards of one fleet."""

    collection_key = 'boards'

    def __init__(self, fleets_controller, fleet_ident):
        super().__init__()
        self._fleet = base.SubController(fleets_controller, fleet_ident)

    def list_filters(self, params):
        fleet = self._fleet.parent
        self.path = f'fleets/{fleet.uuid}/boards'
        filters = super().list_filters(params)
        filters['fleet'] = fleet.uuid
        return filters

    # Read-only: boards join a fleet through PATCH /v1/boards/{board}.
    post = patch = delete = None


class _BoardSubcollection(base.SubCollection):
    """The rows linking a board to plugins or services."""

    @property
    def board(self):
        return self.parent

    def target(self):
        return self.board

    def filters(self):
        return {'board_uuid': self.board.uuid}

    def collection_path(self):
        return f'boards/{self.board.uuid}/{self.path}'

    def marker_id(self, linked_uuid):
        try:
            return self.obj_class.get(utils.context(), self.board.uuid,
                                      linked_uuid).id
        except exception.NotFound:
            raise exception.InvalidMarker(marker=linked_uuid,
                                          resource=self.label)


ACTION_SCHEMA = {
    'type': 'object',
    'properties': {
        'action': {'type': 'string', 'minLength': 1, 'maxLength': 64},
        'parameters': {'type': ['object', 'null'], 'maxProperties': 100},
    },
    'required': ['action'],
    'additionalProperties': False,
}



def _board_answer(outcome):
    """What the board said, as upstream returns it; the request that
    tracks it is in ``Location``."""
    pecan.response.headers['Location'] = utils.links(
        'requests', outcome['request'])[0]['href']
    return outcome['message']


INJECT_SCHEMA = {
    'type': 'object',
    'properties': {
        'plugin': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'onboot': {'type': 'boolean'},
    },
    'required': ['plugin'],
    'additionalProperties': False,
}


class BoardPluginsController(_BoardSubcollection):
    """/v1/boards/{board}/plugins: PUT injects a plugin, POST to
    ``/{plugin}`` runs a plugin action, DELETE removes it."""

    obj_class = injection_obj.InjectionPlugin
    key = 'injections'
    item_key = 'plugin'
    path = 'plugins'
    rule = 'iot:plugin_on_board:get'
    label = 'plugin injection'
    sortable = ('id', 'status', 'onboot', 'created_at', 'updated_at')

    def item(self, row):
        return {'plugin': row.plugin_uuid, 'status': row.status,
                'onboot': row.onboot,
                'created_at': utils.isoformat(row.created_at),
                'updated_at': utils.isoformat(row.updated_at)}

    @pecan.expose('json')
    def put(self, **_body_fields):
        utils.reject_unknown(dict(pecan.request.GET))
        utils.authorize('iot:plugin_inject:put', self.board)
        body = utils.validated_body(INJECT_SCHEMA)
        plugin = utils.get_visible(plugin_obj.Plugin, body['plugin'])
        return _board_answer(pecan.request.rpcapi.inject_plugin(
            utils.context(), self.board.uuid, plugin.uuid,
            body.get('onboot', False)))

    @pecan.expose('json')
    def post(self, plugin_ident=None, **_body_fields):
        utils.require_item(plugin_ident)
        utils.reject_unknown(dict(pecan.request.GET))
        utils.authorize('iot:plugin_action:post', self.board)
        body = utils.validated_body(ACTION_SCHEMA)
        plugin = utils.get_visible(plugin_obj.Plugin, plugin_ident)
        if body['action'] not in states.PLUGIN_ACTIONS:
            raise exception.InvalidAction(
                action=body['action'], kind='plugin',
                allowed=', '.join(states.PLUGIN_ACTIONS))
        return _board_answer(pecan.request.rpcapi.plugin_action(
            utils.context(), self.board.uuid, plugin.uuid, body['action'],
            body.get('parameters')))

    @utils.expose_no_content
    def delete(self, plugin_ident=None, **params):
        utils.require_item(plugin_ident)
        utils.reject_unknown(params)
        utils.authorize('iot:plugin_remove:delete', self.board)
        plugin = utils.get_visible(plugin_obj.Plugin, plugin_ident)
        _board_answer(pecan.request.rpcapi.remove_plugin(
            utils.context(), self.board.uuid, plugin.uuid))
        pecan.response.status = 204


SERVICE_ACTION_SCHEMA = {
    'type': 'object',
    'properties': {
        'action': {'type': 'string', 'enum': list(states.SERVICE_ACTIONS)},
        # Accepted and ignored, as upstream does.
        'parameters': {'type': ['object', 'null'], 'maxProperties': 100},
    },
    'required': ['action'],
    'additionalProperties': False,
}


class BoardServiceActionController(rest.RestController):
    """/v1/boards/{board}/services/{service}/action."""

    def __init__(self, services_controller, service_ident):
        self._services = services_controller
        self._service_ident = service_ident

    @pecan.expose('json')
    def post(self, **_body_fields):
        utils.reject_unknown(dict(pecan.request.GET))
        board = self._services.board
        utils.authorize('iot:service_action:post', board)
        body = utils.validated_body(SERVICE_ACTION_SCHEMA)
        service = utils.get_visible(service_obj.Service,
                                   self._service_ident)
        return _board_answer(pecan.request.rpcapi.service_action(
            utils.context(), board.uuid, service.uuid, body['action']))


class BoardServicesController(_BoardSubcollection):
    """/v1/boards/{board}/services: the board's exposed services;
    ``/{service}/action`` enables, disables or restores one, and
    ``/restore`` restores them all."""

    obj_class = exposed_obj.ExposedService
    key = 'exposed'
    item_key = 'service'
    path = 'services'
    rule = 'iot:service_on_board:get'
    label = 'exposed service'
    sortable = ('id', 'public_port', 'created_at', 'updated_at')

    def item(self, row):
        return {'service': row.service_uuid,
                'public_port': row.public_port,
                'created_at': utils.isoformat(row.created_at),
                'updated_at': utils.isoformat(row.updated_at)}

    @pecan.expose()
    def _lookup(self, service_ident, *remainder):
        if service_ident == 'restore' and not remainder:
            return BoardServicesRestoreController(self), remainder
        if remainder and remainder[0] == 'action':
            return (BoardServiceActionController(self, service_ident),
                    remainder[1:])
        raise exception.NotFound()


class BoardServicesRestoreController(rest.RestController):
    """GET /v1/boards/{board}/services/restore: open every tunnel of
    the board again (a GET that changes state, as upstream has it)."""

    def __init__(self, services_controller):
        self._services = services_controller

    @pecan.expose('json')
    def get_all(self, **params):
        utils.reject_unknown(params)
        services = self._services
        utils.authorize('iot:service_action:post', services.board)
        exposures = pecan.request.rpcapi.restore_services(
            utils.context(), services.board.uuid)
        return {services.key: [services.item(row) for row in exposures]}


class BoardActionController(base.SubController):
    """/v1/boards/{board}/action: run a Device* action on the board.

    The board's answer comes back at once (200), or, for a long action
    the board reports on later, 202 with the request to follow
    (``Location``). A board that is not online refuses at once (409),
    and a board silent past ``[wamp] board_call_timeout`` ends the
    request in TIMEOUT (504).
    """

    @pecan.expose('json')
    def post(self, **_body_fields):
        utils.reject_unknown(dict(pecan.request.GET))
        board = self.parent
        utils.authorize('iot:board:action', board)
        body = utils.validated_body(ACTION_SCHEMA)
        if body['action'] not in states.BOARD_ACTIONS:
            raise exception.InvalidAction(
                action=body['action'], kind='board',
                allowed=', '.join(states.BOARD_ACTIONS))
        result = pecan.request.rpcapi.board_action(
            utils.context(), board.uuid, body['action'],
            body.get('parameters'))
        running = result.result == states.RESULT_RUNNING
        link = utils.links('requests', result.request_uuid)[0]['href']
        pecan.response.headers['Location'] = link
        pecan.response.status = 202 if running else 200
        return {'request': result.request_uuid,
                'status': (states.REQUEST_PENDING if running
                           else states.REQUEST_COMPLETED),
                'result': result.result, 'message': result.message}


class BoardMaintenanceController(base.SubController):
    """/v1/boards/{board}/maintenance (API 1.4): PUT puts the board in
    maintenance, where it refuses actions whatever its connection does;
    DELETE takes it out (online again if it is still connected)."""

    def _set(self, maintenance):
        if not pecan.request.version.at_least(versions.MINOR_4_MAINTENANCE):
            raise exception.NotFound()
        utils.reject_unknown(dict(pecan.request.GET))
        board = self.parent
        utils.authorize('iot:board:maintenance', board)
        board = pecan.request.rpcapi.set_maintenance(utils.context(),
                                                     board.uuid, maintenance)
        return BoardsController().view(board)

    @pecan.expose('json')
    def put(self, **_body_fields):
        return self._set(True)

    @pecan.expose('json')
    def delete(self):
        return self._set(False)


class BoardCredentialController(base.SubController):
    """/v1/boards/{board}/credential (API 1.5): the board's router
    credential. POST rotates it (the board must be online: it receives
    the new one); DELETE revokes it and closes the board's router
    sessions at once. Neither ever shows a credential."""

    def _board(self, rule):
        if not pecan.request.version.at_least(
                versions.MINOR_5_BOARD_CREDENTIAL):
            raise exception.NotFound()
        utils.reject_unknown(dict(pecan.request.GET))
        board = self.parent
        utils.authorize(rule, board)
        return board

    @pecan.expose('json')
    def post(self, **_body_fields):
        board = self._board('iot:board:credential:rotate')
        outcome = pecan.request.rpcapi.rotate_credential(utils.context(),
                                                         board.uuid)
        pecan.response.headers['Location'] = utils.links(
            'requests', outcome['request'])[0]['href']
        return {'request': outcome['request'], 'result': outcome['result']}

    @utils.expose_no_content
    def delete(self):
        board = self._board('iot:board:credential:revoke')
        pecan.request.rpcapi.revoke_credential(utils.context(), board.uuid)
        pecan.response.status = 204


BoardsController.subresources = {'plugins': BoardPluginsController,
                                 'services': BoardServicesController,
                                 'action': BoardActionController,
                                 'maintenance': BoardMaintenanceController,
                                 'credential': BoardCredentialController}

"""/v1/plugins: code users push to boards."""

import pecan

from iotronic.api.controllers.v1 import base
from iotronic.api.controllers.v1 import utils
from iotronic.objects import plugin as plugin_obj

_PROPERTIES = {
    'name': utils.NAME,
    'code': {'type': 'string', 'maxLength': 1024 * 1024},
    'public': {'type': 'boolean'},
    'callable': {'type': 'boolean'},
    'parameters': {'type': ['object', 'null'], 'maxProperties': 100},
    'extra': utils.EXTRA,
}

CREATE_SCHEMA, UPDATE_SCHEMA = utils.body_schemas(
    _PROPERTIES, ['name', 'code'])


class PluginsController(base.ResourceController):
    _custom_actions = {'detail': ['GET'], 'public': ['GET']}

    obj_class = plugin_obj.Plugin
    path = 'plugins'
    rule = 'iot:plugin'
    rpc_noun = 'plugin'
    create_schema = CREATE_SCHEMA
    update_schema = UPDATE_SCHEMA
    list_fields = ('name', 'uuid', 'owner', 'public', 'callable')
    view_fields = ('uuid', 'name', 'code', 'public', 'owner', 'project',
                   'callable', 'parameters', 'extra', 'created_at',
                   'updated_at', 'links')
    sortable = ('id', 'uuid', 'name', 'owner', 'public', 'callable',
                'created_at', 'updated_at')

    def view(self, plugin):
        return base.common_view(plugin, 'plugins', 'name', 'code', 'public',
                                'owner', 'project', 'callable',
                                'parameters', 'extra')

    filters = {
        'with_public': lambda v: utils.parse_bool('with_public', v),
        'all_plugins': lambda v: utils.parse_bool('all_plugins', v),
    }

    def scope_filters(self, filters):
        """The caller's project's plugins, unless asked otherwise.

        ``public_only`` (GET /v1/plugins/public): every public plugin.
        ``all_plugins`` (admins): every plugin. ``with_public``: the
        caller's plus every public one.
        """
        if filters.pop('public_only', False):
            return {'public': True}
        if filters.pop('all_plugins', False):
            utils.authorize('iot:plugin:get_all_projects')
            filters.pop('with_public', None)
            return filters
        filters['project'] = utils.context().project_id
        return filters

    @pecan.expose('json')
    def public(self, **params):
        return self._list(params, detail=False,
                          extra_filters={'public_only': True})

    def read_target(self, plugin):
        # Public plugins are readable by every project.
        return None if plugin.public else plugin

    def new_object(self, body):
        ctx = utils.context()
        return self.obj_class(ctx, owner=ctx.user_id,
                              project=ctx.project_id, **body)

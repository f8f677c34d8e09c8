"""``openstack iot board ...``: boards, and the work done on them."""

from osc_lib.command import command

from iotronic.osc.v1 import base

_SORT_KEYS = ('name', 'status', 'type', 'fleet', 'lr_version',
              'created_at', 'updated_at')


class _Board(base.ResourceCommand):
    resource = 'board'
    manager_name = 'boards'


def _add_location(parser):
    for axis in ('latitude', 'longitude', 'altitude'):
        parser.add_argument(f'--{axis}', metavar=f'<{axis}>',
                            help=f'The board\'s {axis}')


def _location(parsed_args):
    location = {axis: getattr(parsed_args, axis)
                for axis in ('latitude', 'longitude', 'altitude')
                if getattr(parsed_args, axis) is not None}
    return location or None


class CreateBoard(_Board, command.ShowOne):
    """Enrol a board: it registers with its code the first time it
    connects."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='Board name')
        parser.add_argument('--code', metavar='<code>', required=True,
                            help='Registration code the board connects '
                                 'with the first time')
        parser.add_argument('--type', metavar='<type>',
                            help='Board type (e.g. gateway, server)')
        parser.add_argument('--mobile', action='store_true',
                            help='The board moves (its location changes)')
        parser.add_argument('--fleet', metavar='<fleet>',
                            help='Fleet of the board (name or UUID)')
        parser.add_argument('--uuid', metavar='<uuid>',
                            help='UUID of the board (default: a new one)')
        _add_location(parser)
        base.add_extra(parser)
        return parser

    def take_action(self, parsed_args):
        fields = {'name': parsed_args.name, 'code': parsed_args.code,
                  'mobile': parsed_args.mobile}
        for name in ('type', 'fleet', 'uuid'):
            if getattr(parsed_args, name) is not None:
                fields[name] = getattr(parsed_args, name)
        if _location(parsed_args):
            fields['location'] = [_location(parsed_args)]
        if parsed_args.extra:
            fields['extra'] = base.new_extra(parsed_args)
        return base.show(self.manager().create(**fields))


class ListBoard(_Board, base.ListResource):
    """List boards."""

    columns = ('uuid', 'name', 'status', 'type', 'fleet', 'lr_version')
    long_columns = columns + ('mobile', 'agent', 'connectivity', 'project',
                              'location', 'extra', 'created_at',
                              'updated_at')
    sort_keys = _SORT_KEYS

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--status', metavar='<status>',
                            help='Only boards in this status (registered, '
                                 'online, offline, maintenance)')
        parser.add_argument('--fleet', metavar='<fleet>',
                            help='Only boards of this fleet (name or UUID)')
        parser.add_argument('--type', metavar='<type>',
                            help='Only boards of this type')
        parser.add_argument('--name', metavar='<name>',
                            help='Only boards with this name')
        parser.add_argument('--project', metavar='<project-id>',
                            help='Only boards of this project (admins)')
        return parser

    def filters(self, parsed_args):
        return {name: getattr(parsed_args, name)
                for name in ('status', 'fleet', 'type', 'name', 'project')
                if getattr(parsed_args, name) is not None}


class ShowBoard(_Board, base.ShowResource):
    """Show a board."""


class SetBoard(_Board, base.SetResource):
    """Change a board's properties."""

    fields = ('name', 'code', 'type', 'mobile', 'fleet')

    def add_fields(self, parser):
        parser.add_argument('--name', metavar='<name>', help='New name')
        parser.add_argument('--code', metavar='<code>',
                            help='New registration code')
        parser.add_argument('--type', metavar='<type>', help='New type')
        mobile = parser.add_mutually_exclusive_group()
        mobile.add_argument('--mobile', action='store_true', default=None,
                            help='The board moves')
        mobile.add_argument('--no-mobile', action='store_false',
                            dest='mobile', help='The board stays put')
        parser.add_argument('--fleet', metavar='<fleet>',
                            help='Move the board to this fleet')
        _add_location(parser)

    def changes(self, parsed_args):
        fields = super().changes(parsed_args)
        if _location(parsed_args):
            fields['location'] = [_location(parsed_args)]
        return fields


class UnsetBoard(_Board, command.Command):
    """Clear a board's properties."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        parser.add_argument('--type', action='store_true',
                            help='Clear the type')
        parser.add_argument('--fleet', action='store_true',
                            help='Take the board out of its fleet')
        parser.add_argument('--extra', metavar='<key>', action='append',
                            default=[],
                            help='Remove this extra property (repeat for '
                                 'more)')
        return parser

    def take_action(self, parsed_args):
        boards = self.manager()
        fields = {name: None for name in ('type', 'fleet')
                  if getattr(parsed_args, name)}
        if parsed_args.extra:
            current = dict(boards.get(parsed_args.board,
                                      fields=['extra']).get('extra') or {})
            for key in parsed_args.extra:
                current.pop(key, None)
            fields['extra'] = current
        if fields:
            boards.update(parsed_args.board, **fields)


class DeleteBoard(_Board, base.DeleteResource):
    """Delete boards (and what they run and expose, when online)."""


def _answer(answer):
    """A board's answer, with the request that tracks it."""
    shown = dict(answer)
    if answer.request:
        shown['request'] = answer.request
    return base.show(shown)


class BoardAction(_Board, command.ShowOne):
    """Run an action on an online board (DevicePing, DeviceReboot...).

    Long actions answer at once; their outcome is in ``openstack iot
    request result list <request>``.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        parser.add_argument('action', metavar='<action>',
                            help='The action (e.g. DevicePing)')
        base.add_parameters(parser, 'action')
        return parser

    def take_action(self, parsed_args):
        return _answer(self.manager().action(
            parsed_args.board, parsed_args.action,
            base.parameters(parsed_args)))


class MaintenanceSet(_Board, command.Command):
    """Put a board in maintenance (API 1.4): no work is sent to it."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        return parser

    maintenance = True

    def take_action(self, parsed_args):
        self.manager().set_maintenance(parsed_args.board, self.maintenance)


class MaintenanceUnset(MaintenanceSet):
    """Take a board out of maintenance (API 1.4)."""

    maintenance = False


# Plugins on a board

class _BoardPluginCommand(_Board):

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        parser.add_argument('plugin', metavar='<plugin>',
                            help='The plugin (name or UUID)')
        return parser


class InjectPlugin(_BoardPluginCommand, command.ShowOne):
    """Copy a plugin to an online board."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--onboot', action='store_true',
                            help='Start the plugin whenever the board '
                                 'agent starts')
        return parser

    def take_action(self, parsed_args):
        return _answer(self.manager().inject_plugin(
            parsed_args.board, parsed_args.plugin, parsed_args.onboot))


class PluginAction(_BoardPluginCommand, command.ShowOne):
    """Start, stop, call, check or restart a plugin on a board."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            'action', metavar='<action>',
            help='PluginStart, PluginStop, PluginCall, PluginStatus or '
                 'PluginReboot')
        base.add_parameters(parser, 'plugin')
        return parser

    def take_action(self, parsed_args):
        return _answer(self.manager().plugin_action(
            parsed_args.board, parsed_args.plugin, parsed_args.action,
            base.parameters(parsed_args)))


class RemovePlugin(_BoardPluginCommand, command.Command):
    """Remove a plugin from an online board."""

    def take_action(self, parsed_args):
        self.manager().remove_plugin(parsed_args.board, parsed_args.plugin)


class _BoardSubList(_Board, command.Lister):

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        parser.add_argument('--limit', metavar='<limit>', type=int,
                            help='Show at most this many')
        return parser


class ListBoardPlugins(_BoardSubList):
    """List the plugins injected on a board."""

    def take_action(self, parsed_args):
        return base.table(
            self.manager().plugins(parsed_args.board, parsed_args.limit),
            ('plugin', 'status', 'onboot', 'updated_at'))


# Services on a board

class _ServiceAction(_Board, command.ShowOne):

    action = None

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        parser.add_argument('service', metavar='<service>',
                            help='The service (name or UUID)')
        return parser

    def take_action(self, parsed_args):
        return _answer(self.manager().service_action(
            parsed_args.board, parsed_args.service, self.action))


class EnableService(_ServiceAction):
    """Expose a board's service on a public port (a reverse tunnel)."""

    action = 'ServiceEnable'


class DisableService(_ServiceAction):
    """Close a service's tunnel and free its public port."""

    action = 'ServiceDisable'


class RestoreServices(_Board, command.Lister):
    """Open a board's tunnels again: one service, or every one."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('board', metavar='<board>',
                            help='The board (name or UUID)')
        parser.add_argument('service', metavar='<service>', nargs='?',
                            help='Only this service (name or UUID)')
        return parser

    def take_action(self, parsed_args):
        boards = self.manager()
        if parsed_args.service:
            boards.service_action(parsed_args.board, parsed_args.service,
                                  'ServiceRestore')
            service = base.iot(self.app).services.get(parsed_args.service)
            exposures = [e for e in boards.services(parsed_args.board)
                         if e['service'] == service['uuid']]
        else:
            exposures = boards.restore_services(parsed_args.board)
        return base.table(exposures, ('service', 'public_port'))


class ListBoardServices(_BoardSubList):
    """List the services a board exposes, with their public ports."""

    def take_action(self, parsed_args):
        return base.table(
            self.manager().services(parsed_args.board, parsed_args.limit),
            ('service', 'public_port', 'updated_at'))

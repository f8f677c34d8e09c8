"""``openstack iot plugin ...``: the plugin catalogue."""

import argparse

from osc_lib.command import command
from osc_lib import exceptions

from iotronic.osc.v1 import base


class _Plugin(base.ResourceCommand):
    resource = 'plugin'
    manager_name = 'plugins'


def _read(path, what):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise exceptions.CommandError(f'Cannot read the {what} {path}: {e}')


def _add_fields(parser, creating):
    parser.add_argument(
        '--code-file', metavar='<file>', required=creating,
        help='Python source of the plugin: main(params) returns the '
             'result of a call (upstream Worker plugins work too)')
    public = parser.add_mutually_exclusive_group()
    public.add_argument('--public', action='store_true', default=None,
                        help='Every project may inject it')
    public.add_argument('--private', action='store_false', dest='public',
                        help='Only its project may inject it')
    callable_ = parser.add_mutually_exclusive_group()
    callable_.add_argument('--callable', action='store_true', default=None,
                           help='Run by PluginCall (returns a result)')
    callable_.add_argument('--no-callable', action='store_false',
                           dest='callable',
                           help='Run by PluginStart (runs until stopped)')
    parser.add_argument(
        '--parameters-file', metavar='<file>',
        help='JSON object: the parameters the plugin declares, with '
             'their defaults')


def _fields(parsed_args):
    fields = {name: getattr(parsed_args, name)
              for name in ('public', 'callable')
              if getattr(parsed_args, name) is not None}
    if parsed_args.code_file:
        fields['code'] = _read(parsed_args.code_file, 'code file')
    if parsed_args.parameters_file:
        text = _read(parsed_args.parameters_file, 'parameters file')
        try:
            fields['parameters'] = base.json_object(text)
        except argparse.ArgumentTypeError as e:
            raise exceptions.CommandError(
                f'{parsed_args.parameters_file}: {e}')
    return fields


class CreatePlugin(_Plugin, command.ShowOne):
    """Add a plugin to the catalogue."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='Plugin name')
        _add_fields(parser, creating=True)
        base.add_extra(parser)
        return parser

    def take_action(self, parsed_args):
        fields = _fields(parsed_args)
        if parsed_args.extra:
            fields['extra'] = base.new_extra(parsed_args)
        return base.show(self.manager().create(name=parsed_args.name,
                                               **fields))


class ListPlugin(_Plugin, base.ListResource):
    """List plugins: your project's, and with --public every public one."""

    columns = ('uuid', 'name', 'owner', 'public', 'callable')
    long_columns = columns + ('project', 'parameters', 'extra',
                              'created_at', 'updated_at')
    sort_keys = ('name', 'owner', 'public', 'callable', 'created_at',
                 'updated_at')

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        which = parser.add_mutually_exclusive_group()
        which.add_argument('--public', action='store_true',
                           help='Only public plugins, of every project')
        which.add_argument('--with-public', action='store_true',
                           help='Your plugins and every public one')
        which.add_argument('--all-projects', action='store_true',
                           help='Plugins of every project (admins)')
        return parser

    def filters(self, parsed_args):
        filters = {}
        if parsed_args.public:
            filters['public'] = True
        if parsed_args.with_public:
            filters['with_public'] = 'true'
        if parsed_args.all_projects:
            filters['all_plugins'] = 'true'
        return filters


class ShowPlugin(_Plugin, base.ShowResource):
    """Show a plugin, its code included."""


class SetPlugin(_Plugin, base.SetResource):
    """Change a plugin (boards get new code when it is injected again)."""

    def add_fields(self, parser):
        parser.add_argument('--name', metavar='<name>', help='New name')
        _add_fields(parser, creating=False)

    def changes(self, parsed_args):
        fields = _fields(parsed_args)
        if parsed_args.name:
            fields['name'] = parsed_args.name
        return fields


class DeletePlugin(_Plugin, base.DeleteResource):
    """Delete plugins (removing them from the online boards that run
    them)."""



"""``openstack iot fleet ...``: groups of boards."""

from osc_lib.command import command

from iotronic.osc.v1 import base
from iotronic.osc.v1 import board


class _Fleet(base.ResourceCommand):
    resource = 'fleet'
    manager_name = 'fleets'


class CreateFleet(_Fleet, command.ShowOne):
    """Create a fleet."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='Fleet name')
        parser.add_argument('--description', metavar='<description>',
                            help='What the fleet is for')
        base.add_extra(parser)
        return parser

    def take_action(self, parsed_args):
        fields = {'name': parsed_args.name}
        if parsed_args.description is not None:
            fields['description'] = parsed_args.description
        if parsed_args.extra:
            fields['extra'] = base.new_extra(parsed_args)
        return base.show(self.manager().create(**fields))


class ListFleet(_Fleet, base.ListResource):
    """List fleets."""

    columns = ('uuid', 'name', 'description')
    long_columns = columns + ('project', 'extra', 'created_at',
                              'updated_at')


class ShowFleet(_Fleet, base.ShowResource):
    """Show a fleet."""


class SetFleet(_Fleet, base.SetResource):
    """Change a fleet."""

    fields = ('name', 'description')

    def add_fields(self, parser):
        parser.add_argument('--name', metavar='<name>', help='New name')
        parser.add_argument('--description', metavar='<description>',
                            help='New description')


class DeleteFleet(_Fleet, base.DeleteResource):
    """Delete fleets (their boards stay, in no fleet)."""


class ListFleetBoards(board.ListBoard):
    """List the boards of a fleet."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('fleet_ident', metavar='<fleet>',
                            help='The fleet (name or UUID)')
        return parser

    def filters(self, parsed_args):
        filters = super().filters(parsed_args)
        filters.pop('fleet', None)
        return filters

    def fetch(self, parsed_args, **options):
        return base.iot(self.app).fleets.boards(parsed_args.fleet_ident,
                                                **options)

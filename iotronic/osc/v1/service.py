"""``openstack iot service ...``: services boards can expose."""

from osc_lib.command import command

from iotronic.osc.v1 import base

PROTOCOLS = ('TCP', 'UDP', 'ANY')


class _Service(base.ResourceCommand):
    resource = 'service'
    manager_name = 'services'


class CreateService(_Service, command.ShowOne):
    """Describe a TCP service that runs on boards (e.g. ssh on 22)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='Service name')
        parser.add_argument('--port', metavar='<port>', type=int,
                            required=True,
                            help='Port the service listens on, on the '
                                 'board')
        parser.add_argument('--protocol', metavar='<protocol>',
                            choices=PROTOCOLS, default='TCP',
                            help='TCP (default), UDP or ANY')
        base.add_extra(parser)
        return parser

    def take_action(self, parsed_args):
        fields = {'name': parsed_args.name, 'port': parsed_args.port,
                  'protocol': parsed_args.protocol}
        if parsed_args.extra:
            fields['extra'] = base.new_extra(parsed_args)
        return base.show(self.manager().create(**fields))


class ListService(_Service, base.ListResource):
    """List services."""

    columns = ('uuid', 'name', 'port', 'protocol')
    long_columns = columns + ('project', 'extra', 'created_at',
                              'updated_at')
    sort_keys = ('name', 'port', 'protocol', 'created_at', 'updated_at')


class ShowService(_Service, base.ShowResource):
    """Show a service."""


class SetService(_Service, base.SetResource):
    """Change a service."""

    fields = ('name', 'port', 'protocol')

    def add_fields(self, parser):
        parser.add_argument('--name', metavar='<name>', help='New name')
        parser.add_argument('--port', metavar='<port>', type=int,
                            help='New port')
        parser.add_argument('--protocol', metavar='<protocol>',
                            choices=PROTOCOLS, help='New protocol')


class DeleteService(_Service, base.DeleteResource):
    """Delete services (closing their tunnels on online boards)."""

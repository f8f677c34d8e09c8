"""``openstack iot request ...``: work sent to boards and its outcome."""

from osc_lib.command import command

from iotronic.osc.v1 import base


class _Request(base.ResourceCommand):
    resource = 'request'
    manager_name = 'requests'


class ListRequest(_Request, base.ListResource):
    """List requests sent to boards, newest last."""

    columns = ('uuid', 'destination_uuid', 'type', 'action', 'status')
    long_columns = columns + ('main_request_uuid', 'pending_requests',
                              'project', 'created_at', 'updated_at')
    sort_keys = ('status', 'type', 'action', 'created_at', 'updated_at')

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--status', metavar='<status>',
                            help='Only requests in this status (PENDING, '
                                 'RUNNING, COMPLETED, ERROR, TIMEOUT...)')
        parser.add_argument('--action', metavar='<action>',
                            help='Only requests of this action')
        parser.add_argument('--board', metavar='<board-uuid>',
                            help='Only requests sent to this board')
        return parser

    def filters(self, parsed_args):
        filters = {'status': parsed_args.status,
                   'action': parsed_args.action,
                   'destination_uuid': parsed_args.board}
        return {k: v for k, v in filters.items() if v is not None}


class ShowRequest(_Request, base.ShowResource):
    """Show a request."""


class ListRequestResults(_Request, command.Lister):
    """List what the boards answered to a request."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('request', metavar='<request>',
                            help='The request (UUID)')
        parser.add_argument('--limit', metavar='<limit>', type=int,
                            help='Show at most this many')
        return parser

    def take_action(self, parsed_args):
        return base.table(
            self.manager().results(parsed_args.request, parsed_args.limit),
            ('board_uuid', 'request_uuid', 'result', 'message',
             'updated_at'))

"""What every ``openstack iot`` command shares: the show/list/delete
shapes, column titles, and parsing of key=value and JSON arguments."""

import argparse
import json
import logging

from osc_lib.cli import format_columns
from osc_lib.command import command
from osc_lib import exceptions

LOG = logging.getLogger(__name__)

_TITLES = {'uuid': 'UUID', 'lr_version': 'LR Version',
           'main_request_uuid': 'Main Request UUID',
           'destination_uuid': 'Destination UUID',
           'board_uuid': 'Board UUID', 'request_uuid': 'Request UUID',
           'onboot': 'On Boot'}


def title(field):
    return _TITLES.get(field) or field.replace('_', ' ').title()


def _cell(value):
    """Structured values stay structured for -f json/yaml."""
    if isinstance(value, dict):
        return format_columns.DictColumn(value)
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return format_columns.ListDictColumn(value)
        return format_columns.ListColumn(value)
    return value


def show(item, hidden=('links',)):
    """A ShowOne answer: every field of one item, by name (lower case, as
    other OpenStack clients show them)."""
    fields = sorted(k for k in item if k not in hidden)
    return (tuple(fields),
            tuple(_cell(item[f]) for f in fields))


def table(items, fields):
    """A Lister answer: the named fields of every item."""
    return (tuple(title(f) for f in fields),
            (tuple(_cell(item.get(f)) for f in fields) for item in items))


def json_value(text):
    """A parameter value: JSON when it parses, else the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def key_value(text):
    if '=' not in text:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not KEY=VALUE')
    key, value = text.split('=', 1)
    if not key:
        raise argparse.ArgumentTypeError(f'"{text}" has an empty key')
    return key, value


def json_object(text):
    try:
        value = json.loads(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f'not JSON: {e}')
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError('must be a JSON object')
    return value


def add_parameters(parser, what):
    """--parameter KEY=VALUE (repeatable) and --parameters JSON."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        '--parameter', metavar='<key=value>', type=key_value,
        action='append', dest='parameter_pairs', default=[],
        help=f'A parameter of the {what} (repeat for more); the value is '
             'read as JSON when it parses as JSON, else as text')
    group.add_argument(
        '--parameters', metavar='<json>', type=json_object,
        help=f'Every parameter of the {what}, as a JSON object')


def parameters(parsed_args):
    if parsed_args.parameters is not None:
        return parsed_args.parameters
    if parsed_args.parameter_pairs:
        return {k: json_value(v) for k, v in parsed_args.parameter_pairs}
    return None


def add_extra(parser, verb='Set'):
    parser.add_argument(
        '--extra', metavar='<key=value>', type=key_value, action='append',
        default=[], help=f'{verb} an extra property (repeat for more)')


def new_extra(parsed_args, manager=None, ident=None):
    """The extra properties to send, or None if none were given.

    Given the item's manager and ident (a set command), the ones given
    are merged into what the item has, as ``--property`` does elsewhere.
    """
    if not parsed_args.extra:
        return None
    merged = {}
    if manager is not None:
        merged.update(manager.get(ident, fields=['extra']).get('extra')
                      or {})
    merged.update(parsed_args.extra)
    return merged


def add_list_options(parser, sort_keys):
    parser.add_argument(
        '--limit', metavar='<limit>', type=int,
        help='Show at most this many items (default: all, fetched a page '
             'at a time)')
    parser.add_argument(
        '--marker', metavar='<uuid>',
        help='Start after this item (the last of the previous page)')
    parser.add_argument(
        '--sort', metavar='<key>[:<direction>]',
        help='Sort by one of: %s; direction asc or desc' %
             ', '.join(sort_keys))


def list_options(parsed_args):
    options = {'limit': parsed_args.limit, 'marker': parsed_args.marker}
    if parsed_args.sort:
        key, _, direction = parsed_args.sort.partition(':')
        options.update(sort_key=key, sort_dir=direction or None)
    return options


def iot(app):
    return app.client_manager.iot


class ResourceCommand:
    """The resource a command works on, by its manager's name."""

    resource = None         # 'board'
    manager_name = None     # 'boards'

    def manager(self):
        return getattr(iot(self.app), self.manager_name)


class ShowResource(ResourceCommand, command.ShowOne):

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(self.resource, metavar=f'<{self.resource}>',
                            help=f'The {self.resource} (name or UUID)')
        parser.add_argument(
            '--fields', metavar='<field>', nargs='+',
            help='Show only these fields')
        return parser

    def take_action(self, parsed_args):
        return show(self.manager().get(getattr(parsed_args, self.resource),
                                       fields=parsed_args.fields))


class ListResource(ResourceCommand, command.Lister):

    columns = ()            # shown by default
    long_columns = ()       # shown with --long (the detail list)
    sort_keys = ('name', 'created_at', 'updated_at')

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        if self.long_columns:
            parser.add_argument('--long', action='store_true',
                                help='Show more fields')
        add_list_options(parser, self.sort_keys)
        return parser

    def filters(self, parsed_args):
        return {}

    def fetch(self, parsed_args, **options):
        return self.manager().list(**options)

    def take_action(self, parsed_args):
        long = getattr(parsed_args, 'long', False)
        options = dict(list_options(parsed_args),
                       **self.filters(parsed_args))
        if long:
            options['detail'] = True
        items = self.fetch(parsed_args, **options)
        return table(items, self.long_columns if long else self.columns)


class SetResource(ResourceCommand, command.Command):
    """Change the given fields of one item; --extra merges."""

    fields = ()             # options sent when given (not None)

    def add_fields(self, parser):
        raise NotImplementedError

    def changes(self, parsed_args):
        return {name: getattr(parsed_args, name) for name in self.fields
                if getattr(parsed_args, name) is not None}

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(self.resource, metavar=f'<{self.resource}>',
                            help=f'The {self.resource} (name or UUID)')
        self.add_fields(parser)
        add_extra(parser)
        return parser

    def take_action(self, parsed_args):
        manager = self.manager()
        ident = getattr(parsed_args, self.resource)
        fields = self.changes(parsed_args)
        if parsed_args.extra:
            fields['extra'] = new_extra(parsed_args, manager, ident)
        if fields:
            manager.update(ident, **fields)


class DeleteResource(ResourceCommand, command.Command):

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(self.resource, metavar=f'<{self.resource}>',
                            nargs='+',
                            help=f'The {self.resource}(s) to delete '
                                 '(name or UUID)')
        return parser

    def take_action(self, parsed_args):
        failures = []
        for ident in getattr(parsed_args, self.resource):
            try:
                self.manager().delete(ident)
                print(f'Deleted {self.resource} {ident}')
            except Exception as e:   # report every failure, then fail
                LOG.error('Failed to delete %s %s: %s', self.resource,
                          ident, e)
                failures.append(ident)
        if failures:
            raise exceptions.CommandError(
                'Failed to delete %d of %d %ss' % (
                    len(failures), len(getattr(parsed_args, self.resource)),
                    self.resource))

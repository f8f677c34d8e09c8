"""What every v1 controller does the same way.

Request bodies are validated against JSON Schemas (the same schemas the
OpenAPI description is built from). Lists take ``limit``, ``marker``,
``sort_key``, ``sort_dir`` and ``fields`` and answer with a ``next`` link.
Resources of other projects are invisible: looking one up answers 404,
exactly as for a resource that does not exist.
"""

import ast
import json
from urllib import parse

import jsonschema
from oslo_utils import strutils
from oslo_utils import uuidutils
import pecan

from iotronic.api import hooks
from iotronic.api.middleware import json_body
from iotronic.common import exception
from iotronic.common.i18n import _
from iotronic.common import policy
from iotronic.conf import CONF

# Reusable schema pieces.
NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': r'^[^/\s\x00-\x1f\x7f][^/\x00-\x1f\x7f]*$'}
UUID = {'type': 'string', 'format': 'uuid'}
EXTRA = {'type': ['object', 'null'], 'maxProperties': 100}
DESCRIPTION = {'type': ['string', 'null'], 'maxLength': 300}

_FORMATS = jsonschema.FormatChecker()


def expose_no_content(method):
    """Expose a method that answers 204 with no body, to any client.

    JSON clients send ``Accept: application/json``, which pecan refuses
    (406) for a method exposed as text; rendered as JSON, an empty answer
    would carry ``null``. Exposing it for both gives every client an
    empty 204.
    """
    method = pecan.expose(content_type='application/json')(method)
    return pecan.expose()(method)


def body_schemas(properties, required, create_only=None):
    """The POST and PATCH schemas of a resource: the same fields, every
    one optional in a PATCH, none other accepted in either."""
    def schema(props, required=()):
        return {'type': 'object', 'properties': props,
                'required': list(required), 'additionalProperties': False}
    return (schema(dict(properties, **(create_only or {})), required),
            schema(properties))


@_FORMATS.checks('uuid')
def _is_uuid(value):
    return not isinstance(value, str) or uuidutils.is_uuid_like(value)


def _coerce(schema, body):
    """Accept the strings upstream's CLI sends for non-string fields.

    ``iotronic board-update b mobile=True extra="{'a': 1}"`` sends every
    value as a string; upstream accepted them, so do we, for booleans,
    integers and objects. Anything that does not convert is left for the
    schema to reject.
    """
    for name, value in list(body.items()):
        prop = schema.get('properties', {}).get(name, {})
        types = prop.get('type', [])
        types = [types] if isinstance(types, str) else types
        if not isinstance(value, str) or 'string' in types:
            continue
        try:
            if 'boolean' in types:
                body[name] = strutils.bool_from_string(value, strict=True)
            elif 'integer' in types:
                body[name] = int(value)
            elif 'object' in types:
                try:
                    body[name] = json.loads(value)
                except ValueError:
                    body[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            pass
    return body


def validated_body(schema):
    """The request's JSON body, coerced and checked against ``schema``."""
    body = pecan.request.environ.get(json_body.PARSED_BODY)
    if not isinstance(body, dict):
        raise exception.Invalid(_('The request body must be a JSON '
                                  'object.'))
    body = _coerce(schema, body)
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(
            schema, format_checker=_FORMATS).iter_errors(body))
    if error is not None:
        field = '/'.join(str(p) for p in error.absolute_path)
        where = _(" for field '%s'") % field if field else ''
        raise exception.Invalid(_('Invalid input%(where)s: %(msg)s') % {
            'where': where, 'msg': error.message})
    return body


def parse_bool(name, value):
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.Invalid(_('%(name)s must be true or false, not '
                                  '"%(value)s".') % {'name': name,
                                                     'value': value})


def reject_unknown(params):
    if params:
        raise exception.Invalid(_('Unknown query parameter(s): %s.')
                                % ', '.join(sorted(params)))


class ListQuery:
    """The paging, sorting and field-selection parameters of a list."""

    def __init__(self, sortable, limit=None, marker=None, sort_key='id',
                 sort_dir='asc', fields=None, allowed_fields=None):
        self.limit = self._limit(limit)
        if marker is not None and not uuidutils.is_uuid_like(marker):
            raise exception.InvalidUUID(uuid=marker)
        self.marker = marker
        if sort_key not in sortable:
            raise exception.InvalidSortKey(key=sort_key,
                                           allowed=', '.join(sortable))
        self.sort_key = sort_key
        if sort_dir not in ('asc', 'desc'):
            raise exception.Invalid(_('sort_dir must be "asc" or "desc".'))
        self.sort_dir = sort_dir
        self.fields = self._fields(fields, allowed_fields)

    @staticmethod
    def _limit(limit):
        if limit is None:
            return CONF.api.max_limit
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise exception.Invalid(_('limit must be an integer.'))
        if limit <= 0:
            raise exception.Invalid(_('limit must be positive.'))
        return min(limit, CONF.api.max_limit)

    @staticmethod
    def _fields(fields, allowed):
        if fields is None:
            return None
        names = [f.strip() for f in str(fields).split(',') if f.strip()]
        if not names:
            raise exception.Invalid(_('fields must name at least one '
                                      'field.'))
        unknown = sorted(set(names) - set(allowed or ()))
        if unknown:
            raise exception.Invalid(_('Unknown field(s) %(bad)s; choose '
                                      'from %(ok)s.') % {
                'bad': ', '.join(unknown), 'ok': ', '.join(sorted(allowed))})
        return names

    def db_kwargs(self):
        return {'limit': self.limit, 'marker': self.marker,
                'sort_key': self.sort_key, 'sort_dir': self.sort_dir}


def collection(key, items, query, path, marker_field='uuid', **params):
    """A list answer: the items, and a link to the next page when full."""
    answer = {key: items}
    if query.limit and len(items) == query.limit and items:
        params = {k: v for k, v in params.items() if v is not None}
        params.update(limit=query.limit, sort_key=query.sort_key,
                      sort_dir=query.sort_dir,
                      marker=items[-1][marker_field])
        answer['next'] = '%s/v1/%s?%s' % (hooks.public_url(), path,
                                          parse.urlencode(params))
    return answer


def links(resource, uuid):
    base = hooks.public_url()
    return [{'href': f'{base}/v1/{resource}/{uuid}', 'rel': 'self'},
            {'href': f'{base}/{resource}/{uuid}', 'rel': 'bookmark'}]


def context():
    return pecan.request.iot_context


def project_scope():
    """The project filter for lists: the caller's, unless a cloud admin."""
    ctx = context()
    return None if ctx.is_admin else ctx.project_id


def visible(obj):
    """Whether the caller may know that ``obj`` exists."""
    ctx = context()
    return (ctx.is_admin or obj.project == ctx.project_id
            or getattr(obj, 'public', False))


def get_visible(cls, ident):
    """Look a resource up by uuid or name, as the caller sees it.

    Another project's resource is indistinguishable from a missing one.
    """
    obj = cls.get(context(), ident, project=project_scope())
    if not visible(obj):
        raise not_found(cls, ident)
    return obj


def not_found(obj_class, ident):
    return getattr(exception, f'{obj_class.obj_name()}NotFound')(
        ident=ident)


def authorize(rule, obj=None, **target):
    """Check ``rule`` against the resource's project (and owner)."""
    ctx = context()
    target.setdefault('project_id', obj.project if obj is not None
                      else ctx.project_id)
    if obj is not None and 'owner' in obj.fields:
        target.setdefault('owner', obj.owner)
    policy.authorize(rule, target, ctx)


def may(rule, obj):
    """Whether the caller passes ``rule`` for ``obj``'s project.

    Asked once per item of a list, so the answer is kept for the rest of
    the request: it depends only on the rule and the project.
    """
    answers = pecan.request.environ.setdefault('iotronic.may', {})
    key = (rule, obj.project)
    if key not in answers:
        answers[key] = policy.check(rule, {'project_id': obj.project},
                                    context())
    return answers[key]


def isoformat(value):
    """Whole seconds, as MySQL stores them, whatever the backend."""
    if value is None:
        return None
    return value.replace(microsecond=0).isoformat()


def require_item(ident):
    """A write that needs an item in the path (PATCH, DELETE, ...) sent
    to the collection instead: 405, not a routing error."""
    if ident is None:
        raise exception.MethodNotAllowed(method=pecan.request.method,
                                         path=pecan.request.path)
    return ident

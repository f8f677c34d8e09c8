"""The OpenAPI 3.1 description of API v1, built from the controllers.

Paths, parameters and request bodies come from the same controller
classes and JSON Schemas that serve and validate requests, so the
description cannot drift from what the API accepts.
"""

import webob

from iotronic.api.controllers import v1
from iotronic.api.controllers.v1 import boards
from iotronic.api.controllers.v1 import requests
from iotronic.api.controllers.v1 import versions
from iotronic.api.controllers import version as version_header
from iotronic.conf import CONF

_ERROR = {
    'type': 'object',
    'properties': {'error_message': {
        'type': 'string',
        'description': 'JSON text of {faultcode, faultstring, debuginfo}'}},
    'required': ['error_message'],
}


def _param(name, schema, where='query', required=False, description=''):
    return {'name': name, 'in': where, 'required': required,
            'schema': schema, 'description': description}


def _responses(ok, ok_status='200', body=True):
    responses = {
        code: {'description': text, 'content': {
            'application/json': {'schema': _ERROR}}}
        for code, text in (('400', 'Invalid input'),
                           ('401', 'Not authenticated'),
                           ('403', 'Not allowed'),
                           ('404', 'Not found'),
                           ('406', 'API version not supported'),
                           ('409', 'Conflict'))}
    responses[ok_status] = {'description': ok}
    if body:
        responses[ok_status]['content'] = {
            'application/json': {'schema': {'type': 'object'}}}
    return responses


_VERSION = _param(version_header.HEADER, {'type': 'string'}, where='header',
                  description='API microversion, "1.x" or "latest".')


def _list_parameters(controller):
    params = [
        _param('limit', {'type': 'integer', 'minimum': 1}),
        _param('marker', {'type': 'string', 'format': 'uuid'}),
        _param('sort_key', {'type': 'string',
                            'enum': list(controller.sortable)}),
        _param('sort_dir', {'type': 'string', 'enum': ['asc', 'desc']}),
        _param('fields', {'type': 'string'},
               description='Comma-separated: ' +
               ', '.join(controller.view_fields)),
    ]
    names = set(controller.filters)
    if isinstance(controller, boards.BoardsController):
        names |= {'status', 'project', 'fleet', 'type', 'name'}
    params += [_param(name, {'type': 'string'}) for name in sorted(names)]
    return params + [_VERSION]


def _body(schema):
    return {'required': True, 'content': {
        'application/json': {'schema': schema}}}


def _resource_paths(controller):
    path = f'/v1/{controller.path}'
    item = f'{path}/{{ident}}'
    ident = _param('ident', {'type': 'string'}, where='path', required=True,
                   description='UUID or name')
    name = controller.path
    paths = {
        path: {'get': {'summary': f'List {name}',
                       'parameters': _list_parameters(controller),
                       'responses': _responses(f'A page of {name}')}},
        f'{path}/detail': {'get': {
            'summary': f'List {name} with every field',
            'parameters': _list_parameters(controller),
            'responses': _responses(f'A page of {name}')}},
        item: {'get': {'summary': f'Show one of the {name}',
                       'parameters': [ident, _param(
                           'fields', {'type': 'string'}), _VERSION],
                       'responses': _responses('The resource')}},
    }
    if controller.post is not None:
        paths[path]['post'] = {
            'summary': f'Create one of the {name}',
            'parameters': [_VERSION],
            'requestBody': _body(controller.create_schema),
            'responses': _responses('Created', '201')}
        paths[item]['patch'] = {
            'summary': f'Change one of the {name}',
            'parameters': [ident, _VERSION],
            'requestBody': _body(controller.update_schema),
            'responses': _responses('Changed')}
        paths[item]['delete'] = {
            'summary': f'Delete one of the {name}',
            'parameters': [ident, _VERSION],
            'responses': _responses('Deleted', '204', body=False)}
    return paths


def _subcollection(path, controller, summary):
    """A read-only list below a resource (list options from 1.3)."""
    ident = _param('ident', {'type': 'string'}, where='path', required=True)
    params = [ident,
              _param('limit', {'type': 'integer', 'minimum': 1}),
              _param('marker', {'type': 'string', 'format': 'uuid'},
                     description=f'The {controller.item_key} of the last '
                     'item of the previous page'),
              _param('sort_key', {'type': 'string',
                                  'enum': list(controller.sortable)}),
              _param('sort_dir', {'type': 'string',
                                  'enum': ['asc', 'desc']}),
              _VERSION]
    return {path: {'get': {'summary': summary, 'parameters': params,
                           'responses': _responses(summary)}}}


def application(environ, start_response):
    """Serve the description (public: needs no token)."""
    request = webob.Request(environ)
    if request.method not in ('GET', 'HEAD'):
        response = webob.exc.HTTPMethodNotAllowed()
    else:
        base = (CONF.api.public_endpoint or request.host_url).rstrip('/')
        response = webob.Response(json=document(base))
    return response(environ, start_response)


def document(base_url):
    paths = {}
    for name in v1.RESOURCES:
        paths.update(_resource_paths(getattr(v1.Controller, name)))
    paths.update(_subcollection('/v1/boards/{ident}/plugins',
                                boards.BoardPluginsController,
                                'Plugins injected on a board'))
    paths.update(_subcollection('/v1/boards/{ident}/services',
                                boards.BoardServicesController,
                                'Services exposed on a board'))
    paths.update(_subcollection('/v1/requests/{ident}/results',
                                requests.ResultsController,
                                'Results of a request'))
    ident = _param('ident', {'type': 'string'}, where='path', required=True)
    for suffix in ('', '/detail'):
        paths[f'/v1/fleets/{{ident}}/boards{suffix}'] = {'get': {
            'summary': 'List the boards of a fleet',
            'parameters': [ident] + _list_parameters(v1.Controller.boards),
            'responses': _responses('A page of boards')}}
    action_responses = _responses('The board answered', body=True)
    action_responses['202'] = {'description': 'The board runs the action '
                               'and reports later; see Location'}
    action_responses['502'] = {'description': 'The call could not be '
                               'delivered to the board'}
    action_responses['504'] = {'description': 'The board did not answer '
                               'in time; the request is TIMEOUT'}
    paths['/v1/boards/{ident}/action'] = {'post': {
        'summary': 'Run an action on an online board',
        'parameters': [ident, _VERSION],
        'requestBody': _body(boards.ACTION_SCHEMA),
        'responses': action_responses}}
    board_work = dict(action_responses)
    board_work.pop('202')
    board_work['409'] = {'description': 'The board is not online, or it '
                         'answered with an error (its message)'}
    plugin_ident = _param('plugin', {'type': 'string'}, where='path',
                          required=True)
    service_ident = _param('service', {'type': 'string'}, where='path',
                           required=True)
    paths['/v1/boards/{ident}/plugins']['put'] = {
        'summary': 'Inject a plugin on an online board',
        'parameters': [ident, _VERSION],
        'requestBody': _body(boards.INJECT_SCHEMA),
        'responses': board_work}
    removed = dict(board_work, **_responses('Removed', '204', body=False))
    removed.pop('200')
    paths['/v1/boards/{ident}/plugins/{plugin}'] = {
        'post': {'summary': 'Run a plugin action on an online board',
                 'parameters': [ident, plugin_ident, _VERSION],
                 'requestBody': _body(boards.ACTION_SCHEMA),
                 'responses': board_work},
        'delete': {'summary': 'Remove a plugin from an online board',
                   'parameters': [ident, plugin_ident, _VERSION],
                   'responses': removed}}
    paths['/v1/boards/{ident}/services/{service}/action'] = {'post': {
        'summary': 'Enable, disable or restore a service on a board',
        'parameters': [ident, service_ident, _VERSION],
        'requestBody': _body(boards.SERVICE_ACTION_SCHEMA),
        'responses': board_work}}
    paths['/v1/boards/{ident}/services/restore'] = {'get': {
        'summary': 'Open every tunnel of an online board again',
        'parameters': [ident, _VERSION],
        'responses': board_work}}
    paths['/v1/boards/{ident}/maintenance'] = {
        verb: {'summary': summary + ' (API 1.4)',
               'parameters': [ident, _VERSION],
               'responses': _responses('The board')}
        for verb, summary in (('put', 'Put a board in maintenance'),
                              ('delete', 'Take a board out of '
                                         'maintenance'))}
    rotated = dict(board_work)
    rotated['200'] = {'description': 'The board stored its new '
                      'credential; the request is in Location'}
    rotated['409'] = {'description': 'The board is not online, or has no '
                      'credential (legacy or not registered)'}
    paths['/v1/boards/{ident}/credential'] = {
        'post': {'summary': 'Rotate the router credential of an online '
                            'board (API 1.5)',
                 'parameters': [ident, _VERSION],
                 'responses': rotated},
        'delete': {'summary': 'Revoke the router credential of a board '
                              'and close its sessions (API 1.5)',
                   'parameters': [ident, _VERSION],
                   'responses': _responses('Revoked', '204', body=False)}}
    paths['/v1/plugins/public'] = {'get': {
        'summary': 'List public plugins',
        'parameters': _list_parameters(v1.Controller.plugins),
        'responses': _responses('A page of plugins')}}
    return {
        'openapi': '3.1.0',
        'info': {'title': 'OpenStack IoTronic API',
                 'version': versions.MAX_VERSION_STRING},
        'servers': [{'url': base_url}],
        'paths': paths,
    }

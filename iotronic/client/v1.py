"""The resources of API v1, one manager per collection."""

from urllib import parse


def quote(ident):
    """A name or uuid as one path segment."""
    return parse.quote(str(ident), safe='')


class Manager:
    """List, show, create, change and delete one kind of resource."""

    path = None      # 'boards': the collection's URL segment and key

    def __init__(self, client):
        self.client = client

    def _item(self, ident, *rest):
        return '/'.join([f'/v1/{self.path}', quote(ident)] +
                        [quote(part) for part in rest])

    def list(self, detail=False, limit=None, marker=None, sort_key=None,
             sort_dir=None, fields=None, **filters):
        path = f'/v1/{self.path}' + ('/detail' if detail else '')
        params = dict(filters, marker=marker, sort_key=sort_key,
                      sort_dir=sort_dir,
                      fields=','.join(fields) if fields else None)
        return self.client.pages(path, self.path, params, limit)

    def get(self, ident, fields=None):
        params = {'fields': ','.join(fields)} if fields else None
        return self.client.json('GET', self._item(ident), params=params)

    def create(self, **fields):
        return self.client.json('POST', f'/v1/{self.path}', fields)

    def update(self, ident, **fields):
        return self.client.json('PATCH', self._item(ident), fields)

    def delete(self, ident):
        self.client.json('DELETE', self._item(ident))


class BoardAnswer(dict):
    """What a board answered; ``request`` is the uuid of the request that
    tracks it, ``accepted`` is True when the board reports later."""

    def __init__(self, response):
        body = response.json() if response.content else {}
        super().__init__(body if isinstance(body, dict)
                         else {'message': body})
        location = response.headers.get('Location', '')
        self.request = location.rstrip('/').rsplit('/', 1)[-1] or None
        self.accepted = response.status_code == 202


class BoardManager(Manager):
    path = 'boards'

    def action(self, board, action, parameters=None):
        body = {'action': action}
        if parameters is not None:
            body['parameters'] = parameters
        return BoardAnswer(self.client.request(
            'POST', self._item(board, 'action'), body))

    def set_maintenance(self, board, maintenance):
        return self.client.json('PUT' if maintenance else 'DELETE',
                                self._item(board, 'maintenance'))

    # Plugins on a board

    def plugins(self, board, limit=None):
        return self.client.pages(self._item(board, 'plugins'),
                                 'injections', limit=limit)

    def inject_plugin(self, board, plugin, onboot=None):
        body = {'plugin': plugin}
        if onboot is not None:
            body['onboot'] = onboot
        return BoardAnswer(self.client.request(
            'PUT', self._item(board, 'plugins'), body))

    def plugin_action(self, board, plugin, action, parameters=None):
        body = {'action': action}
        if parameters is not None:
            body['parameters'] = parameters
        return BoardAnswer(self.client.request(
            'POST', self._item(board, 'plugins', plugin), body))

    def remove_plugin(self, board, plugin):
        self.client.request('DELETE', self._item(board, 'plugins', plugin))

    # Services on a board

    def services(self, board, limit=None):
        return self.client.pages(self._item(board, 'services'), 'exposed',
                                 limit=limit)

    def service_action(self, board, service, action):
        return BoardAnswer(self.client.request(
            'POST', self._item(board, 'services', service, 'action'),
            {'action': action}))

    def restore_services(self, board):
        return self.client.json('GET', self._item(board, 'services',
                                                  'restore'))['exposed']


class PluginManager(Manager):
    path = 'plugins'

    def list(self, public=False, **kwargs):
        if public:
            return self.client.pages('/v1/plugins/public', 'plugins',
                                     limit=kwargs.get('limit'))
        return super().list(**kwargs)


class ServiceManager(Manager):
    path = 'services'


class FleetManager(Manager):
    path = 'fleets'

    def boards(self, fleet, detail=False, limit=None, **filters):
        path = self._item(fleet, 'boards') + ('/detail' if detail else '')
        return self.client.pages(path, 'boards', filters, limit)


class RequestManager(Manager):
    path = 'requests'

    def results(self, request, limit=None):
        return self.client.pages(self._item(request, 'results'), 'results',
                                 limit=limit)

"""Version 1 of the API: the resources, and the v1 document."""

import pecan
from pecan import rest

from iotronic.api.controllers.v1 import boards
from iotronic.api.controllers.v1 import fleets
from iotronic.api.controllers.v1 import plugins
from iotronic.api.controllers.v1 import requests
from iotronic.api.controllers.v1 import services
from iotronic.api.controllers.v1 import utils
from iotronic.api.controllers.v1 import versions
from iotronic.api import hooks

RESOURCES = ('boards', 'plugins', 'services', 'fleets', 'requests')


def version_summary():
    base = hooks.public_url()
    return {'id': 'v1',
            'links': [{'href': f'{base}/v1/', 'rel': 'self'}],
            'status': 'CURRENT',
            'version': versions.MAX_VERSION_STRING,
            'min_version': versions.MIN_VERSION_STRING}


class Controller(rest.RestController):

    boards = boards.BoardsController()
    plugins = plugins.PluginsController()
    services = services.ServicesController()
    fleets = fleets.FleetsController()
    requests = requests.RequestsController()

    @pecan.expose('json')
    def get(self):
        document = version_summary()
        document['media_types'] = [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.iot.v1+json'}]
        base = hooks.public_url()
        for resource in RESOURCES:
            document[resource] = [
                {'href': f'{base}/v1/{resource}/', 'rel': 'self'},
                {'href': f'{base}/{resource}/', 'rel': 'bookmark'}]
        return document


__all__ = ('Controller', 'utils')

"""/ : the version document, and routing of paths without /v1."""

import pecan
from pecan import rest

from iotronic.api.controllers import v1


class RootController(rest.RestController):

    v1 = v1.Controller()

    @pecan.expose('json')
    def get(self):
        version = v1.version_summary()
        return {'name': 'OpenStack IoTronic API',
                'description': 'IoTronic manages fleets of Internet of '
                               'Things boards: enrolment, presence, '
                               'plugins, services and actions.',
                'versions': [version],
                'default_version': version}

    @pecan.expose()
    def _route(self, args, request=None):
        """``/boards`` is ``/v1/boards``, as upstream answers it."""
        if args and args[0] and args[0] != 'v1':
            args = ['v1'] + list(args)
            if request is not None:
                request.path_info = '/' + '/'.join(args)
        return super()._route(args, request)

"""/v1/requests: work sent to boards, and what the boards answered."""

import pecan

from iotronic.api.controllers.v1 import base
from iotronic.api.controllers.v1 import utils
from iotronic.objects import request as request_obj
from iotronic.objects import result as result_obj


class RequestsController(base.ResourceController):
    obj_class = request_obj.Request
    path = 'requests'
    rule = 'iot:request'
    list_fields = ('uuid', 'destination_uuid', 'main_request_uuid',
                   'pending_requests', 'status', 'type', 'action',
                   'project')
    view_fields = list_fields + ('created_at', 'updated_at', 'links')
    sortable = ('id', 'uuid', 'status', 'type', 'action', 'created_at',
                'updated_at')
    filters = {'status': str, 'action': str, 'destination_uuid': str}

    # Requests are made by the conductor as it sends work to boards.
    post = patch = delete = None

    def view(self, request):
        return base.common_view(request, 'requests', 'destination_uuid',
                                'main_request_uuid', 'pending_requests',
                                'status', 'type', 'action', 'project')


class ResultsController(base.SubController):
    """/v1/requests/{request}/results: of the request and its children."""

    @staticmethod
    def item(result):
        return {'board_uuid': result.board_uuid,
                'request_uuid': result.request_uuid,
                'result': result.result, 'message': result.message,
                'created_at': utils.isoformat(result.created_at),
                'updated_at': utils.isoformat(result.updated_at)}

    @pecan.expose('json')
    def get_all(self, **params):
        utils.reject_unknown(params)
        request = self.parent
        utils.authorize('iot:result:get', request)
        ctx = utils.context()
        children = request_obj.Request.list(
            ctx, filters={'main_request_uuid': request.uuid})
        results = []
        for request_uuid in [request.uuid] + [c.uuid for c in children]:
            results += result_obj.Result.list(
                ctx, filters={'request_uuid': request_uuid})
        return {'results': [self.item(r) for r in results]}


RequestsController.subresources = {'results': ResultsController}

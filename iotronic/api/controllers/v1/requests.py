"""/v1/requests: work sent to boards, and what the boards answered."""

from iotronic.api.controllers.v1 import base
from iotronic.api.controllers.v1 import utils
from iotronic.common import exception
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


class ResultsController(base.SubCollection):
    """/v1/requests/{request}/results: of the request and its children."""

    obj_class = result_obj.Result
    key = 'results'
    item_key = 'request_uuid'
    path = 'results'
    rule = 'iot:result:get'
    label = 'result'
    sortable = ('id', 'board_uuid', 'request_uuid', 'result', 'created_at',
                'updated_at')

    def target(self):
        return self.parent

    def filters(self):
        return {'request_tree': self.parent.uuid}

    def collection_path(self):
        return f'requests/{self.parent.uuid}/results'

    def marker_id(self, request_uuid):
        rows = self.obj_class.list(
            utils.context(), filters={'request_tree': self.parent.uuid,
                                      'request_uuid': request_uuid})
        if not rows:
            raise exception.InvalidMarker(marker=request_uuid,
                                          resource=self.label)
        return rows[-1].id

    def item(self, result):
        return {'board_uuid': result.board_uuid,
                'request_uuid': result.request_uuid,
                'result': result.result, 'message': result.message,
                'created_at': utils.isoformat(result.created_at),
                'updated_at': utils.isoformat(result.updated_at)}


RequestsController.subresources = {'results': ResultsController}

"""Every error answer in upstream IoTronic's shape.

Clients of upstream IoTronic (python-iotronicclient) parse
``{"error_message": "<JSON text of {faultcode, faultstring, debuginfo}>"}``:
a JSON document whose one value is itself JSON text. This middleware gives
every non-2xx/3xx answer that shape, whoever produced it (our controllers,
pecan's routing, keystonemiddleware).
"""

import html
import json
import re

from oslo_log import log as logging
import webob

LOG = logging.getLogger(__name__)

_TAGS = re.compile(r'<[^>]+>')


def _fault_of(response):
    try:
        body = json.loads(response.body)
    except ValueError:
        body = None
    if isinstance(body, dict) and 'faultstring' in body:
        return body
    if isinstance(body, dict) and 'error_message' in body:
        return None  # already in shape
    text = html.unescape(_TAGS.sub(' ', response.text or ''))
    text = ' '.join(text.split()) or response.status
    return {'faultcode': 'Server' if response.status_int >= 500
            else 'Client',
            'faultstring': text, 'debuginfo': None}


class ParsableErrorMiddleware:

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        try:
            response = request.get_response(self.app)
        except Exception:
            # A failure outside pecan (authentication middleware, say):
            # logged here, answered without its details.
            LOG.exception('Unexpected error serving %s %s', request.method,
                          request.path)
            response = webob.Response(status=500, json_body={
                'faultcode': 'Server', 'debuginfo': None,
                'faultstring': 'Internal server error; the logs of '
                               'iotronic-api have the details.'})
        if response.status_int >= 400:
            fault = _fault_of(response)
            if fault is not None:
                response.content_type = 'application/json'
                response.charset = 'utf-8'
                response.text = json.dumps(
                    {'error_message': json.dumps(fault)})
        return response(environ, start_response)

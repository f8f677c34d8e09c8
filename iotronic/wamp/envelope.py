"""Lightning-rod's reply envelope, both ways.

Boards answer (and report) with a JSON *string* of ``result``,
``message`` and optionally ``req_id``; Lightning-rod 0.5 treats any
other key as a failure, so nothing else goes in.
"""

import json

RUNNING = 'RUNNING'
SUCCESS = 'SUCCESS'
WARNING = 'WARNING'
ERROR = 'ERROR'


def encode(result, message, req_id=None):
    body = {'result': result, 'message': message}
    if req_id is not None:
        body['req_id'] = req_id
    return json.dumps(body)


def decode(answer):
    """The envelope as a dict, or None when ``answer`` is not one (some
    procedures answer a bare string)."""
    envelope = answer
    if isinstance(answer, str):
        try:
            envelope = json.loads(answer)
        except ValueError:
            return None
    if isinstance(envelope, dict) and 'result' in envelope:
        return envelope
    return None

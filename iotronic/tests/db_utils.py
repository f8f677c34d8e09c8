"""Row factories for tests: ``get_test_<resource>`` builds the values,
``create_test_<resource>`` inserts them through the DB API.

Every factory fills the required columns with valid, unique values, so a
test names only what it is about.
"""

import itertools

from oslo_utils import uuidutils

from iotronic.db import api as db_api

_counter = itertools.count(1)

PROJECT = 'b5b3d0a6c8c14b2c9c7b0e9c34d9e2f1'
OTHER_PROJECT = '0c1e2f3a4b5c4d6e8f9a0b1c2d3e4f50'
OWNER = '6f1b0a1f2e3d4c5b8a9f0e1d2c3b4a59'


def _n():
    return next(_counter)


def get_test_board(**kw):
    n = _n()
    values = {
        'uuid': uuidutils.generate_uuid(),
        'code': f'code-{n}-{uuidutils.generate_uuid()[:8]}',
        'status': 'registered',
        'name': f'board-{n}',
        'type': 'gateway',
        'agent': None,
        'owner': OWNER,
        'project': PROJECT,
        'fleet': None,
        'mobile': False,
        'lr_version': None,
        'connectivity': {},
        'config': {},
        'extra': {},
    }
    values.update(kw)
    return values


def get_test_location(**kw):
    values = {'longitude': '15.5477', 'latitude': '38.2597',
              'altitude': '10'}
    values.update(kw)
    return values


def create_test_board(location=None, **kw):
    return db_api.get_instance().create_board(get_test_board(**kw),
                                              location=location)


def get_test_session(**kw):
    values = {'session_id': str(1000000 + _n()), 'valid': True}
    values.update(kw)
    return values


def create_test_session(**kw):
    return db_api.get_instance().create_session(get_test_session(**kw))


def get_test_wampagent(**kw):
    n = _n()
    values = {'hostname': f'agent-{n}',
              'wsurl': f'ws://agent-{n}.example.org:8181/',
              'online': True, 'ragent': False}
    values.update(kw)
    return values


def create_test_wampagent(**kw):
    return db_api.get_instance().register_wampagent(get_test_wampagent(**kw))


def get_test_conductor(**kw):
    values = {'hostname': f'conductor-{_n()}', 'online': True}
    values.update(kw)
    return values


def create_test_conductor(**kw):
    return db_api.get_instance().register_conductor(get_test_conductor(**kw))


def get_test_plugin(**kw):
    n = _n()
    values = {
        'uuid': uuidutils.generate_uuid(),
        'name': f'plugin-{n}',
        'owner': OWNER,
        'project': PROJECT,
        'public': False,
        'code': 'def main(params):\n    return params\n',
        'callable': True,
        'parameters': {},
        'extra': {},
    }
    values.update(kw)
    return values


def create_test_plugin(**kw):
    return db_api.get_instance().create_plugin(get_test_plugin(**kw))


def get_test_injection_plugin(**kw):
    values = {'onboot': False, 'status': 'injected'}
    values.update(kw)
    return values


def create_test_injection_plugin(**kw):
    return db_api.get_instance().create_injection_plugin(
        get_test_injection_plugin(**kw))


def get_test_service(**kw):
    n = _n()
    values = {
        'uuid': uuidutils.generate_uuid(),
        'name': f'service-{n}',
        'project': PROJECT,
        'port': 22,
        'protocol': 'TCP',
        'extra': {},
    }
    values.update(kw)
    return values


def create_test_service(**kw):
    return db_api.get_instance().create_service(get_test_service(**kw))


def get_test_exposed_service(**kw):
    values = {'public_port': 50000 + _n()}
    values.update(kw)
    return values


def create_test_exposed_service(**kw):
    return db_api.get_instance().create_exposed_service(
        get_test_exposed_service(**kw))


def get_test_fleet(**kw):
    values = {
        'uuid': uuidutils.generate_uuid(),
        'name': f'fleet-{_n()}',
        'project': PROJECT,
        'description': 'boards of one site',
        'extra': {},
    }
    values.update(kw)
    return values


def create_test_fleet(**kw):
    return db_api.get_instance().create_fleet(get_test_fleet(**kw))


def get_test_webservice(**kw):
    n = _n()
    values = {
        'uuid': uuidutils.generate_uuid(),
        'name': f'web{n}',
        'port': 8000 + n,
        'secure': True,
        'extra': {},
    }
    values.update(kw)
    return values


def create_test_webservice(**kw):
    return db_api.get_instance().create_webservice(get_test_webservice(**kw))


def get_test_enabled_webservice(**kw):
    n = _n()
    values = {
        'http_port': 40000 + 2 * n,
        'https_port': 40001 + 2 * n,
        'dns': f'board{n}',
        'zone': 'iot.example.org',
        'extra': {},
    }
    values.update(kw)
    return values


def create_test_enabled_webservice(**kw):
    return db_api.get_instance().create_enabled_webservice(
        get_test_enabled_webservice(**kw))


def get_test_port(**kw):
    n = _n()
    values = {
        'uuid': uuidutils.generate_uuid(),
        'VIF_name': f'iotronic{10000 + n}',
        'MAC_add': 'fa:16:3e:%02x:%02x:%02x' % (n >> 16 & 255, n >> 8 & 255,
                                               n & 255),
        'ip': f'10.0.{n >> 8 & 255}.{n & 255}',
        'network': uuidutils.generate_uuid(),
    }
    values.update(kw)
    return values


def create_test_port(**kw):
    return db_api.get_instance().create_port(get_test_port(**kw))


def get_test_request(**kw):
    values = {
        'uuid': uuidutils.generate_uuid(),
        'destination_uuid': uuidutils.generate_uuid(),
        'main_request_uuid': None,
        'pending_requests': 0,
        'project': PROJECT,
        'status': 'PENDING',
        'type': 0,
        'action': 'DeviceEcho',
    }
    values.update(kw)
    return values


def create_test_request(**kw):
    return db_api.get_instance().create_request(get_test_request(**kw))


def get_test_result(**kw):
    values = {'result': 'RUNNING', 'message': None}
    values.update(kw)
    return values


def create_test_result(**kw):
    return db_api.get_instance().create_result(get_test_result(**kw))


def create_board_with_everything(**kw):
    """A board with a row in every table that hangs off a board.

    What "delete leaves no orphan" tests delete.
    """
    board = create_test_board(location=get_test_location(), **kw)
    create_test_session(board_uuid=board.uuid, valid=False)
    create_test_session(board_uuid=board.uuid)
    plugin = create_test_plugin()
    create_test_injection_plugin(board_uuid=board.uuid,
                                 plugin_uuid=plugin.uuid)
    service = create_test_service()
    create_test_exposed_service(board_uuid=board.uuid,
                                service_uuid=service.uuid)
    create_test_port(board_uuid=board.uuid)
    create_test_enabled_webservice(board_uuid=board.uuid)
    create_test_webservice(board_uuid=board.uuid)
    request = create_test_request(destination_uuid=board.uuid)
    create_test_request(destination_uuid=board.uuid,
                        main_request_uuid=request.uuid)
    create_test_result(board_uuid=board.uuid, request_uuid=request.uuid)
    return board

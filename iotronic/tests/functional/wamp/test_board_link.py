"""Boards end to end: enrol, register, online, actions, failures.

Each test enrols its own boards and runs our board agent
(``iotronic-lightning-rod``) in a subprocess against the stack of
``conftest.py``: real MariaDB, RabbitMQ and Crossbar, two conductors,
two wamp agents.
"""

import asyncio
import datetime
import json
import os
import signal
import time
import uuid

import sqlalchemy as sa

from iotronic.tests.functional.wamp import conftest

DEADLINE = conftest.PRESENCE_DEADLINE


def _fault(response):
    return json.loads(response.json()['error_message'])['faultstring']


def _online(link, name):
    code = link.enrol(name)
    link.start_board(name, code)
    # Registration, the re-connection to the main agent and the login.
    link.wait_status(name, 'online', timeout=15)
    return link.board(name)


def test_board_registers_goes_online_answers_and_goes_offline(link):
    code = link.enrol('board-one')
    assert link.board('board-one')['status'] == 'registered'
    link.start_board('board-one', code)
    took, board = link.wait_status('board-one', 'online', timeout=15)
    assert board['session'], board
    assert board['agent'] in ('agent-a', 'agent-b'), board
    assert board['lr_version'] == '0.5.0'

    answer = link.action('board-one', 'DevicePing').json()
    assert answer['result'] == 'SUCCESS', answer
    assert answer['status'] == 'COMPLETED'
    echoed = link.action('board-one', 'DeviceEcho', {'say': 'hello'}).json()
    assert echoed['message'].startswith('hello @ '), echoed
    refused = link.action('board-one', 'DeviceEcho', {}).json()
    assert refused['result'] == 'ERROR', refused

    # Every call is a request with its result.
    request = link.call('GET', f'/v1/requests/{answer["request"]}',
                        status=200).json()
    assert request['status'] == 'COMPLETED'
    assert request['action'] == 'DevicePing'
    assert request['destination_uuid'] == board['uuid']
    results = link.call('GET', f'/v1/requests/{answer["request"]}/results',
                        status=200).json()['results']
    assert [r['result'] for r in results] == ['SUCCESS']

    # A board agent that dies is offline within the deadline.
    link.kill('board-one')
    took, _ = link.wait_status('board-one', 'offline', timeout=DEADLINE)
    refused = link.action('board-one', 'DevicePing', status=409)
    assert 'offline' in _fault(refused)


def test_unknown_action_and_unknown_code(link):
    _online(link, 'board-two')
    refused = link.action('board-two', 'DeviceSelfDestruct', status=400)
    assert 'DevicePing' in _fault(refused)
    # A board agent with a code nobody enrolled never gets an identity:
    # the router does not even let it join.
    link.start_board('board-stranger', 'code-nobody-enrolled')
    time.sleep(2)
    log = link.processes['board-stranger'].log()
    assert 'wamp.error.not_authorized' in log, log[-2000:]
    for agent in ('agent-a', 'agent-b'):
        agent_log = link.processes[agent].log()
        assert 'code-nobody-enrolled' not in agent_log


def test_board_restart_action_brings_it_back_under_a_new_session(link):
    board = _online(link, 'board-restart')
    answer = link.action('board-restart', 'DeviceRestartLR').json()
    assert answer['result'] == 'SUCCESS', answer
    link.wait_new_session('board-restart', board['session'], timeout=20)
    assert link.action('board-restart', 'DevicePing').json()[
        'result'] == 'SUCCESS'


def test_a_silent_board_ends_its_request_in_timeout(link):
    board = _online(link, 'board-silent')
    process = link.processes['board-silent'].process
    os.kill(process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = link.action('board-silent', 'DevicePing', status=None)
        took = time.monotonic() - started
    finally:
        os.kill(process.pid, signal.SIGCONT)
    # Either the call timed out, or the router noticed the dead
    # transport first; never a hang, never a 500.
    assert response.status_code in (504, 409, 502), response.text
    assert took < conftest.BOARD_CALL_TIMEOUT + 3, took
    requests = link.call(
        'GET', f'/v1/requests?destination_uuid={board["uuid"]}',
        status=200).json()['requests']
    assert [r['status'] for r in requests] in (['TIMEOUT'], ['FAILED'])


def test_router_restart_brings_every_board_back(link):
    before = {name: _online(link, name)['session']
              for name in ('board-r1', 'board-r2')}
    link.router.stop()
    link.router.start()
    for name, session in before.items():
        link.wait_new_session(name, session)
        assert link.action(name, 'DevicePing').json()['result'] == 'SUCCESS'


def test_killed_agent_boards_reconnect_through_another(link):
    board = _online(link, 'board-moving')
    agent = board['agent']
    other = 'agent-b' if agent == 'agent-a' else 'agent-a'
    link.kill(agent)
    try:
        deadline = time.monotonic() + 30
        while True:
            seen = link.board('board-moving')
            if seen['agent'] == other and seen['status'] == 'online':
                break
            assert time.monotonic() < deadline, seen
            time.sleep(0.2)
        assert link.action('board-moving', 'DevicePing').json()[
            'result'] == 'SUCCESS'
    finally:
        link.start_agent(agent)


def test_killed_conductor_another_one_serves(link):
    _online(link, 'board-served')
    link.kill('conductor-a')
    try:
        for _ in range(6):
            answer = link.action('board-served', 'DevicePing').json()
            assert answer['result'] == 'SUCCESS', answer
        # Presence still works: only conductor-b is left to record it.
        link.stop('board-served')
        link.wait_status('board-served', 'offline')
    finally:
        link.start_conductor('conductor-a')


def test_a_long_action_reports_its_end_through_notify_result(link):
    """A board given a request with a parent answers RUNNING at once and
    reports the outcome later; the request is then COMPLETED."""
    board = _online(link, 'board-long')
    parent = str(uuid.uuid4())
    engine = sa.create_engine(link.database_url, poolclass=sa.pool.NullPool)
    request_uuid = str(uuid.uuid4())
    with engine.begin() as conn:
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        for ident, main in ((parent, None), (request_uuid, parent)):
            conn.execute(sa.text(
                'INSERT INTO requests (uuid, destination_uuid, '
                'main_request_uuid, pending_requests, project, status, '
                'type, action, created_at) VALUES (:u, :d, :m, 0, '
                "'noauth', 'PENDING', 0, 'DeviceEcho', :t)"),
                {'u': ident, 'd': board['uuid'], 'm': main, 't': now})
        conn.execute(sa.text(
            'INSERT INTO results (board_uuid, request_uuid, result, '
            "created_at) VALUES (:b, :r, 'RUNNING', :t)"),
            {'b': board['uuid'], 'r': request_uuid, 't': now})
    engine.dispose()

    async def call_board(session, details):
        return await session.call(
            f'iotronic.{board["session"]}.{board["uuid"]}.DeviceEcho',
            {'uuid': request_uuid, 'main_request_uuid': parent},
            {'say': 'later'})

    answer = json.loads(asyncio.run(conftest.join(
        link.router.url, call_board, link.as_agent())))
    assert answer['result'] == 'RUNNING' and answer['req_id'] == request_uuid
    deadline = time.monotonic() + 10
    while link.call('GET', f'/v1/requests/{request_uuid}', status=200
                    ).json()['status'] != 'COMPLETED':
        assert time.monotonic() < deadline, 'no notify_result'
        time.sleep(0.2)
    results = link.call('GET', f'/v1/requests/{request_uuid}/results',
                        status=200).json()['results']
    assert results[0]['result'] == 'SUCCESS'
    assert results[0]['message'].startswith('later @ ')

"""Plugins, services and the full action set, end to end.

The stack of ``conftest.py`` (real MariaDB, RabbitMQ, Crossbar, two
conductors, two wamp agents, our board agent in subprocesses) plus a
real OpenSSH sshd as the tunnel host, granting keys through
``iotronic-ssh-authorized-keys``.
"""

import concurrent.futures
import http.server
import json
import random
import subprocess
import threading
import time

import pytest
import requests

from iotronic.tests.functional import services
from iotronic.tests.functional.wamp import conftest
from iotronic.tests.functional.wamp.plugin_sources import ADDING_PLUGIN
from iotronic.tests.functional.wamp.plugin_sources import LOOPING_PLUGIN
from iotronic.tests.functional.wamp.plugin_sources import SLEEPING_PLUGIN
from iotronic.tests.functional.wamp.plugin_sources import UPSTREAM_PLUGIN

@pytest.fixture(scope='module')
def stack(tmp_path_factory, mariadb_server, crossbar_executable):
    services.TunnelSshd.check()
    workdir = tmp_path_factory.mktemp('plugins')
    sshd = services.TunnelSshd(workdir / 'sshd', workdir / 'iotronic.conf')
    port_min = random.randrange(42000, 44000, 100)
    extra = f'''
[services]
ssh_host = 127.0.0.1
ssh_port = {sshd.port}
ssh_host_key_files = {sshd.host_key}.pub
port_min = {port_min}
port_max = {port_min + 49}
[wamp]
# Opening a tunnel makes sshd run iotronic-ssh-authorized-keys twice (key
# query, then signature), each a cold Python start and an RPC call.
board_call_timeout = 15
'''
    with services.RabbitVirtualHost('plugins') as vhost, \
            services.ThrowawayDatabase(mariadb_server, 'plugins') as db:
        running = conftest.Stack(workdir, db.url_string, crossbar_executable,
                                 vhost.url, extra_config=extra)
        running.sshd = sshd
        try:
            sshd.start()
            yield running.start()
        finally:
            running.shutdown()
            sshd.stop()


def _online(link, name):
    code = link.enrol(name)
    link.start_board(name, code)
    link.wait_status(name, 'online', timeout=15)
    return dict(link.board(name), code=code)


def _plugin(link, name, code, **fields):
    return link.call('POST', '/v1/plugins', dict(name=name, code=code,
                                                 **fields), status=201).json()


def _plugin_action(link, board, plugin, action, parameters=None,
                   status=200):
    body = {'action': action}
    if parameters is not None:
        body['parameters'] = parameters
    return link.call('POST', f'/v1/boards/{board}/plugins/{plugin}', body,
                     status=status)


def _fault(response):
    return json.loads(response.json()['error_message'])['faultstring']


def _eventually(check, timeout=10, what='condition'):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f'{what} not met in {timeout}s'
        time.sleep(0.2)


def test_plugin_lifecycle(link, tmp_path):
    board = _online(link, 'board-plugins')
    looping = _plugin(link, 'looping', LOOPING_PLUGIN,
                      parameters={'beat': ''})
    injected = link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
                         {'plugin': looping['uuid']}, status=200)
    assert injected.json() == 'PluginInject result: INJECTED'
    assert '/v1/requests/' in injected.headers['Location']
    rows = link.call('GET', f'/v1/boards/{board["uuid"]}/plugins',
                     status=200).json()['injections']
    assert [(r['plugin'], r['status'], r['onboot']) for r in rows] == [
        (looping['uuid'], 'injected', False)]

    # Declared parameters are required (and checked before the board).
    missing = _plugin_action(link, board['uuid'], looping['uuid'],
                             'PluginStart', {}, status=400)
    assert 'beat' in _fault(missing)
    beat = tmp_path / 'beat'
    assert _plugin_action(link, board['uuid'], looping['uuid'],
                          'PluginStart', {'beat': str(beat)}).json() == (
        'STARTED')
    assert _plugin_action(link, board['uuid'], looping['uuid'],
                          'PluginStatus').json() == 'ALIVE'
    _eventually(beat.exists, what='the plugin running')
    again = _plugin_action(link, board['uuid'], looping['uuid'],
                           'PluginStart', {'beat': str(beat)}, status=409)
    assert 'ALREADY STARTED' in _fault(again)

    assert _plugin_action(link, board['uuid'], looping['uuid'],
                          'PluginStop').json() == 'STOPPED'
    assert _plugin_action(link, board['uuid'], looping['uuid'],
                          'PluginStatus').json() == 'DEAD'
    # Really stopped: the heartbeat file no longer changes.
    last = beat.read_text()
    time.sleep(0.6)
    assert beat.read_text() == last

    adding = _plugin(link, 'adding', ADDING_PLUGIN, callable=True,
                     parameters={'a': 0, 'b': 0})
    link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
              {'plugin': adding['name'], 'onboot': False}, status=200)
    answer = _plugin_action(link, board['uuid'], adding['uuid'],
                            'PluginCall', {'a': 2, 'b': 40})
    assert answer.json() == {'sum': 42}
    request = link.call('GET', answer.headers['Location'][
        answer.headers['Location'].index('/v1/'):], status=200).json()
    assert request['action'] == 'PluginCall'
    assert request['status'] == 'COMPLETED'

    # Re-injection: updated, with the new onboot.
    assert link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
                     {'plugin': adding['uuid'], 'onboot': True},
                     status=200).json() == 'PluginInject result: UPDATED'
    rows = {r['plugin']: r for r in link.call(
        'GET', f'/v1/boards/{board["uuid"]}/plugins',
        status=200).json()['injections']}
    assert (rows[adding['uuid']]['status'],
            rows[adding['uuid']]['onboot']) == ('updated', True)

    link.call('DELETE', f'/v1/boards/{board["uuid"]}/plugins/'
                        f'{adding["uuid"]}', status=204)
    _plugin_action(link, board['uuid'], adding['uuid'], 'PluginCall',
                   {'a': 1, 'b': 1}, status=404)
    bad = _plugin_action(link, board['uuid'], looping['uuid'],
                         'PluginExplode', status=400)
    assert 'PluginCall' in _fault(bad)


def test_a_stuck_plugin_does_not_stall_the_board(link):
    board = _online(link, 'board-stuck')
    sleeping = _plugin(link, 'sleeping', SLEEPING_PLUGIN, callable=True)
    link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
              {'plugin': sleeping['uuid']}, status=200)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        stuck = pool.submit(_plugin_action, link, board['uuid'],
                            sleeping['uuid'], 'PluginCall', {},
                            status=409)
        time.sleep(0.5)
        for _ in range(3):
            ping = link.action(board['uuid'], 'DevicePing').json()
            assert ping['result'] == 'SUCCESS'
        assert not stuck.done()
        refused = stuck.result(timeout=30)
    # The plugin deadline (2 s) ends the call, not the board timeout.
    assert time.monotonic() - started < conftest.BOARD_CALL_TIMEOUT + 2
    assert 'did not return in 2s' in _fault(refused)


def test_upstream_worker_plugin_runs_unmodified(link):
    board = _online(link, 'board-worker')
    echo = _plugin(link, 'upstream-echo', UPSTREAM_PLUGIN, callable=True,
                   parameters={'name': ''})
    link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
              {'plugin': echo['uuid']}, status=200)
    assert _plugin_action(link, board['uuid'], echo['uuid'], 'PluginCall',
                          {'name': 'LR'}).json() == 'ECHO RESULT: LR'


def test_onboot_plugin_runs_again_after_an_agent_restart(link, tmp_path):
    code = link.enrol('board-onboot')
    link.start_board('board-onboot', code)
    link.wait_status('board-onboot', 'online', timeout=15)
    board = link.board('board-onboot')
    looping = _plugin(link, 'onboot-looping', LOOPING_PLUGIN)
    link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
              {'plugin': looping['uuid'], 'onboot': True}, status=200)
    beat = tmp_path / 'beat'
    _plugin_action(link, board['uuid'], looping['uuid'], 'PluginStart',
                   {'beat': str(beat)})
    link.stop('board-onboot')
    link.start_board('board-onboot', code)
    link.wait_new_session('board-onboot', board['session'])
    assert _plugin_action(link, board['uuid'], looping['uuid'],
                          'PluginStatus').json() == 'ALIVE'


def test_offline_board_gets_no_injection(link):
    code = link.enrol('board-away')
    plugin = _plugin(link, 'never', ADDING_PLUGIN)
    link.call('PUT', '/v1/boards/board-away/plugins',
              {'plugin': plugin['uuid']}, status=409)
    assert link.call('GET', '/v1/boards/board-away/plugins',
                     status=200).json() == {'injections': []}
    assert code


class _Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"hello": "from the board"}'
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def board_http_server():
    """An HTTP server 'on the board' (the board runs on this host)."""
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def _reachable(port):
    try:
        return requests.get(f'http://127.0.0.1:{port}/', timeout=2).json()
    except (requests.RequestException, ValueError):
        return None


def _service_action(link, board, service, action, status=200):
    return link.call('POST', f'/v1/boards/{board}/services/{service}/action',
                     {'action': action}, status=status)


def _web_service(link, name, port):
    return link.call('POST', '/v1/services', {
        'name': name, 'port': port, 'protocol': 'TCP'}, status=201).json()


def _expose(link, board, service):
    """Enable ``service`` on ``board``; its public port."""
    _service_action(link, board['uuid'], service['uuid'], 'ServiceEnable')
    return link.call('GET', f'/v1/boards/{board["uuid"]}/services',
                     status=200).json()['exposed'][0]['public_port']


def test_service_tunnel_end_to_end(link, board_http_server):
    board = _online(link, 'board-tunnel')
    service = _web_service(link, 'web', board_http_server)
    enabled = _service_action(link, board['uuid'], service['uuid'],
                              'ServiceEnable').json()
    exposed = link.call('GET', f'/v1/boards/{board["uuid"]}/services',
                        status=200).json()['exposed']
    assert [e['service'] for e in exposed] == [service['uuid']]
    public_port = exposed[0]['public_port']
    assert str(public_port) in enabled
    assert _reachable(public_port) == {'hello': 'from the board'}
    again = _service_action(link, board['uuid'], service['uuid'],
                            'ServiceEnable', status=409)
    assert str(public_port) in _fault(again)

    # The tunnel survives a restart of the board agent.
    link.stop('board-tunnel')
    assert _eventually(lambda: _reachable(public_port) is None,
                       what='the tunnel closing with its agent')
    link.start_board('board-tunnel', board['code'])
    _eventually(lambda: _reachable(public_port), timeout=20,
                what='the tunnel restored after the restart')
    link.wait_new_session('board-tunnel', board['session'])

    restored = link.call('GET',
                         f'/v1/boards/{board["uuid"]}/services/restore',
                         status=200).json()['exposed']
    assert [e['public_port'] for e in restored] == [public_port]
    assert _reachable(public_port)

    _service_action(link, board['uuid'], service['uuid'], 'ServiceDisable')
    assert _eventually(lambda: _reachable(public_port) is None,
                       what='the tunnel closing')
    assert link.call('GET', f'/v1/boards/{board["uuid"]}/services',
                     status=200).json()['exposed'] == []

    # Deleting the service closes its tunnel on the board.
    public_port = _expose(link, board, service)
    _eventually(lambda: _reachable(public_port), what='tunnel open')
    link.call('DELETE', f'/v1/services/{service["uuid"]}', status=204)
    assert _eventually(lambda: _reachable(public_port) is None,
                       what='the tunnel closing with its service')


def test_sshd_grants_a_key_only_its_own_ports(link, board_http_server):
    board = _online(link, 'board-grant')
    port = _expose(link, board,
                   _web_service(link, 'web-grant', board_http_server))
    key = link.call('GET', f'/v1/boards/{board["uuid"]}', status=200)
    assert 'tunnel_key' not in key.json()
    home = link.workdir / 'boards' / 'board-grant'
    key_type, key = (home / 'tunnel' / 'id_ed25519.pub').read_text().split(
    )[:2]
    line = subprocess.run(
        [conftest.BIN / 'iotronic-ssh-authorized-keys', '--config-file',
         link.config, key_type, key], capture_output=True, text=True,
        check=True).stdout
    assert f'permitlisten="{port}"' in line
    assert line.count('permitlisten') == 1
    assert line.startswith('restrict,port-forwarding,')
    unknown = subprocess.run(
        [conftest.BIN / 'iotronic-ssh-authorized-keys', '--config-file',
         link.config, key_type, 'AAAAC3NzaC1lZDI1NTE5AAAAIN0tAkey'],
        capture_output=True, text=True, check=True).stdout
    assert unknown == ''


def test_deleting_an_online_board_cleans_it_up(link, board_http_server):
    board = _online(link, 'board-gone')
    service = _web_service(link, 'web-gone', board_http_server)
    port = _expose(link, board, service)
    looping = _plugin(link, 'gone-looping', LOOPING_PLUGIN)
    link.call('PUT', f'/v1/boards/{board["uuid"]}/plugins',
              {'plugin': looping['uuid']}, status=200)
    plugin_dir = (link.workdir / 'boards' / 'board-gone' / 'plugins'
                  / looping['uuid'])
    assert plugin_dir.is_dir()
    _eventually(lambda: _reachable(port), what='tunnel open')

    link.call('DELETE', f'/v1/boards/{board["uuid"]}', status=204)
    assert not plugin_dir.exists()
    assert _eventually(lambda: _reachable(port) is None,
                       what='the tunnel closing with its board')
    # The catalogue entries stay, free to use elsewhere.
    link.call('GET', f'/v1/plugins/{looping["uuid"]}', status=200)
    link.call('DELETE', f'/v1/services/{service["uuid"]}', status=204)


def test_long_device_actions_finish_through_notify(link, board_http_server):
    board = _online(link, 'board-device')
    running = link.action(board['uuid'], 'DevicePkgOperation', {
        'manager': 'pip3', 'command': 'install', 'package': 'six',
        'version': '1.16.0'}, status=202).json()
    assert running['result'] == 'RUNNING'

    def finished():
        request = link.call('GET', f'/v1/requests/{running["request"]}',
                            status=200).json()
        return request if request['status'] != 'PENDING' else None
    request = _eventually(finished, what='the package operation')
    assert request['status'] == 'COMPLETED'
    results = link.call('GET', f'/v1/requests/{running["request"]}/results',
                        status=200).json()['results']
    assert results[0]['result'] == 'SUCCESS'
    # The configured pip is echo: the exact argument list it got.
    assert 'pip install six==1.16.0' in results[0]['message']

    # Bad input (here an option smuggled in as a package) is refused
    # at once, before anything runs.
    refused = link.action(board['uuid'], 'DevicePkgOperation', {
        'manager': 'pip', 'command': 'install', 'package': '--index-url=x'}
    ).json()
    assert refused['result'] == 'ERROR', refused
    assert 'not a valid package' in refused['message']

    fetched = link.action(board['uuid'], 'DeviceRestSubmit', {
        'url': f'http://127.0.0.1:{board_http_server}/', 'method': 'GET'}
    ).json()
    assert fetched['result'] == 'SUCCESS', fetched
    assert 'from the board' in fetched['message']
    bad_url = link.action(board['uuid'], 'DeviceRestSubmit', {
        'url': 'file:///etc/passwd'}).json()
    assert bad_url['result'] == 'ERROR'

    upgrade = link.action(board['uuid'], 'DeviceUpgradeLR',
                          {'version': '9.9.9'}, status=202).json()
    _eventually(lambda: link.call(
        'GET', f'/v1/requests/{upgrade["request"]}',
        status=200).json()['status'] == 'COMPLETED',
        what='the upgrade reported')
    # ...and the agent restarts after it.
    link.wait_new_session('board-device', board['session'])


def test_openstack_cli_drives_boards(link, board_http_server, tmp_path):
    """``openstack iot`` in noauth mode (``--os-endpoint``) does the board
    work: actions, plugins and tunnels."""
    board = _online(link, 'board-cli')
    openstack = services.OpenStackCLI(
        tmp_path, OS_AUTH_TYPE='none', OS_ENDPOINT=link.url)
    echo = openstack('iot', 'board', 'action', 'board-cli', 'DeviceEcho',
                     '--parameter', 'say=hi', '-f', 'json')
    assert echo['result'] == 'SUCCESS' and echo['message'].startswith('hi')
    results = openstack('iot', 'request', 'result', 'list', echo['request'],
                        '-f', 'json')
    assert [(r['Board UUID'], r['Result']) for r in results] == [
        (board['uuid'], 'SUCCESS')]
    assert 'is not a board action' in openstack.error(
        'iot', 'board', 'action', 'board-cli', 'DeviceBogus')

    code = tmp_path / 'adder.py'
    code.write_text(ADDING_PLUGIN)
    openstack('iot', 'plugin', 'create', 'adder', '--code-file', code,
              '--callable')
    openstack('iot', 'board', 'plugin', 'inject', 'board-cli', 'adder')
    listed = openstack('iot', 'board', 'plugin', 'list', 'board-cli', '-f',
                       'json')
    assert [p['Status'] for p in listed] == ['injected']
    called = openstack('iot', 'board', 'plugin', 'action', 'board-cli',
                       'adder', 'PluginCall', '--parameters',
                       '{"a": 40, "b": 2}', '-f', 'json')
    assert called['sum'] == 42
    openstack('iot', 'board', 'plugin', 'remove', 'board-cli', 'adder')
    assert openstack('iot', 'board', 'plugin', 'list', 'board-cli',
                     '-f', 'json') == []

    openstack('iot', 'service', 'create', 'web-cli', '--port',
              board_http_server)
    enabled = openstack('iot', 'board', 'service', 'enable', 'board-cli',
                        'web-cli', '-f', 'json')
    exposed = openstack('iot', 'board', 'service', 'list', 'board-cli',
                        '-f', 'json')
    public_port = exposed[0]['Public Port']
    assert str(public_port) in enabled['message']
    assert _reachable(public_port) == {'hello': 'from the board'}
    restored = openstack('iot', 'board', 'service', 'restore', 'board-cli',
                         '-f', 'json')
    assert [r['Public Port'] for r in restored] == [public_port]
    openstack('iot', 'board', 'service', 'disable', 'board-cli', 'web-cli')
    assert _eventually(lambda: _reachable(public_port) is None,
                       what='the tunnel closing')

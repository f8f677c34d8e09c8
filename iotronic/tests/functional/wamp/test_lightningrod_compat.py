"""An unmodified Lightning-rod 0.5.0 board against our stack.

Lightning-rod is installed from PyPI into ``.peers/lightningrod`` (by
``make``) and runs in a private mount namespace
(``services.lightning_rod``).
"""

import signal

import pytest

from iotronic.tests.functional import services
from iotronic.tests.functional.wamp import conftest
from iotronic.tests.functional.wamp import plugin_sources


# A stack that accepts boards without credential, as Lightning-rod
# 0.5 boards are (``[wamp] allow_legacy_boards``).
stack = conftest.stack_fixture('legacy', allow_legacy_boards=True)


@pytest.fixture
def lightning_rod(link, tmp_path):
    """Start a Lightning-rod 0.5.0 board for ``code``."""
    missing = services.lightning_rod_missing()
    if missing:
        services.unavailable('Lightning-rod 0.5.0', missing)
    started = []

    def start(code):
        process = services.lightning_rod(tmp_path, link.router.url, code)
        started.append(process.start())
        return process

    yield start
    for process in started:
        process.stop()


def test_lightning_rod_registers_answers_and_goes_offline(link,
                                                          lightning_rod):
    # Lightning-rod loads no module at all for a board without a device
    # type it knows ("server" is the generic Linux host).
    code = link.enrol('legacy-board', type='server')
    board_process = lightning_rod(code)
    # Registration, Lightning-rod's re-exec and its login.
    took, board = link.wait_status('legacy-board', 'online', timeout=60)
    assert board['lr_version'] == '0.5.0', board

    # Lightning-rod registers its procedures only after its login
    # returns: the agent waits for them instead of failing.
    answer = link.action('legacy-board', 'DevicePing').json()
    assert answer['result'] == 'SUCCESS', answer
    echoed = link.action('legacy-board', 'DeviceEcho',
                         {'say': 'hello'}).json()
    assert echoed['result'] == 'SUCCESS' and 'hello' in echoed['message']

    # Plugins reach Lightning-rod in the pickled form it expects.
    plugin = link.call('POST', '/v1/plugins', {
        'name': 'legacy-echo', 'code': plugin_sources.UPSTREAM_PLUGIN,
        'callable': True, 'parameters': {'name': ''}}, status=201).json()
    injected = link.call('PUT', '/v1/boards/legacy-board/plugins',
                         {'plugin': plugin['uuid']}, status=200).json()
    assert 'INJECTED' in injected, injected
    path = f'/v1/boards/legacy-board/plugins/{plugin["uuid"]}'
    called = link.call('POST', path, {'action': 'PluginCall',
                                      'parameters': {'name': 'LR'}},
                       status=200).json()
    assert called == 'ECHO RESULT: LR'
    assert link.call('POST', path, {'action': 'PluginStatus'},
                     status=200).json() in ('ALIVE', 'DEAD')
    link.call('DELETE', path, status=204)
    assert link.call('GET', '/v1/boards/legacy-board/plugins',
                     status=200).json() == {'injections': []}

    # SIGTERM (Lightning-rod ignores SIGINT): offline within the deadline.
    board_process.process.send_signal(signal.SIGTERM)
    link.wait_status('legacy-board', 'offline', timeout=10)

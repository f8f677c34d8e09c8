"""The Crossbar router IoTronic starts from its shipped template.

Boards may speak any serializer the router offers, and the agents rely on
the router to disclose who is calling: both are checked on a real router.
"""

import asyncio
import subprocess

from autobahn.wamp import serializer as wamp_serializers
from autobahn.wamp import types
import pytest

from iotronic.tests.functional import services
from iotronic.tests.functional.wamp import conftest
from iotronic.wamp import client as wamp_client
from iotronic.wamp import router as wamp_router


@pytest.fixture(scope='module')
def crossbar(tmp_path_factory):
    try:
        executable = wamp_router.find_crossbar()
    except FileNotFoundError as e:
        services.unavailable('Crossbar', str(e))
    node = wamp_router.CrossbarRouter(tmp_path_factory.mktemp('crossbar'),
                                      services.free_port(),
                                      executable=executable)
    with node:
        yield node


async def _echo_round_trip(node, serializer):
    """Register a procedure and call it, over one agent session."""
    async def echo_twice(session, details):
        def echo(value, details=None):
            return [value, details.caller]
        await session.register(echo, 'test.echo', types.RegisterOptions(
            details_arg='details'))
        return await session.call('test.echo', {'ping': 1}), details.session

    return await conftest.join(
        node.url, echo_twice, wamp_client.Credentials(
            'wampcra', node.agent_authid, node.agent_secret),
        realm=node.realm, serializers=[serializer])


@pytest.mark.parametrize('serializer', [
    wamp_serializers.JsonSerializer, wamp_serializers.MsgPackSerializer,
    wamp_serializers.CBORSerializer])
def test_every_serializer_and_caller_disclosure(crossbar, serializer):
    (value, caller), session = asyncio.run(
        _echo_round_trip(crossbar, serializer()))
    assert value == {'ping': 1}
    assert caller == session


def test_rendered_config_is_the_template_for_one_port():
    config = wamp_router.render_config(8956, 'secret', realm='lab')
    router_worker = config['workers'][0]
    assert router_worker['realms'][0]['name'] == 'lab'
    transport = router_worker['transports'][0]
    assert transport['endpoint']['port'] == 8956
    assert transport['endpoint']['interface'] == '127.0.0.1'
    assert set(transport['serializers']) == {'json', 'msgpack', 'cbor'}


def test_crossbar_config_command_renders_a_router_that_serves(tmp_path):
    """What the systemd unit runs before Crossbar: iotronic.conf in,
    config.json out (owner-only), and the router it describes accepts
    the agents over wss:// with the test CA it made."""
    crossbar = wamp_router.find_crossbar()
    port = services.free_port()
    conf = tmp_path / 'iotronic.conf'
    conf.write_text(f'[wamp]\nagent_secret = from-the-conf\n'
                    f'router_host = 127.0.0.1\nrouter_port = {port}\n')
    cbdir = tmp_path / 'node'
    result = subprocess.run(
        [services.BIN / 'iotronic-crossbar-config', '--config-file', conf,
         '--cbdir', cbdir, '--make-test-ca', tmp_path / 'ca',
         '--tls-host', '127.0.0.1'],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f'wss://127.0.0.1:{port}/' in result.stdout
    config = cbdir / 'config.json'
    assert config.stat().st_mode & 0o077 == 0
    assert (tmp_path / 'ca' / 'router-key.pem').stat().st_mode & 0o077 == 0
    node = services.ServiceProcess('crossbar', [
        crossbar, 'start', '--cbdir', cbdir, '--loglevel', 'warn'],
        tmp_path).start()
    try:
        node.wait_for_port(port)

        async def joined(session, details):
            return details.authrole
        role = asyncio.run(conftest.join(
            f'wss://127.0.0.1:{port}/', joined,
            wamp_client.Credentials('wampcra', 'iotronic-agent',
                                    'from-the-conf'),
            ca_file=tmp_path / 'ca' / 'ca.pem'))
        assert role == 'iotronic-agent'
    finally:
        node.stop()
    # Without the agents' secret there is no router to render.
    conf.write_text('[wamp]\n')
    result = subprocess.run(
        [services.BIN / 'iotronic-crossbar-config', '--config-file', conf,
         '--cbdir', cbdir], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and 'agent_secret' in result.stderr

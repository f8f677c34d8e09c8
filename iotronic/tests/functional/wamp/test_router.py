"""The Crossbar router IoTronic starts from its shipped template.

Boards may speak any serializer the router offers, and the agents rely on
the router to disclose who is calling: both are checked on a real router.
"""

import asyncio

from autobahn.asyncio.wamp import ApplicationSession
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp import serializer as wamp_serializers
from autobahn.wamp import types
import pytest

from iotronic.tests.functional import services
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
    """Register a procedure and call it, over one session."""
    loop = asyncio.get_running_loop()
    answered = loop.create_future()

    class Session(ApplicationSession):
        async def onJoin(self, details):
            def echo(value, details=None):
                return [value, details.caller]
            await self.register(echo, 'test.echo', types.RegisterOptions(
                details_arg='details'))
            result = await self.call('test.echo', {'ping': 1})
            answered.set_result((result, details.session))
            self.leave()

    factory = WampWebSocketClientFactory(
        lambda: Session(types.ComponentConfig(realm=node.realm)),
        url=node.url, serializers=[serializer])
    transport, _ = await loop.create_connection(factory, node.host,
                                                node.port)
    try:
        return await asyncio.wait_for(answered, 10)
    finally:
        transport.close()


@pytest.mark.parametrize('serializer', [
    wamp_serializers.JsonSerializer, wamp_serializers.MsgPackSerializer,
    wamp_serializers.CBORSerializer])
def test_every_serializer_and_caller_disclosure(crossbar, serializer):
    (value, caller), session = asyncio.run(
        _echo_round_trip(crossbar, serializer()))
    assert value == {'ping': 1}
    assert caller == session


def test_rendered_config_is_the_template_for_one_port():
    config = wamp_router.render_config(8956, realm='lab')
    router_worker = config['workers'][0]
    assert router_worker['realms'][0]['name'] == 'lab'
    transport = router_worker['transports'][0]
    assert transport['endpoint']['port'] == 8956
    assert transport['endpoint']['interface'] == '127.0.0.1'
    assert set(transport['serializers']) == {'json', 'msgpack', 'cbor'}

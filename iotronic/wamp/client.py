"""A WAMP session that comes back: what wamp agents and boards both need.

``Connection.run()`` joins the router, hands the joined session to
``on_join`` and, when the transport goes (router restart, network cut,
half-open TCP caught by the WebSocket auto-ping), joins again after a
backoff that doubles up to ``max_delay``. Every join is a new session
with a new id: ``on_join`` must set everything up again (registrations,
subscriptions), which is exactly what a board has to do after a router
restart anyway.

Authentication: ``credentials`` is asked before every join (a board's
identity changes when it registers or rotates its credential) and gives
the method (``ticket`` or ``wampcra``), the authid and the secret, or
None to join anonymously. ``wss://`` URLs always verify the router's
certificate, against ``ca_file`` when given.

``join_gate`` (an asyncio.Semaphore shared by many connections) bounds
how many of them are between connecting and being set up at once: a
process simulating thousands of boards would otherwise open them all in
the same second, and most would time out and start over.
"""

import asyncio
import collections
import logging
import ssl
from urllib import parse

from autobahn.asyncio.wamp import ApplicationSession
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp import auth as wamp_auth
from autobahn.wamp import serializer as wamp_serializer
from autobahn.wamp import types

LOG = logging.getLogger(__name__)

SERIALIZERS = {
    'json': wamp_serializer.JsonSerializer,
    'msgpack': wamp_serializer.MsgPackSerializer,
    'cbor': wamp_serializer.CBORSerializer,
}

# Seconds: a router that stops answering pings is given up on within
# interval + timeout, and the session rebuilt elsewhere or later.
AUTO_PING_INTERVAL = 5
AUTO_PING_TIMEOUT = 5
# Seconds from opening a connection to a joined session.
JOIN_TIMEOUT = 10

Credentials = collections.namedtuple('Credentials',
                                     'method authid secret')


def answer_challenge(credentials, challenge):
    """What a client holding ``credentials`` answers the router's
    authentication ``challenge`` with."""
    if credentials is None or challenge.method != credentials.method:
        raise ValueError(f'unexpected challenge {challenge.method}')
    if challenge.method == 'ticket':
        return credentials.secret
    if challenge.method == 'wampcra':
        return wamp_auth.compute_wcs(
            credentials.secret, challenge.extra['challenge']).decode('ascii')
    raise ValueError(f'unsupported challenge {challenge.method}')


class _Session(ApplicationSession):

    def __init__(self, config, connection, lost):
        super().__init__(config)
        self._connection = connection
        self.lost = lost
        self._credentials = None

    def onConnect(self):
        credentials = self._connection.credentials()
        self._credentials = credentials
        if credentials is None:
            self.join(self.config.realm)
        else:
            self.join(self.config.realm, authmethods=[credentials.method],
                      authid=credentials.authid)

    def onChallenge(self, challenge):
        return answer_challenge(self._credentials, challenge)

    async def onJoin(self, details):
        await self._connection._joined(self, details)

    def onLeave(self, details):
        LOG.info('Left realm %s: %s', self.config.realm, details.reason)
        self.disconnect()

    def onDisconnect(self):
        self._connection._disconnected(self)


class Connection:
    """One logical WAMP client of ``realm`` at ``url``."""

    def __init__(self, url, realm, on_join, serializers=('json',),
                 max_delay=30, on_disconnect=None, name='wamp',
                 credentials=None, ca_file=None, join_gate=None,
                 auto_ping=(AUTO_PING_INTERVAL, AUTO_PING_TIMEOUT)):
        self.url = url
        self.auto_ping = auto_ping
        self.join_gate = join_gate
        self._holding_gate = False
        self.credentials = credentials or (lambda: None)
        self.ca_file = ca_file
        self.realm = realm
        self.on_join = on_join
        self.on_disconnect = on_disconnect
        self.serializers = [SERIALIZERS[s]() for s in serializers]
        self.max_delay = max_delay
        self.name = name
        self.session = None          # the joined session, if any
        self._stopping = None
        self._lost = None
        self._transport = None
        self._set_up = False

    def _factory(self, lost):
        factory = WampWebSocketClientFactory(
            lambda: _Session(types.ComponentConfig(realm=self.realm), self,
                             lost),
            url=self.url, serializers=self.serializers)
        factory.setProtocolOptions(autoPingInterval=self.auto_ping[0],
                                   autoPingTimeout=self.auto_ping[1])
        return factory

    def _endpoint(self):
        url = parse.urlsplit(self.url)
        secure = url.scheme == 'wss'
        port = url.port or (443 if secure else 80)
        context = None
        if secure:
            context = ssl.create_default_context(cafile=self.ca_file)
        return url.hostname, port, context

    async def _joined(self, session, details):
        self.session = session
        self._set_up = False
        self._joined_event.set()
        LOG.info('%s joined realm %s at %s as session %s', self.name,
                 self.realm, self.url, details.session)
        try:
            await self.on_join(session, details)
            self._set_up = True
        except Exception:
            # Half set up is worse than not at all: start over.
            LOG.exception('%s: setting up session %s failed; reconnecting',
                          self.name, details.session)
            self.session = None
            session.disconnect()
        finally:
            self._release_gate()

    async def _take_gate(self):
        if self.join_gate is not None and not self._holding_gate:
            await self.join_gate.acquire()
            self._holding_gate = True

    def _release_gate(self):
        if self._holding_gate:
            self._holding_gate = False
            self.join_gate.release()

    def _disconnected(self, session):
        # Events of an earlier session may arrive after the next one
        # joined: they concern that session only.
        if not session.lost.done():
            session.lost.set_result(None)
        if self.session is session:
            self.session = None
            if self.on_disconnect is not None:
                self.on_disconnect(session)

    async def _session_of(self, lost):
        """Wait while a session on this transport lives. False when none
        joined within JOIN_TIMEOUT (a router still starting can accept
        the connection and never answer)."""
        stop = asyncio.ensure_future(self._stopping.wait())
        joined = asyncio.ensure_future(self._joined_event.wait())
        try:
            done, _ = await asyncio.wait(
                [lost, stop, joined], timeout=JOIN_TIMEOUT,
                return_when=asyncio.FIRST_COMPLETED)
            if not done:
                return False
            await asyncio.wait([lost, stop],
                               return_when=asyncio.FIRST_COMPLETED)
            return True
        finally:
            stop.cancel()
            joined.cancel()

    async def run(self):
        """Stay joined until ``stop()``."""
        loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        host, port, context = self._endpoint()
        delay = 1
        while not self._stopping.is_set():
            self._lost = loop.create_future()
            self._joined_event = asyncio.Event()
            await self._take_gate()
            try:
                self._transport, _ = await asyncio.wait_for(
                    loop.create_connection(self._factory(self._lost), host,
                                           port, ssl=context),
                    JOIN_TIMEOUT)
            except (TimeoutError, OSError) as e:
                self._release_gate()
                LOG.warning('%s: cannot reach %s (%s); retrying in %ss',
                            self.name, self.url, e, delay)
            else:
                had_session = await self._session_of(self._lost)
                self._release_gate()
                self._transport.close()
                if self._stopping.is_set():
                    break
                if not had_session:
                    LOG.warning('%s: %s accepted the connection but no '
                                'session started in %ss', self.name,
                                self.url, JOIN_TIMEOUT)
                elif self._set_up:
                    # It worked for a while: come back quickly.
                    delay = 1
                LOG.warning('%s: lost %s; reconnecting in %ss', self.name,
                            self.url, delay)
            try:
                await asyncio.wait_for(self._stopping.wait(), delay)
            except TimeoutError:
                pass
            delay = min(delay * 2, self.max_delay)

    async def stop(self):
        """Leave the realm politely, then close the transport."""
        session = self.session
        if session is not None and session.is_attached():
            try:
                session.leave()
                await asyncio.wait_for(asyncio.shield(self._lost), 2)
            except Exception as e:
                LOG.debug('%s: no clean leave (%s)', self.name, e)
        if self._stopping is not None:
            self._stopping.set()
        if self._transport is not None:
            self._transport.close()

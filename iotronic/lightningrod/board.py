"""One board's link to IoTronic: register, log in, keep alive, recover.

The life of a board:

1. Not registered (no uuid in its settings): join the registration
   router, authenticated by the one-time code (WAMP-Ticket, authid
   ``registration``), and call ``stack4things.register`` with it. The
   answer is the board's configuration, stored atomically; it names the
   wamp agent (and its router) the board belongs to and carries the
   board's credential, with which it authenticates from then on (authid:
   its uuid).
2. Registered: join the main agent's router, register the board's
   procedures under ``iotronic.<session>.<uuid>.``, *then* log in with
   ``<agent>.stack4things.connection``, so IoTronic never calls a board
   whose procedures are not there yet.
3. Keep alive: call ``<agent>.stack4things.wamp_alive`` periodically.
   If the agent says the session is not logged in, log in again; if the
   agent is gone (no such procedure), register again: IoTronic assigns
   a live agent.

A lost transport (router restart, network cut) is rejoined with backoff
by ``wamp.client.Connection``, and step 2 runs again under the new
session.
"""

import asyncio
import logging
import os
import sys

from autobahn.wamp import exception as wamp_exception
from autobahn.wamp import types

from iotronic.lightningrod import device
from iotronic.lightningrod import plugins
from iotronic.lightningrod import procedures
from iotronic.lightningrod import services
from iotronic.lightningrod import settings as board_settings
from iotronic.wamp import client as wamp_client
from iotronic.wamp import envelope
from iotronic.wamp import identity

LOG = logging.getLogger(__name__)

# The protocol this agent speaks, reported as its lr_version: IoTronic
# sends requests first to boards of 0.4.9 and later.
PROTOCOL_VERSION = '0.5.0'

NO_SUCH_PROCEDURE = 'wamp.error.no_such_procedure'
NOT_CONNECTED = 'iotronic.error.not_connected'
# After a refused registration (unknown code): wait before trying again.
REGISTRATION_RETRY = 10
# Seconds between the board's own WebSocket pings, and to wait for the
# answer. The router pings every board every two seconds to see it die;
# the board only needs to notice a dead router, which its keepalive
# does too, so it pings rarely: at 10,000 boards every ping counts.
BOARD_AUTO_PING = (30, 10)


class _Phase(Exception):
    """Leave the current session and go to another phase."""


class IdentityActions(procedures.Procedures):
    """The board's router credential, which IoTronic rotates."""

    NAMES = (identity.SET_CREDENTIAL_PROCEDURE,)

    async def BoardSetCredential(self, credential):
        if not isinstance(credential, str) or len(credential) < 32:
            raise procedures.ActionError('not a credential')
        self.board.settings.set_credential(credential)
        LOG.info('%s: new router credential stored', self.board.name)
        return 'credential stored'


class BoardAgent:

    def __init__(self, conf, home, code=None, restart=None, name=None,
                 join_gate=None):
        self.conf = conf
        self.join_gate = join_gate
        self.name = name or os.path.basename(str(home))
        self.home = home
        self.settings = board_settings.Settings(home)
        self.settings.initialise(code, conf.registration_url, conf.realm)
        self.device = device.DeviceActions(self)
        self.plugins = plugins.PluginActions(self)
        self.services = services.ServiceActions(self)
        self.identity = IdentityActions(self)
        self._tunnel_key = None
        self._restart = restart
        self._must_register = not self.settings.uuid
        self._connection = None
        self._keepalive = None
        self._stopped = False

    # Phases.

    @property
    def uuid(self):
        return self.settings.uuid

    def procedures(self):
        found = {}
        for group in (self.device, self.plugins, self.services,
                      self.identity):
            found.update(group.procedures())
        return found

    async def _start_local_work(self):
        """What runs whether or not IoTronic is reachable: the tunnels
        and the onboot plugins of the last run."""
        self._tunnel_key = await services.ensure_key(self.home)
        await self.services.restore_all()
        await self.plugins.start_onboot()

    async def run(self):
        await self._start_local_work()
        while not self._stopped:
            self.settings.load()
            if self._must_register or not self.settings.uuid:
                role, on_join = 'registration-agent', self._register
            else:
                role, on_join = 'main-agent', self._log_in
            agent = self.settings.agent(role)
            if not agent or not agent.get('url'):
                LOG.error('%s: no %s in %s; waiting', self.name, role,
                          self.settings.path)
                await asyncio.sleep(REGISTRATION_RETRY)
                continue
            self._connection = wamp_client.Connection(
                agent['url'], agent.get('realm', self.conf.realm), on_join,
                serializers=(self.conf.serializer,),
                max_delay=self.conf.reconnect_max_delay,
                on_disconnect=self._lost, name=f'board {self.name}',
                credentials=self._credentials, ca_file=self.conf.ca_file,
                join_gate=self.join_gate, auto_ping=BOARD_AUTO_PING)
            await self._connection.run()

    def _credentials(self):
        """Who the board is to the router right now: itself once it has
        a credential, else the holder of a registration code. A board
        provisioned without a credential (by a legacy IoTronic) joins
        anonymously."""
        settings = self.settings
        if settings.uuid and settings.credential:
            return wamp_client.Credentials('ticket', settings.uuid,
                                           settings.credential)
        if not settings.uuid and settings.code:
            return wamp_client.Credentials(
                'ticket', identity.REGISTRATION_AUTHID, settings.code)
        return None

    async def stop(self):
        self._stopped = True
        if self._connection is not None:
            await self._connection.stop()
        await self.plugins.stop_all()
        await self.services.close_all()

    async def _switch(self, must_register):
        """End this session; ``run`` continues with the next phase."""
        self._must_register = must_register
        await self._connection.stop()

    def _lost(self, session):
        if self._keepalive is not None:
            self._keepalive.cancel()

    async def _call(self, wamp_session, uri, **kwargs):
        return await asyncio.wait_for(wamp_session.call(uri, **kwargs),
                                      self.conf.call_timeout)

    async def _register(self, session, details):
        LOG.info('%s: registering with code', self.name)
        try:
            answer = await self._call(session, 'stack4things.register',
                                      code=self.settings.code,
                                      session=details.session)
        except (TimeoutError, wamp_exception.ApplicationError) as e:
            LOG.warning('%s: registration failed (%s); retrying', self.name,
                        e)
            await asyncio.sleep(REGISTRATION_RETRY)
            session.disconnect()
            return
        reply = envelope.decode(answer) or {}
        if reply.get('result') != 'SUCCESS':
            LOG.warning('%s: registration refused: %s; retrying in %ss',
                        self.name, reply.get('message'), REGISTRATION_RETRY)
            await asyncio.sleep(REGISTRATION_RETRY)
            session.disconnect()
            return
        self.settings.provisioned(reply['message'])
        LOG.info('%s: registered as board %s, main agent %s', self.name,
                 self.settings.uuid, self.settings.board.get('agent'))
        asyncio.ensure_future(self._switch(must_register=False))

    @property
    def _agent_prefix(self):
        return f'{self.settings.board.get("agent")}.stack4things'

    async def _log_in(self, session, details):
        uuid = self.settings.uuid
        prefix = identity.board_prefix(details.session, uuid)
        await self._register_procedures(session, prefix)
        try:
            answer = await self._call(
                session, f'{self._agent_prefix}.connection', uuid=uuid,
                session=details.session, info=self._info(session))
        except wamp_exception.ApplicationError as e:
            if e.error == NO_SUCH_PROCEDURE:
                LOG.warning('%s: agent %s is gone; registering again',
                            self.name, self.settings.board.get('agent'))
                asyncio.ensure_future(self._switch(must_register=True))
                return
            raise
        reply = envelope.decode(answer) or {}
        if reply.get('result') != 'SUCCESS':
            LOG.warning('%s: login refused: %s; registering again',
                        self.name, reply.get('message'))
            asyncio.ensure_future(self._switch(must_register=True))
            return
        LOG.info('%s: online as session %s', self.name, details.session)
        self._keepalive = asyncio.ensure_future(self._keep_alive(session))

    async def _register_procedures(self, session, prefix):
        """Every procedure of the board under ``prefix``, as one prefix
        registration: the router asks the authorizer once per board, not
        once per procedure, which is what a large fleet's logins cost."""
        found = self.procedures()

        async def dispatch(*args, _wamp_details, **kwargs):
            name = _wamp_details.procedure[len(prefix) + 1:]
            if name not in found:
                raise wamp_exception.ApplicationError(
                    NO_SUCH_PROCEDURE, f'no procedure {name} on this board')
            return await found[name](*args, **kwargs)

        await session.register(dispatch, f'{prefix}.', types.RegisterOptions(
            match='prefix', details_arg='_wamp_details'))

    def _info(self, session):
        connectivity = {}
        transport = getattr(session._transport, 'transport', None)
        sockname = transport and transport.get_extra_info('sockname')
        if sockname:
            connectivity['local_ip'] = sockname[0]
        info = {'lr_version': PROTOCOL_VERSION,
                'connectivity': connectivity}
        if self._tunnel_key:
            info['tunnel_key'] = self._tunnel_key
        return info

    async def _keep_alive(self, session):
        while True:
            await asyncio.sleep(self.conf.keepalive_interval)
            try:
                await self._call(session,
                                 f'{self._agent_prefix}.wamp_alive',
                                 board_uuid=self.settings.uuid,
                                 board_name=self.settings.board.get('name'))
            except wamp_exception.ApplicationError as e:
                gone = e.error == NO_SUCH_PROCEDURE
                LOG.warning('%s: %s; %s', self.name,
                            'agent gone' if gone else e.error,
                            'registering again' if gone else
                            'logging in again')
                asyncio.ensure_future(self._switch(must_register=gone))
                return
            except TimeoutError:
                LOG.warning('%s: keepalive timed out; reconnecting',
                            self.name)
                session.disconnect()
                return

    # Used by the device actions.

    async def notify_result(self, wampmessage):
        session = self._connection.session if self._connection else None
        if session is None:
            LOG.warning('%s: offline, result not delivered: %s', self.name,
                        wampmessage)
            return
        try:
            await self._call(session, f'{self._agent_prefix}.notify_result',
                             board_uuid=self.settings.uuid,
                             wampmessage=wampmessage)
        except Exception as e:
            LOG.warning('%s: result not delivered (%s)', self.name, e)

    async def restart(self):
        if self._restart is not None:
            await self._restart(self)
        else:
            await self._switch(must_register=False)


async def reexec(board):
    """Restart the agent process (DeviceRestartLR on a real board)."""
    await board.stop()
    if board.conf.restart_command:
        await procedures.run_command(board.conf.restart_command)
        return
    LOG.warning('Re-executing %s', sys.argv)
    os.execv(sys.executable, [sys.executable] + sys.argv)  # noqa: S606


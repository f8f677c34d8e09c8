"""The wamp agent: where boards meet IoTronic.

One agent holds one WAMP session on the router. Boards call it
(registration, login, keepalive, results of long actions) and the
conductors call boards through it, over oslo.messaging (topic
``iotronic.wamp_agent``, server = the agent's host).

Threads and the event loop: the WAMP session lives on an asyncio loop
in a thread of its own. Nothing on that loop blocks: conductor RPC and
database work run on a thread pool (``_off_loop``). The oslo.messaging
server runs on its own threads and hands board calls to the loop with
``run_coroutine_threadsafe``, waiting at most the call's timeout.

What the router says is trusted, what callers say is not: the session
id of a board is the caller id the router discloses, never the
``session`` argument a board passes, and a board's identity is the
authid the router authenticated (``identity``), never the uuid it
claims. Agents also serve the router's dynamic authenticator and
authorizer for boards.
"""

import asyncio
import concurrent.futures
import datetime
import threading

from autobahn.wamp import exception as wamp_exception
from autobahn.wamp import types
from oslo_log import log as logging
import oslo_messaging as messaging

from iotronic.common import context as iotronic_context
from iotronic.common import exception
from iotronic.common import periodic
from iotronic.common import rpc
from iotronic.conductor import rpcapi as conductor_rpcapi
from iotronic.conf import CONF
from iotronic.objects import board as board_obj
from iotronic.objects import session as session_obj
from iotronic.objects import wampagent as wampagent_obj
from iotronic.wamp import client as wamp_client
from iotronic.wamp import envelope
from iotronic.wamp import identity
from iotronic.wamp import rpcapi

LOG = logging.getLogger(__name__)

REGISTER_URI = identity.REGISTER_URI
# The procedure whose registration tells that a board is ready for calls.
READY_PROCEDURE = 'DevicePing'
# Seconds the router has to answer its meta procedures.
ROUTER_CALL_TIMEOUT = 10
# Board session ids whose readiness we remember, per agent.
_READY_CACHE_SIZE = 100000

_EXPECTED = messaging.expected_exceptions(exception.IotronicException)


class AgentEndpoint:
    """What conductors call on an agent (see ``rpcapi``)."""

    target = messaging.Target(version=rpcapi.RPC_API_VERSION)

    def __init__(self, agent):
        self._agent = agent

    @_EXPECTED
    def call_board(self, context, board_uuid, session_id, procedure, args,
                   timeout):
        slack = CONF.wamp.procedure_wait_timeout + 5
        future = self._agent.submit(self._agent.call_board(
            board_uuid, session_id, procedure, args, timeout))
        try:
            return future.result(timeout + slack)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise exception.BoardCallTimeout(board=board_uuid,
                                             procedure=procedure,
                                             timeout=timeout)

    @_EXPECTED
    def kick_board(self, context, board_uuid, session_id=None):
        future = self._agent.submit(self._agent.kick_board(board_uuid,
                                                           session_id))
        try:
            return future.result(ROUTER_CALL_TIMEOUT * 2)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise exception.BoardCallTimeout(board=board_uuid,
                                             procedure='wamp.session.kill',
                                             timeout=ROUTER_CALL_TIMEOUT * 2)


class WampAgent:

    def __init__(self, host=None, conductor=None):
        self.host = host or CONF.host
        self.conductor = conductor or conductor_rpcapi.ConductorAPI()
        self.context = iotronic_context.get_admin_context()
        self.loop = None
        self.connection = None
        self._ready = set()           # board sessions with procedures
        # Sessions of boards logged in through this agent: the only
        # leaves it reports (registrations, other agents' boards and
        # clients come and go by the thousand and are none of its
        # business).
        self._boards_here = set()
        self._set_up = threading.Event()
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=16, thread_name_prefix=f'{self.host}-io')
        self._stopping = threading.Event()
        self._loop_thread = None
        self._server = None

    @property
    def board_url(self):
        return CONF.wamp.board_router_url or CONF.wamp.router_url

    # Life cycle (called from ordinary threads).

    def start(self):
        wampagent_obj.WampAgent.register(
            self.context, {'hostname': self.host, 'wsurl': self.board_url,
                           'online': True,
                           'ragent': CONF.wamp.register_agent},
            update_existing=True)
        self.loop = asyncio.new_event_loop()
        self.connection = wamp_client.Connection(
            CONF.wamp.router_url, CONF.wamp.wamp_realm, self._on_join,
            serializers=CONF.wamp.serializers,
            max_delay=CONF.wamp.reconnect_max_delay,
            name=f'wamp agent {self.host}', credentials=self._credentials,
            ca_file=CONF.wamp.ca_file)
        self._loop_thread = threading.Thread(
            target=self._run_loop, name=f'{self.host}-wamp', daemon=True)
        self._loop_thread.start()
        endpoint = AgentEndpoint(self)
        if CONF.rpc_transport == 'none':
            rpcapi.serve_locally(self.host, endpoint)
        else:
            rpc.init()
            self._server = rpc.get_server(
                messaging.Target(topic=rpcapi.TOPIC, server=self.host),
                [endpoint])
            self._server.start()
        periodic.every(CONF.wamp.agent_heartbeat_interval, self._beat,
                       self._stopping, f'heartbeat of wamp agent {self.host}')
        LOG.info('Wamp agent %s started: router %s, boards connect to %s',
                 self.host, CONF.wamp.router_url, self.board_url)

    @staticmethod
    def _credentials():
        if not CONF.wamp.agent_secret:
            return None
        return wamp_client.Credentials('wampcra', CONF.wamp.agent_authid,
                                       CONF.wamp.agent_secret)

    def _run_loop(self):
        asyncio.set_event_loop(self.loop)
        self._session_task = self.loop.create_task(self.connection.run())
        self.loop.run_forever()

    def submit(self, coroutine):
        """Run ``coroutine`` on the agent's loop from another thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def wait_joined(self, timeout):
        """Block until the agent has joined the router and set up."""
        return self._set_up.wait(timeout)

    def _beat(self):
        # Off the router, boards cannot reach us: let the heartbeat lapse
        # so that no board is assigned here.
        if self.connection.session is not None:
            wampagent_obj.WampAgent.get_by_hostname(self.context,
                                                    self.host).touch()

    def stop(self):
        self._stopping.set()
        if self._server is not None:
            self._server.stop()
            self._server.wait()
        rpcapi.serve_locally(self.host, None)
        if self.loop is not None:
            try:
                self.submit(self._leave()).result(10)
            except Exception:
                LOG.exception('Leaving the router failed')
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._loop_thread.join(10)
        try:
            wampagent_obj.WampAgent.get_by_hostname(
                self.context, self.host).unregister()
        except exception.NotFound:
            pass
        self._executor.shutdown(wait=False, cancel_futures=True)
        LOG.info('Wamp agent %s stopped', self.host)

    # On the loop.

    async def _leave(self):
        await self.connection.stop()
        await asyncio.wait_for(self._session_task, 5)

    async def _off_loop(self, function, *args):
        return await self.loop.run_in_executor(self._executor, function,
                                               *args)

    @staticmethod
    async def _router(call):
        """A call to the router's own procedures, which answer at once
        unless the router is in trouble."""
        return await asyncio.wait_for(call, ROUTER_CALL_TIMEOUT)

    async def _on_join(self, session, details):
        self._set_up.clear()
        self._ready.clear()
        await session.subscribe(self._on_session_leave,
                                'wamp.session.on_leave')
        # Reconcile before serving logins: a board logging in through us
        # meanwhile would not be in the router's list yet.
        live = await self._router(session.call('wamp.session.list'))
        gone = await self._off_loop(self.conductor.reconcile_sessions,
                                    self.context, self.host, live)
        if gone:
            LOG.info('Boards offline after reconcile: %s', ', '.join(gone))
        self._boards_here = await self._off_loop(self._sessions_here)
        with_caller = types.RegisterOptions(details_arg='details')
        prefix = f'{self.host}.stack4things'
        for name, handler in (('connection', self._connection),
                              ('wamp_alive', self._wamp_alive),
                              ('alive', self._wamp_alive),
                              ('notify_result', self._notify_result)):
            await session.register(handler, f'{prefix}.{name}',
                                   options=with_caller)
        # Shared by every agent that serves them.
        if CONF.wamp.register_agent:
            await session.register(self._register, REGISTER_URI,
                                   options=types.RegisterOptions(
                                       details_arg='details',
                                       invoke='roundrobin'))
        shared = types.RegisterOptions(invoke='roundrobin')
        # Every agent serves the router's questions about boards.
        await session.register(self._authenticate,
                               identity.AUTHENTICATE_URI, options=shared)
        await session.register(self._authorize, identity.AUTHORIZE_URI,
                               options=shared)
        self._set_up.set()

    def _sessions_here(self):
        """Valid sessions of the boards assigned to this agent (after a
        restart, boards logged in through the agent's previous life)."""
        return {board.session for board in board_obj.Board.list(
            self.context, filters={'agent': self.host})
            if board.session is not None}

    def _on_session_leave(self, session_id, *args, **kwargs):
        session_id = str(session_id)
        self._ready.discard(session_id)
        if session_id in self._boards_here:
            self._boards_here.discard(session_id)
            asyncio.ensure_future(self._board_left(session_id))

    async def _board_left(self, session_id):
        try:
            await self._off_loop(self.conductor.disconnect_session,
                                 self.context, str(session_id))
        except Exception:
            LOG.exception('Recording that session %s left failed',
                          session_id)

    # Procedures boards call.

    async def _answer(self, what, function, *args, message=None):
        """Ask the conductor on behalf of a board; answer the envelope.

        The conductor's own errors are the board's to see; anything else
        is logged here and the board only learns that it failed.
        """
        try:
            value = await self._off_loop(function, self.context, *args)
        except exception.IotronicException as e:
            LOG.warning('%s refused: %s', what, e.user_message)
            return envelope.encode(envelope.ERROR, e.user_message)
        except Exception:
            LOG.exception('%s failed', what)
            return envelope.encode(envelope.ERROR,
                                   f'IoTronic could not complete {what}; '
                                   'try again later')
        return envelope.encode(envelope.SUCCESS,
                               value if message is None else message)

    # The router's questions (dynamic authentication and authorization).

    async def _authenticate(self, realm, authid, details):
        """WAMP-Ticket: a board's uuid and credential, or the registration
        authid and a one-time code. The refusal never says which part was
        wrong."""
        ticket = (details or {}).get('ticket')
        if authid == identity.REGISTRATION_AUTHID:
            role = identity.ROLE_REGISTRANT
            accepted = await self._off_loop(self._code_usable, ticket)
        else:
            role = identity.ROLE_BOARD
            accepted = await self._off_loop(self._credential_valid, authid,
                                            ticket)
        if not accepted:
            LOG.warning('Router authentication refused for authid %r',
                        str(authid)[:64])
            raise wamp_exception.ApplicationError(
                wamp_exception.ApplicationError.NOT_AUTHORIZED,
                'authentication failed')
        return {'role': role}

    @staticmethod
    def _code_usable(code):
        if not isinstance(code, str) or not code:
            return False
        board = board_obj.Board.dbapi.get_board_identity(code=code)
        return board is not None and not board.code_used

    @staticmethod
    def _credential_valid(board_uuid, secret):
        if not isinstance(secret, str):
            return False
        dbapi = board_obj.Board.dbapi
        board = dbapi.get_board_identity(uuid=str(board_uuid))
        if board is None:
            return False
        if identity.secret_matches(secret, board.credential_hash):
            return True
        if identity.secret_matches(secret, board.credential_next_hash):
            # A rotation the board completed before IoTronic heard back.
            dbapi.promote_board_credential(board.uuid,
                                           board.credential_next_hash)
            return True
        return False

    def _authorize(self, session, uri, action, options=None):
        """What a board session may do; the router caches the answer for
        the session."""
        allowed = identity.may(session.get('authrole'),
                               session.get('authid'),
                               session.get('session'), uri, action,
                               (options or {}).get('match', 'exact'))
        if not allowed:
            LOG.warning('Router refused %s %s to %s %s (session %s)',
                        action, uri, session.get('authrole'),
                        session.get('authid'), session.get('session'))
        return {'allow': allowed, 'disclose': True, 'cache': True}

    # Procedures boards call.

    def _legacy_refused(self, what, details):
        """A caller without a credential, when legacy boards are not
        accepted: refused."""
        if details.caller_authrole in (identity.ROLE_BOARD,
                                       identity.ROLE_REGISTRANT):
            return None
        if CONF.wamp.allow_legacy_boards:
            return None
        LOG.warning('%s refused: session %s (role %s) has no board '
                    'credential and legacy boards are not accepted', what,
                    details.caller, details.caller_authrole)
        return envelope.encode(envelope.ERROR,
                               'this IoTronic does not accept boards '
                               'without a credential')

    async def _register(self, code=None, session=None, details=None):
        """A board registers with its code; it gets its configuration
        (and its credential). An authenticated board registering again
        (its agent is gone) is given a live agent."""
        what = f'registration from session {details.caller}'
        if details.caller_authrole == identity.ROLE_BOARD:
            return await self._answer(
                what, self.conductor.reassign_board,
                details.caller_authid, self.host)
        refused = self._legacy_refused(what, details)
        if refused is not None:
            return refused
        legacy = details.caller_authrole != identity.ROLE_REGISTRANT
        return await self._answer(what, self.conductor.register_board, code,
                                  self.host, legacy)

    async def _connection(self, uuid=None, session=None, info=None,
                          details=None):
        """A registered board logs in: it is online."""
        caller = details.caller
        what = f'login of board {uuid}'
        if session is not None and str(session) != str(caller):
            LOG.warning('Board %s claimed session %s but is session %s',
                        uuid, session, caller)
        if details.caller_authrole == identity.ROLE_BOARD:
            if str(uuid) != details.caller_authid:
                LOG.warning('%s refused: session %s is board %s', what,
                            caller, details.caller_authid)
                return envelope.encode(envelope.ERROR,
                                       'a board logs in as itself only')
        else:
            refused = self._legacy_refused(what, details)
            if refused is None and await self._off_loop(
                    self._has_credential, uuid):
                LOG.warning('%s refused: session %s has no credential and '
                            'the board has one', what, caller)
                refused = envelope.encode(envelope.ERROR,
                                          'this board must authenticate')
            if refused is not None:
                return refused
        self._boards_here.add(str(caller))
        return await self._answer(
            what, self.conductor.connect_board, uuid,
            str(caller), self.host, info, message='')

    @staticmethod
    def _has_credential(board_uuid):
        board = board_obj.Board.dbapi.get_board_identity(uuid=str(board_uuid))
        return board is not None and board.credential_hash is not None

    async def _wamp_alive(self, board_uuid=None, board_name=None,
                          details=None):
        """Keepalive. A board whose session is not its current one (it
        was taken offline meanwhile) is told so: it must log in again."""
        current = await self._off_loop(self._valid_session, board_uuid)
        if current != str(details.caller):
            raise wamp_exception.ApplicationError(
                'iotronic.error.not_connected',
                f'board {board_uuid} is not logged in with this session')
        return ('Iotronic alive @ '
                f'{datetime.datetime.now(datetime.UTC).isoformat()}')

    def _valid_session(self, board_uuid):
        """The board's valid session id, read from the sessions table
        alone: every board asks this every keepalive."""
        try:
            return session_obj.SessionWP.get_valid_by_board_uuid(
                self.context, str(board_uuid)).session_id
        except exception.IotronicException:
            return None

    async def _notify_result(self, board_uuid=None, wampmessage=None,
                             details=None):
        return await self._answer(
            f'result from board {board_uuid}', self.conductor.notify_result,
            board_uuid, str(details.caller), wampmessage,
            message='notification_received')

    # Calls to boards.

    async def _wait_procedures(self, session, session_id, prefix):
        if session_id in self._ready:
            return
        uri = f'{prefix}.{READY_PROCEDURE}'
        deadline = self.loop.time() + CONF.wamp.procedure_wait_timeout
        # match, not lookup: boards of ours register all their procedures
        # as one prefix, Lightning-rod registers each by name.
        while await self._router(session.call('wamp.registration.match',
                                              uri)) is None:
            if self.loop.time() > deadline:
                raise exception.BoardCallFailed(
                    board=prefix.rsplit('.', 1)[-1], procedure=uri,
                    reason='its procedures are not registered on the '
                           'router')
            await asyncio.sleep(0.1)
        if len(self._ready) > _READY_CACHE_SIZE:
            self._ready.clear()
        self._ready.add(session_id)

    async def call_board(self, board_uuid, session_id, procedure, args,
                         timeout):
        session = self.connection.session
        if session is None:
            raise exception.BoardCallFailed(
                board=board_uuid, procedure=procedure,
                reason=f'wamp agent {self.host} is not connected to the '
                       'router')
        prefix = identity.board_prefix(session_id, board_uuid)
        try:
            await self._wait_procedures(session, session_id, prefix)
            return await asyncio.wait_for(
                session.call(f'{prefix}.{procedure}', *args), timeout)
        except TimeoutError:
            raise exception.BoardCallTimeout(board=board_uuid,
                                             procedure=procedure,
                                             timeout=timeout)
        except wamp_exception.ApplicationError as e:
            reason = e.error if not e.args else f'{e.error}: {e.args[0]}'
            raise exception.BoardCallFailed(board=board_uuid,
                                            procedure=procedure,
                                            reason=reason)

    async def kick_board(self, board_uuid, session_id=None):
        """Have the router close the sessions of a board: every session
        authenticated as it, and its current session (a legacy board's
        is anonymous)."""
        session = self.connection.session
        if session is None:
            raise exception.BoardCallFailed(
                board=board_uuid, procedure='wamp.session.kill',
                reason=f'wamp agent {self.host} is not connected to the '
                       'router')
        reason = 'iotronic.error.credential_revoked'
        killed = await self._router(session.call(
            'wamp.session.kill_by_authid', str(board_uuid), reason=reason))
        count = len(killed or [])
        if session_id is not None:
            try:
                await self._router(session.call(
                    'wamp.session.kill', int(session_id), reason=reason))
                count += 1
            except (wamp_exception.ApplicationError, ValueError):
                pass        # already gone (or killed above)
        LOG.info('Closed %d router session(s) of board %s', count,
                 board_uuid)
        return count

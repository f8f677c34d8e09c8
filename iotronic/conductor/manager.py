"""The conductor: the one writer of IoTronic's resources.

Concurrency model: one ``ConductorManager`` per process, serving RPC calls
on oslo.messaging's threading executor, so calls run in parallel threads.
Nothing is cached in memory between calls: every call reads what it needs
from the database, and concurrent writers of the same board are kept
apart by the board's revision (a stale write fails with a conflict rather
than overwriting). Any number of conductors can therefore serve the same
topic.
"""

import copy
import datetime
import json

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils
from oslo_utils import uuidutils

from iotronic.common import exception
from iotronic.common import states
from iotronic.conductor import provisioner
from iotronic.conductor import rpcapi
from iotronic.conductor import tunnels
from iotronic.conf import CONF
from iotronic.objects import board as board_obj
from iotronic.objects import exposed_service as exposed_obj
from iotronic.objects import fleet as fleet_obj
from iotronic.objects import injection_plugin as injection_obj
from iotronic.objects import plugin as plugin_obj
from iotronic.objects import request as request_obj
from iotronic.objects import result as result_obj
from iotronic.objects import service as service_obj
from iotronic.objects import session as session_obj
from iotronic.objects import wampagent as wampagent_obj
from iotronic.wamp import envelope
from iotronic.wamp import identity
from iotronic.wamp import rpcapi as agent_rpcapi

LOG = logging.getLogger(__name__)

# Errors the caller caused: returned to it, not logged as failures here.
_EXPECTED = messaging.expected_exceptions(exception.IotronicException)


class ConductorManager:
    target = messaging.Target(version=rpcapi.RPC_API_VERSION)

    def __init__(self, host):
        self.host = host
        self.agents = agent_rpcapi.AgentAPI()

    @staticmethod
    def _create(obj):
        obj.create()
        return obj

    @staticmethod
    def _update(obj):
        obj.save()
        return obj

    @_EXPECTED
    def create_board(self, context, board):
        LOG.info('Creating board %(name)s (%(uuid)s) in project %(project)s',
                 {'name': board.name, 'uuid': board.uuid,
                  'project': board.project})
        return self._create(board)

    @_EXPECTED
    def update_board(self, context, board):
        if 'code' in board.obj_what_changed():
            # A new code is a new enrolment: it works once again.
            board.code_used = False
        return self._update(board)

    @_EXPECTED
    def destroy_board(self, context, board_uuid):
        """Delete a board and everything hanging off it. An online
        board first closes its tunnels and removes its plugins; one that
        cannot is deleted all the same (its tunnels lose their grant in
        sshd, and it is refused when it comes back)."""
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        for exposure in exposed_obj.ExposedService.list(
                context, filters={'board_uuid': board.uuid}):
            self._clean_board(context, board, states.SERVICE_DISABLE,
                              self._service_args(context,
                                                 exposure.service_uuid))
        for injection in injection_obj.InjectionPlugin.list(
                context, filters={'board_uuid': board.uuid}):
            self._clean_board(context, board, 'PluginRemove',
                              [injection.plugin_uuid])
        board.destroy()
        # Whatever session it still has goes with it.
        self._kick(context, board)
        LOG.info('Deleted board %s', board_uuid)

    @_EXPECTED
    def create_plugin(self, context, plugin):
        return self._create(plugin)

    @_EXPECTED
    def update_plugin(self, context, plugin):
        return self._update(plugin)

    @_EXPECTED
    def destroy_plugin(self, context, plugin_uuid):
        """Delete a plugin, removing it from every board it is on."""
        plugin = plugin_obj.Plugin.get_by_uuid(context, plugin_uuid)
        for injection in injection_obj.InjectionPlugin.list(
                context, filters={'plugin_uuid': plugin.uuid}):
            board = board_obj.Board.get_by_uuid(context,
                                                injection.board_uuid)
            self._clean_board(context, board, 'PluginRemove', [plugin.uuid])
            injection.destroy()
        plugin.destroy()

    @_EXPECTED
    def create_service(self, context, service):
        return self._create(service)

    @_EXPECTED
    def update_service(self, context, service):
        return self._update(service)

    @_EXPECTED
    def destroy_service(self, context, service_uuid):
        """Delete a service, closing its tunnel on every board."""
        service = service_obj.Service.get_by_uuid(context, service_uuid)
        for exposure in exposed_obj.ExposedService.list(
                context, filters={'service_uuid': service.uuid}):
            board = board_obj.Board.get_by_uuid(context,
                                                exposure.board_uuid)
            self._clean_board(context, board, states.SERVICE_DISABLE,
                              self._service_args(context, service.uuid))
            exposure.destroy()
        service.destroy()

    def _clean_board(self, context, board, procedure, args):
        """Undo something on a board as part of a delete: done when the
        board can, logged when it cannot; the delete goes on either way
        (an offline board is left as it is)."""
        try:
            self._call_board_ok(context, board, procedure, args)
        except exception.IotronicException as e:
            LOG.warning('Board %(board)s could not %(procedure)s while '
                        'deleting: %(error)s',
                        {'board': board.uuid, 'procedure': procedure,
                         'error': e.user_message})

    @_EXPECTED
    def create_fleet(self, context, fleet):
        return self._create(fleet)

    @_EXPECTED
    def update_fleet(self, context, fleet):
        return self._update(fleet)

    @_EXPECTED
    def destroy_fleet(self, context, fleet_uuid):
        fleet_obj.Fleet.get_by_uuid(context, fleet_uuid).destroy()

    # The board link: what wamp agents report about boards.

    def _live_agents(self, context):
        since = timeutils.utcnow() - datetime.timedelta(
            seconds=CONF.wamp.agent_heartbeat_timeout)
        return wampagent_obj.WampAgent.list(
            context, filters={'online': True, 'alive_since': since})

    def _main_agent(self, context, board, live):
        """The board's agent if alive, else the live one with fewest
        boards (a board of a dead agent moves when it registers again)."""
        by_name = {agent.hostname: agent for agent in live}
        if board.agent in by_name:
            return by_name[board.agent]
        if not live:
            raise exception.NoLiveWampAgent(board=board.uuid)
        load = board_obj.Board.dbapi.count_boards_by_agent(list(by_name))
        return min(live, key=lambda agent: (load[agent.hostname],
                                            agent.hostname))

    @_EXPECTED
    def register_board(self, context, code, registration_agent,
                       legacy=False):
        """A board registered with its one-time code: assign it an agent
        and, unless it is a legacy board, issue its router credential.

        :returns: the board's configuration document, which the agent
            hands back to the board; it carries the credential (under
            ``iotronic.wamp.credential``), which is never stored.
        """
        try:
            board = board_obj.Board.get_by_code(context, str(code))
        except exception.BoardNotFound:
            raise exception.UnknownRegistrationCode()
        if board.code_used:
            raise exception.UnknownRegistrationCode()
        board.code_used = True
        secret = None if legacy else identity.new_secret()
        board.credential_hash = secret and identity.hash_secret(secret)
        board.credential_next_hash = None
        config = self._assign(context, board, registration_agent)
        if secret is not None:
            config = copy.deepcopy(config)
            config['iotronic']['wamp']['credential'] = secret
        LOG.info('Board %(uuid)s registered%(legacy)s; main agent '
                 '%(agent)s', {'uuid': board.uuid, 'agent': board.agent,
                               'legacy': ' (legacy, no credential)'
                               if legacy else ''})
        return config

    @_EXPECTED
    def reassign_board(self, context, board_uuid, registration_agent):
        """An authenticated board whose agent is gone: a live agent.

        :returns: its configuration document, without credential (the
            board keeps the one it has).
        """
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        config = self._assign(context, board, registration_agent)
        LOG.info('Board %(uuid)s reassigned to agent %(agent)s',
                 {'uuid': board.uuid, 'agent': board.agent})
        return config

    def _assign(self, context, board, registration_agent):
        live = self._live_agents(context)
        ragent = next((a for a in live if a.hostname == registration_agent),
                      None)
        if ragent is None:
            ragent = wampagent_obj.WampAgent.get_by_hostname(
                context, registration_agent)
        agent = self._main_agent(context, board, live)
        board.status = states.transition(board.status, states.REGISTER)
        board.agent = agent.hostname
        board.config = provisioner.board_config(board, agent, ragent,
                                                CONF.wamp.wamp_realm)
        # A board that registers again has lost its previous session.
        _end_valid_session(context, board.uuid)
        board.save()
        return board.config

    @_EXPECTED
    def rotate_credential(self, context, board_uuid):
        """Give an online board a new router credential.

        The new one is accepted as soon as it is stored (the board may
        reconnect with it before this returns) and replaces the old one
        when the board confirms; until then both work, so a board that
        stored it but whose answer was lost is never locked out.
        """
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        if board.credential_hash is None:
            raise exception.NoBoardCredential(board=board.uuid)
        _check_online(board)
        secret = identity.new_secret()
        board.credential_next_hash = identity.hash_secret(secret)
        board.save()
        outcome = self._call_board_ok(
            context, board, identity.SET_CREDENTIAL_PROCEDURE, [secret])
        board.dbapi.promote_board_credential(board.uuid,
                                             board.credential_next_hash)
        LOG.info('Board %s has a new router credential', board.uuid)
        return outcome

    @_EXPECTED
    def revoke_credential(self, context, board_uuid):
        """The board can no longer join the router; its session is
        closed now. It comes back only through a new enrolment (a new
        registration code)."""
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        board.credential_hash = None
        board.credential_next_hash = None
        board.save()
        self._kick(context, board)
        LOG.info('Router credential of board %s revoked', board.uuid)
        return board

    def _kick(self, context, board):
        """Close the router sessions of ``board``, through its agent or,
        if that one is gone, any live agent (they share the router)."""
        if not board.code_used:
            return          # never registered: no session of its own
        live = sorted((a.hostname for a in self._live_agents(context)),
                      key=lambda hostname: hostname != board.agent)
        for agent in live:
            try:
                self.agents.kick_board(context, agent, board.uuid,
                                       board.session)
                return
            except exception.IotronicException as e:
                LOG.warning('Agent %(agent)s could not close the sessions '
                            'of board %(board)s: %(error)s',
                            {'agent': agent, 'board': board.uuid,
                             'error': e})

    @_EXPECTED
    def connect_board(self, context, board_uuid, session_id, agent, info):
        """A board's session joined on ``agent``: it is online.

        ``session_id`` is the one the router disclosed, never one the
        board claimed.
        """
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        board.status = states.transition(board.status, states.CONNECT)
        session_obj.SessionWP(context, board_uuid=board.uuid,
                              session_id=str(session_id),
                              valid=True).create()
        board.agent = agent
        info = info or {}
        if info.get('lr_version'):
            board.lr_version = str(info['lr_version'])[:45]
        connectivity = dict(info.get('connectivity') or {})
        if info.get('mac_addr'):
            connectivity['mac_addr'] = info['mac_addr']
        if connectivity:
            board.connectivity = connectivity
        tunnel_key = info.get('tunnel_key')
        if isinstance(tunnel_key, str) and len(tunnel_key) <= 255:
            board.tunnel_key = tunnel_key
        board.save()
        LOG.info('Board %(uuid)s connected (session %(session)s on '
                 '%(agent)s)', {'uuid': board.uuid, 'session': session_id,
                                'agent': agent})
        return board

    @staticmethod
    def _apply_event(context, board_uuid, event, attempts=5):
        """Move a board through ``event``, rereading it if another writer
        changed it in between (presence events must never be lost)."""
        for attempt in range(attempts):
            board = board_obj.Board.get_by_uuid(context, board_uuid)
            board.status = states.transition(board.status, event)
            try:
                board.save()
                return board
            except exception.ConcurrentUpdate:
                if attempt == attempts - 1:
                    raise

    def _disconnect(self, context, session_id):
        session = session_obj.SessionWP.invalidate(context, str(session_id))
        if session is None:
            return None
        board = self._apply_event(context, session.board_uuid,
                                  states.DISCONNECT)
        LOG.info('Board %(uuid)s disconnected (session %(session)s)',
                 {'uuid': board.uuid, 'session': session_id})
        return board.uuid

    @_EXPECTED
    def disconnect_session(self, context, session_id):
        """A session left the router. A board's valid session? offline.

        :returns: the uuid of the board that went offline, or None for
            sessions that were not a board's (agents, stale sessions).
        """
        return self._disconnect(context, session_id)

    @_EXPECTED
    def reconcile_sessions(self, context, agent, live_session_ids):
        """After an agent (re)joins: boards of ``agent`` whose valid
        session the router no longer has are offline.

        :returns: the uuids of the boards that went offline.
        """
        live = {str(s) for s in live_session_ids}
        gone = []
        for board in board_obj.Board.list(context,
                                          filters={'agent': agent}):
            if board.session is not None and board.session not in live:
                if self._disconnect(context, board.session):
                    gone.append(board.uuid)
        return gone

    @_EXPECTED
    def set_maintenance(self, context, board_uuid, maintenance):
        """Put a board in maintenance (it refuses actions), or take it
        out: it is then online again if its session is still there."""
        if maintenance:
            return self._apply_event(context, board_uuid,
                                     states.START_MAINTENANCE)
        board = self._apply_event(context, board_uuid,
                                  states.END_MAINTENANCE)
        if board.session is not None:
            board = self._apply_event(context, board_uuid, states.CONNECT)
        return board

    # Work sent to boards: every call is a request, tracked to the end.

    @_EXPECTED
    def board_action(self, context, board_uuid, action, parameters=None):
        """Run one of the board actions on a board.

        :returns: the request's result (a Result object); RUNNING when
            the board will report the outcome later through
            notify_result.
        """
        if action not in states.BOARD_ACTIONS:
            raise exception.InvalidAction(
                action=action, kind='board',
                allowed=', '.join(states.BOARD_ACTIONS))
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        args = [] if parameters is None else [parameters]
        return self._call_board(context, board, action, args)[0]

    def _call_board(self, context, board, procedure, args):
        """Call a procedure of a board as a tracked request.

        :returns: (the request's Result, the board's message as it sent
            it: any JSON value).
        """
        _check_online(board)
        request = request_obj.Request(
            context, uuid=uuidutils.generate_uuid(),
            destination_uuid=board.uuid, main_request_uuid=None,
            pending_requests=0, project=board.project,
            status=states.REQUEST_PENDING,
            type=states.REQUEST_TYPE_BOARD, action=procedure)
        result = result_obj.Result(
            context, board_uuid=board.uuid, request_uuid=request.uuid,
            result=states.RESULT_RUNNING, message=None)
        request.create_with_result(result)
        if _speaks_requests(board.lr_version):
            args = [_request_for_board(request)] + list(args)
        try:
            answer = self.agents.call_board(
                context, board.agent, board.uuid, board.session, procedure,
                args)
        except exception.BoardCallTimeout:
            self._finish(request, result, states.RESULT_TIMEOUT,
                         states.REQUEST_TIMEOUT, None)
            raise
        except exception.IotronicException as e:
            self._finish(request, result, states.RESULT_ERROR,
                         states.REQUEST_FAILED, e.user_message)
            raise
        outcome, message = parse_envelope(answer)
        self._record(request, result, outcome, message)
        LOG.info('%(procedure)s on board %(board)s: %(outcome)s (request '
                 '%(request)s)', {'procedure': procedure,
                                  'board': board.uuid, 'outcome': outcome,
                                  'request': request.uuid})
        return result, message

    def _record(self, request, result, outcome, message):
        """What a board answered: RUNNING keeps the request open."""
        # A RUNNING answer changes nothing: the result is RUNNING already,
        # and the board's report may even have arrived first.
        if outcome != states.RESULT_RUNNING:
            self._finish(request, result, outcome, states.REQUEST_COMPLETED,
                         _as_text(message))

    @staticmethod
    def _finish(request, result, outcome, status, message):
        result.result = outcome
        result.message = message
        request.status = status
        request.save_with_result(result)

    @_EXPECTED
    def notify_result(self, context, board_uuid, session_id, wampmessage):
        """A board reports how a long action ended.

        ``session_id`` is the caller's session as the router disclosed
        it: a board may only report on its own requests.

        :returns: the updated result, or None when there was nothing
            left to update (unknown, finished or expired request).
        """
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        if board.session != str(session_id):
            raise exception.NotAuthorized()
        if isinstance(wampmessage, str):
            try:
                wampmessage = json.loads(wampmessage)
            except ValueError:
                raise exception.Invalid()
        if not isinstance(wampmessage, dict) or not wampmessage.get(
                'req_id'):
            raise exception.Invalid()
        outcome, message = parse_envelope(wampmessage)
        try:
            result = result_obj.Result.get(context, board_uuid,
                                           str(wampmessage['req_id']))
        except exception.NotFound:
            return None
        if result.result != states.RESULT_RUNNING:
            return None
        request = request_obj.Request.get_by_uuid(context,
                                                  result.request_uuid)
        self._record(request, result, outcome, message)
        return result

    def _call_board_ok(self, context, board, procedure, args):
        """Call the board; what it said when it did it (or had nothing
        to do), BoardRefused with what it said when it could not.

        :returns: {request, result, message}; the message as the board
            sent it (any JSON value).
        """
        result, message = self._call_board(context, board, procedure, args)
        if result.result not in (states.RESULT_SUCCESS,
                                 states.RESULT_WARNING,
                                 states.RESULT_RUNNING):
            raise exception.BoardRefused(board=board.uuid,
                                         procedure=procedure,
                                         reason=result.message)
        return {'request': result.request_uuid, 'result': result.result,
                'message': message}

    # Plugins on boards.

    @_EXPECTED
    def inject_plugin(self, context, board_uuid, plugin_uuid, onboot):
        """Install (or update) a plugin on a board. The injection is
        recorded only once the board confirmed it."""
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        plugin = plugin_obj.Plugin.get_by_uuid(context, plugin_uuid)
        result = self._call_board_ok(
            context, board, 'PluginInject',
            [provisioner.plugin_document(plugin), bool(onboot)])
        try:
            injection = injection_obj.InjectionPlugin.get(
                context, board.uuid, plugin.uuid)
            injection.status = states.UPDATED
            injection.onboot = bool(onboot)
            injection.save()
        except exception.InjectionPluginNotFound:
            injection_obj.InjectionPlugin(
                context, board_uuid=board.uuid, plugin_uuid=plugin.uuid,
                onboot=bool(onboot), status=states.INJECTED).create()
        return result

    @_EXPECTED
    def remove_plugin(self, context, board_uuid, plugin_uuid):
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        injection = injection_obj.InjectionPlugin.get(context, board.uuid,
                                                      plugin_uuid)
        result = self._call_board_ok(context, board, 'PluginRemove',
                                     [plugin_uuid])
        injection.destroy()
        return result

    @_EXPECTED
    def plugin_action(self, context, board_uuid, plugin_uuid, action,
                      parameters=None):
        if action not in states.PLUGIN_ACTIONS:
            raise exception.InvalidAction(
                action=action, kind='plugin',
                allowed=', '.join(states.PLUGIN_ACTIONS))
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        injection_obj.InjectionPlugin.get(context, board.uuid, plugin_uuid)
        plugin = plugin_obj.Plugin.get_by_uuid(context, plugin_uuid)
        if action in states.PLUGIN_RUNS:
            missing = sorted(set(plugin.parameters or {})
                             - set(parameters or {}))
            if missing:
                raise exception.MissingParameters(
                    plugin=plugin.name, missing=', '.join(missing))
        args = [plugin.uuid]
        if action != 'PluginStatus':
            args.append(parameters)
        return self._call_board_ok(context, board, action, args)

    # Services exposed by boards.

    def _tunnel(self, context, board):
        agent = None
        if board.agent:
            try:
                agent = wampagent_obj.WampAgent.get_by_hostname(
                    context, board.agent)
            except exception.WampAgentNotFound:
                pass
        return tunnels.endpoint(board, agent)

    @staticmethod
    def _service_args(context, service_uuid, tunnel=None, public_port=None):
        service = service_obj.Service.get_by_uuid(context, service_uuid)
        args = [provisioner.service_document(service, tunnel)]
        if public_port is not None:
            args.append(public_port)
        return args

    @_EXPECTED
    def service_action(self, context, board_uuid, service_uuid, action):
        """Enable, disable or restore a service's tunnel on a board."""
        if action not in states.SERVICE_ACTIONS:
            raise exception.InvalidAction(
                action=action, kind='service',
                allowed=', '.join(states.SERVICE_ACTIONS))
        board = board_obj.Board.get_by_uuid(context, board_uuid)
        _check_online(board)
        if action == states.SERVICE_DISABLE:
            exposure = exposed_obj.ExposedService.get(context, board.uuid,
                                                      service_uuid)
            result = self._call_board_ok(
                context, board, action,
                self._service_args(context, service_uuid))
            exposure.destroy()
            return result
        # Before a port is taken: a misconfigured sshd must not leave an
        # exposure behind.
        tunnel = self._tunnel(context, board)
        if action == states.SERVICE_RESTORE:
            exposure = exposed_obj.ExposedService.get(context, board.uuid,
                                                      service_uuid)
            return self._call_board_ok(
                context, board, action, self._service_args(
                    context, service_uuid, tunnel, exposure.public_port))
        exposure = tunnels.allocate(context, board.uuid, service_uuid)
        try:
            return self._call_board_ok(
                context, board, action, self._service_args(
                    context, service_uuid, tunnel, exposure.public_port))
        except Exception:
            exposure.destroy()
            raise

    @_EXPECTED
    def restore_services(self, context, board_uuid):
        """Open again every tunnel of a board.

        :returns: the board's exposures.
        """
        exposures = exposed_obj.ExposedService.list(
            context, filters={'board_uuid': board_uuid})
        for exposure in exposures:
            self.service_action(context, board_uuid, exposure.service_uuid,
                                states.SERVICE_RESTORE)
        return exposures

    @_EXPECTED
    def authorized_keys(self, context, key_type, key):
        """For sshd (iotronic-ssh-authorized-keys): what the board
        presenting ``key`` may do; None for nothing."""
        return tunnels.authorized_keys(context, key_type, key)

    # Periodic work, shared among conductors by the hash ring.

    def expire_requests(self, context, owns):
        """Requests past their deadline end in TIMEOUT."""
        deadline = timeutils.utcnow() - datetime.timedelta(
            seconds=CONF.conductor.request_timeout)
        expired = 0
        for request in request_obj.Request.list(
                context, filters={'status': states.REQUEST_PENDING,
                                  'created_before': deadline}):
            if not owns(request.destination_uuid):
                continue
            for result in result_obj.Result.list(
                    context, filters={'request_uuid': request.uuid,
                                      'result': states.RESULT_RUNNING}):
                result.result = states.RESULT_TIMEOUT
                result.save()
            request.status = states.REQUEST_TIMEOUT
            request.save()
            expired += 1
        return expired

    def disconnect_boards_of_dead_agents(self, context, owns):
        """Boards whose agent died cannot be reached: they are offline
        until they register again (through a live agent)."""
        live = {agent.hostname for agent in self._live_agents(context)}
        dead = [agent.hostname for agent in wampagent_obj.WampAgent.list(
            context) if agent.hostname not in live]
        gone = []
        if not dead:
            return gone
        for board in board_obj.Board.list(
                context, filters={'agents': dead,
                                  'status': states.ONLINE}):
            if owns(board.uuid) and board.session is not None:
                if self._disconnect(context, board.session):
                    gone.append(board.uuid)
        return gone


def _end_valid_session(context, board_uuid):
    """Invalidate the board's valid session, if it has one."""
    try:
        current = session_obj.SessionWP.get_valid_by_board_uuid(context,
                                                                board_uuid)
    except exception.SessionNotFound:
        return
    session_obj.SessionWP.invalidate(context, current.session_id)


def _check_online(board):
    """Only an online board (not in maintenance, with a session) can be
    called."""
    if not states.accepts_actions(board.status) or board.session is None:
        raise exception.BoardNotConnected(board=board.uuid,
                                          state=board.status)


def _version_tuple(text):
    parts = []
    for part in str(text).split('.'):
        digits = ''.join(c for c in part if c.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _speaks_requests(lr_version):
    """Whether the board takes the request as its first argument
    (Lightning-rod 0.4.9 and later, and IoTronic's own board agent)."""
    return not lr_version or _version_tuple(lr_version) >= (0, 4, 9)


def _request_for_board(request):
    return {'id': request.id, 'uuid': request.uuid,
            'destination_uuid': request.destination_uuid,
            'main_request_uuid': request.main_request_uuid,
            'pending_requests': request.pending_requests,
            'status': request.status, 'project': request.project,
            'type': request.type, 'action': request.action,
            'created_at': provisioner.iso(request.created_at),
            'updated_at': provisioner.iso(request.updated_at)}


def parse_envelope(answer):
    """(result, message) of a board's answer; a bare answer (not an
    envelope) is a success."""
    decoded = envelope.decode(answer)
    if decoded is None:
        return states.RESULT_SUCCESS, answer
    outcome = str(decoded['result']).upper()
    if outcome not in states.FINAL_RESULTS + (states.RESULT_RUNNING,):
        outcome = states.RESULT_ERROR
    return outcome, decoded.get('message')


def _as_text(message):
    if message is None or isinstance(message, str):
        return message
    return json.dumps(message)

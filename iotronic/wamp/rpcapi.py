"""Client side of the wamp agent RPC API: how conductors reach boards.

A board is reached through the agent it is connected to: calls go to
topic ``iotronic.wamp_agent`` with ``server`` set to that agent's host.

Version history:

* 1.0 - Initial version: call_board.
* 1.1 - kick_board: close a board's router sessions.
"""

import oslo_messaging as messaging

from iotronic.common import exception
from iotronic.common import rpc
from iotronic.conf import CONF

TOPIC = 'iotronic.wamp_agent'
RPC_API_VERSION = '1.1'

# Agents of this process, for ``rpc_transport = none``: host -> endpoint.
_LOCAL_AGENTS = {}

# What the bus may add to a board call on top of the board's own time.
_BUS_MARGIN = 10
# Seconds an agent has to have the router close a board's sessions.
_KICK_TIMEOUT = 20


def serve_locally(host, endpoint):
    """Make the agent ``endpoint`` callable in-process as ``host``."""
    if endpoint is None:
        _LOCAL_AGENTS.pop(host, None)
    else:
        _LOCAL_AGENTS[host] = endpoint


class AgentAPI:

    def __init__(self):
        self._in_process = CONF.rpc_transport == 'none'
        if not self._in_process:
            rpc.init()
            self._client = rpc.get_client(
                messaging.Target(topic=TOPIC, version=RPC_API_VERSION),
                version_cap=RPC_API_VERSION)

    def _prepare(self, agent, timeout):
        if self._in_process:
            endpoint = _LOCAL_AGENTS.get(agent)
            if endpoint is None:
                raise exception.NoLiveWampAgent(board=agent)
            return rpc.InProcessClient(endpoint)
        return self._client.prepare(server=agent, timeout=timeout)

    def call_board(self, context, agent, board_uuid, session_id, procedure,
                   args=(), timeout=None):
        """Call ``iotronic.<session>.<board>.<procedure>(*args)``.

        :returns: what the board answered, as it answered it.
        :raises: BoardCallTimeout when the board is silent for
            ``timeout`` seconds; BoardCallFailed when the router could
            not deliver the call or the board raised.
        """
        timeout = timeout or CONF.wamp.board_call_timeout
        rpc_timeout = (timeout + CONF.wamp.procedure_wait_timeout
                       + _BUS_MARGIN)
        try:
            return self._prepare(agent, rpc_timeout).call(
                context, 'call_board', board_uuid=board_uuid,
                session_id=str(session_id), procedure=procedure,
                args=list(args), timeout=timeout)
        except messaging.MessagingTimeout:
            # The agent itself did not answer: it died or is wedged.
            raise exception.BoardCallTimeout(board=board_uuid,
                                             procedure=procedure,
                                             timeout=rpc_timeout)

    def kick_board(self, context, agent, board_uuid, session_id=None):
        """Close every router session of ``board_uuid`` (its credential
        was revoked, or it was deleted)."""
        return self._prepare(agent, _KICK_TIMEOUT).call(
            context, 'kick_board', board_uuid=board_uuid,
            session_id=session_id and str(session_id))

"""Board states, and the one place that says how a board moves between them.

``registered``: enrolled through the API, never registered by the board.
``offline``: the board registered with its code; not connected now.
``online``: connected to a wamp agent; the only state that takes actions.
``maintenance``: set by an operator; refuses actions, and connections
or disconnections do not take the board out of it.

Upstream IoTronic assigned status strings wherever it pleased; here every
change goes through :func:`transition`, which refuses the moves the table
does not allow.
"""

from iotronic.common import exception

REGISTERED = 'registered'
OFFLINE = 'offline'
ONLINE = 'online'
MAINTENANCE = 'maintenance'

ALL = (REGISTERED, OFFLINE, ONLINE, MAINTENANCE)

# What happens to a board.
REGISTER = 'register'                  # it registered with its code
CONNECT = 'connect'                    # its session joined the router
DISCONNECT = 'disconnect'              # its session left (or was lost)
START_MAINTENANCE = 'start_maintenance'
END_MAINTENANCE = 'end_maintenance'

EVENTS = (REGISTER, CONNECT, DISCONNECT, START_MAINTENANCE,
          END_MAINTENANCE)

# (state, event) -> the next state. Presence events are idempotent: a
# second "connect" of an online board (a new session) keeps it online.
TRANSITIONS = {
    (REGISTERED, REGISTER): OFFLINE,
    (OFFLINE, REGISTER): OFFLINE,
    (ONLINE, REGISTER): OFFLINE,       # re-registered: old session void
    (MAINTENANCE, REGISTER): MAINTENANCE,

    (OFFLINE, CONNECT): ONLINE,
    (ONLINE, CONNECT): ONLINE,
    (MAINTENANCE, CONNECT): MAINTENANCE,

    (ONLINE, DISCONNECT): OFFLINE,
    (OFFLINE, DISCONNECT): OFFLINE,
    (REGISTERED, DISCONNECT): REGISTERED,
    (MAINTENANCE, DISCONNECT): MAINTENANCE,

    (REGISTERED, START_MAINTENANCE): MAINTENANCE,
    (OFFLINE, START_MAINTENANCE): MAINTENANCE,
    (ONLINE, START_MAINTENANCE): MAINTENANCE,
    (MAINTENANCE, START_MAINTENANCE): MAINTENANCE,

    # Presence is reconciled afterwards: a connected board goes online.
    (MAINTENANCE, END_MAINTENANCE): OFFLINE,
}


def transition(state, event):
    """The state a board in ``state`` moves to when ``event`` happens."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise exception.InvalidStateTransition(state=state, event=event)


def accepts_actions(state):
    """Whether a board in ``state`` may be sent actions and plugins."""
    return state == ONLINE


# Requests sent to boards. A request is PENDING until its board answers
# with a final result; it never stays PENDING past its deadline.
REQUEST_PENDING = 'PENDING'
REQUEST_COMPLETED = 'COMPLETED'      # the board gave a final result
REQUEST_TIMEOUT = 'TIMEOUT'          # the board was silent past the deadline
REQUEST_FAILED = 'FAILED'            # the call could not be delivered

# What a board answers (Lightning-rod's envelope), plus TIMEOUT.
RESULT_RUNNING = 'RUNNING'
RESULT_SUCCESS = 'SUCCESS'
RESULT_WARNING = 'WARNING'
RESULT_ERROR = 'ERROR'
RESULT_TIMEOUT = 'TIMEOUT'
FINAL_RESULTS = (RESULT_SUCCESS, RESULT_WARNING, RESULT_ERROR)

REQUEST_TYPE_BOARD = 0

# Board actions (upstream's allow-list).
BOARD_ACTIONS = ('DevicePing', 'DeviceReboot', 'DeviceRestartLR',
                 'DeviceNetConfig', 'DeviceEcho', 'DeviceUpgradeLR',
                 'DevicePkgOperation', 'DeviceRestSubmit')

# Plugin actions on a board (upstream's allow-list), and the ones that run
# the plugin, which need every parameter the plugin declares.
PLUGIN_ACTIONS = ('PluginStart', 'PluginStop', 'PluginCall',
                  'PluginStatus', 'PluginReboot')
PLUGIN_RUNS = ('PluginStart', 'PluginCall', 'PluginReboot')

# A plugin's injection, as the board confirmed it.
INJECTED = 'injected'
UPDATED = 'updated'

# Service actions on a board.
SERVICE_ENABLE = 'ServiceEnable'
SERVICE_DISABLE = 'ServiceDisable'
SERVICE_RESTORE = 'ServiceRestore'
SERVICE_ACTIONS = (SERVICE_ENABLE, SERVICE_DISABLE, SERVICE_RESTORE)

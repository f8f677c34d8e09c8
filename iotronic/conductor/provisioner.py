"""The configuration document a board receives when it registers.

Its shape is Lightning-rod 0.5's: the board agent stores it as its
settings and reads the board's identity and the WAMP routers to use from
it. The board's own status in it is always "registered": that is what
Lightning-rod checks to know it has been provisioned.
"""

import pickle

from iotronic.common import states

# Board fields the document carries (never the stored config itself).
_BOARD_FIELDS = ('uuid', 'code', 'name', 'type', 'mobile', 'extra',
                 'agent', 'owner', 'project', 'fleet', 'lr_version',
                 'connectivity')


def iso(value):
    return value.isoformat() if value is not None else None


def board_config(board, main_agent, registration_agent, realm):
    """The settings of ``board``, assigned to ``main_agent``."""
    document = {name: board[name] for name in _BOARD_FIELDS}
    document.update(status=states.REGISTERED, agent=main_agent.hostname,
                    created_at=iso(board.created_at),
                    updated_at=iso(board.updated_at))
    location = board.location
    document['location'] = {} if location is None else {
        'latitude': location.latitude, 'longitude': location.longitude,
        'altitude': location.altitude,
        'updated_at': iso(location.updated_at or location.created_at)}
    return {'iotronic': {
        'board': document,
        'wamp': {
            'main-agent': {'url': main_agent.wsurl, 'realm': realm},
            'registration-agent': {'url': registration_agent.wsurl,
                                   'realm': realm},
        },
        'extra': {},
    }}


def _columns(obj, names):
    document = {name: obj[name] for name in names}
    document.update(id=obj.id, created_at=iso(obj.created_at),
                    updated_at=iso(obj.updated_at))
    return document


def plugin_document(plugin):
    """A plugin as boards receive it in PluginInject.

    Lightning-rod 0.5 reads ``code``: the source pickled (protocol 0),
    which it unpickles. IoTronic's board agent reads ``source``, the text
    itself, and never unpickles anything. Both get both.
    """
    document = _columns(plugin, ('uuid', 'name', 'owner', 'project',
                                 'public', 'callable', 'parameters',
                                 'extra'))
    source = plugin.code or ''
    document['source'] = source
    document['code'] = pickle.dumps(source, protocol=0).decode('latin-1')
    return document


def service_document(service, tunnel):
    """A service as boards receive it in ServiceEnable/Restore/Disable,
    with the sshd to open the tunnel to (IoTronic's board agent)."""
    document = _columns(service, ('uuid', 'name', 'project', 'port',
                                  'protocol', 'extra'))
    if tunnel is not None:
        document['tunnel'] = tunnel
    return document

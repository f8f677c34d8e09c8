"""The configuration document a board receives when it registers.

Its shape is Lightning-rod 0.5's: the board agent stores it as its
settings and reads the board's identity and the WAMP routers to use from
it. The board's own status in it is always "registered": that is what
Lightning-rod checks to know it has been provisioned.
"""

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

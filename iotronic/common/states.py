"""Board states. Every state string IoTronic uses is spelled here.

``registered``: enrolled through the API, never connected.
``offline``: registered with its code, not connected now.
``online``: connected to a wamp agent.
"""

REGISTERED = 'registered'
OFFLINE = 'offline'
ONLINE = 'online'

ALL = (REGISTERED, OFFLINE, ONLINE)

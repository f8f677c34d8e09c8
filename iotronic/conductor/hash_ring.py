"""Which conductor looks after which board.

Any conductor serves any RPC call (the state is in the database), but
periodic work on boards (expiring requests, taking the boards of a dead
agent offline) must be done once: each board belongs to one live
conductor on a consistent hash ring. The ring is rebuilt from the
conductors' heartbeats on every pass, so the boards of a dead conductor
are picked up by the others within one heartbeat timeout, and a
conductor joining moves only its share of boards.
"""

import datetime

from oslo_utils import timeutils
from tooz import hashring

from iotronic.conf import CONF
from iotronic.objects import conductor as conductor_obj


def live_conductors(context):
    since = timeutils.utcnow() - datetime.timedelta(
        seconds=CONF.conductor.heartbeat_timeout)
    return sorted(c.hostname for c in conductor_obj.Conductor.list(
        context, filters={'online': True, 'alive_since': since}))


class ConductorRing:
    """The ring as one conductor sees it now."""

    def __init__(self, host, members):
        self.host = host
        # A conductor that has not written its first heartbeat yet still
        # does its share rather than none.
        self.members = sorted(set(members) | {host})
        self._ring = hashring.HashRing(self.members)

    @classmethod
    def load(cls, context, host):
        return cls(host, live_conductors(context))

    def owner(self, key):
        return next(iter(self._ring.get_nodes(key.encode())))

    def owns(self, key):
        return self.owner(key) == self.host

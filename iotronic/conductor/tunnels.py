"""Public ports and the sshd that carries service tunnels.

A public port is allocated by inserting the exposure row: the database's
unique key on ``public_port`` is the only arbiter, so two conductors (or
one restarted) can never hand out the same port. The row exists before
the board is asked to open its tunnel, because sshd grants the board's
key exactly the ports its rows hold.
"""

import pathlib
import random
import urllib.parse

from oslo_log import log as logging

from iotronic.common import exception
from iotronic.conf import CONF
from iotronic.objects import board as board_obj
from iotronic.objects import exposed_service as exposed_obj

LOG = logging.getLogger(__name__)

# How many taken ports an allocation tolerates before giving up (other
# conductors allocating at the same moment).
_ATTEMPTS = 20


def allocate(context, board_uuid, service_uuid):
    """Record ``service`` as exposed on ``board`` on a free public port.

    :returns: the ExposedService row.
    :raises: ServiceAlreadyExposed, NoFreePublicPort.
    """
    low, high = CONF.services.port_min, CONF.services.port_max
    for _ in range(_ATTEMPTS):
        taken = {row.public_port
                 for row in exposed_obj.ExposedService.list(context)}
        free = [port for port in range(low, high + 1) if port not in taken]
        if not free:
            raise exception.NoFreePublicPort(low=low, high=high)
        exposure = exposed_obj.ExposedService(
            context, board_uuid=board_uuid, service_uuid=service_uuid,
            public_port=random.choice(free))  # noqa: S311
        try:
            exposure.create()
            return exposure
        except exception.ExposedServiceAlreadyExists:
            try:
                current = exposed_obj.ExposedService.get(
                    context, board_uuid, service_uuid)
            except exception.ExposedServiceNotFound:
                continue        # the port went to someone else: again
            raise exception.ServiceAlreadyExposed(
                service=service_uuid, board=board_uuid,
                port=current.public_port)
    raise exception.NoFreePublicPort(low=low, high=high)


def _host_keys():
    keys = []
    for path in CONF.services.ssh_host_key_files:
        try:
            fields = pathlib.Path(path).read_text().split()
        except OSError as e:
            LOG.error('Cannot read sshd host key %s: %s', path, e)
            continue
        keys.append(' '.join(fields[:2]))
    return keys


def endpoint(board, agent):
    """Where ``board`` opens its tunnels, and how to verify it."""
    host = CONF.services.ssh_host
    if not host and agent is not None and agent.wsurl:
        host = urllib.parse.urlsplit(agent.wsurl).hostname
    if not host:
        raise exception.ServicesNotConfigured(
            reason='no [services] ssh_host and no agent URL to take it from')
    keys = _host_keys()
    if not keys:
        raise exception.ServicesNotConfigured(
            reason='no readable sshd host key in [services] '
                   'ssh_host_key_files')
    return {'host': host, 'port': CONF.services.ssh_port,
            'user': CONF.services.ssh_user, 'host_keys': keys,
            'bind': CONF.services.bind_address}


def authorized_keys(context, key_type, key):
    """The authorized_keys line sshd needs for a presented key: the
    board's exposed ports and nothing else; None for an unknown key or a
    board with nothing exposed."""
    if not key_type or not key or any(c in key_type + key
                                      for c in ' \n\r"'):
        return None
    try:
        board = board_obj.Board.get_by_tunnel_key(context,
                                                  f'{key_type} {key}')
    except exception.BoardNotFound:
        return None
    ports = sorted(row.public_port for row in
                   exposed_obj.ExposedService.list(
                       context, filters={'board_uuid': board.uuid}))
    if not ports:
        return None
    bind = CONF.services.bind_address
    listen = ','.join(
        f'permitlisten="{bind + ":" if bind else ""}{port}"'
        for port in ports)
    # Local forwards (-L) are refused by sshd_config's
    # "AllowTcpForwarding remote" for the tunnel account.
    return (f'restrict,port-forwarding,{listen},command="/bin/false" '
            f'{key_type} {key} board-{board.uuid}')

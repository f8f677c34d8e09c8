"""Who may do what on the router: board identity and authorization.

Crossbar authenticates every session and asks IoTronic about the ones it
cannot decide alone, through two procedures the wamp agents serve:

* ``iotronic.authenticate`` (dynamic WAMP-Ticket): a board presents its
  uuid and its credential and joins as role ``board``; a board that has
  not registered yet presents its one-time registration code and joins
  as role ``registrant``, which may only call ``stack4things.register``.
* ``iotronic.authorize`` (dynamic authorizer of the ``board`` and
  ``legacy-board`` roles): a board registers only its own procedures,
  under ``iotronic.<its session>.<its uuid>.``, and calls only what wamp
  agents offer boards. It never subscribes, publishes, or calls another
  board.

Agents join with WAMP-CRA under a secret the router's configuration and
the agents' share (``[wamp] agent_secret``). Lightning-rod 0.5 cannot
authenticate at all: with ``[wamp] allow_legacy_boards`` it joins
anonymously as role ``legacy-board``.

Board credentials are 256 random bits; the server keeps only their
SHA-256, which is enough for a secret that cannot be guessed and keeps
authentication cheap for a router facing thousands of boards.
"""

import hashlib
import hmac
import re
import secrets

AUTHENTICATE_URI = 'iotronic.authenticate'
AUTHORIZE_URI = 'iotronic.authorize'

ROLE_AGENT = 'iotronic-agent'
ROLE_BOARD = 'board'
ROLE_REGISTRANT = 'registrant'
ROLE_LEGACY = 'legacy-board'

# The authid a board presents with its registration code as ticket.
REGISTRATION_AUTHID = 'registration'

REGISTER_URI = 'stack4things.register'
# The board procedure that stores a new credential (IoTronic's board
# agent only; Lightning-rod 0.5 has no credential).
SET_CREDENTIAL_PROCEDURE = 'BoardSetCredential'
# What boards call on their wamp agent: <agent host>.stack4things.<name>.
AGENT_PROCEDURES = ('connection', 'wamp_alive', 'alive', 'notify_result')
_AGENT_PROCEDURE = re.compile(
    r'^[^.\s]+(\.[^.\s]+)*\.stack4things\.(%s)$' % '|'.join(AGENT_PROCEDURES))

_HASH_PREFIX = 'sha256$'


def new_secret():
    """A new board credential (URL-safe text, 256 bits)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret):
    return _HASH_PREFIX + hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret, stored_hash):
    if not secret or not stored_hash:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)


def board_prefix(session_id, board_uuid):
    """Where a board's procedures live for one of its sessions."""
    return f'iotronic.{session_id}.{board_uuid}'


def is_agent_procedure(uri):
    return bool(_AGENT_PROCEDURE.match(uri))


def may(role, authid, session_id, uri, action, match='exact'):
    """Whether a board session of ``role`` may do ``action`` on ``uri``
    (``match``: how a registration matches calls).

    A credentialed board registers under its own session *and* uuid,
    procedure by procedure or all at once (a prefix registration of
    ``<prefix>.``, which only its own procedures' URIs can match); a
    legacy board's uuid is only a claim, so it is held to its own session
    (its procedures cannot shadow another session's).
    """
    if role == ROLE_BOARD:
        own, parts = board_prefix(session_id, authid) + '.', 1
        if action == 'register' and match == 'prefix' and uri == own:
            return True
    elif role == ROLE_LEGACY:
        own, parts = f'iotronic.{session_id}.', 2     # <uuid>.<name>
    else:
        return False
    if action == 'register':
        rest = uri[len(own):].split('.') if uri.startswith(own) else []
        return len(rest) == parts and all(rest)
    if action == 'call':
        return uri == REGISTER_URI or is_agent_procedure(uri)
    return False

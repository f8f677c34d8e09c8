"""Board identity on the router, on a real Crossbar with IoTronic's
authenticator and authorizer.

A board joins only as itself, with the credential it received when it
registered; it registers only its own procedures and calls only what the
wamp agents offer boards; a revoked board is out within seconds; a
rotated credential replaces the old one. Legacy boards are refused on
this stack (``allow_legacy_boards`` is off by default).
"""

import asyncio
import json
import time

from autobahn.wamp import exception as wamp_exception
from autobahn.wamp import types
import pytest
import sqlalchemy as sa

from iotronic.tests.functional.wamp import conftest
from iotronic.wamp import client as wamp_client
from iotronic.wamp import identity

NOT_AUTHORIZED = 'wamp.error.not_authorized'
CREDENTIAL_API = '1.5'


def _refused(link, credentials):
    """The router's reason for refusing ``credentials``."""
    async def joined(session, details):
        return details

    with pytest.raises(conftest.Refused) as refused:
        asyncio.run(conftest.join(link.router.url, joined, credentials))
    return str(refused.value)


def _joins(link, credentials):
    async def joined(session, details):
        return details.authrole
    return asyncio.run(conftest.join(link.router.url, joined, credentials))


def _row(link, uuid):
    engine = sa.create_engine(link.database_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            'SELECT credential_hash, credential_next_hash, code_used FROM '
            'boards WHERE uuid = :u'), {'u': uuid}).one()
    engine.dispose()
    return row


def test_a_board_joins_only_as_itself_and_its_code_works_once(link):
    board = link.online('board-a')
    code = link.board_settings('board-a')['iotronic']['board']['code']
    own = link.as_board('board-a')
    assert own.authid == board['uuid']
    stored = _row(link, board['uuid'])
    assert stored.code_used
    assert stored.credential_hash == identity.hash_secret(own.secret)
    assert own.secret not in json.dumps(board)
    assert _joins(link, own) == identity.ROLE_BOARD

    ticket = wamp_client.Credentials
    # The code was spent on registration.
    assert NOT_AUTHORIZED in _refused(
        link, ticket('ticket', identity.REGISTRATION_AUTHID, code))
    # Its uuid without its credential, or another secret for it.
    assert NOT_AUTHORIZED in _refused(
        link, ticket('ticket', board['uuid'], identity.new_secret()))
    assert NOT_AUTHORIZED in _refused(link, ticket('ticket', board['uuid'],
                                                   ''))
    other = link.online('board-b')
    assert NOT_AUTHORIZED in _refused(
        link, ticket('ticket', other['uuid'], own.secret))
    # Nobody joins anonymously (no legacy boards here), and nobody joins
    # as an agent without the agents' secret.
    assert 'not_authorized' in _refused(link, None) or 'no_auth' in \
        _refused(link, None)
    assert NOT_AUTHORIZED in _refused(
        link, ticket('wampcra', 'iotronic-agent', 'guessed'))


def test_a_board_cannot_reach_another_board(link):
    """A board taken over by an attacker (its own credential) cannot
    call, shadow or hijack another board, nor watch the router."""
    victim = link.online('board-victim')
    link.online('board-rogue')
    rogue = link.as_board('board-rogue')
    their = f'iotronic.{victim["session"]}.{victim["uuid"]}'

    async def attack(session, details):
        mine = f'iotronic.{details.session}'
        shared = types.RegisterOptions(invoke='roundrobin')
        attempts = {
            'call the victim': session.call(f'{their}.DevicePing', {}),
            'shadow the victim': session.register(
                lambda: 'pwned', f'{mine}.{victim["uuid"]}.DevicePing'),
            'register under its session': session.register(
                lambda: 'pwned', f'{their}.Backdoor'),
            # Joining the agents' shared registrations, as they do.
            'serve registration': session.register(
                lambda code=None, session=None: 'pwned',
                identity.REGISTER_URI, shared),
            'serve authentication': session.register(
                lambda *a, **k: 'pwned', identity.AUTHENTICATE_URI,
                shared),
            'serve authorization': session.register(
                lambda *a, **k: 'pwned', identity.AUTHORIZE_URI, shared),
            'watch sessions': session.subscribe(lambda *a: None,
                                                'wamp.session.on_join'),
            'list sessions': session.call('wamp.session.list'),
            'kill the victim': session.call('wamp.session.kill',
                                            int(victim['session'])),
        }
        outcomes = {}
        for what, attempt in attempts.items():
            try:
                await attempt
                outcomes[what] = 'allowed'
            except wamp_exception.ApplicationError as e:
                outcomes[what] = e.error
        hijack = await session.call(
            f'{victim["agent"]}.stack4things.connection',
            uuid=victim['uuid'], session=details.session,
            info={'lr_version': '0.5.0'})
        # What it may do: its own procedures.
        await session.register(lambda: 'mine',
                               f'{mine}.{rogue.authid}.Extra')
        return outcomes, json.loads(hijack)

    outcomes, hijack = asyncio.run(conftest.join(link.router.url, attack,
                                                 rogue))
    assert outcomes == dict.fromkeys(outcomes, NOT_AUTHORIZED), outcomes
    assert hijack['result'] == 'ERROR', hijack
    # The victim kept its session and answers.
    assert link.board('board-victim')['session'] == victim['session']
    assert link.action('board-victim', 'DevicePing').json()[
        'result'] == 'SUCCESS'


def test_a_revoked_board_is_out_within_seconds_until_enrolled_again(link):
    board = link.online('board-revoked')
    old = link.as_board('board-revoked')
    # Not before API 1.5.
    link.call('DELETE', '/v1/boards/board-revoked/credential', status=404)
    start = time.monotonic()
    link.call('DELETE', '/v1/boards/board-revoked/credential', status=204,
              version=CREDENTIAL_API)
    link.wait_status('board-revoked', 'offline',
                     timeout=conftest.PRESENCE_DEADLINE)
    kicked_after = time.monotonic() - start
    assert kicked_after < conftest.PRESENCE_DEADLINE
    assert _row(link, board['uuid']).credential_hash is None
    assert NOT_AUTHORIZED in _refused(link, old)
    # Its board agent keeps trying, and stays out.
    time.sleep(3)
    assert link.board('board-revoked')['status'] == 'offline'
    # Rotating needs a credential to replace.
    link.call('POST', '/v1/boards/board-revoked/credential', status=409,
              version=CREDENTIAL_API)

    # A new code is a new enrolment.
    link.call('PATCH', '/v1/boards/board-revoked', {'code': 'code-again'},
              status=200)
    link.stop('board-revoked')
    link.start_board('board-revoked', 'code-again')
    link.wait_status('board-revoked', 'online', timeout=15)
    assert link.as_board('board-revoked').secret != old.secret


def test_rotation_replaces_the_credential(link):
    board = link.online('board-rotated')
    old = link.as_board('board-rotated')
    rotated = link.call('POST', '/v1/boards/board-rotated/credential',
                        status=200, version=CREDENTIAL_API)
    assert rotated.json()['result'] == 'SUCCESS'
    assert rotated.headers['Location'].endswith(rotated.json()['request'])
    assert 'credential' not in rotated.text.replace('"request"', '')
    new = link.as_board('board-rotated')
    assert new.secret != old.secret
    stored = _row(link, board['uuid'])
    assert stored.credential_hash == identity.hash_secret(new.secret)
    assert stored.credential_next_hash is None
    assert NOT_AUTHORIZED in _refused(link, old)
    assert _joins(link, new) == identity.ROLE_BOARD
    # The board comes back with it after a restart.
    link.stop('board-rotated')
    link.wait_status('board-rotated', 'offline')
    code = link.board_settings('board-rotated')['iotronic']['board']['code']
    link.start_board('board-rotated', code)
    link.wait_status('board-rotated', 'online', timeout=15)
    # An offline board cannot receive one.
    link.stop('board-rotated')
    link.wait_status('board-rotated', 'offline')
    link.call('POST', '/v1/boards/board-rotated/credential', status=409,
              version=CREDENTIAL_API)


def test_deleting_a_board_closes_its_session(link):
    board = link.online('board-deleted')
    credentials = link.as_board('board-deleted')
    link.call('DELETE', '/v1/boards/board-deleted', status=204)
    deadline = time.monotonic() + conftest.PRESENCE_DEADLINE
    log = link.processes['board-deleted'].log
    while 'credential_revoked' not in log():
        assert time.monotonic() < deadline, log()[-2000:]
        time.sleep(0.2)
    assert NOT_AUTHORIZED in _refused(link, credentials)
    assert board['uuid']


def test_no_credential_or_code_reaches_a_log_or_the_api(link):
    """Every board of this module's tests: their codes and current
    credentials appear in no process's log, and the credentials in no API
    answer."""
    link.online('board-logged')
    link.call('POST', '/v1/boards/board-logged/credential', status=200,
              version=CREDENTIAL_API)
    credentials, codes = set(), set()
    for path in (link.workdir / 'boards').glob('*/settings.json'):
        settings = json.loads(path.read_text())['iotronic']
        codes.add(settings['board']['code'])
        if settings['wamp'].get('credential'):
            credentials.add(settings['wamp']['credential'])
    assert len(credentials) >= 5
    logs = {path.name: path.read_text(errors='replace')
            for path in link.workdir.glob('*.log')}
    assert {'agent-a.log', 'conductor-a.log', 'api.log'} <= set(logs)
    for name, text in logs.items():
        leaked = [s for s in credentials | codes if s in text]
        assert not leaked, f'{name} logged a code or credential'
    listed = link.call('GET', '/v1/boards/detail', status=200,
                       version=CREDENTIAL_API).text
    assert not [s for s in credentials if s in listed]

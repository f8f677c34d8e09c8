"""What a board session may do on the router, and how the router is
configured to ask."""

import pytest

from iotronic.wamp import identity
from iotronic.wamp import router

BOARD = '4e0c1a9e-7d4b-4f55-a1f5-1c9d0c3c2b10'
OTHER = '9b2f7a51-3c1e-4d7a-8a0f-6e5d4c3b2a19'
SESSION = 1234
OTHER_SESSION = 5678


@pytest.mark.parametrize('uri,action,allowed', [
    # Its own procedures, under its own session and uuid, one level.
    (f'iotronic.{SESSION}.{BOARD}.DevicePing', 'register', True),
    (f'iotronic.{SESSION}.{BOARD}.a.b', 'register', False),
    (f'iotronic.{SESSION}.{BOARD}.', 'register', False),
    # Another board's, or its own under another session.
    (f'iotronic.{SESSION}.{OTHER}.DevicePing', 'register', False),
    (f'iotronic.{OTHER_SESSION}.{BOARD}.DevicePing', 'register', False),
    # IoTronic's own procedures.
    ('stack4things.register', 'register', False),
    ('agent-a.stack4things.connection', 'register', False),
    (identity.AUTHENTICATE_URI, 'register', False),
    # What agents offer boards, and nothing else.
    ('stack4things.register', 'call', True),
    ('agent-a.stack4things.connection', 'call', True),
    ('agent.example.org.stack4things.wamp_alive', 'call', True),
    ('agent-a.stack4things.notify_result', 'call', True),
    ('agent-a.stack4things.other', 'call', False),
    (f'iotronic.{OTHER_SESSION}.{OTHER}.DevicePing', 'call', False),
    (f'iotronic.{SESSION}.{BOARD}.DevicePing', 'call', False),
    ('wamp.session.list', 'call', False),
    ('wamp.session.kill', 'call', False),
    (identity.AUTHENTICATE_URI, 'call', False),
    # No events at all.
    ('wamp.session.on_join', 'subscribe', False),
    ('wamp.session.on_leave', 'subscribe', False),
    ('anything', 'publish', False),
])
def test_a_board_may_only_do_its_own_work(uri, action, allowed):
    assert identity.may(identity.ROLE_BOARD, BOARD, SESSION, uri,
                        action) is allowed


@pytest.mark.parametrize('uri,allowed', [
    # All its procedures at once: only URIs of its own can match.
    (f'iotronic.{SESSION}.{BOARD}.', True),
    (f'iotronic.{SESSION}.{BOARD}.Device', True),
    # Prefixes that other boards' or other sessions' URIs would match.
    (f'iotronic.{SESSION}.', False),
    (f'iotronic.{SESSION}.{BOARD}', False),
    (f'iotronic.{SESSION}.{OTHER}.', False),
    (f'iotronic.{OTHER_SESSION}.{BOARD}.', False),
    ('iotronic.', False),
    ('', False),
    ('stack4things.', False),
])
def test_a_board_may_register_its_own_prefix_only(uri, allowed):
    assert identity.may(identity.ROLE_BOARD, BOARD, SESSION, uri,
                        'register', 'prefix') is allowed


def test_a_legacy_board_is_held_to_its_own_session():
    may = identity.may
    legacy = identity.ROLE_LEGACY
    assert may(legacy, 'anon', SESSION,
               f'iotronic.{SESSION}.{BOARD}.DevicePing', 'register')
    assert not may(legacy, 'anon', SESSION,
                   f'iotronic.{OTHER_SESSION}.{BOARD}.DevicePing',
                   'register')
    assert not may(legacy, 'anon', SESSION,
                   f'iotronic.{SESSION}.DevicePing', 'register')
    assert not may(legacy, 'anon', SESSION,
                   f'iotronic.{OTHER_SESSION}.{OTHER}.DevicePing', 'call')
    assert not may(legacy, 'anon', SESSION, 'wamp.session.on_join',
                   'subscribe')
    assert not may(legacy, 'anon', SESSION, f'iotronic.{SESSION}.',
                   'register', 'prefix')
    assert not may(legacy, 'anon', SESSION, f'iotronic.{SESSION}.{BOARD}.',
                   'register', 'prefix')


def test_other_roles_get_nothing_from_the_authorizer():
    for role in (identity.ROLE_REGISTRANT, identity.ROLE_AGENT,
                 'anonymous', None):
        assert not identity.may(role, BOARD, SESSION,
                                'stack4things.register', 'call')


def test_credentials_are_random_and_kept_as_hashes():
    first, second = identity.new_secret(), identity.new_secret()
    assert first != second and len(first) >= 43
    stored = identity.hash_secret(first)
    assert first not in stored
    assert identity.secret_matches(first, stored)
    assert not identity.secret_matches(second, stored)
    assert not identity.secret_matches('', stored)
    assert not identity.secret_matches(first, None)


def test_the_router_config_never_opens_the_realm():
    config = router.render_config(8181, 's3cret')
    realm = config['workers'][0]['realms'][0]
    roles = {role['name']: role for role in realm['roles']}
    assert set(roles) == {identity.ROLE_AGENT, identity.ROLE_REGISTRANT,
                          identity.ROLE_BOARD}
    assert roles[identity.ROLE_BOARD]['authorizer'] == \
        identity.AUTHORIZE_URI
    [registrant] = roles[identity.ROLE_REGISTRANT]['permissions']
    assert registrant['uri'] == 'stack4things.register'
    assert registrant['match'] == 'exact'
    assert registrant['allow'] == {'call': True, 'register': False,
                                   'publish': False, 'subscribe': False}
    auth = config['workers'][0]['transports'][0]['auth']
    assert 'anonymous' not in auth
    assert auth['ticket'] == {'type': 'dynamic',
                              'authenticator': identity.AUTHENTICATE_URI}
    assert auth['wampcra']['users']['iotronic-agent'] == {
        'secret': 's3cret', 'role': identity.ROLE_AGENT}


def test_legacy_boards_and_tls_are_explicit(tmp_path):
    config = router.render_config(
        8181, 's3cret', allow_legacy_boards=True,
        certificate=tmp_path / 'c.pem', private_key=tmp_path / 'k.pem')
    worker = config['workers'][0]
    transport = worker['transports'][0]
    assert transport['auth']['anonymous'] == {'type': 'static',
                                              'role': identity.ROLE_LEGACY}
    assert identity.ROLE_LEGACY in {r['name']
                                    for r in worker['realms'][0]['roles']}
    assert transport['endpoint']['tls'] == {
        'certificate': str(tmp_path / 'c.pem'),
        'key': str(tmp_path / 'k.pem')}
    with pytest.raises(ValueError):
        router.render_config(8181, None)
    with pytest.raises(ValueError):
        router.render_config(8181, 's', certificate='c.pem')

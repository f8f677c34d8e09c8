"""wss:// between boards, agents and the router, certificates verified.

The stack runs on a test CA made by ``iotronic.common.tls`` (what
``iotronic-crossbar-config --make-test-ca`` does): the router presents a
certificate for 127.0.0.1, agents and boards are given the CA.
"""

import asyncio
import ssl

import pytest

from iotronic.tests.functional.wamp import conftest


stack = conftest.stack_fixture('tls', use_tls=True)


def test_boards_and_agents_speak_wss_with_verified_certificates(link):
    assert link.router.url.startswith('wss://')
    board = link.online('board-tls')
    assert board['connectivity']['local_ip'] == '127.0.0.1'
    assert link.action('board-tls', 'DevicePing').json()[
        'result'] == 'SUCCESS'
    config = link.board('board-tls')['config']['iotronic']['wamp']
    assert config['main-agent']['url'].startswith('wss://')


def test_a_router_certificate_nobody_vouches_for_is_refused(link):
    async def joined(session, details):
        return details

    # Without the CA (the system's trust store does not know it).
    with pytest.raises(ssl.SSLCertVerificationError):
        asyncio.run(conftest.join(link.router.url, joined,
                                  link.as_agent()))
    # With it, the agents' credentials work.
    details = asyncio.run(conftest.join(link.router.url, joined,
                                        link.as_agent(),
                                        ca_file=link.ca_file))
    assert details.authrole == 'iotronic-agent'
    # Plain WebSocket is not served on the TLS port.
    plain = link.router.url.replace('wss://', 'ws://')
    with pytest.raises((conftest.Refused, ConnectionError, TimeoutError,
                        OSError)):
        asyncio.run(conftest.join(plain, joined, link.as_agent()))

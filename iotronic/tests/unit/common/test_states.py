"""The board state machine: every (state, event) pair, allowed or not."""

import itertools

import pytest

from iotronic.common import exception
from iotronic.common import states

ALLOWED = {
    (states.REGISTERED, states.REGISTER): states.OFFLINE,
    (states.OFFLINE, states.CONNECT): states.ONLINE,
    (states.ONLINE, states.DISCONNECT): states.OFFLINE,
    (states.ONLINE, states.REGISTER): states.OFFLINE,
    (states.ONLINE, states.START_MAINTENANCE): states.MAINTENANCE,
    (states.MAINTENANCE, states.CONNECT): states.MAINTENANCE,
    (states.MAINTENANCE, states.DISCONNECT): states.MAINTENANCE,
    (states.MAINTENANCE, states.END_MAINTENANCE): states.OFFLINE,
}
REFUSED = {
    (states.REGISTERED, states.CONNECT),
    (states.REGISTERED, states.END_MAINTENANCE),
    (states.OFFLINE, states.END_MAINTENANCE),
    (states.ONLINE, states.END_MAINTENANCE),
}


@pytest.mark.parametrize('pair', sorted(ALLOWED))
def test_allowed_moves(pair):
    assert states.transition(*pair) == ALLOWED[pair]


@pytest.mark.parametrize('pair', sorted(REFUSED))
def test_refused_moves_are_409(pair):
    with pytest.raises(exception.InvalidStateTransition) as e:
        states.transition(*pair)
    assert e.value.code == 409
    assert pair[0] in str(e.value)


def test_the_table_covers_known_states_and_events_only():
    for (state, event), target in states.TRANSITIONS.items():
        assert state in states.ALL and target in states.ALL
        assert event in states.EVENTS
    pairs = set(itertools.product(states.ALL, states.EVENTS))
    assert pairs == set(states.TRANSITIONS) | REFUSED


def test_presence_events_are_idempotent():
    for event in (states.CONNECT, states.DISCONNECT):
        for state in states.ALL:
            try:
                once = states.transition(state, event)
            except exception.InvalidStateTransition:
                continue
            assert states.transition(once, event) == once


def test_only_online_boards_take_actions():
    assert [s for s in states.ALL if states.accepts_actions(s)] == [
        states.ONLINE]

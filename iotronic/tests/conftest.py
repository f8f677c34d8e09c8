"""pytest setup common to every IoTronic test."""

import pytest

from iotronic.conf import CONF
from iotronic.tests import fixtures as iotronic_fixtures


@pytest.fixture(autouse=True)
def iotronic_config():
    """Defaults plus what the test overrides; reset after each test."""
    fixture = iotronic_fixtures.Config()
    fixture.setUp()
    # Parse no file and no argument (the reset of the previous test left
    # the configuration unparsed).
    CONF([], project='iotronic', default_config_files=[])
    yield fixture
    fixture.cleanUp()


@pytest.fixture
def use_fixture():
    """Set up a ``fixtures.Fixture`` for the duration of one test."""
    used = []

    def _use(fixture):
        fixture.setUp()
        used.append(fixture)
        return fixture

    yield _use
    for fixture in reversed(used):
        fixture.cleanUp()

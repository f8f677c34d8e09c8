"""pytest setup common to every IoTronic test."""

import pytest

from iotronic.conf import CONF
from iotronic.tests import fixtures as iotronic_fixtures


def pytest_configure(config):
    # Parse no file and no argument: tests see the registered defaults
    # plus what each test overrides.
    CONF([], project='iotronic', default_config_files=[])


@pytest.fixture(autouse=True)
def iotronic_config():
    fixture = iotronic_fixtures.Config()
    fixture.setUp()
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

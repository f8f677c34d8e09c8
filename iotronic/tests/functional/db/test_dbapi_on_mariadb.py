"""The whole DB API unit suite, run again on the real MariaDB.

The tests are collected here from the unit modules, so they pick up the
functional ``dbapi`` fixture: same assertions, other database. Duplicate
key parsing, NULL ordering, cascades and locking differ between backends;
this is where those differences would show.
"""

from iotronic.tests.unit.db.test_boards import *  # noqa: F403
from iotronic.tests.unit.db.test_links import *  # noqa: F403
from iotronic.tests.unit.db.test_resources import *  # noqa: F403

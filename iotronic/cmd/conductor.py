"""iotronic-conductor: the service that owns every write."""

import sys

from iotronic.cmd import dbsync
from iotronic.common import config
from iotronic.conductor import service
from iotronic import objects


def main(argv=None):
    config.prepare_command(sys.argv if argv is None else argv)
    objects.register_all()
    with dbsync.database_errors_as_exit('iotronic-conductor'):
        service.ConductorService().run_until_signalled()

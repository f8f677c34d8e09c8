"""The option list the oslo-config-generator reads (``tox -e genconfig``)."""

from iotronic.conf import database
from iotronic.conf import default


def list_opts():
    return [
        ('DEFAULT', default.path_opts + default.service_opts),
        ('database', database.opts),
    ]


def update_opt_defaults():
    """Library defaults as IoTronic ships them, for the generator."""
    database.set_library_defaults()

"""The option list the oslo-config-generator reads (``tox -e genconfig``)."""

from oslo_db import options as db_options

from iotronic.conf import database
from iotronic.conf import default


def list_opts():
    return [
        ('DEFAULT', default.path_opts + default.service_opts),
        ('database', database.opts),
    ]


def update_opt_defaults():
    """Defaults of library options as IoTronic ships them.

    The generator calls this before rendering, so the sample shows the
    embedded SQLite default rather than the library's empty value.
    """
    from oslo_config import cfg

    db_options.set_defaults(cfg.CONF,
                            connection=database.DEFAULT_CONNECTION)

"""The option list the oslo-config-generator reads (``tox -e genconfig``)."""

from iotronic.conf import api
from iotronic.conf import conductor
from iotronic.conf import database
from iotronic.conf import default
from iotronic.conf import lightningrod
from iotronic.conf import services
from iotronic.conf import wamp


def list_opts():
    return [
        ('DEFAULT', default.path_opts + default.service_opts +
         default.auth_opts + default.rpc_opts),
        ('api', api.opts),
        ('conductor', conductor.opts),
        ('database', database.opts),
        ('lightningrod', lightningrod.opts),
        ('services', services.opts),
        ('wamp', wamp.opts),
    ]


def update_opt_defaults():
    """Library defaults as IoTronic ships them, for the generator."""
    from iotronic.api import app  # imported late: it pulls in pecan

    database.set_library_defaults()
    default.set_library_defaults()
    app.set_middleware_defaults()

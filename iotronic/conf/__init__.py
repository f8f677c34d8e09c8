"""IoTronic configuration: every option group registers itself here.

Importing ``iotronic.conf`` is enough for any process to see every option,
so the sample generator and the services always agree on what exists.
"""

from oslo_config import cfg

from iotronic.conf import api
from iotronic.conf import conductor
from iotronic.conf import database
from iotronic.conf import default
from iotronic.conf import lightningrod
from iotronic.conf import services
from iotronic.conf import wamp

CONF = cfg.CONF

api.register_opts(CONF)
conductor.register_opts(CONF)
default.register_opts(CONF)
database.register_opts(CONF)
lightningrod.register_opts(CONF)
services.register_opts(CONF)
wamp.register_opts(CONF)

"""IoTronic configuration: every option group registers itself here.

Importing ``iotronic.conf`` is enough for any process to see every option,
so the sample generator and the services always agree on what exists.
"""

from oslo_config import cfg

from iotronic.conf import database
from iotronic.conf import default

CONF = cfg.CONF

default.register_opts(CONF)
database.register_opts(CONF)

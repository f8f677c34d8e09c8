# The IoTronic API for mod_wsgi's WSGIScriptAlias (installed as
# <prefix>/share/iotronic/wsgi/iotronic-api.wsgi). Configuration comes from
# /etc/iotronic/iotronic.conf, or the file IOTRONIC_CONFIG_FILE names in
# Apache's environment (/etc/apache2/envvars).
from iotronic.wsgi import application  # noqa: F401

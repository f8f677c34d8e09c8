from oslo_log import log

from iotronic.conf import CONF
from iotronic import version


def parse_args(argv, default_config_files=None):
    """Parse the command line and config files of an IoTronic process."""
    log.register_options(CONF)
    CONF(argv[1:],
         project='iotronic',
         version=version.version_info.release_string(),
         default_config_files=default_config_files)


def prepare_command(argv, default_config_files=None):
    """Everything a console script does before its own work."""
    parse_args(argv, default_config_files=default_config_files)
    log.setup(CONF, 'iotronic')

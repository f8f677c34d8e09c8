from oslo_log import log

from iotronic.conf import CONF
from iotronic import version

# alembic narrates every connection at INFO; our commands print their own
# one-line summary instead.
_QUIET_LOGGERS = ['alembic=WARN']


def parse_args(argv, default_config_files=None):
    """Parse the command line and config files of an IoTronic process."""
    log.register_options(CONF)
    log.set_defaults(default_log_levels=log.get_default_log_levels() +
                     _QUIET_LOGGERS)
    # Logs go to stderr unless a log file is configured, so that what a
    # command prints on stdout (a revision, a table) stays machine-readable.
    CONF.set_default('use_stderr', True)
    CONF(argv[1:],
         project='iotronic',
         version=version.version_info.release_string(),
         default_config_files=default_config_files)


def prepare_command(argv, default_config_files=None):
    """Everything a console script does before its own work."""
    parse_args(argv, default_config_files=default_config_files)
    log.setup(CONF, 'iotronic')

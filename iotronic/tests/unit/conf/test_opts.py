import pathlib
import re

from oslo_config import cfg
from oslo_config import generator

from iotronic.conf import opts

REPO = pathlib.Path(__file__).resolve().parents[4]
GENERATOR_CONF = REPO / 'tools' / 'config' / 'iotronic-config-generator.conf'
SAMPLE = REPO / 'etc' / 'iotronic' / 'iotronic.conf.sample'

SECRET_NAME = re.compile(r'password|secret|token|passphrase|(^|_)key$'
                         r'|^connection$|transport_url')


def test_sample_config_is_current(tmp_path):
    """The committed sample is what the generator writes today.

    Regenerate with ``make genconfig`` (or ``tox -e genconfig``).
    """
    output = tmp_path / 'iotronic.conf.sample'
    conf = cfg.ConfigOpts()
    generator.register_cli_opts(conf)
    conf(['--config-file', str(GENERATOR_CONF),
          '--output-file', str(output)])
    generator.generate(conf)
    assert output.read_text() == SAMPLE.read_text(), (
        'etc/iotronic/iotronic.conf.sample is stale: run make genconfig')


def test_every_option_is_listed_for_the_generator():
    from iotronic.conf import CONF

    listed = {(group, opt.dest) for group, group_opts in opts.list_opts()
              for opt in group_opts}
    registered = set()
    for group, group_opts in opts.list_opts():
        group_obj = CONF if group == 'DEFAULT' else CONF[group]
        for opt in group_opts:
            assert opt.dest in group_obj
            registered.add((group, opt.dest))
    assert listed == registered


def test_options_that_hold_secrets_are_secret():
    """No credential may be logged when a service logs its options."""
    from oslo_db import options as db_options

    groups = opts.list_opts() + [('database', db_options.database_opts)]
    for group, group_opts in groups:
        for opt in group_opts:
            if SECRET_NAME.search(opt.name):
                assert opt.secret, f'[{group}] {opt.name} must be secret'


def test_embedded_database_lives_under_state_path():
    from iotronic.conf import CONF

    CONF.set_override('state_path', '/srv/iot')
    assert CONF.database.connection == 'sqlite:////srv/iot/iotronic.sqlite'

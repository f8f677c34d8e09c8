"""What operators install besides the code: the systemd units (checked by
systemd itself) and the devstack plugin (checked by shellcheck)."""

import configparser
import shutil
import subprocess

import pytest

from iotronic.tests.functional import services

REPO = services.CHECKOUT
UNITS = sorted((REPO / 'etc' / 'systemd' / 'system').glob('*.service'))
SYSTEMD_ANALYZE = shutil.which('systemd-analyze')


def _unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def test_every_service_has_a_unit():
    assert [u.stem for u in UNITS] == [
        'iotronic-conductor', 'iotronic-crossbar', 'iotronic-lightning-rod',
        'iotronic-wamp-agent']


@pytest.mark.parametrize('path', UNITS, ids=lambda p: p.stem)
def test_unit_is_valid_for_systemd(path, tmp_path):
    if SYSTEMD_ANALYZE is None:
        services.unavailable('systemd-analyze', 'install systemd')
    # systemd checks that the commands exist: point them at this
    # checkout's console scripts and Crossbar.
    crossbar = services.PEERS / 'crossbar' / 'bin'
    if not (crossbar / 'crossbar').exists():
        services.unavailable('crossbar', 'run "make peers"')
    text = path.read_text().replace('/usr/local/bin', str(services.BIN))
    text = text.replace('/opt/crossbar/bin', str(crossbar))
    unit = tmp_path / path.name
    unit.write_text(text)
    result = subprocess.run([SYSTEMD_ANALYZE, 'verify', unit],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), (
        result.stdout + result.stderr)


@pytest.mark.parametrize('path', UNITS, ids=lambda p: p.stem)
def test_unit_runs_as_a_dedicated_user_and_restarts(path):
    service = _unit(path)['Service']
    assert service['User'] not in ('root', 'nobody')
    assert service['Restart'] == 'on-failure'
    assert 'ExecStop' in service and 'TimeoutStopSec' in service


def test_units_start_after_what_they_need():
    after = {u.stem: _unit(u)['Unit']['After'].split() for u in UNITS}
    for name in ('iotronic-conductor', 'iotronic-wamp-agent'):
        assert {'mariadb.service', 'rabbitmq-server.service',
                'network-online.target'} <= set(after[name])
    assert 'iotronic-crossbar.service' in after['iotronic-wamp-agent']


def test_devstack_plugin_is_shellcheck_clean():
    shellcheck = services.BIN / 'shellcheck'
    scripts = [REPO / 'devstack' / name
               for name in ('plugin.sh', 'settings', 'lib/iotronic')]
    result = subprocess.run(
        [shellcheck, '--shell=bash', '--external-sources', *scripts],
        capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stdout

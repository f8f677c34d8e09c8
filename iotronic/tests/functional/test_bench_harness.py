"""The benchmark harness (tools/bench/run.py) keeps working: a tiny run
on the real stack, with upstream IoTronic 0.4.17 side by side, prints
every figure it promises. No figure is judged here; performance is read
from the harness's own runs."""

import json
import subprocess
import sys

from iotronic.tests.functional import services

BENCH = services.CHECKOUT / 'tools' / 'bench'
sys.path.insert(0, str(BENCH))
import upstream  # noqa: E402

KEYS = ('floor_ms', 'e2e_p50_ms', 'e2e_ratio', 'actions_per_s',
        'boards_online', 'agent_rss_per_board_kb', 'offline_detect_s',
        'list_queries_per_page')


def test_a_tiny_run_prints_every_figure(tmp_path, mariadb_server):
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        services.unavailable('matplotlib', 'run "make test" (it installs '
                             'test-requirements.txt)')
    if upstream.missing():
        services.unavailable('upstream IoTronic 0.4.17', upstream.missing())
    result = subprocess.run(
        [sys.executable, BENCH / 'run.py', '--quick',
         '--boards', '20', '--seconds', '1', '--upstream',
         '--output', tmp_path],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout)
    for key in KEYS:
        assert figures[key] is not None, key
    assert figures['boards_online'] == 20
    assert set(figures['e2e']) == {'1', '16', '128'}
    assert set(figures['upstream']['e2e']) == {'1', '16', '128'}
    assert figures['upstream']['actions_per_s'] > 0
    assert set(figures['vs_upstream']) == {'throughput_ratio',
                                           'e2e_p50_ratio'}
    assert figures['api_list_page']['boards'] >= 10000
    assert (tmp_path / 'latest.png').stat().st_size > 10000
    assert json.loads((tmp_path / 'latest.json').read_text()) == figures

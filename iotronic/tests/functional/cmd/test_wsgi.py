"""iotronic.wsgi:application as Apache mod_wsgi loads it: a module import
that reads the configuration named by IOTRONIC_CONFIG_FILE."""

import os
import subprocess
import sys

from iotronic.tests.functional import services

PROBE = '''
import webtest
from iotronic.wsgi import application
app = webtest.TestApp(application)
print(app.post_json('/v1/fleets', {'name': 'lab'}).status_int)
print(app.get('/v1/fleets').json['fleets'][0]['name'])
'''


def test_wsgi_module_serves_the_configured_api(tmp_path):
    config = tmp_path / 'iotronic.conf'
    config.write_text(
        '[DEFAULT]\nauth_strategy = noauth\nrpc_transport = none\n'
        f'[database]\nconnection = sqlite:///{tmp_path}/iotronic.sqlite\n')
    subprocess.run([services.BIN / 'iotronic-dbsync', '--config-file',
                    config, 'upgrade'], check=True, timeout=120,
                   capture_output=True)
    probe = subprocess.run(
        [sys.executable, '-c', PROBE], capture_output=True, text=True,
        timeout=120, cwd=tmp_path,
        env=dict(os.environ, IOTRONIC_CONFIG_FILE=str(config)))
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert probe.stdout.split() == ['201', 'lab']

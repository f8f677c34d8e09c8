"""The API as operators deploy it: Debian's Apache with mod_wsgi, our
shipped ``etc/apache2/iotronic.conf``, IoTronic installed (not in
development mode) in a virtual environment of the system's Python, the
daemon processes running as a dedicated user, behind the real Keystone.
"""

import os
import pathlib
import shutil
import subprocess

import pytest
import requests

from iotronic.tests.functional.api.conftest import ApiClient
from iotronic.tests.functional import services

REPO = services.CHECKOUT
SYSTEM_PYTHON = '/usr/bin/python3'
MODULES = pathlib.Path('/usr/lib/apache2/modules')
USER = 'iotronic'

SERVER_CONFIG = '''
ServerRoot "/etc/apache2"
ServerName 127.0.0.1
PidFile {root}/apache2.pid
DefaultRuntimeDir {root}
Mutex file:{root} default
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule wsgi_module {modules}/mod_wsgi.so
User www-data
Group www-data
ErrorLog {root}/apache2-error.log
LogLevel info
Define APACHE_LOG_DIR {root}
Include {root}/iotronic.conf
'''


@pytest.fixture(scope='module')
def apache(deployment):
    services.debian_packages(('/usr/sbin/apache2', 'apache2'),
                             (MODULES / 'mod_wsgi.so',
                              'libapache2-mod-wsgi-py3'))
    if os.geteuid() != 0:
        services.unavailable('root', 'Apache must switch to the '
                             'iotronic user')
    services.system_user(USER)
    port = services.free_port()
    # Outside pytest's private (0700) temporary directories: the
    # iotronic user reads the virtual environment and the configuration.
    root = pathlib.Path(f'/var/tmp/iotronic-apache-{port}')
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(mode=0o755)
    try:
        venv = root / 'venv'
        subprocess.run([SYSTEM_PYTHON, '-m', 'venv', venv], check=True,
                       timeout=120)
        subprocess.run([venv / 'bin' / 'pip', 'install', '--quiet',
                        '--disable-pip-version-check', '-c',
                        REPO / 'upper-constraints.txt', REPO],
                       check=True, timeout=900, capture_output=True)
        config = root / 'iotronic.conf.d'
        config.write_text(deployment.config.read_text())
        site = (REPO / 'etc' / 'apache2' / 'iotronic.conf').read_text()
        site = site.replace('8812', str(port)).replace('/opt/iotronic',
                                                       str(venv))
        (root / 'iotronic.conf').write_text(site)
        (root / 'httpd.conf').write_text(SERVER_CONFIG.format(
            root=root, modules=MODULES))
        subprocess.run(['/usr/bin/chmod', '-R', 'a+rX', root], check=True)
        server = services.ServiceProcess(
            'apache2', ['/usr/sbin/apache2', '-f', root / 'httpd.conf',
                        '-DFOREGROUND'], root,
            env={'IOTRONIC_CONFIG_FILE': str(config)}).start()
        try:
            server.wait_for_port(port)
            server.url = f'http://127.0.0.1:{port}'
            server.root = root
            yield server
        finally:
            server.stop()
    finally:
        if not os.environ.get("KEEP_APACHE"):
            shutil.rmtree(root, ignore_errors=True)


def test_version_document_through_apache(apache):
    response = requests.get(apache.url + '/', timeout=30)
    log = apache.root / 'iotronic-api-error.log'
    assert response.status_code == 200, (
        response.text, log.read_text(errors='replace')[-3000:])
    assert response.json()['default_version']['id'] == 'v1'


def test_keystone_authenticated_board_list(apache, iotronic):
    iotronic.client('alice').post('/v1/boards', {'name': 'through-apache',
                                                 'code': 'REG-A'})
    alice = ApiClient(apache.url, iotronic.keystone.token('alice'))
    boards = alice.get('/v1/boards').json()['boards']
    assert [b['name'] for b in boards] == ['through-apache']
    # Another project's user sees nothing; no token is a 401.
    dave = ApiClient(apache.url, iotronic.keystone.token('dave'))
    assert dave.get('/v1/boards').json()['boards'] == []
    ApiClient(apache.url, None).get('/v1/boards', status=401)
    # The daemon processes run as the dedicated user.
    owners = subprocess.run(['/usr/bin/ps', '-o', 'user=', '-C', 'apache2'],
                            capture_output=True, text=True).stdout.split()
    assert USER in owners

"""A real Keystone for the functional tests, and the identities they use.

Keystone runs from its own virtual environment (``make peers`` makes
``.peers/keystone``), on SQLite and a free loopback port, started and
bootstrapped from scratch once per test session.
"""

import pathlib
import subprocess

from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
from keystoneclient.v3 import client as ks_client

from iotronic.tests.functional import services

PEERS = services.PEERS
SERVE_SCRIPT = services.CHECKOUT / 'tools' / 'peers' / 'keystone_wsgi.py'

ADMIN_PASSWORD = 'admin-secret'      # noqa: S105 (a throwaway Keystone)
PASSWORD = 'user-secret'             # noqa: S105

# user -> (project, role). Upstream's IoT role names are still honoured.
USERS = {
    'alice': ('iot-a', 'manager'),
    'bob': ('iot-a', 'member'),
    'carol': ('iot-a', 'reader'),
    'legacy': ('iot-a', 'manager_iot_project'),
    'iotadmin': ('iot-a', 'admin_iot_project'),
    'iotuser': ('iot-a', 'user_iot'),
    # A role that means nothing to IoTronic.
    'norole': ('iot-a', 'observer'),
    'dave': ('iot-b', 'manager'),
    'erin': ('iot-b', 'member'),
    'iotronic': ('service', 'admin'),
}


def peer_bin(peer, command):
    path = PEERS / peer / 'bin' / command
    if not path.exists():
        services.unavailable(f'{peer} (its venv {PEERS / peer})',
                             'run "make peers" to install it')
    return path


class Keystone:

    def __init__(self, workdir):
        self.workdir = pathlib.Path(workdir)
        self.port = services.free_port()
        self.url = f'http://127.0.0.1:{self.port}/v3'
        self.process = None
        self.projects = {}

    def _manage(self, *args):
        subprocess.run(
            [peer_bin('keystone', 'keystone-manage'), '--config-file',
             self.config, *args], check=True, capture_output=True,
            timeout=120)

    def start(self):
        self.config = self.workdir / 'keystone.conf'
        self.config.write_text(
            f'[DEFAULT]\nlog_file = {self.workdir}/keystone-manage.log\n'
            f'[database]\nconnection = sqlite:///{self.workdir}/ks.db\n'
            f'[fernet_tokens]\nkey_repository = {self.workdir}/fernet\n'
            f'[fernet_receipts]\nkey_repository = {self.workdir}/receipts\n'
            f'[credential]\nkey_repository = {self.workdir}/credential\n'
            # Throwaway passwords: cheap hashes make token issue ~15x
            # faster; an in-memory cache does the same for validation.
            '[identity]\npassword_hash_rounds = 4\n'
            '[cache]\nenabled = true\nbackend = dogpile.cache.memory\n')
        self._manage('db_sync')
        for command in ('fernet_setup', 'credential_setup'):
            self._manage(command, '--keystone-user', 'root',
                         '--keystone-group', 'root')
        self._manage('bootstrap', '--bootstrap-password', ADMIN_PASSWORD,
                     '--bootstrap-public-url', self.url,
                     '--bootstrap-internal-url', self.url,
                     '--bootstrap-admin-url', self.url,
                     '--bootstrap-region-id', 'RegionOne')
        self.process = services.ServiceProcess(
            'keystone', [peer_bin('keystone', 'python'), SERVE_SCRIPT,
                         self.port], self.workdir,
            env={'OS_KEYSTONE_CONFIG_DIR': str(self.workdir),
                 'OS_KEYSTONE_CONFIG_FILES': 'keystone.conf'}).start()
        self.process.wait_for_port(self.port)
        self._enrol()
        return self

    def stop(self):
        if self.process is not None:
            self.process.stop()

    def session(self, user='admin', project='admin'):
        password = ADMIN_PASSWORD if user == 'admin' else PASSWORD
        auth = v3.Password(auth_url=self.url, username=user,
                           password=password, project_name=project,
                           user_domain_id='default',
                           project_domain_id='default')
        return ks_session.Session(auth=auth)

    def token(self, user):
        project = USERS[user][0]
        return self.session(user, project).get_token()

    def _enrol(self):
        admin = ks_client.Client(session=self.session())
        roles = {r.name: r for r in admin.roles.list()}
        for _user, (project, role) in USERS.items():
            if role not in roles:
                roles[role] = admin.roles.create(role)
            if project not in self.projects:
                self.projects[project] = admin.projects.create(
                    project, domain='default')
        for user, (project, role) in USERS.items():
            created = admin.users.create(user, domain='default',
                                         password=PASSWORD)
            admin.roles.grant(roles[role], user=created,
                              project=self.projects[project])
        self._admin = admin

    def register_iotronic(self, api_url):
        """Catalog IoTronic as service type ``iot``, as devstack does."""
        service = self._admin.services.create('iotronic', type='iot')
        for interface in ('public', 'internal', 'admin'):
            self._admin.endpoints.create(service, api_url,
                                         interface=interface,
                                         region='RegionOne')

    def project_id(self, name):
        return self.projects[name].id


__all__ = ('Keystone', 'ks_exceptions')

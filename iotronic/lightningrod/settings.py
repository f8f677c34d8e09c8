"""The board's settings: who it is and where to connect.

Same document as Lightning-rod 0.5's settings.json, so a board can move
between the two agents, but kept under a configurable directory and
written atomically: a power cut while saving leaves the old settings or
the new ones, never half of either.
"""

import json
import os
import pathlib
import tempfile

FILE_NAME = 'settings.json'


def write_json_atomic(path, document):
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f'.{path.name}.', dir=path.parent)
    try:
        with os.fdopen(fd, 'w') as f:
            json.dump(document, f, indent=2, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)      # it holds the code and the credential
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def read_json(path):
    return json.loads(pathlib.Path(path).read_text())


class Settings:
    """settings.json of one board, under ``home``."""

    def __init__(self, home):
        self.path = pathlib.Path(home) / FILE_NAME
        self.document = {}

    def load(self):
        try:
            self.document = read_json(self.path)
        except FileNotFoundError:
            self.document = {}
        return self

    def save(self):
        write_json_atomic(self.path, self.document)

    def initialise(self, code, registration_url, realm):
        """A board that has never registered: its code and where to."""
        self.load()
        iotronic = self.document.setdefault('iotronic', {})
        board = iotronic.setdefault('board', {})
        if code and board.get('code') != code:
            # A new code is a new enrolment: forget the old identity.
            iotronic['board'] = {'code': code}
            iotronic.get('wamp', {}).pop('main-agent', None)
            iotronic.get('wamp', {}).pop('credential', None)
        wamp = iotronic.setdefault('wamp', {})
        if registration_url:
            wamp['registration-agent'] = {'url': registration_url,
                                          'realm': realm}
        self.save()

    @property
    def board(self):
        return self.document.get('iotronic', {}).get('board', {})

    @property
    def code(self):
        return self.board.get('code')

    @property
    def uuid(self):
        return self.board.get('uuid')

    @property
    def credential(self):
        """The secret the board authenticates to the router with, once
        registered (IoTronic issues it with the configuration)."""
        return self.document.get('iotronic', {}).get('wamp', {}).get(
            'credential')

    def set_credential(self, secret):
        self.document.setdefault('iotronic', {}).setdefault(
            'wamp', {})['credential'] = secret
        self.save()

    def agent(self, role):
        """{url, realm} of 'main-agent' or 'registration-agent'."""
        return self.document.get('iotronic', {}).get('wamp', {}).get(role)

    def provisioned(self, config):
        """Store the configuration IoTronic sent at registration. One
        sent to a board that registered again with its credential (its
        agent was gone) carries none: the board keeps its own."""
        credential = self.credential
        self.document = config
        wamp = self.document.setdefault('iotronic', {}).setdefault('wamp',
                                                                   {})
        if credential and not wamp.get('credential'):
            wamp['credential'] = credential
        self.save()

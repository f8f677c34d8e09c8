"""Microversion negotiation (``X-OpenStack-Iotronic-API-Version``)."""

import re

from iotronic.api.controllers.v1 import versions
from iotronic.common import exception
from iotronic.common.i18n import _

HEADER = 'X-OpenStack-Iotronic-API-Version'
MIN_HEADER = 'X-OpenStack-Iotronic-API-Minimum-Version'
MAX_HEADER = 'X-OpenStack-Iotronic-API-Maximum-Version'

_VERSION = re.compile(r'^(\d+)\.(\d+)$')


class Version:
    """A requested version: comparable, and printable as "1.2"."""

    min = (versions.BASE_VERSION, versions.MINOR_0_UPSTREAM)
    max = (versions.BASE_VERSION, versions.MINOR_MAX_VERSION)

    def __init__(self, headers):
        self.major, self.minor = self._parse(headers.get(HEADER))

    @classmethod
    def _parse(cls, value):
        if value is None:
            return cls.min
        value = value.strip()
        if value.lower() == 'latest':
            return cls.max
        match = _VERSION.match(value)
        if not match:
            raise exception.NotAcceptable(_(
                'Invalid value "%(value)s" for header %(header)s: use '
                '"major.minor" or "latest".') % {'value': value,
                                                 'header': HEADER})
        requested = (int(match.group(1)), int(match.group(2)))
        if not cls.min <= requested <= cls.max:
            raise exception.NotAcceptable(_(
                'Version %(req)s was requested but the supported range is '
                '%(min)s to %(max)s.') % {
                'req': value, 'min': versions.MIN_VERSION_STRING,
                'max': versions.MAX_VERSION_STRING})
        return requested

    def at_least(self, minor):
        return (self.major, self.minor) >= (versions.BASE_VERSION, minor)

    def __str__(self):
        return f'{self.major}.{self.minor}'


def range_headers():
    return {MIN_HEADER: versions.MIN_VERSION_STRING,
            MAX_HEADER: versions.MAX_VERSION_STRING}

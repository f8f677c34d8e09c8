"""The transport: one keystoneauth adapter, API version negotiation, and
the API's error bodies turned into exceptions that carry their text."""

import json
from urllib import parse

from keystoneauth1 import adapter

from iotronic.client import v1

SERVICE_TYPE = 'iot'
VERSION_HEADER = 'X-OpenStack-Iotronic-API-Version'
# The newest version this client knows how to use.
CLIENT_MAX_VERSION = (1, 4)
DEFAULT_TIMEOUT = 60


class ApiError(Exception):
    """The API refused a request; ``str()`` is its faultstring."""

    def __init__(self, status, message, request_id=None):
        super().__init__(message)
        self.status = status
        self.request_id = request_id


class VersionNotSupported(ApiError):
    pass


def parse_version(text):
    """``"1"`` (the newest 1.x both ends know) or ``"1.N"``."""
    try:
        parts = tuple(int(p) for p in str(text).split('.'))
    except ValueError:
        parts = ()
    if len(parts) == 1:
        parts += (None,)
    if len(parts) != 2 or parts[0] != 1:
        raise VersionNotSupported(
            None, f'Unsupported API version "{text}": use "1" or "1.N".')
    return parts


def error_message(response):
    """The faultstring of an error answer, whatever shape its body has."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip() or response.reason
    if isinstance(body, dict) and 'error_message' in body:
        inner = body['error_message']
        try:
            inner = json.loads(inner)
        except (TypeError, ValueError):
            return str(inner)
        if isinstance(inner, dict):
            return inner.get('faultstring') or str(inner)
        return str(inner)
    return str(body)


class Client:
    """IoTronic API v1 over a keystoneauth session.

    ``api_version`` is negotiated with the server on the first call: "1"
    takes the newest version both ends support; "1.N" insists on it.
    """

    def __init__(self, session, api_version='1', endpoint_override=None,
                 interface=None, region_name=None, timeout=DEFAULT_TIMEOUT):
        self._adapter = adapter.Adapter(
            session, service_type=SERVICE_TYPE, interface=interface,
            region_name=region_name, endpoint_override=endpoint_override)
        self._requested = parse_version(api_version)
        self._version = None
        self.timeout = timeout
        self.boards = v1.BoardManager(self)
        self.plugins = v1.PluginManager(self)
        self.services = v1.ServiceManager(self)
        self.fleets = v1.FleetManager(self)
        self.requests = v1.RequestManager(self)

    @property
    def api_version(self):
        """The negotiated version, as "1.N"."""
        if self._version is None:
            self._version = self._negotiate()
        return '%d.%d' % self._version

    def _negotiate(self):
        document = self._send('GET', '/v1', version=None).json()
        server_min = parse_version(document.get('min_version', '1.0'))
        server_max = parse_version(document.get('version', '1.0'))
        major, minor = self._requested
        if minor is None:
            return min(server_max, CLIENT_MAX_VERSION)
        if not server_min <= (major, minor) <= server_max:
            raise VersionNotSupported(
                406, 'API version %d.%d is not supported by the server '
                '(it supports %d.%d to %d.%d).' % (
                    major, minor, *server_min, *server_max))
        return major, minor

    def _send(self, method, path, version, **kwargs):
        headers = {'Accept': 'application/json'}
        if version is not None:
            headers[VERSION_HEADER] = version
        response = self._adapter.request(
            path, method, headers=headers, raise_exc=False,
            connect_retries=1, timeout=self.timeout, **kwargs)
        if response.status_code >= 400:
            raise ApiError(response.status_code, error_message(response),
                           response.headers.get('Openstack-Request-Id'))
        return response

    def request(self, method, path, body=None, params=None):
        """The response to one call (raises ApiError on 4xx/5xx)."""
        kwargs = {}
        if body is not None:
            kwargs['json'] = body
        if params:
            kwargs['params'] = {k: v for k, v in params.items()
                                if v is not None}
        return self._send(method, path, self.api_version, **kwargs)

    def json(self, method, path, body=None, params=None):
        response = self.request(method, path, body, params)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def pages(self, path, key, params=None, limit=None):
        """Every item of a list, following its ``next`` links.

        With ``limit``, only that many items (one page when the server
        allows pages that large).
        """
        params = dict(params or {})
        if limit:
            params['limit'] = limit
        items = []
        while True:
            answer = self.json('GET', path, params=params)
            items.extend(answer.get(key, []))
            if limit and len(items) >= limit:
                return items[:limit]
            following = answer.get('next')
            if not following:
                return items
            # Re-issue on our own endpoint: the link names the server's
            # public URL, which may not be how this client reaches it.
            params = dict(parse.parse_qsl(parse.urlsplit(following).query))

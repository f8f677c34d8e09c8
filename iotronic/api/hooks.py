"""pecan hooks: what every API request goes through."""

import json

from oslo_log import log as logging
import oslo_messaging as messaging
import pecan
from pecan import hooks
import webob

from iotronic.api.controllers import version
from iotronic.common import context as iotronic_context
from iotronic.common import exception
from iotronic.common.i18n import _
from iotronic.common import policy
from iotronic.conductor import rpcapi
from iotronic.conf import CONF

LOG = logging.getLogger(__name__)


class ContextHook(hooks.PecanHook):
    """Who is calling: from keystonemiddleware's (or noauth's) headers."""

    def before(self, state):
        context = iotronic_context.RequestContext.from_environ(
            state.request.environ)
        context.is_admin = policy.check('is_admin', {}, context)
        state.request.iot_context = context

    def after(self, state):
        context = getattr(state.request, 'iot_context', None)
        if context is not None and context.request_id:
            state.response.headers['Openstack-Request-Id'] = (
                context.request_id)


class RPCHook(hooks.PecanHook):
    """One conductor client per process, shared by every request."""

    def __init__(self):
        self.conductor_api = rpcapi.ConductorAPI()

    def before(self, state):
        state.request.rpcapi = self.conductor_api


class VersionHook(hooks.PecanHook):
    """Microversion negotiation for everything under /v1."""

    def before(self, state):
        state.request.version = None
        if state.request.path.startswith('/v1'):
            state.request.version = version.Version(state.request.headers)

    def after(self, state):
        if state.request.path.startswith('/v1'):
            state.response.headers.update(version.range_headers())
            requested = getattr(state.request, 'version', None)
            if requested is not None:
                state.response.headers[version.HEADER] = str(requested)
                state.response.headers['Vary'] = version.HEADER


class ErrorHook(hooks.PecanHook):
    """Exceptions become the HTTP status they stand for, never a traceback.

    Our own exceptions carry their status and a message meant for users.
    Anything else is a bug: it is logged with its traceback and the client
    gets a generic 500, without text that could leak internals (SQL,
    paths, remote errors).
    """

    def on_error(self, state, error):
        if isinstance(error, webob.exc.HTTPException) and (
                error.code < 500):
            status, message = error.code, error.detail or error.title
        elif isinstance(error, exception.IotronicException) and (
                error.code < 500 or error.safe):
            status, message = error.code, error.user_message
        elif isinstance(error, messaging.MessagingTimeout):
            status = 503
            message = _('No conductor answered in time; try again later.')
        else:
            LOG.exception('Unexpected error serving %s %s',
                          state.request.method, state.request.path)
            status = 500
            message = _('Internal server error; the logs of iotronic-api '
                        'have the details (request %s).') % getattr(
                getattr(state.request, 'iot_context', None), 'request_id', '-')
        response = webob.Response(status=status,
                                  content_type='application/json',
                                  charset='utf-8')
        response.text = json.dumps({
            'faultcode': 'Client' if status < 500 else 'Server',
            'faultstring': message,
            'debuginfo': None})
        if status == 406:
            response.headers.update(version.range_headers())
        return response


def all_hooks():
    return [ContextHook(), RPCHook(), VersionHook(), ErrorHook()]


def public_url():
    """Base URL for links: the configured endpoint, or the request's."""
    return (CONF.api.public_endpoint or pecan.request.host_url).rstrip('/')

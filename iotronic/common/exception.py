"""IoTronic's exceptions.

Each class carries the HTTP status the API answers with (``code``) and a
message template. Only these exceptions may cross the RPC boundary with
their meaning intact; anything else is a bug and reaches clients as a
generic 500 without its text.
"""

from http import client as http_client

from oslo_log import log as logging

from iotronic.common.i18n import _

LOG = logging.getLogger(__name__)


class IotronicException(Exception):
    _msg_fmt = _('An unknown exception occurred.')
    code = http_client.INTERNAL_SERVER_ERROR
    safe = False

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        self.kwargs.setdefault('code', self.code)
        if not message:
            try:
                message = self._msg_fmt % kwargs
            except (KeyError, TypeError):
                # A template that does not match its arguments is a bug in
                # this module; fail loudly in tests, degrade gracefully
                # in production.
                LOG.exception('Exception %s has a message template that '
                              'does not match its arguments %s',
                              self.__class__.__name__, sorted(kwargs))
                message = self._msg_fmt
        super().__init__(message)

    def __str__(self):
        return str(self.args[0])

    @property
    def user_message(self):
        """The message alone, for clients.

        Over RPC, oslo.messaging rebuilds the exception with this message
        as its argument but makes ``str()`` append the remote traceback,
        which may quote SQL: clients get this instead.
        """
        return str(self.args[0]) if self.args else str(self._msg_fmt)


class Invalid(IotronicException):
    _msg_fmt = _('Unacceptable parameters.')
    code = http_client.BAD_REQUEST


class InvalidParameterValue(Invalid):
    _msg_fmt = '%(err)s'


class InvalidUUID(Invalid):
    _msg_fmt = _('Expected a UUID but received %(uuid)s.')


class InvalidSortKey(Invalid):
    _msg_fmt = _('Sort key "%(key)s" is not supported; use one of '
                 '%(allowed)s.')


class NotAuthorized(IotronicException):
    _msg_fmt = _('Not authorized.')
    code = http_client.FORBIDDEN


class PolicyNotAuthorized(NotAuthorized):
    _msg_fmt = _('Access was denied to the following resource: %(rule)s')


class NotAcceptable(IotronicException):
    _msg_fmt = _('Request not acceptable.')
    code = http_client.NOT_ACCEPTABLE


class NotFound(IotronicException):
    _msg_fmt = _('Resource could not be found.')
    code = http_client.NOT_FOUND


class MethodNotAllowed(IotronicException):
    _msg_fmt = _('%(method)s is not allowed on %(path)s.')
    code = http_client.METHOD_NOT_ALLOWED


class Conflict(IotronicException):
    _msg_fmt = _('Conflict.')
    code = http_client.CONFLICT


class AlreadyExists(Conflict):
    _msg_fmt = _('A %(resource)s with %(columns)s %(values)s already '
                 'exists%(where)s.')


class InvalidStateTransition(Conflict):
    _msg_fmt = _('A board in state %(state)s cannot %(event)s.')


class NoLiveWampAgent(IotronicException):
    _msg_fmt = _('No wamp agent is alive to serve board %(board)s; try '
                 'again when one is running.')
    code = http_client.SERVICE_UNAVAILABLE
    safe = True


class BoardNotConnected(Conflict):
    _msg_fmt = _('Board %(board)s is %(state)s: it takes actions only '
                 'while online.')


class UnknownRegistrationCode(NotFound):
    # The code is the board's secret: never repeated, never logged.
    _msg_fmt = _('No board is enrolled with this registration code, or '
                 'the code has been used already.')


class NoBoardCredential(Conflict):
    _msg_fmt = _('Board %(board)s has no router credential (it has not '
                 'registered, or it is a legacy board): enrol it again '
                 'with a new registration code.')


class InvalidAction(Invalid):
    _msg_fmt = _('%(action)s is not a %(kind)s action; use one of '
                 '%(allowed)s.')


class MissingParameters(Invalid):
    _msg_fmt = _('Plugin %(plugin)s needs the parameters %(missing)s.')


class BoardRefused(Conflict):
    # The board answered, with an error: what it said is the reason.
    _msg_fmt = _('Board %(board)s could not do %(procedure)s: %(reason)s')


class ServiceAlreadyExposed(Conflict):
    _msg_fmt = _('Service %(service)s is already exposed on board '
                 '%(board)s, on port %(port)s.')


class NoFreePublicPort(Conflict):
    _msg_fmt = _('Every public port from %(low)s to %(high)s is in use.')


class ServicesNotConfigured(Conflict):
    _msg_fmt = _('Services cannot be exposed: %(reason)s')


class BoardCallTimeout(IotronicException):
    _msg_fmt = _('Board %(board)s did not answer %(procedure)s within '
                 '%(timeout)s seconds.')
    code = http_client.GATEWAY_TIMEOUT
    safe = True


class BoardCallFailed(IotronicException):
    _msg_fmt = _('Board %(board)s could not run %(procedure)s: %(reason)s')
    code = http_client.BAD_GATEWAY
    safe = True


class ConcurrentUpdate(Conflict):
    _msg_fmt = _('%(resource)s %(ident)s was changed by another request '
                 'while this one was being processed; reload it and try '
                 'again.')


class InUse(Conflict):
    _msg_fmt = _('%(resource)s %(ident)s cannot be deleted while %(why)s.')


class DatabaseError(IotronicException):
    _msg_fmt = _('Database error: %(reason)s')
    code = http_client.SERVICE_UNAVAILABLE


class ConfigInvalid(IotronicException):
    _msg_fmt = _('Invalid configuration: %(error_msg)s')


def _resource_exceptions(resource, label):
    """Build the NotFound and AlreadyExists pair of one resource.

    Every resource has the same two failure shapes; generating them keeps
    the message templates and their arguments consistent, which upstream
    got wrong in five places.
    """
    not_found = type(f'{resource}NotFound', (NotFound,), {
        '_msg_fmt': _('%(label)s %%(ident)s could not be found.')
        % {'label': label},
        '__module__': __name__,
    })
    already_exists = type(f'{resource}AlreadyExists', (AlreadyExists,), {
        '_msg_fmt': _('A %(label)s with %%(columns)s %%(values)s already '
                      'exists%%(where)s.') % {'label': label.lower()},
        '__module__': __name__,
    })
    return not_found, already_exists


BoardNotFound, BoardAlreadyExists = _resource_exceptions('Board', 'Board')
LocationNotFound, LocationAlreadyExists = _resource_exceptions(
    'Location', 'Location')
SessionNotFound, SessionAlreadyExists = _resource_exceptions(
    'Session', 'WAMP session')
WampAgentNotFound, WampAgentAlreadyExists = _resource_exceptions(
    'WampAgent', 'WAMP agent')
ConductorNotFound, ConductorAlreadyExists = _resource_exceptions(
    'Conductor', 'Conductor')
PluginNotFound, PluginAlreadyExists = _resource_exceptions(
    'Plugin', 'Plugin')
InjectionPluginNotFound, InjectionPluginAlreadyExists = (
    _resource_exceptions('InjectionPlugin', 'Plugin injection'))
ServiceNotFound, ServiceAlreadyExists = _resource_exceptions(
    'Service', 'Service')
ExposedServiceNotFound, ExposedServiceAlreadyExists = _resource_exceptions(
    'ExposedService', 'Exposed service')
FleetNotFound, FleetAlreadyExists = _resource_exceptions('Fleet', 'Fleet')
WebserviceNotFound, WebserviceAlreadyExists = _resource_exceptions(
    'Webservice', 'Webservice')
EnabledWebserviceNotFound, EnabledWebserviceAlreadyExists = (
    _resource_exceptions('EnabledWebservice', 'Enabled webservice'))
PortNotFound, PortAlreadyExists = _resource_exceptions('Port', 'Port')
RequestNotFound, RequestAlreadyExists = _resource_exceptions(
    'Request', 'Request')
ResultNotFound, ResultAlreadyExists = _resource_exceptions(
    'Result', 'Result')


class AmbiguousName(Conflict):
    _msg_fmt = _('More than one %(resource)s is named %(name)s; use its '
                 'UUID instead.')


class InvalidMarker(Invalid):
    _msg_fmt = _('Marker %(marker)s is not a %(resource)s of this '
                 'collection.')

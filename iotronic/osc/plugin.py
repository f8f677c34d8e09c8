"""How OpenStackClient loads the ``iot`` commands and builds their client.

The API version option takes "1" (the newest 1.x that both the client
and the server support, the default) or "1.N" to insist on one.
"""

from osc_lib import utils

from iotronic.client import http

API_NAME = 'iot'
API_VERSION_OPTION = 'os_iot_api_version'
DEFAULT_API_VERSION = '1'
API_VERSIONS = {'1': 'iotronic.client.http.Client'}
API_VERSIONS.update({'1.%d' % minor: 'iotronic.client.http.Client'
                     for minor in range(http.CLIENT_MAX_VERSION[1] + 1)})


def make_client(instance):
    """The IoTronic client of one ``openstack`` invocation.

    The endpoint is the catalog's ``iot`` service, ``--os-iot-endpoint-
    override`` when given, or ``--os-endpoint`` with ``--os-auth-type
    none`` (an API in noauth mode).
    """
    endpoint = instance.get_endpoint_for_service_type(
        API_NAME, region_name=instance.region_name,
        interface=instance.interface)
    return http.Client(instance.session,
                       api_version=instance._api_version[API_NAME],
                       endpoint_override=endpoint,
                       interface=instance.interface,
                       region_name=instance.region_name)


def build_option_parser(parser):
    parser.add_argument(
        '--os-iot-api-version', metavar='<iot-api-version>',
        default=utils.env('OS_IOT_API_VERSION',
                          default=DEFAULT_API_VERSION),
        help='IoTronic API version: "1" negotiates the newest both ends '
             'support, "1.N" requires that one (default: env '
             '[OS_IOT_API_VERSION] or "1")')
    return parser

"""A Python client of IoTronic's REST API v1.

Small on purpose: it speaks the API over a keystoneauth session (so every
Keystone auth method, the service catalog and noauth endpoints work as in
other OpenStack clients) and leaves presentation to its callers, the
``openstack iot`` commands among them.
"""

from iotronic.client.http import ApiError
from iotronic.client.http import Client

__all__ = ('ApiError', 'Client')

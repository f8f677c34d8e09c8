import pytest

from iotronic.common import context as iotronic_context
from iotronic.conductor import rpcapi


@pytest.fixture
def conductor(dbapi, iotronic_config):
    """The conductor through its RPC API, in-process: arguments and
    answers cross the same serializer they cross over RabbitMQ."""
    iotronic_config.config(rpc_transport='none')
    return rpcapi.ConductorAPI()


@pytest.fixture
def ctx():
    return iotronic_context.get_admin_context()

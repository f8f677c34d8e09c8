# IoTronic runs on threads (and asyncio inside the WAMP agents); oslo
# libraries that import oslo.service would otherwise load its eventlet
# backend. Chosen here, before anything else imports oslo.service.
from oslo_service import backend as _oslo_service_backend

if _oslo_service_backend.get_backend_type() is None:
    _oslo_service_backend.init_backend(
        _oslo_service_backend.BackendType.THREADING)

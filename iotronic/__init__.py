import warnings

# futurist imports eventlet only to detect whether it is in use; that
# import warns on every command although nothing here uses eventlet.
# (Before any oslo import: oslo.service pulls futurist in.)
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated',
                        module='futurist')

from oslo_service import backend as _oslo_service_backend  # noqa: E402

# IoTronic runs on threads (and asyncio inside the WAMP agents); oslo
# libraries that import oslo.service would otherwise load its eventlet
# backend. Chosen here, before anything else imports oslo.service.
if _oslo_service_backend.get_backend_type() is None:
    _oslo_service_backend.init_backend(
        _oslo_service_backend.BackendType.THREADING)

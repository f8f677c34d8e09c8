"""The request context: who is calling, for which project."""

from oslo_context import context


class RequestContext(context.RequestContext):
    """oslo.context's context, plus whether the caller is a cloud admin.

    ``is_admin`` is computed by the API from policy (rule ``is_admin``) and
    carried over RPC, so the conductor can trust it without re-checking
    roles.
    """

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault('is_admin', values.get('is_admin', False))
        return super().from_dict(values, **kwargs)


def get_admin_context():
    """A context for IoTronic's own work (periodic tasks, board events)."""
    return RequestContext(is_admin=True, overwrite=False)

"""The shape every top-level v1 resource shares.

A controller is thin: the policy check first, then one call to objects
(reads) or to the conductor (writes), then the view. Subclasses declare
their object class, schemas, fields and filters; they override a hook
only where the resource really differs.
"""

import pecan
from pecan import rest
from pecan import routing

from iotronic.api.controllers.v1 import utils
from iotronic.api.controllers.v1 import versions


class ResourceController(rest.RestController):

    _custom_actions = {'detail': ['GET']}

    obj_class = None
    path = None             # 'plugins': URL segment (and collection key)
    collection_key = None   # when it differs from the path
    rule = None             # 'iot:plugin': policy prefix
    rpc_noun = None         # 'plugin': create_plugin, update_plugin, ...
    create_schema = None
    update_schema = None
    list_fields = ()        # fields of a list item (upstream's defaults)
    always_fields = ('uuid', 'links')
    sortable = ('id', 'uuid', 'name', 'created_at', 'updated_at')
    filters = {}            # query parameter -> parser(value)
    # Sub-collections: name -> controller class taking the parent's ident.
    subresources = {}

    @pecan.expose()
    def _route(self, args, request=None):
        """Route ``/<ident>/<sub>/...`` to the sub-collection's controller.

        pecan would otherwise hand ``/<ident>/<sub>`` to ``get_one``.
        """
        if len(args) >= 2 and args[1] in self.subresources:
            controller = self.subresources[args[1]](self, args[0])
            return routing.lookup_controller(controller, list(args[2:]),
                                             request)
        return super()._route(args, request)

    # Views

    def view(self, obj):
        """Every field of ``obj`` the caller may see."""
        raise NotImplementedError

    def _shape(self, obj, fields=None, detail=True):
        full = self.view(obj)
        if fields is None and detail:
            return full
        keep = set(fields or self.list_fields) | set(self.always_fields)
        return {k: v for k, v in full.items() if k in keep}

    view_fields = ()        # every field a view has (for ?fields=)

    # Reads

    def list_filters(self, params):
        """DB filters from the query parameters this resource knows."""
        filters = {}
        for name, parse in self.filters.items():
            if name in params:
                filters[name] = parse(params.pop(name))
        return filters

    def scope_filters(self, filters):
        project = utils.project_scope()
        if project is not None:
            filters['project'] = project
        return filters

    def list_objects(self, query, filters):
        return self.obj_class.list(utils.context(), filters=filters,
                                   **query.db_kwargs())

    def _list(self, params, detail, extra_filters=None):
        utils.authorize(f'{self.rule}:get')
        query = utils.ListQuery(
            self.sortable, limit=params.pop('limit', None),
            marker=params.pop('marker', None),
            sort_key=params.pop('sort_key', 'id'),
            sort_dir=params.pop('sort_dir', 'asc'),
            fields=params.pop('fields', None),
            allowed_fields=self.view_fields)
        filters = self.scope_filters(dict(self.list_filters(params),
                                          **(extra_filters or {})))
        utils.reject_unknown(params)
        items = [self._shape(obj, query.fields, detail)
                 for obj in self.list_objects(query, filters)]
        return utils.collection(self.collection_key or self.path, items,
                                query, self.path,
                                fields=','.join(query.fields)
                                if query.fields else None)

    @pecan.expose('json')
    def get_all(self, **params):
        return self._list(params, detail=False)

    @pecan.expose('json')
    def detail(self, **params):
        return self._list(params, detail=True)

    def lookup(self, ident):
        return utils.get_visible(self.obj_class, ident)

    def read_target(self, obj):
        """What the read rule is checked against (None: the caller's
        project)."""
        return obj

    @pecan.expose('json')
    def get_one(self, ident, **params):
        # Not a positional "fields=None": pecan would count it as a path
        # segment.
        fields = params.pop('fields', None)
        utils.reject_unknown(params)
        obj = self.lookup(ident)
        utils.authorize(f'{self.rule}:get', self.read_target(obj))
        query = utils.ListQuery(self.sortable, fields=fields,
                                allowed_fields=self.view_fields)
        return self._shape(obj, query.fields, detail=True)

    # Writes, through the conductor

    def new_object(self, body):
        """The object to create from a validated body."""
        ctx = utils.context()
        return self.obj_class(ctx, project=ctx.project_id, **body)

    def apply_update(self, obj, body):
        for name, value in body.items():
            setattr(obj, name, value)

    def _rpc(self, verb, *args):
        method = getattr(pecan.request.rpcapi, f'{verb}_{self.rpc_noun}')
        return method(utils.context(), *args)

    # pecan also passes the fields of a JSON body as keyword arguments;
    # writes read their body with validated_body() and accept no query.

    @pecan.expose('json')
    def post(self, **_body_fields):
        utils.reject_unknown(dict(pecan.request.GET))
        utils.authorize(f'{self.rule}:create')
        obj = self.new_object(utils.validated_body(self.create_schema))
        created = self._rpc('create', obj)
        pecan.response.status = 201
        return self.view(created)

    @pecan.expose('json')
    def patch(self, ident=None, **_body_fields):
        utils.reject_unknown(dict(pecan.request.GET))
        obj = self.lookup(utils.require_item(ident))
        utils.authorize(f'{self.rule}:update', obj)
        self.apply_update(obj, utils.validated_body(self.update_schema))
        return self.view(self._rpc('update', obj))

    @utils.expose_no_content
    def delete(self, ident=None, **params):
        utils.reject_unknown(params)
        obj = self.lookup(utils.require_item(ident))
        utils.authorize(f'{self.rule}:delete', obj)
        self._rpc('destroy', obj.uuid)
        pecan.response.status = 204


def common_view(obj, resource, *names):
    """The fields every resource shows, plus ``names`` as stored."""
    view = {name: obj[name] for name in names}
    view.update(uuid=obj.uuid, links=utils.links(resource, obj.uuid),
                created_at=utils.isoformat(obj.created_at),
                updated_at=utils.isoformat(obj.updated_at))
    return view


class SubController(rest.RestController):
    """A controller below one resource (``/<parent>/<ident>/<sub>``).

    The parent is looked up when a request is served, not while routing:
    the caller's identity is known only then.
    """

    def __init__(self, parent_controller, parent_ident):
        self._parent_controller = parent_controller
        self._parent_ident = parent_ident

    @property
    def parent(self):
        if not hasattr(self, '_parent'):
            self._parent = self._parent_controller.lookup(self._parent_ident)
        return self._parent


class SubCollection(SubController):
    """A read-only list below one resource, e.g. a board's injections.

    Upstream served these unpaginated and ignored list options; so do we
    before API 1.3. From 1.3 on they take marker, limit, sort_key and
    sort_dir and carry "next" links; the marker is the uuid in
    ``item_key`` of the last item (these rows have no uuid of their own).
    """

    obj_class = None
    key = None           # collection key, e.g. 'injections'
    item_key = None      # e.g. 'plugin': the marker's field
    path = None          # e.g. 'plugins'
    rule = None
    label = None         # for errors, e.g. 'plugin injection'
    sortable = ('id', 'created_at', 'updated_at')

    def target(self):
        """What ``rule`` is checked against."""
        raise NotImplementedError

    def filters(self):
        raise NotImplementedError

    def collection_path(self):
        raise NotImplementedError

    def marker_id(self, marker):
        """The database id of the row the marker names."""
        raise NotImplementedError

    def item(self, row):
        raise NotImplementedError

    @pecan.expose('json')
    def get_all(self, **params):
        utils.authorize(self.rule, self.target())
        paged = pecan.request.version.at_least(
            versions.MINOR_3_PAGINATED_SUBCOLLECTIONS)
        if paged:
            query = utils.ListQuery(
                self.sortable, limit=params.pop('limit', None),
                marker=params.pop('marker', None),
                sort_key=params.pop('sort_key', 'id'),
                sort_dir=params.pop('sort_dir', 'asc'))
            utils.reject_unknown(params)
        else:
            # Upstream's clients send list options here and expect them
            # to be ignored.
            query = utils.ListQuery(self.sortable)
        kwargs = query.db_kwargs()
        if query.marker is not None:
            kwargs['marker'] = self.marker_id(query.marker)
        rows = self.obj_class.list(utils.context(), filters=self.filters(),
                                   **kwargs)
        items = [self.item(row) for row in rows]
        if not paged:
            return {self.key: items}
        return utils.collection(self.key, items, query,
                                self.collection_path(),
                                marker_field=self.item_key)

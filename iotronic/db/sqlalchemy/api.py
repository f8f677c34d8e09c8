"""SQLAlchemy implementation of IoTronic's database interface.

Every public method is a few lines on top of the generic helpers at the
top of this module: one way to find a row, create, update, delete and
page, so the rules of ``iotronic.db.api`` (errors, pagination, cascades)
hold for every table alike. Each call is one transaction (oslo.db
enginefacade); returned rows are detached with what callers read already
loaded.
"""

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from iotronic.common import exception
from iotronic.common.i18n import _
from iotronic.db import api
from iotronic.db.sqlalchemy import models

_CONTEXT = threading.local()


def _sqlite_begin_immediate(connection):
    """On SQLite, take the write lock when a transaction starts.

    Otherwise two threads that read, then write, deadlock on the lock
    upgrade and one fails at once with "database is locked" instead of
    waiting its turn: the all-in-one has many such threads (API, agent,
    conductor) on one SQLite file. oslo.db already begins transactions
    itself on SQLite (its "in_transaction" flag); this one runs first
    and makes that BEGIN an immediate one.
    """
    if (connection.dialect.name == 'sqlite'
            and 'in_transaction' not in connection.info):
        connection.exec_driver_sql('BEGIN IMMEDIATE')
        connection.info['in_transaction'] = True


sa.event.listen(sa.engine.Engine, 'begin', _sqlite_begin_immediate,
                insert=True)


def _mysql_full_unicode(dialect, connection_record, cargs, cparams):
    """On MySQL and MariaDB, talk utf8mb4 as the tables are.

    oslo.db asks for charset "utf8" (MySQL's three-byte subset) unless the
    URL names one, and the server then refuses any name or text with a
    character beyond the BMP (an emoji) with an error, not a 400.
    """
    if dialect.name == 'mysql' and cparams.get('charset') in (None, 'utf8',
                                                              'utf8mb3'):
        cparams['charset'] = 'utf8mb4'


sa.event.listen(sa.engine.Engine, 'do_connect', _mysql_full_unicode)


def get_backend():
    """The backend oslo.db's DBAPI loads."""
    return Connection()


def _session_for_read():
    return enginefacade.reader.using(_CONTEXT)


def _session_for_write():
    return enginefacade.writer.using(_CONTEXT)


@dataclasses.dataclass(frozen=True)
class _Table:
    """What the generic helpers need to know about one table."""

    model: type
    not_found: type
    already_exists: type
    label: str
    # Filter name -> a column name, or a function (select, value) -> select.
    filters: dict[str, Any]
    # Eager loads applied whenever rows of this table are returned.
    load: tuple = ()

    @property
    def has_uuid(self):
        return 'uuid' in self.model.__table__.c


def _board_load():
    return (orm.joinedload(models.Board.location),
            orm.joinedload(models.Board.session),
            orm.joinedload(models.Board.fleet_ref))


def _in_list(column):
    def _filter(stmt, values):
        return stmt.where(column.in_(values))
    return _filter


def _of_board_project(model):
    """Filter rows hanging off a board by the board's project."""
    def _filter(stmt, project):
        return stmt.join(models.Board,
                         models.Board.uuid == model.board_uuid).where(
            models.Board.project == project)
    return _filter


def _of_request_tree(stmt, request_uuid):
    """Results of a request and of the requests it fanned out to."""
    children = sa.select(models.Request.uuid).where(
        models.Request.main_request_uuid == request_uuid)
    return stmt.where(sa.or_(models.Result.request_uuid == request_uuid,
                             models.Result.request_uuid.in_(children)))


def _alive_since(model):
    def _filter(stmt, since):
        return stmt.where(
            sa.func.coalesce(model.updated_at, model.created_at) >= since)
    return _filter


def _created_before(model):
    def _filter(stmt, before):
        return stmt.where(model.created_at < before)
    return _filter


def _columns(*names):
    return {name: name for name in names}


_TABLES = {t.model: t for t in (
    _Table(models.Board, exception.BoardNotFound,
           exception.BoardAlreadyExists, 'Board',
           dict(_columns('status', 'project', 'owner', 'fleet', 'type',
                         'name', 'agent', 'mobile'),
                uuids=_in_list(models.Board.uuid),
                agents=_in_list(models.Board.agent)),
           load=_board_load()),
    _Table(models.Location, exception.LocationNotFound,
           exception.LocationAlreadyExists, 'Location',
           _columns('board_id')),
    _Table(models.SessionWP, exception.SessionNotFound,
           exception.SessionAlreadyExists, 'WAMP session',
           _columns('board_uuid', 'session_id', 'valid')),
    _Table(models.WampAgent, exception.WampAgentNotFound,
           exception.WampAgentAlreadyExists, 'WAMP agent',
           dict(_columns('online', 'ragent'),
                alive_since=_alive_since(models.WampAgent))),
    _Table(models.Conductor, exception.ConductorNotFound,
           exception.ConductorAlreadyExists, 'Conductor',
           dict(_columns('online'),
                alive_since=_alive_since(models.Conductor))),
    _Table(models.Plugin, exception.PluginNotFound,
           exception.PluginAlreadyExists, 'Plugin',
           # with_public is handled by get_plugin_list itself.
           _columns('owner', 'project', 'public', 'name', 'callable')),
    _Table(models.InjectionPlugin, exception.InjectionPluginNotFound,
           exception.InjectionPluginAlreadyExists, 'Plugin injection',
           _columns('board_uuid', 'plugin_uuid', 'onboot', 'status')),
    _Table(models.Service, exception.ServiceNotFound,
           exception.ServiceAlreadyExists, 'Service',
           _columns('project', 'name', 'protocol', 'port')),
    _Table(models.ExposedService, exception.ExposedServiceNotFound,
           exception.ExposedServiceAlreadyExists, 'Exposed service',
           _columns('board_uuid', 'service_uuid', 'public_port')),
    _Table(models.Fleet, exception.FleetNotFound,
           exception.FleetAlreadyExists, 'Fleet',
           _columns('project', 'name')),
    _Table(models.Webservice, exception.WebserviceNotFound,
           exception.WebserviceAlreadyExists, 'Webservice',
           dict(_columns('board_uuid', 'name'),
                project=_of_board_project(models.Webservice))),
    _Table(models.EnabledWebservice, exception.EnabledWebserviceNotFound,
           exception.EnabledWebserviceAlreadyExists, 'Enabled webservice',
           dict(_columns('board_uuid'),
                project=_of_board_project(models.EnabledWebservice))),
    _Table(models.Port, exception.PortNotFound,
           exception.PortAlreadyExists, 'Port',
           dict(_columns('board_uuid', 'network'),
                project=_of_board_project(models.Port))),
    _Table(models.Request, exception.RequestNotFound,
           exception.RequestAlreadyExists, 'Request',
           dict(_columns('project', 'destination_uuid',
                         'main_request_uuid', 'status', 'type', 'action'),
                created_before=_created_before(models.Request))),
    _Table(models.Result, exception.ResultNotFound,
           exception.ResultAlreadyExists, 'Result',
           dict(_columns('board_uuid', 'request_uuid', 'result'),
                request_tree=_of_request_tree)),
)}

_IMMUTABLE = ('id', 'uuid', 'revision', 'created_at')


def _ident_where(model, ident):
    """``id`` for an integer, ``uuid`` for anything else."""
    if isinstance(ident, int):
        return model.id == ident
    if 'uuid' not in model.__table__.c:
        raise exception.InvalidParameterValue(
            err=_('%(ident)s is not an integer id') % {'ident': ident})
    return model.uuid == ident


def _select(model, *where):
    return sa.select(model).where(*where).options(*_TABLES[model].load)


def _get_one(session, model, ident, *where, lock=False):
    stmt = _select(model, *where)
    if lock:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).unique().scalar_one_or_none()
    if row is None:
        raise _TABLES[model].not_found(ident=ident)
    return row


def _read_one(model, ident, *where):
    with _session_for_read() as session:
        return _get_one(session, model, ident, *where)


def _read_by_ident(model, ident):
    return _read_one(model, ident, _ident_where(model, ident))


def _read_by_name(model, name, project):
    where = [model.name == name]
    if project is not None:
        where.append(model.project == project)
    with _session_for_read() as session:
        rows = session.execute(_select(model, *where)).unique().scalars()
        rows = rows.all()
    if not rows:
        raise _TABLES[model].not_found(ident=name)
    if len(rows) > 1:
        raise exception.AmbiguousName(resource=_TABLES[model].label.lower(),
                                      name=name)
    return rows[0]


def _duplicate(model, error, values):
    # Names are unique within a project, and the project is the caller's:
    # say so rather than quote the project's id.
    columns = [c for c in error.columns or [] if c != 'project']
    scoped = len(columns) < len(error.columns or [])
    return _TABLES[model].already_exists(
        columns=', '.join(columns) or _('a unique key'),
        values=', '.join(str(values.get(c, error.value)) for c in columns)
        or error.value,
        where=_(' in this project') if scoped else '')


def _flush(session, model, values):
    try:
        session.flush()
    except db_exc.DBDuplicateEntry as e:
        raise _duplicate(model, e, values)


def _reload(session, row):
    """The row as callers get it: fresh, with its eager loads. A flush
    that left every column known (tables without relations) needs no
    second read: this is the hot path of board requests."""
    model = type(row)
    if not _TABLES[model].load and not sa.inspect(row).unloaded:
        return row
    session.expire(row)
    return session.execute(_select(model, model.id == row.id)).unique(
        ).scalar_one()


def _insert(session, model, values):
    # Unless said otherwise, a new row was never updated; said, the
    # column is known after the flush and the row needs no second read.
    values = dict({'updated_at': None}, **values)
    if _TABLES[model].has_uuid and not values.get('uuid'):
        values['uuid'] = uuidutils.generate_uuid()
    row = model()
    row.update(values)
    session.add(row)
    _flush(session, model, values)
    return row


def _create(model, values):
    with _session_for_write() as session:
        return _reload(session, _insert(session, model, values))


def _check_mutable(values):
    changed = sorted(set(_IMMUTABLE) & set(values))
    if changed:
        raise exception.InvalidParameterValue(
            err=_('%s cannot be changed') % ', '.join(changed))


def _update_row(session, row, values):
    _check_mutable(values)
    row.update(values)
    _flush(session, type(row), values)
    return _reload(session, row)


def _update(model, ident, values, *where):
    with _session_for_write() as session:
        where = where or (_ident_where(model, ident),)
        row = _get_one(session, model, ident, *where, lock=True)
        return _update_row(session, row, values)


def _delete(model, ident, *where, before: Callable | None = None):
    """Delete one row; ``before(session, row)`` may refuse or clean up."""
    where = where or (_ident_where(model, ident),)
    with _session_for_write() as session:
        row = _get_one(session, model, ident, *where, lock=True)
        if before is not None:
            before(session, row)
        try:
            session.execute(sa.delete(model).where(model.id == row.id))
        except db_exc.DBReferenceError:
            # The explicit checks in ``before`` should make this
            # unreachable; the RESTRICT keys are the last line of defence.
            raise exception.InUse(resource=_TABLES[model].label,
                                  ident=ident,
                                  why=_('other rows refer to it'))


def _apply_filters(model, stmt, filters):
    known = _TABLES[model].filters
    unknown = sorted(set(filters or {}) - set(known))
    if unknown:
        raise exception.InvalidParameterValue(
            err=_('Unknown filter %(names)s for %(label)s; known: '
                  '%(known)s') % {'names': ', '.join(unknown),
                                  'label': _TABLES[model].label.lower(),
                                  'known': ', '.join(sorted(known))})
    for name, value in (filters or {}).items():
        how = known[name]
        if callable(how):
            stmt = how(stmt, value)
        else:
            stmt = stmt.where(getattr(model, how) == value)
    return stmt


def _sortable_columns(model):
    return sorted(c.key for c in model.__table__.c
                  if not isinstance(c.type, sa.JSON))


def _marker_row(session, model, filtered, marker):
    """The marker's row, looked for among the rows being listed only.

    A marker naming a row outside the list (another project's, say) is
    refused exactly like one naming nothing, so markers reveal nothing.
    """
    column = model.uuid if _TABLES[model].has_uuid else model.id
    row = session.execute(filtered.where(column == marker)
                          ).unique().scalar_one_or_none()
    if row is None:
        raise exception.InvalidMarker(marker=marker,
                                      resource=_TABLES[model].label.lower())
    return row


def _after_marker(column, marker_value, row_id, marker_id, descending):
    """Rows after the marker in ``ORDER BY column, id`` (both one way).

    NULL sorts lowest, as on MySQL and SQLite: first when ascending, last
    when descending. (oslo.db's paginate_query drops rows when the
    marker's value is NULL, hence this.)
    """
    if isinstance(column.type, sa.Boolean):
        column = sa.cast(column, sa.Integer)
        marker_value = None if marker_value is None else int(marker_value)
    beyond_id = row_id < marker_id if descending else row_id > marker_id
    if marker_value is None:
        same = sa.and_(column.is_(None), beyond_id)
        return same if descending else sa.or_(column.is_not(None), same)
    beyond = column < marker_value if descending else column > marker_value
    after = sa.or_(beyond, sa.and_(column == marker_value, beyond_id))
    return sa.or_(after, column.is_(None)) if descending else after


def _paginate(session, model, stmt, limit, marker, sort_key, sort_dir):
    sort_key = sort_key or 'id'
    sort_dir = sort_dir or 'asc'
    allowed = _sortable_columns(model)
    if sort_key not in allowed:
        raise exception.InvalidSortKey(key=sort_key,
                                       allowed=', '.join(allowed))
    if sort_dir not in ('asc', 'desc'):
        raise exception.InvalidParameterValue(
            err=_('sort_dir must be "asc" or "desc", not "%s"') % sort_dir)
    if limit is not None and limit < 1:
        raise exception.InvalidParameterValue(
            err=_('limit must be a positive integer'))
    descending = sort_dir == 'desc'
    direction = sa.desc if descending else sa.asc
    column = getattr(model, sort_key)
    stmt = stmt.order_by(direction(column), direction(model.id))
    if marker is not None:
        marker = _marker_row(session, model, stmt, marker)
        stmt = stmt.where(_after_marker(column, getattr(marker, sort_key),
                                        model.id, marker.id, descending))
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


def _list(model, filters, limit, marker, sort_key, sort_dir, extra=None):
    with _session_for_read() as session:
        stmt = _apply_filters(model, _select(model), filters)
        if extra is not None:
            stmt = extra(stmt)
        stmt = _paginate(session, model, stmt, limit, marker, sort_key,
                         sort_dir)
        return session.execute(stmt).unique().scalars().all()


_retry_on_deadlock = oslo_db_api.wrap_db_retry(
    max_retries=5, retry_on_deadlock=True, retry_interval=0.05,
    inc_retry_interval=True, max_retry_interval=1)


def _count(session, model, *where):
    return session.execute(sa.select(sa.func.count()).select_from(model)
                           .where(*where)).scalar_one()


class Connection(api.Connection):
    """SQLAlchemy connection."""

    # Boards

    def get_board_list(self, filters=None, limit=None, marker=None,
                       sort_key=None, sort_dir=None):
        return _list(models.Board, filters, limit, marker, sort_key,
                     sort_dir)

    def get_board_by_id(self, board_id):
        return _read_one(models.Board, board_id, models.Board.id == board_id)

    def get_board_by_uuid(self, board_uuid):
        return _read_one(models.Board, board_uuid,
                         models.Board.uuid == board_uuid)

    def get_board_by_name(self, name, project=None):
        return _read_by_name(models.Board, name, project)

    def get_board_by_code(self, code):
        return _read_one(models.Board, code, models.Board.code == code)

    def get_board_identity(self, uuid=None, code=None):
        board = models.Board
        where = board.uuid == uuid if code is None else board.code == code
        with _session_for_read() as session:
            return session.execute(
                sa.select(board.uuid, board.code_used, board.credential_hash,
                          board.credential_next_hash).where(where)).first()

    def promote_board_credential(self, uuid, credential_hash):
        board = models.Board
        with _session_for_write() as session:
            session.execute(
                sa.update(board)
                .where(board.uuid == uuid,
                       board.credential_next_hash == credential_hash)
                .values(credential_hash=credential_hash,
                        credential_next_hash=None,
                        revision=board.revision + 1,
                        updated_at=models.utcnow()))

    def get_board_by_tunnel_key(self, tunnel_key):
        return _read_one(models.Board, 'tunnel key',
                         models.Board.tunnel_key == tunnel_key)

    def create_board(self, values, location=None):
        with _session_for_write() as session:
            board = _insert(session, models.Board, values)
            if location is not None:
                _insert(session, models.Location,
                        dict(location, board_id=board.id))
            return _reload(session, board)

    def update_board(self, ident, values, expected_revision=None):
        _check_mutable(values)
        where = [_ident_where(models.Board, ident)]
        if expected_revision is not None:
            where.append(models.Board.revision == expected_revision)
        with _session_for_write() as session:
            stmt = (sa.update(models.Board).where(*where)
                    .values(dict(values,
                                 revision=models.Board.revision + 1,
                                 updated_at=models.utcnow()))
                    .execution_options(synchronize_session=False))
            try:
                updated = session.execute(stmt).rowcount
            except db_exc.DBDuplicateEntry as e:
                raise _duplicate(models.Board, e, values)
            board = _get_one(session, models.Board, ident, where[0])
            if not updated:
                raise exception.ConcurrentUpdate(resource=_('Board'),
                                                 ident=ident)
            return _reload(session, board)

    def destroy_board(self, ident):
        def _requests_go_too(session, board):
            session.execute(sa.delete(models.Request).where(
                models.Request.destination_uuid == board.uuid))

        _delete(models.Board, ident, before=_requests_go_too)

    def set_board_location(self, ident, values):
        with _session_for_write() as session:
            board = _get_one(session, models.Board, ident,
                             _ident_where(models.Board, ident), lock=True)
            location = session.execute(sa.select(models.Location).where(
                models.Location.board_id == board.id)).scalar_one_or_none()
            if location is None:
                location = _insert(session, models.Location,
                                   dict(values, board_id=board.id))
                return _reload(session, location)
            return _update_row(session, location, values)

    def get_location_by_board_id(self, board_id):
        return _read_one(models.Location, board_id,
                         models.Location.board_id == board_id)

    def get_location_list(self, filters=None, limit=None, marker=None,
                          sort_key=None, sort_dir=None):
        return _list(models.Location, filters, limit, marker, sort_key,
                     sort_dir)

    # WAMP sessions: thousands of boards log in and out at once, and
    # InnoDB's gap locks on the sessions index make concurrent logins
    # deadlock now and then; the loser is simply run again.

    @_retry_on_deadlock
    def create_session(self, values):
        values = dict(values)
        valid = values.setdefault('valid', True)
        with _session_for_write() as session:
            ident = values.get('board_uuid') or values.get('board_id')
            board = _get_one(session, models.Board, ident,
                             _ident_where(models.Board, ident), lock=True)
            values.update(board_uuid=board.uuid, board_id=board.id)
            if valid:
                session.execute(
                    sa.update(models.SessionWP)
                    .where(models.SessionWP.board_id == board.id,
                           models.SessionWP.valid.is_(True))
                    .values(valid=False, updated_at=models.utcnow())
                    .execution_options(synchronize_session=False))
            return _reload(session, _insert(session, models.SessionWP,
                                            values))

    def get_session_by_id(self, session_row_id):
        return _read_by_ident(models.SessionWP, session_row_id)

    def get_session_by_session_id(self, session_id):
        with _session_for_read() as session:
            row = session.execute(
                sa.select(models.SessionWP)
                .where(models.SessionWP.session_id == session_id)
                .order_by(models.SessionWP.id.desc()).limit(1)
            ).scalar_one_or_none()
        if row is None:
            raise exception.SessionNotFound(ident=session_id)
        return row

    def get_valid_session_by_board_uuid(self, board_uuid):
        return _read_one(models.SessionWP, board_uuid,
                         models.SessionWP.board_uuid == board_uuid,
                         models.SessionWP.valid.is_(True))

    def get_session_list(self, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
        return _list(models.SessionWP, filters, limit, marker, sort_key,
                     sort_dir)

    @_retry_on_deadlock
    def invalidate_session(self, session_id):
        with _session_for_write() as session:
            row = session.execute(
                sa.select(models.SessionWP)
                .where(models.SessionWP.session_id == session_id,
                       models.SessionWP.valid.is_(True))
                .with_for_update()).scalar_one_or_none()
            if row is None:
                return None
            return _update_row(session, row, {'valid': False})

    def update_session(self, session_row_id, values):
        return _update(models.SessionWP, session_row_id, values)

    def destroy_session(self, session_row_id):
        _delete(models.SessionWP, session_row_id)

    def purge_invalid_sessions(self, older_than):
        last_change = sa.func.coalesce(models.SessionWP.updated_at,
                                       models.SessionWP.created_at)
        with _session_for_write() as session:
            return session.execute(
                sa.delete(models.SessionWP).where(
                    models.SessionWP.valid.is_(False),
                    last_change < older_than)).rowcount

    # WAMP agents and conductors share one implementation: both are
    # processes identified by hostname that heartbeat into their row.

    @staticmethod
    def _register_process(model, values, update_existing):
        values = dict(values, online=True)
        with _session_for_write() as session:
            row = session.execute(
                sa.select(model).where(model.hostname == values['hostname'])
                .with_for_update()).scalar_one_or_none()
            if row is None:
                return _reload(session, _insert(session, model, values))
            if not update_existing:
                raise _TABLES[model].already_exists(
                    columns='hostname', values=values['hostname'], where='')
            values['updated_at'] = models.utcnow()
            return _update_row(session, row, values)

    def register_wampagent(self, values, update_existing=False):
        return self._register_process(models.WampAgent, values,
                                      update_existing)

    def count_boards_by_agent(self, hostnames):
        with _session_for_read() as session:
            counted = dict(session.execute(
                sa.select(models.Board.agent, sa.func.count())
                .where(models.Board.agent.in_(list(hostnames)))
                .group_by(models.Board.agent)).all())
        return {name: counted.get(name, 0) for name in hostnames}

    def get_wampagent(self, hostname):
        return _read_one(models.WampAgent, hostname,
                         models.WampAgent.hostname == hostname)

    def get_wampagent_list(self, filters=None, limit=None, marker=None,
                           sort_key=None, sort_dir=None):
        return _list(models.WampAgent, filters, limit, marker, sort_key,
                     sort_dir)

    def update_wampagent(self, hostname, values):
        return _update(models.WampAgent, hostname, values,
                       models.WampAgent.hostname == hostname)

    def touch_wampagent(self, hostname):
        return self.update_wampagent(
            hostname, {'online': True, 'updated_at': models.utcnow()})

    def unregister_wampagent(self, hostname):
        return self.update_wampagent(hostname, {'online': False})

    def destroy_wampagent(self, hostname):
        _delete(models.WampAgent, hostname,
                models.WampAgent.hostname == hostname)

    def register_conductor(self, values, update_existing=False):
        return self._register_process(models.Conductor, values,
                                      update_existing)

    def get_conductor(self, hostname):
        return _read_one(models.Conductor, hostname,
                         models.Conductor.hostname == hostname)

    def get_conductor_list(self, filters=None, limit=None, marker=None,
                           sort_key=None, sort_dir=None):
        return _list(models.Conductor, filters, limit, marker, sort_key,
                     sort_dir)

    def _update_conductor(self, hostname, values):
        return _update(models.Conductor, hostname, values,
                       models.Conductor.hostname == hostname)

    def touch_conductor(self, hostname):
        return self._update_conductor(
            hostname, {'online': True, 'updated_at': models.utcnow()})

    def unregister_conductor(self, hostname):
        return self._update_conductor(hostname, {'online': False})

    def destroy_conductor(self, hostname):
        _delete(models.Conductor, hostname,
                models.Conductor.hostname == hostname)

    # Plugins and injections

    def create_plugin(self, values):
        return _create(models.Plugin, values)

    def get_plugin_by_id(self, plugin_id):
        return _read_by_ident(models.Plugin, plugin_id)

    def get_plugin_by_uuid(self, plugin_uuid):
        return _read_by_ident(models.Plugin, plugin_uuid)

    def get_plugin_by_name(self, name, project=None):
        return _read_by_name(models.Plugin, name, project)

    def get_plugin_list(self, filters=None, limit=None, marker=None,
                        sort_key=None, sort_dir=None):
        filters = dict(filters or {})
        if not filters.pop('with_public', False):
            return _list(models.Plugin, filters, limit, marker, sort_key,
                         sort_dir)

        def _or_public(stmt):
            own = _apply_filters(models.Plugin, sa.select(models.Plugin.id),
                                 filters)
            return stmt.where(sa.or_(models.Plugin.id.in_(own),
                                     models.Plugin.public.is_(True)))

        return _list(models.Plugin, None, limit, marker, sort_key,
                     sort_dir, extra=_or_public)

    def update_plugin(self, ident, values):
        return _update(models.Plugin, ident, values)

    def destroy_plugin(self, ident):
        def _not_injected(session, plugin):
            if _count(session, models.InjectionPlugin,
                      models.InjectionPlugin.plugin_uuid == plugin.uuid):
                raise exception.InUse(resource=_('Plugin'), ident=ident,
                                      why=_('it is injected on boards'))

        _delete(models.Plugin, ident, before=_not_injected)

    def create_injection_plugin(self, values):
        return _create(models.InjectionPlugin, values)

    def get_injection_plugin_by_id(self, injection_id):
        return _read_by_ident(models.InjectionPlugin, injection_id)

    def get_injection_plugin(self, board_uuid, plugin_uuid):
        return _read_one(models.InjectionPlugin, plugin_uuid,
                         models.InjectionPlugin.board_uuid == board_uuid,
                         models.InjectionPlugin.plugin_uuid == plugin_uuid)

    def get_injection_plugin_list(self, filters=None, limit=None,
                                  marker=None, sort_key=None, sort_dir=None):
        return _list(models.InjectionPlugin, filters, limit, marker,
                     sort_key, sort_dir)

    def update_injection_plugin(self, injection_id, values):
        return _update(models.InjectionPlugin, injection_id, values)

    def destroy_injection_plugin(self, injection_id):
        _delete(models.InjectionPlugin, injection_id)

    # Services and exposures

    def create_service(self, values):
        return _create(models.Service, values)

    def get_service_by_id(self, service_id):
        return _read_by_ident(models.Service, service_id)

    def get_service_by_uuid(self, service_uuid):
        return _read_by_ident(models.Service, service_uuid)

    def get_service_by_name(self, name, project=None):
        return _read_by_name(models.Service, name, project)

    def get_service_list(self, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
        return _list(models.Service, filters, limit, marker, sort_key,
                     sort_dir)

    def update_service(self, ident, values):
        return _update(models.Service, ident, values)

    def destroy_service(self, ident):
        def _not_exposed(session, service):
            if _count(session, models.ExposedService,
                      models.ExposedService.service_uuid == service.uuid):
                raise exception.InUse(resource=_('Service'), ident=ident,
                                      why=_('it is exposed on boards'))

        _delete(models.Service, ident, before=_not_exposed)

    def create_exposed_service(self, values):
        return _create(models.ExposedService, values)

    def get_exposed_service_by_id(self, exposed_id):
        return _read_by_ident(models.ExposedService, exposed_id)

    def get_exposed_service(self, board_uuid, service_uuid):
        return _read_one(models.ExposedService, service_uuid,
                         models.ExposedService.board_uuid == board_uuid,
                         models.ExposedService.service_uuid == service_uuid)

    def get_exposed_service_list(self, filters=None, limit=None,
                                 marker=None, sort_key=None, sort_dir=None):
        return _list(models.ExposedService, filters, limit, marker,
                     sort_key, sort_dir)

    def update_exposed_service(self, exposed_id, values):
        return _update(models.ExposedService, exposed_id, values)

    def destroy_exposed_service(self, exposed_id):
        _delete(models.ExposedService, exposed_id)

    # Fleets

    def create_fleet(self, values):
        return _create(models.Fleet, values)

    def get_fleet_by_id(self, fleet_id):
        return _read_by_ident(models.Fleet, fleet_id)

    def get_fleet_by_uuid(self, fleet_uuid):
        return _read_by_ident(models.Fleet, fleet_uuid)

    def get_fleet_by_name(self, name, project=None):
        return _read_by_name(models.Fleet, name, project)

    def get_fleet_list(self, filters=None, limit=None, marker=None,
                       sort_key=None, sort_dir=None):
        return _list(models.Fleet, filters, limit, marker, sort_key,
                     sort_dir)

    def update_fleet(self, ident, values):
        return _update(models.Fleet, ident, values)

    def destroy_fleet(self, ident):
        _delete(models.Fleet, ident)

    # Webservices

    def create_webservice(self, values):
        return _create(models.Webservice, values)

    def get_webservice_by_id(self, webservice_id):
        return _read_by_ident(models.Webservice, webservice_id)

    def get_webservice_by_uuid(self, webservice_uuid):
        return _read_by_ident(models.Webservice, webservice_uuid)

    def get_webservice_list(self, filters=None, limit=None, marker=None,
                            sort_key=None, sort_dir=None):
        return _list(models.Webservice, filters, limit, marker, sort_key,
                     sort_dir)

    def update_webservice(self, ident, values):
        return _update(models.Webservice, ident, values)

    def destroy_webservice(self, ident):
        _delete(models.Webservice, ident)

    def create_enabled_webservice(self, values):
        return _create(models.EnabledWebservice, values)

    def get_enabled_webservice_by_id(self, enabled_id):
        return _read_by_ident(models.EnabledWebservice, enabled_id)

    def get_enabled_webservice_by_board_uuid(self, board_uuid):
        return _read_one(models.EnabledWebservice, board_uuid,
                         models.EnabledWebservice.board_uuid == board_uuid)

    def get_enabled_webservice_list(self, filters=None, limit=None,
                                    marker=None, sort_key=None,
                                    sort_dir=None):
        return _list(models.EnabledWebservice, filters, limit, marker,
                     sort_key, sort_dir)

    def update_enabled_webservice(self, enabled_id, values):
        return _update(models.EnabledWebservice, enabled_id, values)

    def destroy_enabled_webservice(self, enabled_id):
        _delete(models.EnabledWebservice, enabled_id)

    # Ports

    def create_port(self, values):
        return _create(models.Port, values)

    def get_port_by_id(self, port_id):
        return _read_by_ident(models.Port, port_id)

    def get_port_by_uuid(self, port_uuid):
        return _read_by_ident(models.Port, port_uuid)

    def get_port_list(self, filters=None, limit=None, marker=None,
                      sort_key=None, sort_dir=None):
        return _list(models.Port, filters, limit, marker, sort_key,
                     sort_dir)

    def update_port(self, ident, values):
        return _update(models.Port, ident, values)

    def destroy_port(self, ident):
        _delete(models.Port, ident)

    # Requests and results

    def create_request(self, values):
        return _create(models.Request, values)

    def get_request_by_id(self, request_id):
        return _read_by_ident(models.Request, request_id)

    def get_request_by_uuid(self, request_uuid):
        return _read_by_ident(models.Request, request_uuid)

    def get_request_list(self, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
        return _list(models.Request, filters, limit, marker, sort_key,
                     sort_dir)

    def update_request(self, ident, values):
        return _update(models.Request, ident, values)

    def create_request_with_result(self, request_values, result_values):
        with _session_for_write() as session:
            request = _insert(session, models.Request, request_values)
            result = _insert(session, models.Result, result_values)
            return _reload(session, request), _reload(session, result)

    def update_request_and_result(self, request_id, request_values,
                                  result_id, result_values):
        # Every board call ends here: two UPDATEs by key, no reads.
        now = models.utcnow()
        with _session_for_write() as session:
            for model, row_id, values in (
                    (models.Result, result_id, result_values),
                    (models.Request, request_id, request_values)):
                _check_mutable(values)
                updated = session.execute(
                    sa.update(model).where(model.id == row_id).values(
                        dict(values, updated_at=now))).rowcount
                if not updated:
                    raise _TABLES[model].not_found(ident=row_id)
        return now

    def destroy_request(self, ident):
        _delete(models.Request, ident)

    def create_result(self, values):
        return _create(models.Result, values)

    def get_result_by_id(self, result_id):
        return _read_by_ident(models.Result, result_id)

    def get_result(self, board_uuid, request_uuid):
        return _read_one(models.Result, request_uuid,
                         models.Result.board_uuid == board_uuid,
                         models.Result.request_uuid == request_uuid)

    def get_result_list(self, filters=None, limit=None, marker=None,
                        sort_key=None, sort_dir=None):
        return _list(models.Result, filters, limit, marker, sort_key,
                     sort_dir)

    def update_result(self, result_id, values):
        return _update(models.Result, result_id, values)

    def destroy_result(self, result_id):
        _delete(models.Result, result_id)

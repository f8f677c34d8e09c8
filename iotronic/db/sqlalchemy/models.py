"""SQLAlchemy models of IoTronic's database.

The schema keeps every column upstream IoTronic has (so its REST and board
contracts can be served unchanged) and designs out its defects:

* every foreign key says what happens on delete: children that only make
  sense with their parent (sessions, locations, injections, exposures,
  ports, webservices, results) are removed with it (``CASCADE``); a
  catalogue entry still referenced by a board (a plugin injected somewhere,
  a service exposed somewhere) refuses the delete (``RESTRICT``, mapped to
  a 409 by the DB API); a board leaving a deleted fleet keeps existing
  (``SET NULL``);
* the uniques upstream relied on but never declared: one injection per
  (board, plugin), one exposure per (board, service), one board per public
  port, one valid WAMP session per board, names unique within their
  project;
* indexes for every lookup done on a hot path;
* ``utf8mb4`` and InnoDB on MySQL, native JSON columns, UTC timestamps;
* ``boards.revision``, bumped on every update: a writer that read an
  older revision gets a conflict instead of silently overwriting a status
  change made meanwhile by another process (see ``update_board``).

Unique constraints follow oslo.db's ``uniq_<table>0<col>0<col>`` naming so
that a duplicate key error names its columns on every backend.
"""

import datetime
from typing import Any

from oslo_db.sqlalchemy import models as oslo_models
from oslo_utils import timeutils
import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

# Sizes shared by several tables.
UUID_LEN = 36
KEYSTONE_ID_LEN = 64
NAME_LEN = 255

# MEDIUMTEXT on MySQL: plugin sources and board messages can exceed the
# 64 KiB of a plain TEXT column.
LongText = sa.Text().with_variant(sa.dialects.mysql.MEDIUMTEXT(), 'mysql')


def table_args(*constraints):
    return constraints + ({'mysql_engine': 'InnoDB',
                           'mysql_charset': 'utf8mb4',
                           'mysql_collate': 'utf8mb4_unicode_ci'},)


def utcnow():
    """UTC now as MySQL's DATETIME keeps it, in whole seconds: a row as
    written and the same row read back then agree, on every backend."""
    return timeutils.utcnow().replace(microsecond=0)


class Base(oslo_models.ModelBase, orm.DeclarativeBase):
    """Base of every table: integer key and UTC timestamps."""

    type_annotation_map = {
        dict[str, Any]: sa.JSON,
        list[Any]: sa.JSON,
    }

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    created_at: Mapped[datetime.datetime | None] = mapped_column(
        default=utcnow)
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        onupdate=utcnow)

    def as_dict(self):
        return {c.key: getattr(self, c.key)
                for c in sa.inspect(self).mapper.column_attrs}


def _board_fk(ondelete='CASCADE'):
    return sa.ForeignKey('boards.uuid', ondelete=ondelete)


class Conductor(Base):
    """A conductor process; ``updated_at`` is its heartbeat."""

    __tablename__ = 'conductors'
    __table_args__ = table_args(
        sa.UniqueConstraint('hostname', name='uniq_conductors0hostname'),
    )

    hostname: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    online: Mapped[bool] = mapped_column(default=True)


class WampAgent(Base):
    """A WAMP agent process; ``updated_at`` is its heartbeat.

    ``wsurl`` is the router URL boards assigned to this agent are told to
    connect to; ``ragent`` marks agents that serve board registration.
    """

    __tablename__ = 'wampagents'
    __table_args__ = table_args(
        sa.UniqueConstraint('hostname', name='uniq_wampagents0hostname'),
        sa.Index('wampagents_online_idx', 'online'),
    )

    hostname: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    wsurl: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    online: Mapped[bool] = mapped_column(default=True)
    ragent: Mapped[bool] = mapped_column(default=False)


class Fleet(Base):
    __tablename__ = 'fleets'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_fleets0uuid'),
        sa.UniqueConstraint('project', 'name',
                            name='uniq_fleets0project0name'),
        sa.Index('fleets_project_idx', 'project'),
    )

    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    name: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    project: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    description: Mapped[str | None] = mapped_column(sa.String(300))
    extra: Mapped[dict[str, Any] | None]


class Board(Base):
    __tablename__ = 'boards'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_boards0uuid'),
        sa.UniqueConstraint('code', name='uniq_boards0code'),
        sa.UniqueConstraint('tunnel_key', name='uniq_boards0tunnel_key'),
        sa.UniqueConstraint('project', 'name',
                            name='uniq_boards0project0name'),
        sa.Index('boards_name_idx', 'name'),
        sa.Index('boards_status_idx', 'status'),
        sa.Index('boards_owner_idx', 'owner'),
        sa.Index('boards_agent_idx', 'agent'),
        sa.Index('boards_fleet_idx', 'fleet'),
    )

    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    code: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    status: Mapped[str] = mapped_column(sa.String(32))
    name: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    type: Mapped[str | None] = mapped_column(sa.String(NAME_LEN))
    agent: Mapped[str | None] = mapped_column(sa.String(NAME_LEN))
    owner: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    project: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    fleet: Mapped[str | None] = mapped_column(
        sa.String(UUID_LEN), sa.ForeignKey('fleets.uuid',
                                           ondelete='SET NULL'))
    mobile: Mapped[bool] = mapped_column(default=False)
    lr_version: Mapped[str | None] = mapped_column(sa.String(20))
    connectivity: Mapped[dict[str, Any] | None]
    config: Mapped[dict[str, Any] | None]
    extra: Mapped[dict[str, Any] | None]
    revision: Mapped[int] = mapped_column(default=1)
    # The public key the board opens service tunnels with ('ssh-ed25519
    # AAAA...'), as it reported when it logged in.
    tunnel_key: Mapped[str | None] = mapped_column(sa.String(NAME_LEN))
    # The board's router credential, hashed (iotronic.wamp.identity);
    # the next one while a rotation waits for the board to use it.
    credential_hash: Mapped[str | None] = mapped_column(sa.String(NAME_LEN))
    credential_next_hash: Mapped[str | None] = mapped_column(
        sa.String(NAME_LEN))
    # The registration code works once.
    code_used: Mapped[bool] = mapped_column(default=False,
                                            server_default=sa.false())

    # Loaded with the board in list queries (no N+1); see the DB API.
    location: Mapped['Location | None'] = orm.relationship(
        back_populates='board', uselist=False, lazy='raise',
        passive_deletes=True)
    session: Mapped['SessionWP | None'] = orm.relationship(
        primaryjoin='and_(Board.id == SessionWP.board_id, '
                    'SessionWP.valid == True)',
        uselist=False, viewonly=True, lazy='raise')
    fleet_ref: Mapped['Fleet | None'] = orm.relationship(
        viewonly=True, lazy='raise')


class Location(Base):
    """Where a board is; one current location per board."""

    __tablename__ = 'locations'
    __table_args__ = table_args(
        sa.UniqueConstraint('board_id', name='uniq_locations0board_id'),
    )

    longitude: Mapped[str | None] = mapped_column(sa.String(18))
    latitude: Mapped[str | None] = mapped_column(sa.String(18))
    altitude: Mapped[str | None] = mapped_column(sa.String(18))
    board_id: Mapped[int] = mapped_column(
        sa.ForeignKey('boards.id', ondelete='CASCADE'))

    board: Mapped[Board] = orm.relationship(back_populates='location',
                                            lazy='raise')


class SessionWP(Base):
    """A WAMP session of a board; at most one per board is valid.

    ``valid_board_id`` is computed by the database (the board id while the
    session is valid, NULL otherwise) so that a unique index enforces "one
    valid session per board" on MySQL and SQLite alike, where a partial
    index is not available.
    """

    __tablename__ = 'sessions'
    __table_args__ = table_args(
        sa.UniqueConstraint('session_id', 'board_uuid',
                            name='uniq_sessions0session_id0board_uuid'),
        sa.UniqueConstraint('valid_board_id',
                            name='uniq_sessions0valid_board_id'),
        sa.Index('sessions_session_id_idx', 'session_id'),
        sa.Index('sessions_board_uuid_valid_idx', 'board_uuid', 'valid'),
    )

    valid: Mapped[bool] = mapped_column(default=True)
    session_id: Mapped[str] = mapped_column(sa.String(32))
    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    board_id: Mapped[int] = mapped_column(
        sa.ForeignKey('boards.id', ondelete='CASCADE'))
    valid_board_id: Mapped[int | None] = mapped_column(
        sa.Computed('CASE WHEN valid THEN board_id ELSE NULL END',
                    persisted=True))


class Plugin(Base):
    """Code users push to boards; ``code`` is plain source text."""

    __tablename__ = 'plugins'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_plugins0uuid'),
        sa.UniqueConstraint('project', 'name',
                            name='uniq_plugins0project0name'),
        sa.Index('plugins_owner_idx', 'owner'),
        sa.Index('plugins_public_idx', 'public'),
    )

    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    name: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    owner: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    project: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    public: Mapped[bool] = mapped_column(default=False)
    code: Mapped[str | None] = mapped_column(LongText)
    callable: Mapped[bool] = mapped_column(default=False)
    parameters: Mapped[dict[str, Any] | None]
    extra: Mapped[dict[str, Any] | None]


class InjectionPlugin(Base):
    """A plugin installed on a board, with the status the board confirmed."""

    __tablename__ = 'injection_plugins'
    __table_args__ = table_args(
        sa.UniqueConstraint('board_uuid', 'plugin_uuid',
                            name='uniq_injection_plugins0board_uuid0'
                                 'plugin_uuid'),
        sa.Index('injection_plugins_plugin_uuid_idx', 'plugin_uuid'),
    )

    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    plugin_uuid: Mapped[str] = mapped_column(
        sa.String(UUID_LEN),
        sa.ForeignKey('plugins.uuid', ondelete='RESTRICT'))
    onboot: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str | None] = mapped_column(sa.String(32))


class Service(Base):
    """A board-local TCP/UDP service that can be exposed on a public port."""

    __tablename__ = 'services'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
        sa.UniqueConstraint('project', 'name',
                            name='uniq_services0project0name'),
    )

    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    name: Mapped[str] = mapped_column(sa.String(NAME_LEN))
    project: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    port: Mapped[int]
    protocol: Mapped[str] = mapped_column(sa.String(16))
    extra: Mapped[dict[str, Any] | None]


class ExposedService(Base):
    __tablename__ = 'exposed_services'
    __table_args__ = table_args(
        sa.UniqueConstraint('board_uuid', 'service_uuid',
                            name='uniq_exposed_services0board_uuid0'
                                 'service_uuid'),
        sa.UniqueConstraint('public_port',
                            name='uniq_exposed_services0public_port'),
        sa.Index('exposed_services_service_uuid_idx', 'service_uuid'),
    )

    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    service_uuid: Mapped[str] = mapped_column(
        sa.String(UUID_LEN),
        sa.ForeignKey('services.uuid', ondelete='RESTRICT'))
    public_port: Mapped[int]


class Port(Base):
    """A virtual network port attached to a board."""

    __tablename__ = 'ports_on_boards'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_ports_on_boards0uuid'),
        sa.Index('ports_on_boards_board_uuid_idx', 'board_uuid'),
    )

    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    VIF_name: Mapped[str | None] = mapped_column(sa.String(30))
    MAC_add: Mapped[str | None] = mapped_column(sa.String(32))
    ip: Mapped[str | None] = mapped_column(sa.String(64))
    network: Mapped[str | None] = mapped_column(sa.String(UUID_LEN))


class EnabledWebservice(Base):
    """A board's webservice front end: its DNS name and public ports."""

    __tablename__ = 'enabled_webservices'
    __table_args__ = table_args(
        sa.UniqueConstraint('board_uuid',
                            name='uniq_enabled_webservices0board_uuid'),
    )

    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    http_port: Mapped[int]
    https_port: Mapped[int]
    dns: Mapped[str] = mapped_column(sa.String(100))
    zone: Mapped[str] = mapped_column(sa.String(100))
    extra: Mapped[dict[str, Any] | None]


class Webservice(Base):
    """An HTTP application on a board, published under the board's name."""

    __tablename__ = 'webservices'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_webservices0uuid'),
        sa.UniqueConstraint('board_uuid', 'name',
                            name='uniq_webservices0board_uuid0name'),
        sa.UniqueConstraint('board_uuid', 'port',
                            name='uniq_webservices0board_uuid0port'),
    )

    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    port: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(63))
    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    secure: Mapped[bool] = mapped_column(default=True)
    extra: Mapped[dict[str, Any] | None]


class Request(Base):
    """A unit of work sent to a board (or a parent of several).

    ``destination_uuid`` is deliberately not a foreign key: a request may
    target other kinds of resources. The DB API removes a board's requests
    with the board.
    """

    __tablename__ = 'requests'
    __table_args__ = table_args(
        sa.UniqueConstraint('uuid', name='uniq_requests0uuid'),
        sa.Index('requests_destination_uuid_idx', 'destination_uuid'),
        sa.Index('requests_project_idx', 'project'),
        sa.Index('requests_main_request_uuid_idx', 'main_request_uuid'),
    )

    uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    destination_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN))
    main_request_uuid: Mapped[str | None] = mapped_column(
        sa.String(UUID_LEN),
        sa.ForeignKey('requests.uuid', ondelete='CASCADE'))
    pending_requests: Mapped[int] = mapped_column(default=0)
    project: Mapped[str | None] = mapped_column(sa.String(KEYSTONE_ID_LEN))
    status: Mapped[str] = mapped_column(sa.String(16))
    type: Mapped[int]
    action: Mapped[str] = mapped_column(sa.String(64))


class Result(Base):
    """What one board answered to one request."""

    __tablename__ = 'results'
    __table_args__ = table_args(
        sa.UniqueConstraint('board_uuid', 'request_uuid',
                            name='uniq_results0board_uuid0request_uuid'),
        sa.Index('results_request_uuid_idx', 'request_uuid'),
    )

    result: Mapped[str] = mapped_column(sa.String(16))
    message: Mapped[str | None] = mapped_column(LongText)
    board_uuid: Mapped[str] = mapped_column(sa.String(UUID_LEN),
                                            _board_fk())
    request_uuid: Mapped[str] = mapped_column(
        sa.String(UUID_LEN),
        sa.ForeignKey('requests.uuid', ondelete='CASCADE'))

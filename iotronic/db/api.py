"""The database interface of IoTronic.

Every process (API, conductor, wamp agent) reaches the database through
``get_instance()``; nothing else imports SQLAlchemy. The contract, shared
by every method below:

* ``ident`` arguments accept the integer ``id`` or the ``uuid`` of the row;
* getters raise the resource's ``*NotFound`` exception, never return None;
* writers raise the resource's ``*AlreadyExists`` exception when a unique
  key (uuid, a name within its project, a board/plugin pair, a public
  port...) is already taken;
* list methods take ``filters`` (a dict; the keys each one understands are
  listed on it, and an unknown key raises ``InvalidParameterValue``),
  ``limit``, ``marker`` (the uuid, or the id for rows without one, of the
  last row of the previous page; an unknown marker raises
  ``InvalidMarker``), ``sort_key`` (any column that is not JSON; otherwise
  ``InvalidSortKey``) and ``sort_dir`` (``asc`` or ``desc``); ``id`` is
  always the final sort key, so pages are stable;
* deletes leave no orphans: children cascade in the database, and a row
  that is still in use (a plugin injected on a board, a service exposed on
  one) raises ``InUse`` instead of failing on a foreign key.
"""

import abc

from oslo_config import cfg
from oslo_db import api as db_api

_BACKEND_MAPPING = {'sqlalchemy': 'iotronic.db.sqlalchemy.api'}
IMPL = db_api.DBAPI.from_config(cfg.CONF,
                                backend_mapping=_BACKEND_MAPPING,
                                lazy=True)


def get_instance():
    """The database API of this process."""
    return IMPL


class Connection(metaclass=abc.ABCMeta):
    """What the rest of IoTronic may ask of the database."""

    # Boards

    @abc.abstractmethod
    def get_board_list(self, filters=None, limit=None, marker=None,
                       sort_key=None, sort_dir=None):
        """Boards, each with its location, valid session and fleet loaded.

        The whole page is one SELECT, whatever its size.

        :param filters: ``status``, ``project``, ``owner``, ``fleet``
            (uuid), ``type``, ``name``, ``agent``, ``mobile``, ``uuids``
            (a list).
        """

    @abc.abstractmethod
    def get_board_by_id(self, board_id):
        """A board (with location, session and fleet) by integer id."""

    @abc.abstractmethod
    def get_board_by_uuid(self, board_uuid):
        """A board (with location, session and fleet) by uuid."""

    @abc.abstractmethod
    def get_board_by_name(self, name, project=None):
        """A board by name, within ``project`` when given.

        :raises: AmbiguousName when several boards (of different projects)
            have this name and no project narrows it down.
        """

    @abc.abstractmethod
    def get_board_by_code(self, code):
        """The board a registration code belongs to."""

    @abc.abstractmethod
    def get_board_identity(self, uuid=None, code=None):
        """What the router's authenticator needs of the board with this
        uuid or registration code: a row with ``uuid``, ``code_used``,
        ``credential_hash`` and ``credential_next_hash``, or None. One
        narrow query: thousands of boards authenticate at once."""

    @abc.abstractmethod
    def promote_board_credential(self, uuid, credential_hash):
        """Make the pending credential ``credential_hash`` the board's
        only one, if it still is the pending one."""

    @abc.abstractmethod
    def get_board_by_tunnel_key(self, tunnel_key):
        """The board that opens its tunnels with ``tunnel_key``."""

    @abc.abstractmethod
    def create_board(self, values, location=None):
        """Insert a board and, in the same transaction, its location.

        :param values: board columns; ``uuid`` is generated when absent.
        :param location: optional dict of ``longitude``, ``latitude``,
            ``altitude``.
        """

    @abc.abstractmethod
    def update_board(self, ident, values, expected_revision=None):
        """Update a board and bump its revision.

        :param expected_revision: the revision the caller read; if another
            writer has updated the board since, nothing is written and
            ``ConcurrentUpdate`` is raised.
        :raises: InvalidParameterValue when ``values`` tries to change
            ``id``, ``uuid`` or ``revision``.
        """

    @abc.abstractmethod
    def destroy_board(self, ident):
        """Delete a board with everything that belongs to it.

        Its location, sessions, plugin injections, exposed services, ports,
        webservices, results and the requests addressed to it go with it.
        """

    @abc.abstractmethod
    def set_board_location(self, ident, values):
        """Create or replace a board's location; returns the location."""

    @abc.abstractmethod
    def get_location_by_board_id(self, board_id):
        """The location of a board (integer id); LocationNotFound if none."""

    @abc.abstractmethod
    def get_location_list(self, filters=None, limit=None, marker=None,
                          sort_key=None, sort_dir=None):
        """Locations. :param filters: ``board_id``."""

    # WAMP sessions of boards

    @abc.abstractmethod
    def create_session(self, values):
        """Record a new valid session of a board.

        Any other valid session of the same board is invalidated in the
        same transaction, so a board never has two valid sessions.

        :param values: ``board_uuid`` (or ``board_id``) and ``session_id``.
        """

    @abc.abstractmethod
    def get_session_by_id(self, session_row_id):
        """A session row by its integer id."""

    @abc.abstractmethod
    def get_session_by_session_id(self, session_id):
        """The most recent session row with this WAMP session id."""

    @abc.abstractmethod
    def get_valid_session_by_board_uuid(self, board_uuid):
        """The valid session of a board; SessionNotFound if offline."""

    @abc.abstractmethod
    def get_session_list(self, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
        """Sessions. :param filters: ``board_uuid``, ``session_id``,
        ``valid``."""

    @abc.abstractmethod
    def invalidate_session(self, session_id):
        """Mark the valid session with this WAMP id invalid.

        :returns: the session as it is now, or None if no valid session had
            this id (the router reports leaves of sessions we never knew).
        """

    @abc.abstractmethod
    def update_session(self, session_row_id, values):
        """Update a session row."""

    @abc.abstractmethod
    def destroy_session(self, session_row_id):
        """Delete a session row."""

    @abc.abstractmethod
    def purge_invalid_sessions(self, older_than):
        """Delete invalid sessions last updated before ``older_than``.

        :returns: how many rows were deleted.
        """

    # WAMP agents and conductors: processes that heartbeat

    @abc.abstractmethod
    def register_wampagent(self, values, update_existing=False):
        """Record a wamp agent as online.

        :param update_existing: take over the row of an agent with the same
            hostname (a restart); otherwise ``WampAgentAlreadyExists``.
        """

    @abc.abstractmethod
    def count_boards_by_agent(self, hostnames):
        """{hostname: how many boards it serves}, for ``hostnames``."""

    @abc.abstractmethod
    def get_wampagent(self, hostname):
        """A wamp agent by hostname."""

    @abc.abstractmethod
    def get_wampagent_list(self, filters=None, limit=None, marker=None,
                           sort_key=None, sort_dir=None):
        """Wamp agents. :param filters: ``online``, ``ragent``,
        ``alive_since`` (a datetime: heartbeat at or after it)."""

    @abc.abstractmethod
    def update_wampagent(self, hostname, values):
        """Update a wamp agent."""

    @abc.abstractmethod
    def touch_wampagent(self, hostname):
        """Heartbeat: mark the agent online and bump its ``updated_at``."""

    @abc.abstractmethod
    def unregister_wampagent(self, hostname):
        """Mark a wamp agent offline (its row stays for history)."""

    @abc.abstractmethod
    def destroy_wampagent(self, hostname):
        """Delete a wamp agent's row."""

    @abc.abstractmethod
    def register_conductor(self, values, update_existing=False):
        """Record a conductor as online; see ``register_wampagent``."""

    @abc.abstractmethod
    def get_conductor(self, hostname):
        """A conductor by hostname."""

    @abc.abstractmethod
    def get_conductor_list(self, filters=None, limit=None, marker=None,
                           sort_key=None, sort_dir=None):
        """Conductors. :param filters: ``online``, ``alive_since``."""

    @abc.abstractmethod
    def touch_conductor(self, hostname):
        """Heartbeat: mark the conductor online, bump its ``updated_at``."""

    @abc.abstractmethod
    def unregister_conductor(self, hostname):
        """Mark a conductor offline."""

    @abc.abstractmethod
    def destroy_conductor(self, hostname):
        """Delete a conductor's row."""

    # Plugins and their injections on boards

    @abc.abstractmethod
    def create_plugin(self, values):
        """Insert a plugin; ``code`` is stored as the text given."""

    @abc.abstractmethod
    def get_plugin_by_id(self, plugin_id):
        """A plugin by integer id."""

    @abc.abstractmethod
    def get_plugin_by_uuid(self, plugin_uuid):
        """A plugin by uuid."""

    @abc.abstractmethod
    def get_plugin_by_name(self, name, project=None):
        """A plugin by name; see ``get_board_by_name``."""

    @abc.abstractmethod
    def get_plugin_list(self, filters=None, limit=None, marker=None,
                        sort_key=None, sort_dir=None):
        """Plugins.

        :param filters: ``owner``, ``project``, ``public``, ``name``,
            ``callable``, ``with_public`` (True: plugins matching the other
            filters, plus every public plugin).
        """

    @abc.abstractmethod
    def update_plugin(self, ident, values):
        """Update a plugin."""

    @abc.abstractmethod
    def destroy_plugin(self, ident):
        """Delete a plugin; ``InUse`` while it is injected on a board."""

    @abc.abstractmethod
    def create_injection_plugin(self, values):
        """Record a plugin as injected on a board (one row per pair)."""

    @abc.abstractmethod
    def get_injection_plugin_by_id(self, injection_id):
        """An injection by integer id."""

    @abc.abstractmethod
    def get_injection_plugin(self, board_uuid, plugin_uuid):
        """The injection of a plugin on a board."""

    @abc.abstractmethod
    def get_injection_plugin_list(self, filters=None, limit=None,
                                  marker=None, sort_key=None, sort_dir=None):
        """Injections. :param filters: ``board_uuid``, ``plugin_uuid``,
        ``onboot``, ``status``."""

    @abc.abstractmethod
    def update_injection_plugin(self, injection_id, values):
        """Update an injection (status, onboot)."""

    @abc.abstractmethod
    def destroy_injection_plugin(self, injection_id):
        """Delete an injection."""

    # Services and their exposure on boards

    @abc.abstractmethod
    def create_service(self, values):
        """Insert a service."""

    @abc.abstractmethod
    def get_service_by_id(self, service_id):
        """A service by integer id."""

    @abc.abstractmethod
    def get_service_by_uuid(self, service_uuid):
        """A service by uuid."""

    @abc.abstractmethod
    def get_service_by_name(self, name, project=None):
        """A service by name; see ``get_board_by_name``."""

    @abc.abstractmethod
    def get_service_list(self, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
        """Services. :param filters: ``project``, ``name``, ``protocol``,
        ``port``."""

    @abc.abstractmethod
    def update_service(self, ident, values):
        """Update a service."""

    @abc.abstractmethod
    def destroy_service(self, ident):
        """Delete a service; ``InUse`` while it is exposed on a board."""

    @abc.abstractmethod
    def create_exposed_service(self, values):
        """Record a service as exposed on a board at ``public_port``."""

    @abc.abstractmethod
    def get_exposed_service_by_id(self, exposed_id):
        """An exposure by integer id."""

    @abc.abstractmethod
    def get_exposed_service(self, board_uuid, service_uuid):
        """The exposure of a service on a board."""

    @abc.abstractmethod
    def get_exposed_service_list(self, filters=None, limit=None,
                                 marker=None, sort_key=None, sort_dir=None):
        """Exposures. :param filters: ``board_uuid``, ``service_uuid``,
        ``public_port``."""

    @abc.abstractmethod
    def update_exposed_service(self, exposed_id, values):
        """Update an exposure."""

    @abc.abstractmethod
    def destroy_exposed_service(self, exposed_id):
        """Delete an exposure."""

    # Fleets

    @abc.abstractmethod
    def create_fleet(self, values):
        """Insert a fleet."""

    @abc.abstractmethod
    def get_fleet_by_id(self, fleet_id):
        """A fleet by integer id."""

    @abc.abstractmethod
    def get_fleet_by_uuid(self, fleet_uuid):
        """A fleet by uuid."""

    @abc.abstractmethod
    def get_fleet_by_name(self, name, project=None):
        """A fleet by name; see ``get_board_by_name``."""

    @abc.abstractmethod
    def get_fleet_list(self, filters=None, limit=None, marker=None,
                       sort_key=None, sort_dir=None):
        """Fleets. :param filters: ``project``, ``name``."""

    @abc.abstractmethod
    def update_fleet(self, ident, values):
        """Update a fleet."""

    @abc.abstractmethod
    def destroy_fleet(self, ident):
        """Delete a fleet; its boards stay, in no fleet."""

    # Webservices

    @abc.abstractmethod
    def create_webservice(self, values):
        """Insert a webservice of a board."""

    @abc.abstractmethod
    def get_webservice_by_id(self, webservice_id):
        """A webservice by integer id."""

    @abc.abstractmethod
    def get_webservice_by_uuid(self, webservice_uuid):
        """A webservice by uuid."""

    @abc.abstractmethod
    def get_webservice_list(self, filters=None, limit=None, marker=None,
                            sort_key=None, sort_dir=None):
        """Webservices. :param filters: ``board_uuid``, ``name``,
        ``project`` (the board's project)."""

    @abc.abstractmethod
    def update_webservice(self, ident, values):
        """Update a webservice."""

    @abc.abstractmethod
    def destroy_webservice(self, ident):
        """Delete a webservice."""

    @abc.abstractmethod
    def create_enabled_webservice(self, values):
        """Enable webservices on a board (one row per board)."""

    @abc.abstractmethod
    def get_enabled_webservice_by_id(self, enabled_id):
        """An enabled-webservice row by integer id."""

    @abc.abstractmethod
    def get_enabled_webservice_by_board_uuid(self, board_uuid):
        """The enabled-webservice row of a board."""

    @abc.abstractmethod
    def get_enabled_webservice_list(self, filters=None, limit=None,
                                    marker=None, sort_key=None,
                                    sort_dir=None):
        """Enabled webservices. :param filters: ``board_uuid``,
        ``project`` (the board's project)."""

    @abc.abstractmethod
    def update_enabled_webservice(self, enabled_id, values):
        """Update an enabled-webservice row."""

    @abc.abstractmethod
    def destroy_enabled_webservice(self, enabled_id):
        """Delete an enabled-webservice row."""

    # Ports on boards

    @abc.abstractmethod
    def create_port(self, values):
        """Insert a port of a board."""

    @abc.abstractmethod
    def get_port_by_id(self, port_id):
        """A port by integer id."""

    @abc.abstractmethod
    def get_port_by_uuid(self, port_uuid):
        """A port by uuid."""

    @abc.abstractmethod
    def get_port_list(self, filters=None, limit=None, marker=None,
                      sort_key=None, sort_dir=None):
        """Ports. :param filters: ``board_uuid``, ``network``,
        ``project`` (the board's project)."""

    @abc.abstractmethod
    def update_port(self, ident, values):
        """Update a port."""

    @abc.abstractmethod
    def destroy_port(self, ident):
        """Delete a port."""

    # Requests to boards and their results

    @abc.abstractmethod
    def create_request(self, values):
        """Insert a request."""

    @abc.abstractmethod
    def get_request_by_id(self, request_id):
        """A request by integer id."""

    @abc.abstractmethod
    def get_request_by_uuid(self, request_uuid):
        """A request by uuid."""

    @abc.abstractmethod
    def get_request_list(self, filters=None, limit=None, marker=None,
                         sort_key=None, sort_dir=None):
        """Requests. :param filters: ``project``, ``destination_uuid``,
        ``main_request_uuid``, ``status``, ``type``, ``action``."""

    @abc.abstractmethod
    def create_request_with_result(self, request_values, result_values):
        """A request and the result row of its board, in one transaction:
        (request, result)."""

    @abc.abstractmethod
    def update_request_and_result(self, request_id, request_values,
                                  result_id, result_values):
        """Both rows of a request that ended, in one transaction, without
        reading them back: the time written as their ``updated_at``."""

    @abc.abstractmethod
    def update_request(self, ident, values):
        """Update a request."""

    @abc.abstractmethod
    def destroy_request(self, ident):
        """Delete a request with its child requests and results."""

    @abc.abstractmethod
    def create_result(self, values):
        """Insert the result of a board for a request."""

    @abc.abstractmethod
    def get_result_by_id(self, result_id):
        """A result by integer id."""

    @abc.abstractmethod
    def get_result(self, board_uuid, request_uuid):
        """The result of a board for a request."""

    @abc.abstractmethod
    def get_result_list(self, filters=None, limit=None, marker=None,
                        sort_key=None, sort_dir=None):
        """Results. :param filters: ``board_uuid``, ``request_uuid``,
        ``result``."""

    @abc.abstractmethod
    def update_result(self, result_id, values):
        """Update a result."""

    @abc.abstractmethod
    def destroy_result(self, result_id):
        """Delete a result."""

"""Client side of the conductor RPC API.

Version history:

* 1.0 - Initial version: create, update and destroy of boards, plugins,
  services and fleets.
* 1.1 - The board link: register_board, connect_board, disconnect_session,
  reconcile_sessions (called by wamp agents).
* 1.2 - Work on boards: board_action; notify_result (called by wamp
  agents).
* 1.3 - set_maintenance.
* 1.4 - Plugins and services on boards: inject_plugin, remove_plugin,
  plugin_action, service_action, restore_services; authorized_keys
  (called by sshd's AuthorizedKeysCommand).
* 1.5 - Board identity: register_board(legacy), reassign_board (called
  by wamp agents); rotate_credential, revoke_credential.
"""

import oslo_messaging as messaging

from iotronic.common import rpc
from iotronic.conf import CONF

TOPIC = 'iotronic.conductor_manager'
RPC_API_VERSION = '1.5'


class ConductorAPI:
    """What the API asks of the conductors; every write goes through here."""

    def __init__(self):
        if CONF.rpc_transport == 'none':
            from iotronic.conductor import manager
            self._client = rpc.InProcessClient(
                manager.ConductorManager(CONF.host))
        else:
            rpc.init()
            target = messaging.Target(topic=TOPIC,
                                      version=RPC_API_VERSION)
            self._client = rpc.get_client(
                target, version_cap=RPC_API_VERSION,
                timeout=CONF.conductor.rpc_timeout)

    def _call(self, context, method, **kwargs):
        return self._client.prepare().call(context, method, **kwargs)

    def create_board(self, context, board):
        return self._call(context, 'create_board', board=board)

    def update_board(self, context, board):
        return self._call(context, 'update_board', board=board)

    def destroy_board(self, context, board_uuid):
        return self._call(context, 'destroy_board', board_uuid=board_uuid)

    def create_plugin(self, context, plugin):
        return self._call(context, 'create_plugin', plugin=plugin)

    def update_plugin(self, context, plugin):
        return self._call(context, 'update_plugin', plugin=plugin)

    def destroy_plugin(self, context, plugin_uuid):
        return self._call(context, 'destroy_plugin', plugin_uuid=plugin_uuid)

    def create_service(self, context, service):
        return self._call(context, 'create_service', service=service)

    def update_service(self, context, service):
        return self._call(context, 'update_service', service=service)

    def destroy_service(self, context, service_uuid):
        return self._call(context, 'destroy_service',
                          service_uuid=service_uuid)

    def create_fleet(self, context, fleet):
        return self._call(context, 'create_fleet', fleet=fleet)

    def update_fleet(self, context, fleet):
        return self._call(context, 'update_fleet', fleet=fleet)

    def destroy_fleet(self, context, fleet_uuid):
        return self._call(context, 'destroy_fleet', fleet_uuid=fleet_uuid)

    # The board link (1.1): wamp agents report what boards do.

    def _call_1_1(self, context, method, **kwargs):
        return self._client.prepare(version='1.1').call(context, method,
                                                        **kwargs)

    def connect_board(self, context, board_uuid, session_id, agent, info):
        return self._call_1_1(context, 'connect_board',
                              board_uuid=board_uuid, session_id=session_id,
                              agent=agent, info=info)

    def disconnect_session(self, context, session_id):
        return self._call_1_1(context, 'disconnect_session',
                              session_id=session_id)

    def reconcile_sessions(self, context, agent, live_session_ids):
        return self._call_1_1(context, 'reconcile_sessions', agent=agent,
                              live_session_ids=live_session_ids)

    # Work on boards (1.2).

    def _call_1_2(self, context, method, **kwargs):
        return self._client.prepare(version='1.2').call(context, method,
                                                        **kwargs)

    def board_action(self, context, board_uuid, action, parameters=None):
        return self._call_1_2(context, 'board_action', board_uuid=board_uuid,
                              action=action, parameters=parameters)

    def notify_result(self, context, board_uuid, session_id, wampmessage):
        return self._call_1_2(context, 'notify_result',
                              board_uuid=board_uuid, session_id=session_id,
                              wampmessage=wampmessage)

    def set_maintenance(self, context, board_uuid, maintenance):
        return self._client.prepare(version='1.3').call(
            context, 'set_maintenance', board_uuid=board_uuid,
            maintenance=maintenance)

    # Plugins and services on boards (1.4).

    def _call_1_4(self, context, method, **kwargs):
        return self._client.prepare(version='1.4').call(context, method,
                                                        **kwargs)

    def inject_plugin(self, context, board_uuid, plugin_uuid, onboot):
        return self._call_1_4(context, 'inject_plugin',
                              board_uuid=board_uuid,
                              plugin_uuid=plugin_uuid, onboot=onboot)

    def remove_plugin(self, context, board_uuid, plugin_uuid):
        return self._call_1_4(context, 'remove_plugin',
                              board_uuid=board_uuid, plugin_uuid=plugin_uuid)

    def plugin_action(self, context, board_uuid, plugin_uuid, action,
                      parameters=None):
        return self._call_1_4(context, 'plugin_action',
                              board_uuid=board_uuid, plugin_uuid=plugin_uuid,
                              action=action, parameters=parameters)

    def service_action(self, context, board_uuid, service_uuid, action):
        return self._call_1_4(context, 'service_action',
                              board_uuid=board_uuid,
                              service_uuid=service_uuid, action=action)

    def restore_services(self, context, board_uuid):
        return self._call_1_4(context, 'restore_services',
                              board_uuid=board_uuid)

    def authorized_keys(self, context, key_type, key):
        return self._call_1_4(context, 'authorized_keys', key_type=key_type,
                              key=key)

    # Board identity (1.5).

    def _call_1_5(self, context, method, **kwargs):
        return self._client.prepare(version='1.5').call(context, method,
                                                        **kwargs)

    def register_board(self, context, code, registration_agent,
                       legacy=False):
        return self._call_1_5(context, 'register_board', code=code,
                              registration_agent=registration_agent,
                              legacy=legacy)

    def reassign_board(self, context, board_uuid, registration_agent):
        return self._call_1_5(context, 'reassign_board',
                              board_uuid=board_uuid,
                              registration_agent=registration_agent)

    def rotate_credential(self, context, board_uuid):
        return self._call_1_5(context, 'rotate_credential',
                              board_uuid=board_uuid)

    def revoke_credential(self, context, board_uuid):
        return self._call_1_5(context, 'revoke_credential',
                              board_uuid=board_uuid)

"""Policy in code: the rules every IoTronic API check is built from.

Roles follow Keystone's default personas (reader, member, manager, admin)
and keep upstream IoTronic's IoT roles (``user_iot``,
``manager_iot_project``, ``admin_iot_project``) working, so existing
role assignments keep their meaning. Rules are named as upstream's
(``iot:<resource>:<verb>``) so existing policy overrides still apply.

Every target carries the resource's ``project_id``: a rule passes only for
callers of that project (or cloud admins). The API also hides resources
of other projects entirely (404), so a rule is never the only guard.
"""

from oslo_config import cfg
from oslo_policy import policy

from iotronic.common import exception

_ENFORCER = None

base_rules = [
    policy.RuleDefault(
        'is_admin',
        'role:admin',
        description='Cloud administrator: every project, every resource.'),
    policy.RuleDefault(
        'is_project_reader',
        'role:reader and project_id:%(project_id)s',
        description='Reads the resources of its own project.'),
    policy.RuleDefault(
        'is_project_member',
        '(role:member or role:user_iot) and project_id:%(project_id)s',
        description='Uses the boards of its own project: plugins, '
                    'services, actions. user_iot is the upstream name.'),
    policy.RuleDefault(
        'is_project_manager',
        '(role:manager or role:manager_iot_project or '
        'role:admin_iot_project) and project_id:%(project_id)s',
        description='Enrols, changes and deletes the boards of its own '
                    'project. manager_iot_project and admin_iot_project '
                    'are the upstream names.'),
]


READER = ('rule:is_admin or rule:is_project_reader or '
          'rule:is_project_member or rule:is_project_manager')
MEMBER = 'rule:is_admin or rule:is_project_member or rule:is_project_manager'
MANAGER = 'rule:is_admin or rule:is_project_manager'
OWNER_OR_MANAGER = ('rule:is_admin or rule:is_project_manager or '
                    '(rule:is_project_member and user_id:%(owner)s)')


def _rule(name, check, description, *operations):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check, description=description,
        operations=[{'path': path, 'method': method}
                    for method, path in operations])


resource_rules = [
    _rule('iot:board:get', READER, 'List and show boards.',
          ('GET', '/v1/boards'), ('GET', '/v1/boards/detail'),
          ('GET', '/v1/boards/{board}'), ('GET', '/v1/fleets/{fleet}/boards')),
    _rule('iot:board:create', MANAGER, 'Enrol a board.',
          ('POST', '/v1/boards')),
    _rule('iot:board:update', MANAGER,
          'Change a board; also allows reading its registration code and '
          'configuration.', ('PATCH', '/v1/boards/{board}')),
    _rule('iot:board:delete', MANAGER, 'Delete a board.',
          ('DELETE', '/v1/boards/{board}')),
    _rule('iot:board:action', MANAGER,
          'Run an action (DevicePing, DeviceReboot, ...) on a board.',
          ('POST', '/v1/boards/{board}/action')),
    _rule('iot:board:maintenance', MANAGER,
          'Put a board in maintenance (it refuses actions) and take it '
          'out.', ('PUT', '/v1/boards/{board}/maintenance'),
          ('DELETE', '/v1/boards/{board}/maintenance')),
    _rule('iot:board:credential:rotate', MANAGER,
          'Give an online board a new router credential (API 1.5).',
          ('POST', '/v1/boards/{board}/credential')),
    _rule('iot:board:credential:revoke', MANAGER,
          'Revoke a board\'s router credential and close its router '
          'sessions (API 1.5).', ('DELETE', '/v1/boards/{board}/credential')),
    _rule('iot:plugin_on_board:get', READER,
          'List the plugins injected on a board.',
          ('GET', '/v1/boards/{board}/plugins')),
    _rule('iot:service_on_board:get', READER,
          'List the services exposed on a board.',
          ('GET', '/v1/boards/{board}/services')),
    _rule('iot:plugin_inject:put', MANAGER,
          'Inject a plugin (of the project, or public) on a board.',
          ('PUT', '/v1/boards/{board}/plugins')),
    _rule('iot:plugin_action:post', MANAGER,
          'Start, stop, call, reboot or ask the status of a plugin on a '
          'board.', ('POST', '/v1/boards/{board}/plugins/{plugin}')),
    _rule('iot:plugin_remove:delete', MANAGER,
          'Remove a plugin from a board.',
          ('DELETE', '/v1/boards/{board}/plugins/{plugin}')),
    _rule('iot:service_action:post', MANAGER,
          'Enable, disable or restore a service on a board.',
          ('POST', '/v1/boards/{board}/services/{service}/action'),
          ('GET', '/v1/boards/{board}/services/restore')),
    _rule('iot:plugin:get', READER, 'List and show plugins.',
          ('GET', '/v1/plugins'), ('GET', '/v1/plugins/{plugin}')),
    _rule('iot:plugin:create', MEMBER, 'Create a plugin.',
          ('POST', '/v1/plugins')),
    _rule('iot:plugin:update', OWNER_OR_MANAGER,
          'Change a plugin (its owner, or a manager of its project).',
          ('PATCH', '/v1/plugins/{plugin}')),
    _rule('iot:plugin:delete', OWNER_OR_MANAGER,
          'Delete a plugin (its owner, or a manager of its project).',
          ('DELETE', '/v1/plugins/{plugin}')),
    _rule('iot:plugin:get_all_projects', 'rule:is_admin',
          'List the plugins of every project (all_plugins=true).',
          ('GET', '/v1/plugins')),
    _rule('iot:service:get', READER, 'List and show services.',
          ('GET', '/v1/services'), ('GET', '/v1/services/{service}')),
    _rule('iot:service:create', MEMBER, 'Create a service.',
          ('POST', '/v1/services')),
    _rule('iot:service:update', MANAGER, 'Change a service.',
          ('PATCH', '/v1/services/{service}')),
    _rule('iot:service:delete', MANAGER, 'Delete a service.',
          ('DELETE', '/v1/services/{service}')),
    _rule('iot:fleet:get', READER, 'List and show fleets.',
          ('GET', '/v1/fleets'), ('GET', '/v1/fleets/{fleet}')),
    _rule('iot:fleet:create', MANAGER, 'Create a fleet.',
          ('POST', '/v1/fleets')),
    _rule('iot:fleet:update', MANAGER, 'Change a fleet.',
          ('PATCH', '/v1/fleets/{fleet}')),
    _rule('iot:fleet:delete', MANAGER, 'Delete a fleet.',
          ('DELETE', '/v1/fleets/{fleet}')),
    _rule('iot:request:get', READER, 'List and show requests to boards.',
          ('GET', '/v1/requests'), ('GET', '/v1/requests/{request}')),
    _rule('iot:result:get', READER, 'List the results of a request.',
          ('GET', '/v1/requests/{request}/results')),
    _rule('iot:all_projects:get', 'rule:is_admin',
          'See the resources of every project (lists without a project '
          'filter, the project filter itself).', ('GET', '/v1/boards')),
]


def list_policies():
    """Every rule, for oslopolicy-sample-generator and the enforcer."""
    return base_rules + resource_rules


def get_enforcer():
    global _ENFORCER
    if _ENFORCER is None:
        _ENFORCER = policy.Enforcer(cfg.CONF)
        _ENFORCER.register_defaults(list_policies())
    return _ENFORCER


def authorize(rule, target, context):
    """Raise PolicyNotAuthorized unless ``context`` passes ``rule``."""
    try:
        get_enforcer().authorize(rule, target, context, do_raise=True)
    except policy.PolicyNotAuthorized:
        raise exception.PolicyNotAuthorized(rule=rule)


def check(rule, target, context):
    return get_enforcer().enforce(rule, target, context)


def get_oslo_policy_enforcer():
    """The enforcer oslopolicy-checker and friends load (entry point)."""
    cfg.CONF([], project='iotronic')
    return get_enforcer()

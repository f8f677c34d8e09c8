"""Policy in code: the rules every IoTronic API check is built from.

Roles follow Keystone's default personas (reader, member, manager, admin)
and keep upstream IoTronic's IoT roles (``user_iot``,
``manager_iot_project``, ``admin_iot_project``) working, so existing
role assignments keep their meaning. Resource rules are added with the
API that checks them.
"""

from oslo_config import cfg
from oslo_policy import policy

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


def list_policies():
    """Every rule, for oslopolicy-sample-generator and the enforcer."""
    return base_rules


def get_enforcer():
    global _ENFORCER
    if _ENFORCER is None:
        _ENFORCER = policy.Enforcer(cfg.CONF)
        _ENFORCER.register_defaults(list_policies())
    return _ENFORCER


def get_oslo_policy_enforcer():
    """The enforcer oslopolicy-checker and friends load (entry point)."""
    cfg.CONF([], project='iotronic')
    return get_enforcer()

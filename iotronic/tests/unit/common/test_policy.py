import pathlib

from oslo_config import cfg
from oslo_policy import generator

from iotronic.common import policy

REPO = pathlib.Path(__file__).resolve().parents[4]
GENERATOR_CONF = REPO / 'tools' / 'policy' / 'iotronic-policy-generator.conf'
SAMPLE = REPO / 'etc' / 'iotronic' / 'policy.yaml.sample'


def test_sample_policy_is_current(tmp_path):
    """Regenerate with ``make genpolicy`` (or ``tox -e genpolicy``)."""
    output = tmp_path / 'policy.yaml.sample'
    generator.generate_sample(args=['--config-file', str(GENERATOR_CONF),
                                    '--output-file', str(output)],
                              conf=cfg.ConfigOpts())
    assert output.read_text() == SAMPLE.read_text(), (
        'etc/iotronic/policy.yaml.sample is stale: run make genpolicy')


def test_upstream_iot_roles_keep_their_meaning():
    enforcer = policy.get_enforcer()
    target = {'project_id': 'p1'}

    def allowed(rule, *roles, project='p1'):
        creds = {'roles': list(roles), 'project_id': project}
        return enforcer.enforce(rule, target, creds)

    assert allowed('is_project_member', 'user_iot')
    assert allowed('is_project_member', 'member')
    assert not allowed('is_project_member', 'member', project='p2')
    assert allowed('is_project_manager', 'manager_iot_project')
    assert allowed('is_project_manager', 'admin_iot_project')
    assert not allowed('is_project_manager', 'user_iot')
    assert allowed('is_admin', 'admin', project='anywhere')
    assert not allowed('is_project_reader', 'user_iot')

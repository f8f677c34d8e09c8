# Sphinx configuration of IoTronic's documentation (tox -e docs).

extensions = [
    'openstackdocstheme',
    'oslo_config.sphinxext',
    'oslo_config.sphinxconfiggen',
    'oslo_policy.sphinxext',
    'oslo_policy.sphinxpolicygen',
]

config_generator_config_file = '../../tools/config/iotronic-config-generator.conf'
sample_config_basename = '_static/iotronic'
policy_generator_config_file = '../../tools/policy/iotronic-policy-generator.conf'
sample_policy_basename = '_static/iotronic'

openstackdocs_repo_name = 'openstack/iotronic'
openstackdocs_use_storyboard = False
openstackdocs_bug_project = 'iotronic'
openstackdocs_bug_tag = 'docs'
openstackdocs_auto_name = False

project = 'IoTronic'
copyright = 'IoTronic developers'
master_doc = 'index'
exclude_patterns = ['_build']
pygments_style = 'native'
html_theme = 'openstackdocs'
html_static_path = ['_static']

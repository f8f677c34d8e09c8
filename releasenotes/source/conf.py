# Sphinx configuration of IoTronic's release notes (tox -e releasenotes).

extensions = [
    'openstackdocstheme',
    'reno.sphinxext',
]

openstackdocs_repo_name = 'openstack/iotronic'
openstackdocs_use_storyboard = False
openstackdocs_bug_project = 'iotronic'
openstackdocs_bug_tag = ''
openstackdocs_auto_name = False

project = 'IoTronic Release Notes'
copyright = 'IoTronic developers'
master_doc = 'index'
exclude_patterns = ['_build']
pygments_style = 'native'
html_theme = 'openstackdocs'
html_static_path = ['_static']

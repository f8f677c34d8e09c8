# Sphinx configuration of IoTronic's API reference (tox -e api-ref).

extensions = [
    'os_api_ref',
    'openstackdocstheme',
]

openstackdocs_repo_name = 'openstack/iotronic'
openstackdocs_use_storyboard = False
openstackdocs_bug_project = 'iotronic'
openstackdocs_bug_tag = 'api-ref'
openstackdocs_auto_name = False

project = 'IoTronic API Reference'
copyright = 'IoTronic developers'
master_doc = 'index'
html_theme = 'openstackdocs'
html_theme_options = {'sidebar_mode': 'toc'}
pygments_style = 'native'

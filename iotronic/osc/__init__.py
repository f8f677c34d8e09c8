"""The ``openstack iot`` commands (an OpenStackClient plugin)."""

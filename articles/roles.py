"""The editorial roles. The groups themselves come from migration 0004_create_roles."""

from django.contrib.auth.models import Group, Permission

WRITER = "Writer"
EDITOR = "Editor"
RELEASE_AUTHORITY = "Release authority"
SITE_ADMINISTRATOR = "Site administrator"


def grant_site_administrators_everything(**kwargs):
    """post_migrate: site administrators hold every permission, including ones added later."""
    group = Group.objects.filter(name=SITE_ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*Permission.objects.all())

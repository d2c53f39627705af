"""The four editorial roles as groups (docs/workflow.md). Assign people to them in the admin.

The permission lists are frozen here, as a migration must be: later issues that add permissions
extend the groups in their own migrations. Site administrators also receive every permission
added later (articles.roles.grant_site_administrators_everything, run after each migrate).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BODY_BLOCKS = ["richtext", "quote", "initiativetable", "imageblock"]
DIRECTORY = ["person", "personrole", "organization", "initiative", "image"]
RECORDS = ["statechange", "clearance", "correction"]


def _perms(actions, models):
    return [f"{action}_{model}" for model in models for action in actions]


WRITER = [
    "add_article",
    "change_article",
    "view_article",
    "submit_article",
    *_perms(["add", "change", "delete", "view"], BODY_BLOCKS),
    *_perms(["add", "change", "view"], DIRECTORY),
    *_perms(["view"], RECORDS),
]
EDITOR = [
    *WRITER,
    "delete_article",
    "edit_submitted_article",
    "return_article",
    "correct_article",
    "share_embargoed_article",
    "view_embargolink",
    *_perms(["delete"], DIRECTORY),
]
RELEASE_AUTHORITY = [
    "view_article",
    "return_article",
    "clear_article",
    "publish_article",
    "withdraw_article",
    "share_embargoed_article",
    "view_embargolink",
    *_perms(["view"], BODY_BLOCKS),
    *_perms(["view"], DIRECTORY),
    *_perms(["view"], RECORDS),
]
ROLES = {
    "Writer": WRITER,
    "Editor": EDITOR,
    "Release authority": RELEASE_AUTHORITY,
}
SITE_ADMINISTRATOR = "Site administrator"


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); these groups need
    # them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        permissions = Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for role {name}: {sorted(missing)}")
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
    site_administrator, _created = Group.objects.get_or_create(name=SITE_ADMINISTRATOR)
    site_administrator.permissions.add(*Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[*ROLES, SITE_ADMINISTRATOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

"""Editors register partners' webhook endpoints; editors and release authorities read the
delivery records. Subscribers' addresses are personal data: only site administrators (who
hold every permission) see them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editor": [
        "add_webhookendpoint",
        "change_webhookendpoint",
        "view_webhookendpoint",
        "view_webhookdelivery",
        "view_publicationevent",
    ],
    "Release authority": ["view_webhookendpoint", "view_webhookdelivery", "view_publicationevent"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); the roles need
    # these now.
    app_config = apps.get_app_config("distribution")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="distribution", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("distribution", "0002_first_scan"),
        ("articles", "0004_create_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""Clearance integrity (docs/workflow.md, "Shared records"): what each clearance covered, embargo
links bound to their clearance, photos whose file is frozen, earlier roles with their
organization, and the editors' two new permissions."""

from django.contrib.auth.management import create_permissions

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


EDITOR_PERMISSIONS = ["change_released_record", "manage_press_contacts"]


def grant_editors(apps, schema_editor):
    # As in 0004_create_roles: the new permissions exist only after migrate, editors need them now.
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=EDITOR_PERMISSIONS
    )
    for name in ("Editor", "Site administrator"):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions)


def fill_new_fields(apps, schema_editor):
    Clearance = apps.get_model("articles", "Clearance")
    EmbargoLink = apps.get_model("articles", "EmbargoLink")
    Image = apps.get_model("articles", "Image")
    ImageBlock = apps.get_model("articles", "ImageBlock")
    PersonRole = apps.get_model("articles", "PersonRole")
    # Photos of releases that were cleared already are frozen from the first clearance on.
    cleared = Clearance.objects.order_by("cleared_at")
    for clearance in cleared.select_related("article"):
        image_ids = set(
            ImageBlock.objects.filter(parent=clearance.article).values_list("image", flat=True)
        )
        if clearance.article.hero_image_id:
            image_ids.add(clearance.article.hero_image_id)
        Image.objects.filter(pk__in=image_ids, cleared_at__isnull=True).update(
            cleared_at=clearance.cleared_at
        )
    for link in EmbargoLink.objects.all():
        link.clearance = (
            Clearance.objects.filter(article=link.article_id, cleared_at__lte=link.created_at)
            .order_by("-cleared_at", "-pk")
            .first()
        )
        link.save(update_fields=["clearance"])
    for role in PersonRole.objects.select_related("person"):
        role.organization_id = role.person.organization_id
        role.save(update_fields=["organization"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_notification_preferences'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='image',
            options={'ordering': ['-created_at'], 'permissions': [('purge_image', 'Can purge a photo everywhere, with a reason')], 'verbose_name': 'image', 'verbose_name_plural': 'images'},
        ),
        migrations.AddField(
            model_name='image',
            name='earlier_files',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='earlier files'),
        ),
        migrations.AlterModelOptions(
            name='article',
            options={'get_latest_by': 'release_at', 'ordering': ['-release_at', '-pk'], 'permissions': [('submit_article', 'Can submit a release for review'), ('edit_submitted_article', 'Can edit a release after it was submitted'), ('return_article', 'Can return a release to draft with a comment'), ('clear_article', 'Can clear a release for publication'), ('publish_article', 'Can publish or schedule a cleared release'), ('withdraw_article', 'Can withdraw a published release'), ('correct_article', 'Can correct a published release'), ('share_embargoed_article', 'Can share embargoed previews'), ('change_released_record', 'Can change people, photos, organizations and initiatives that releases show'), ('manage_press_contacts', 'Can decide who is a press contact')], 'verbose_name': 'release', 'verbose_name_plural': 'releases'},
        ),
        migrations.AddField(
            model_name='clearance',
            name='edit_version',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='version cleared'),
        ),
        migrations.AddField(
            model_name='clearance',
            name='snapshot_digest',
            field=models.CharField(blank=True, max_length=64, verbose_name='digest of the text cleared'),
        ),
        migrations.AddField(
            model_name='embargolink',
            name='clearance',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='embargo_links', to='articles.clearance', verbose_name='clearance'),
        ),
        migrations.AddField(
            model_name='embargolink',
            name='first_opened_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='first opened'),
        ),
        migrations.AddField(
            model_name='embargolink',
            name='last_opened_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last opened'),
        ),
        migrations.AddField(
            model_name='embargolink',
            name='open_count',
            field=models.PositiveIntegerField(default=0, verbose_name='times opened'),
        ),
        migrations.AddField(
            model_name='image',
            name='cleared_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='first cleared'),
        ),
        migrations.AddField(
            model_name='personrole',
            name='organization',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='articles.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='statechange',
            name='action',
            field=models.CharField(choices=[('submitted', 'Submitted for review'), ('returned', 'Returned to draft'), ('cleared', 'Cleared'), ('published', 'Published'), ('scheduled', 'Scheduled'), ('unscheduled', 'Schedule cancelled'), ('reopened', 'Edited after clearance: back to review'), ('withdrawn', 'Withdrawn'), ('corrected', 'Corrected'), ('restored', 'Earlier revision restored'), ('record-changed', 'Shared record changed'), ('photo-purged', 'Photo purged')], max_length=20, verbose_name='action'),
        ),
        migrations.CreateModel(
            name='ImagePurge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='photo title')),
                ('image_id', models.PositiveIntegerField(verbose_name='photo number')),
                ('file_names', models.JSONField(default=list, verbose_name='files deleted')),
                ('releases', models.JSONField(default=list, verbose_name='releases it was removed from')),
                ('reason', models.TextField(verbose_name='reason')),
                ('purged_at', models.DateTimeField(auto_now_add=True, verbose_name='when')),
                ('purged_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
            ],
            options={
                'verbose_name': 'photo purge',
                'verbose_name_plural': 'photo purges',
                'ordering': ['-purged_at', '-pk'],
            },
        ),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
        migrations.RunPython(fill_new_fields, migrations.RunPython.noop),
    ]

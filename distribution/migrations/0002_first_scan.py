from django.db import migrations
from django.utils import timezone


def start_scanning_now(apps, schema_editor):
    """Releases already public when alerts were installed are not announced; the ones going
    live from now on are, even if the scheduler starts later."""
    apps.get_model("distribution", "ReleaseScan").objects.create(checked_until=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("distribution", "0001_initial")]

    operations = [migrations.RunPython(start_scanning_now, migrations.RunPython.noop)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Distribution")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, events  # noqa: F401 - checks registers itself

        events.connect()

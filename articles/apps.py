from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import revisions, roles

        revisions.register_models()
        # Not tied to this app's signal: apps listed after it create their permissions later.
        post_migrate.connect(
            roles.grant_site_administrators_everything,
            dispatch_uid="articles.grant_site_administrators_everything",
        )

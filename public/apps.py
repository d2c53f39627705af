from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import page_cache, release_changes

        release_changes.connect()
        # Any saved or deleted content (including publish, correct and withdraw, which save the
        # release) makes every cached public page stale; page_cache filters by app.
        post_save.connect(page_cache.on_content_change, dispatch_uid="public.page_cache.save")
        post_delete.connect(page_cache.on_content_change, dispatch_uid="public.page_cache.delete")
        m2m_changed.connect(page_cache.on_m2m_change, dispatch_uid="public.page_cache.m2m")

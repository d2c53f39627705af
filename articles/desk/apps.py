"""Django's admin with the desk as its site (in INSTALLED_APPS instead of
django.contrib.admin)."""

from django.contrib.admin.apps import AdminConfig


class DeskAdminConfig(AdminConfig):
    default_site = "articles.desk.site.DeskAdminSite"

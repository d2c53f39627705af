"""The admin site as the office's desk: its own name, and a home page that lists the work
waiting for each officer instead of a list of models."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import NotificationPreference

from .sections import desk_for


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["workflow_email"]


class DeskAdminSite(admin.AdminSite):
    index_template = "admin/desk.html"
    index_title = _("Desk")

    @property
    def site_header(self):
        return gettext("%(site)s desk") % {"site": settings.NEWSROOM_SITE_NAME}

    @property
    def site_title(self):
        return settings.NEWSROOM_SITE_NAME

    def index(self, request, extra_context=None):
        context = {"desk": desk_for(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def get_urls(self):
        return [
            path(
                "notifications/",
                self.admin_view(self.notifications_view),
                name="notification_preference",
            ),
            *super().get_urls(),
        ]

    def notifications_view(self, request):
        """Each officer's own choice about workflow e-mails."""
        preference, _created = NotificationPreference.objects.get_or_create(user=request.user)
        form = NotificationPreferenceForm(
            request.POST if request.method == "POST" else None, instance=preference
        )
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, gettext("Your e-mail choice is saved."))
            return redirect("admin:notification_preference")
        return TemplateResponse(
            request,
            "admin/notification_preference.html",
            {
                **self.each_context(request),
                "title": gettext("E-mail notifications"),
                "form": form,
                "email": request.user.email,
            },
        )

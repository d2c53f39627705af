"""What a locked-out person sees (AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


def locked_out_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "cooloff_minutes": minutes,
    }
    response = render(
        request, "security/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    add_never_cache_headers(response)
    return response

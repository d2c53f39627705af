"""The release checks in the admin: the watch list, and findings next to each release."""

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.checks import refresh_release_checks, run_release_checks
from articles.models import ReleaseCheckReport, WatchTerm


@admin.register(WatchTerm)
class WatchTermAdmin(admin.ModelAdmin):
    list_display = ["term", "reason", "is_active", "updated_at"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    search_fields = ["term", "reason"]
    fields = ["term", "reason", "is_active"]


class ReleaseCheckFilter(admin.SimpleListFilter):
    title = _("release checks")
    parameter_name = "checks"

    def lookups(self, request, model_admin):
        return [
            ("errors", _("Has errors")),
            ("warnings", _("Has warnings only")),
            ("clean", _("No findings")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "errors":
            return queryset.filter(check_report__error_count__gt=0)
        if value == "warnings":
            return queryset.filter(check_report__error_count=0, check_report__warning_count__gt=0)
        if value == "clean":
            return queryset.filter(check_report__error_count=0, check_report__warning_count=0)
        if value == "unchecked":
            return queryset.filter(check_report__isnull=True)
        return queryset


def _counts(report):
    errors = ngettext("%(count)d error", "%(count)d errors", report.error_count) % {
        "count": report.error_count
    }
    warnings = ngettext("%(count)d warning", "%(count)d warnings", report.warning_count) % {
        "count": report.warning_count
    }
    return errors, warnings


class ReleaseChecksAdminMixin:
    """For the release admin: a findings column and filter, a findings panel, checks on save."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("check_report")

    @admin.display(description=_("checks"), ordering="check_report__error_count")
    def check_summary(self, obj):
        try:
            report = obj.check_report
        except ObjectDoesNotExist:
            return _("not checked yet")
        if not report.error_count and not report.warning_count:
            return _("no findings")
        errors, warnings = _counts(report)
        if not report.error_count:
            return warnings
        if not report.warning_count:
            return format_html('<span class="newsroom-check-errors">{}</span>', errors)
        return format_html('<span class="newsroom-check-errors">{}</span>, {}', errors, warnings)

    @admin.display(description=_("findings"))
    def release_checks(self, obj):
        report = (
            ReleaseCheckReport.objects.filter(article_id=obj.pk).first()
            if obj is not None and obj.pk
            else None
        )
        return render_to_string("admin/articles/release_checks.html", {"report": report})

    def release_check_findings(self, request, obj):
        """The release checks for a change form, run once for the page: the status panel shows
        their errors, and on a GET they are stored as the release's report. Re-run on every
        view, not only on save: a linked draft may have been published and another release
        may have taken this headline since. Not stored on a refused POST: `obj` then holds
        unsaved edits, and the panel shows the last saved version's results."""
        findings = run_release_checks(obj)
        if obj.pk and request.method == "GET":
            refresh_release_checks(article=obj, findings=findings)
        return findings

    def announce_release_checks(self, request, report):
        if report.error_count:
            errors, warnings = _counts(report)
            self.message_user(
                request,
                _(
                    "The release checks found %(errors)s and %(warnings)s. Errors must be "
                    "fixed before the release can be cleared or published: see “Release checks”."
                )
                % {"errors": errors, "warnings": warnings},
                messages.WARNING,
            )

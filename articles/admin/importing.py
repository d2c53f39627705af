"""The "Import a release" admin page: paste text or upload a file, get a draft. An upload
larger than importers.limits.QUEUE_ABOVE_BYTES is imported by the task queue instead, and the
officer is sent to the import's status page (their own imports only)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.utils import ErrorDict
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from importers.drafts import create_draft
from importers.errors import UnreadableRelease
from importers.limits import MAX_UPLOAD_BYTES, QUEUE_ABOVE_BYTES
from importers.models import ImportJob, ImportStatus
from importers.parse import check_file_size, parse_file, parse_text
from importers.queued import queue_import

# How often the status page of a queued import reloads itself while it waits.
STATUS_REFRESH_SECONDS = 3


class ImportReleaseForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the release"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField"}),
        help_text=_("Text from an e-mail, a Word document or a web page."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_(
            "A .docx, .pdf, .txt, .md or .html file of at most %(size)d MB. Files over "
            "%(queued)d MB are imported in the background: you follow the import on its page."
        )
        % {"size": MAX_UPLOAD_BYTES // (1024 * 1024), "queued": QUEUE_ABOVE_BYTES // (1024 * 1024)},
    )

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError(_("Paste the release or upload a file (one of the two)."))
        try:
            if upload:
                # Refused before a huge upload is read into memory.
                check_file_size(upload.size, MAX_UPLOAD_BYTES)
                cleaned["queued"] = upload.size > QUEUE_ABOVE_BYTES
                if not cleaned["queued"]:
                    cleaned["parsed"] = parse_file(upload.name, upload.read())
            else:
                cleaned["parsed"] = parse_text(text)
        except UnreadableRelease as error:
            self.add_error("file" if upload else "text", str(error))
        return cleaned

    @classmethod
    def failed(cls, reason):
        """The empty form again, showing why a queued import failed at the file field."""
        form = cls()
        form.cleaned_data, form._errors = {}, ErrorDict()
        form.add_error("file", reason)
        return form


class ImportViews:
    """The import page and the status page of queued imports; mixed into ArticleAdmin."""

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_article_import",
            ),
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(self.import_status_view),
                name="articles_article_import_status",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportReleaseForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data.get("queued"):
                job = queue_import(upload=form.cleaned_data["file"], user=request.user)
                return redirect(reverse("admin:articles_article_import_status", args=[job.pk]))
            result = create_draft(form.cleaned_data["parsed"], created_by=request.user)
            for level, text in result.messages():
                messages.add_message(request, level, text)
            return redirect(reverse("admin:articles_article_change", args=[result.article.pk]))
        return self._import_page(request, form, _("Import a release"))

    def import_status_view(self, request, job_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        # Another officer's import is unknown here, like one that does not exist.
        job = ImportJob.objects.of(request.user).defer("data").filter(pk=job_id).first()
        if job is None:
            raise Http404
        return self._import_page(
            request,
            ImportReleaseForm.failed(job.error) if job.status == ImportStatus.FAILED else None,
            _("Import of “%(name)s”") % {"name": job.file_name},
            job=job,
            # Escaped when the import stored it (importers.queued).
            report=[(item["level"], mark_safe(item["html"])) for item in job.report],
            refresh_seconds=STATUS_REFRESH_SECONDS if job.is_pending else None,
            draft_url=reverse("admin:articles_article_change", args=[job.article_id])
            if job.article_id
            else "",
        )

    def _import_page(self, request, form, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
            **context,
        }
        return TemplateResponse(request, "admin/articles/article/import_release.html", context)

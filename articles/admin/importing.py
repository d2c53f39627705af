"""The "Import a release" admin page: paste text or upload a file, get a draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.translations import language_name, link_candidates
from importers.drafts import create_draft
from importers.errors import UnreadableRelease
from importers.parse import MAX_BYTES, parse_file, parse_text


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
        help_text=_("A .docx, .pdf, .txt, .md or .html file of at most %(size)d MB.")
        % {"size": MAX_BYTES // (1024 * 1024)},
    )

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError(_("Paste the release or upload a file (one of the two)."))
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    # Refuse before reading a huge upload into memory.
                    parse_file(upload.name, b"\0" * (MAX_BYTES + 1))
                cleaned["parsed"] = parse_file(upload.name, upload.read())
            else:
                cleaned["parsed"] = parse_text(text)
        except UnreadableRelease as error:
            self.add_error("file" if upload else "text", str(error))
        return cleaned


class ImportViews:
    """The import page; mixed into ArticleAdmin."""

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_article_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportReleaseForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = create_draft(form.cleaned_data["parsed"], created_by=request.user)
            for line in [*result.report_lines(), *result.recognized]:
                messages.info(request, line)
            for line in [*result.check_first(), *result.unrecognized]:
                messages.warning(request, line)
            self._offer_links(request, result.article)
            for text, url in result.suggestions:
                messages.warning(
                    request, format_html('{} <a href="{}">{}</a>', text, url, _("Open the record"))
                )
            return redirect(reverse("admin:articles_article_change", args=[result.article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a release"),
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/article/import_release.html", context)

    @staticmethod
    def _offer_links(request, article):
        """The imported text may be the other language's version of a release already here."""
        for candidate in link_candidates(article):
            messages.info(
                request,
                format_html(
                    gettext(
                        "Imported as a release in {language}. It may be the {language} version "
                        'of “{headline}”: <a href="{url}">link them</a>.'
                    ),
                    language=language_name(article.language),
                    headline=candidate.headline,
                    url=reverse("admin:articles_article_link", args=[article.pk, candidate.pk]),
                ),
            )

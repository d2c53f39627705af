"""Revision history of a release in the admin: list, compare any two, restore one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.revisions import (
    diff,
    revision_of,
    revisions_of,
    snapshot_of_article,
    snapshot_of_revision,
)
from articles.workflow.editing import describe, restore_revision
from articles.workflow.rules import can_edit

from .workflow import get_release, posted, render_release_page


class RestoreForm(forms.Form):
    correction_note = forms.CharField(
        label=_("Correction note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This release is public: readers see this note under it."),
        error_messages={"required": _("This release is public: describe what you changed.")},
    )


def _revision_of(article, revision_id):
    revision = revision_of(article, revision_id) if str(revision_id).isdigit() else None
    if revision is None:
        raise Http404(gettext("This release has no such revision."))
    return revision


class RevisionViews:
    """Admin views over django-reversion's revisions; mixed into ArticleAdmin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def revisions_view(self, request, object_id):
        article = get_release(self, request, object_id)
        revisions = revisions_of(article)
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/revisions.html",
            gettext("Revisions of “%(release)s”") % {"release": article},
            revisions=revisions,
            can_restore=can_edit(request.user, article),
        )

    def compare_view(self, request, object_id):
        article = get_release(self, request, object_id)
        older = _revision_of(article, request.GET.get("from"))
        newer = _revision_of(article, request.GET.get("to"))
        if older.date_created > newer.date_created:
            older, newer = newer, older
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/compare.html",
            gettext("Compare revisions of “%(release)s”") % {"release": article},
            older=older,
            newer=newer,
            lines=diff(snapshot_of_revision(older).lines, snapshot_of_revision(newer).lines),
        )

    def restore_view(self, request, object_id, revision_id):
        article = get_release(self, request, object_id)
        if not can_edit(request.user, article):
            raise PermissionDenied
        revision = _revision_of(article, revision_id)
        form = RestoreForm(posted(request)) if article.is_live else None
        if request.method == "POST" and (form is None or form.is_valid()):
            note = form.cleaned_data["correction_note"] if form else ""
            try:
                restore_revision(
                    article=article, revision=revision, user=request.user, correction_note=note
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    gettext("Restored %(revision)s. This is saved as a new revision.")
                    % {"revision": describe(revision)},
                )
                return redirect("admin:articles_article_change", article.pk)
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/restore.html",
            gettext("Restore a revision of “%(release)s”") % {"release": article},
            revision=revision,
            form=form,
            lines=diff(snapshot_of_article(article).lines, snapshot_of_revision(revision).lines),
            revisions_url=reverse("admin:articles_article_revisions", args=[article.pk]),
        )

"""Language versions in the release admin: “Translate” (a new draft in another language with
the same structure), the side-by-side view of source and translation, and bringing a
translation back in step with a changed source."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.checks import refresh_release_checks
from articles.models import Article
from articles.translations import (
    bring_in_step,
    language_name,
    link_candidates,
    link_versions,
    other_languages,
    side_by_side,
    translate,
)
from articles.workflow.rules import can_edit

from .workflow import get_release, posted, render_release_page


class TranslateForm(forms.Form):
    language = forms.ChoiceField(label=_("Translate into"))

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in languages]


class TranslationViews:
    """Mixed into ArticleAdmin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/translate/",
                view(self.translate_view),
                name="articles_article_translate",
            ),
            path(
                "<path:object_id>/side-by-side/",
                view(self.side_by_side_view),
                name="articles_article_side_by_side",
            ),
            path(
                "<path:object_id>/in-step/",
                view(self.in_step_view),
                name="articles_article_in_step",
            ),
            path(
                "<path:object_id>/link/<int:source_id>/",
                view(self.link_view),
                name="articles_article_link",
            ),
            *super().get_urls(),
        ]

    def link_view(self, request, object_id, source_id):
        """Link two releases written apart as language versions of one release."""
        article = get_release(self, request, object_id)
        source = get_release(self, request, str(source_id))
        if not can_edit(request.user, article):
            raise PermissionDenied
        if request.method == "POST":
            try:
                link_versions(article=article, source=source)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                refresh_release_checks(article=article)
                messages.success(
                    request,
                    gettext("Linked: this is now the %(language)s version of “%(source)s”.")
                    % {"language": language_name(article.language), "source": source},
                )
            return redirect("admin:articles_article_change", article.pk)
        return self._comparison_page(
            request,
            source,
            article,
            "admin/articles/article/link.html",
            gettext("Link “%(release)s” as a version of another release") % {"release": article},
        )

    def translate_view(self, request, object_id):
        article = get_release(self, request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        languages = other_languages(article)
        form = TranslateForm(posted(request), languages=languages)
        if request.method == "POST" and form.is_valid():
            try:
                draft = translate(
                    article=article, user=request.user, language=form.cleaned_data["language"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    gettext(
                        "A draft in %(language)s was made with the same blocks, speakers, tables "
                        "and photos. Replace the text of each block with its translation; the "
                        "source text is shown beside it."
                    )
                    % {"language": language_name(draft.language)},
                )
                return redirect("admin:articles_article_change", draft.pk)
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/translate.html",
            gettext("Translate “%(release)s”") % {"release": article},
            form=form,
            languages=languages,
        )

    def side_by_side_view(self, request, object_id):
        article = get_release(self, request, object_id)
        source = article.translation_source
        if source is None:
            translated = Article.objects.filter(translation_source=article).first()
            source, article = article, translated
        if article is None:
            messages.info(request, gettext("This release has no translation yet."))
            return redirect("admin:articles_article_change", object_id)
        return self._comparison_page(
            request,
            source,
            article,
            "admin/articles/article/side_by_side.html",
            gettext("Side by side: “%(release)s”") % {"release": article},
        )

    def _comparison_page(self, request, source, translated, template, title):
        """A page about `translated` with it and `source` side by side."""
        return render_release_page(
            self,
            request,
            translated,
            template,
            title,
            source=source,
            rows=side_by_side(source, translated),
            source_language=language_name(source.language),
            translation_language=language_name(translated.language),
        )

    def in_step_view(self, request, object_id):
        article = get_release(self, request, object_id)
        if not can_edit(request.user, article):
            raise PermissionDenied
        if request.method == "POST":
            try:
                bring_in_step(article=article)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                refresh_release_checks(article=article)
                messages.success(
                    request, gettext("Marked as in step with the source as it is now.")
                )
            return redirect("admin:articles_article_change", article.pk)
        return render_release_page(
            self,
            request,
            article,
            "admin/articles/article/in_step.html",
            gettext("Mark “%(release)s” as in step with its source") % {"release": article},
        )

    def translation_context(self, request, article):
        """The translation panel and object tools of the change form."""
        versions = list(Article.objects.versions_of(article))
        return {
            "translation": {
                "source": article.translation_source,
                "versions": versions,
                "can_translate": bool(other_languages(article))
                and self.has_add_permission(request),
                "translate_url": reverse("admin:articles_article_translate", args=[article.pk]),
                "side_by_side_url": reverse(
                    "admin:articles_article_side_by_side", args=[article.pk]
                ),
                "in_step_url": reverse("admin:articles_article_in_step", args=[article.pk]),
                "can_bring_in_step": article.translation_source_id is not None
                and can_edit(request.user, article),
                "candidates": list(link_candidates(article))
                if can_edit(request.user, article)
                else [],
            }
        }

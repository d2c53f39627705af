from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One release flattened to text for full-text search.

    Searching across the block tables directly would join every plugin table and duplicate rows;
    this keeps one row per release instead. It is rebuilt after every committed change to the
    release, its blocks or its tags (public.search_index); the search index (public.search_engine)
    is entered from it, and search results' snippets are cut from it (public.snippets).
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(_("headline"))
    lead = models.TextField(_("subheadline and summary"), blank=True)
    keywords = models.TextField(_("people, organizations, initiatives and tags"), blank=True)
    body = models.TextField(_("body text"), blank=True)
    refreshed_at = models.DateTimeField(_("refreshed"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title

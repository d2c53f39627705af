from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One release flattened to text for full-text search.

    Searching across the block tables directly would join every plugin table and duplicate rows;
    this keeps one row per release instead. It is rebuilt after every committed change to the
    release, its blocks or its tags (public.search_index). On PostgreSQL `vector` holds the
    weighted tsvector (headline A, subheadline and summary B, names and tags C, body D) behind a
    GIN index created by migration 0007, and in its row (STORAGE MAIN, migration 0017) so that
    ranking reads no TOAST; on SQLite it stays empty and search falls back to LIKE.
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
    vector = SearchVectorField(null=True, editable=False)
    refreshed_at = models.DateTimeField(_("refreshed"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title

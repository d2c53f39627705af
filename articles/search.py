"""Full-text search over published releases.

PostgreSQL: the stored, weighted tsvector of each release's SearchDocument (GIN-indexed),
`websearch_to_tsquery` (quotes, OR and -word work; nothing a reader types is a syntax error),
ts_rank with the default weights (headline 1.0, subheadline/summary 0.4, names/tags 0.2,
body 0.1) and ts_headline snippets. SQLite (the zero-setup `make run`): every word must appear
somewhere; headline matches first, then subheadline/summary matches, then newest.
Snippets are escaped first and only then marked, so text in a release cannot inject markup.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .search_index import MARK_END, MARK_START

SNIPPET_CHARS = 240
_WORD = re.compile(r"\w+")


@dataclass
class Search:
    """A parsed query: what the reader typed and whether anything in it can be searched."""

    text: str
    terms: list

    @property
    def is_searchable(self):
        return bool(self.terms)


def supports_operators():
    """Quoted phrases, OR and -word: PostgreSQL's websearch syntax, not the SQLite fallback."""
    return connection.vendor == "postgresql"


def parse(text):
    text = " ".join(text.split())
    words = list(dict.fromkeys(_WORD.findall(text)))
    if connection.vendor == "postgresql" and words:
        # Stop words ("the", "and") leave an empty tsquery: PostgreSQL knows which words count.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))",
                [settings.NEWSROOM_SEARCH_CONFIG, text],
            )
            if not cursor.fetchone()[0]:
                words = []
    else:
        words = [word for word in words if len(word) > 1]
    return Search(text=text, terms=words)


def matching(search, releases):
    """`releases` narrowed to the matches of `search`, best first."""
    if connection.vendor == "postgresql":
        query = SearchQuery(
            search.text, search_type="websearch", config=settings.NEWSROOM_SEARCH_CONFIG
        )
        marks = {"start_sel": MARK_START, "stop_sel": MARK_END}
        return (
            releases.filter(search_document__vector=query)
            .annotate(
                rank=SearchRank(F("search_document__vector"), query),
                title_marked=SearchHeadline(
                    "search_document__title",
                    query,
                    config=settings.NEWSROOM_SEARCH_CONFIG,
                    highlight_all=True,
                    **marks,
                ),
                snippet_marked=SearchHeadline(
                    "search_document__body",
                    query,
                    config=settings.NEWSROOM_SEARCH_CONFIG,
                    max_words=30,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **marks,
                ),
            )
            .order_by("-rank", "-release_at", "-pk")
        )
    fields = ("title", "lead", "keywords", "body")
    for term in search.terms:
        releases = releases.filter(
            _any_of(Q(**{f"search_document__{field}__icontains": term}) for field in fields)
        )
    hits = {
        f"{field}_hits": sum(
            (
                Case(
                    When(**{f"search_document__{field}__icontains": term}, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                for term in search.terms
            ),
            Value(0),
        )
        for field in ("title", "lead")
    }
    return (
        releases.select_related("search_document")
        .annotate(**hits)
        .order_by("-title_hits", "-lead_hits", "-release_at", "-pk")
    )


def _any_of(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def highlight(releases, search):
    """Give each release `title_html` and `snippet_html`: escaped text with <mark>ed matches."""
    for release in releases:
        if hasattr(release, "snippet_marked"):
            title, snippet = release.title_marked, release.snippet_marked
        else:
            document = release.search_document
            title = _mark_terms(document.title, search.terms)
            snippet = _mark_terms(
                _excerpt(document.body or document.lead, search.terms), search.terms
            )
        release.title_html = _marked_html(title)
        release.snippet_html = _marked_html(snippet)
    return releases


def _marked_html(text):
    escaped = str(escape(text))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _term_pattern(terms):
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def _excerpt(text, terms):
    """About SNIPPET_CHARS of `text` around the first match, cut at word boundaries."""
    text = " ".join(text.split())
    match = _term_pattern(terms).search(text) if terms else None
    start = max(0, (match.start() if match else 0) - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    excerpt = text[start:end]
    return f"{'… ' if start else ''}{excerpt}{' …' if end < len(text) else ''}"


def _mark_terms(text, terms):
    if not terms:
        return text
    return _term_pattern(terms).sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text)

"""Full-text search over published releases.

PostgreSQL: the stored, weighted tsvector of each release's SearchDocument (GIN-indexed,
stemmed by the rules of the release's language: `spanish` for Spanish releases),
`websearch_to_tsquery` in each language's configuration (quotes, OR and -word work; nothing a
reader types is a syntax error), ts_rank with the default weights (headline 1.0,
subheadline/summary 0.4, names/tags 0.2, body 0.1); public.snippets highlights. SQLite (the
zero-setup `make run`): every word must appear somewhere; headline matches first, then
subheadline/summary matches, then newest.
Both rank, count and list only the newest MAX_RESULTS matches (Results), so a search costs the
same at any archive size.
"""

import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import Article
from newsroom.compiled_reads import CompiledRead, rows_around

from . import versions
from .search_index import DOCUMENT_FIELDS, search_config
from .views.common import readers_releases

# Results listed for one search; more matches than this are counted as "more than" (Results).
MAX_RESULTS = 500
# A word, as the reader's query and the highlighted text (public.snippets) are split into.
WORD = re.compile(r"\w+")


@dataclass
class Search:
    """A parsed query: what the reader typed and the words in it."""

    text: str
    terms: list

    @property
    def is_searchable(self):
        """Whether it has words to look for. On PostgreSQL, a query of stop words only ("the
        and") finds nothing (Results) and ignores_every_word() says why."""
        return bool(self.terms)

    def ignores_every_word(self):
        """Whether PostgreSQL drops every word in the reader's language. One query, asked only
        when a search found nothing, so a search with results costs none."""
        if connection.vendor != "postgresql" or not self.terms:
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))",
                [search_config(get_language()), self.text],
            )
            return not cursor.fetchone()[0]


def supports_operators():
    """Quoted phrases, OR and -word: PostgreSQL's websearch syntax, not the SQLite fallback."""
    return connection.vendor == "postgresql"


def parse(text):
    text = " ".join(text.split())
    words = list(dict.fromkeys(WORD.findall(text)))
    if connection.vendor != "postgresql":
        # PostgreSQL knows which words count (Search.ignores_every_word).
        words = [word for word in words if len(word) > 1]
    return Search(text=text, terms=words)


def _counted_words(text):
    """How many words of the query PostgreSQL keeps in the reader's language: stop words
    ("the", "el") leave none. The words a reader types are in the language of the page they
    search from, so a query of English stop words finds nothing on the English page even where
    the Spanish rules would keep them."""
    reader_query = SearchQuery(text, search_type="websearch", config=search_config(get_language()))
    return Func(reader_query, function="numnode", output_field=IntegerField())


class Results(Paginator):
    """Pages of the releases that match `search` among the reader's releases narrowed by
    `filters` (FILTERS), best first, at most MAX_RESULTS of them.

    A common word matches nearly every release, so neither ranking nor counting covers every
    match: only the newest MAX_RESULTS + 1 matches are taken (the release-time index finds them
    for a common word, the GIN index for a rare one), the newest MAX_RESULTS of them are ranked
    and their number is the count; one more means `is_capped` (the page says "more than"). The
    shown page's releases come with what their cached cards and snippets are checked against
    (ShownRelease): on PostgreSQL in the same statement, on SQLite in a second query. The same
    queries, on at most MAX_RESULTS + 1 rows, at any archive size. The page asked for
    (get_page) is ranked with the count (_Matches). On PostgreSQL the candidates read is
    compiled once per process (newsroom.compiled_reads): building it with the ORM cost more than
    running it.
    """

    def __init__(self, search, filters, per_page):
        super().__init__(_Matches(search, filters, per_page), per_page)

    @property
    def is_capped(self):
        return self.object_list.is_capped

    def get_page(self, number):
        self.object_list.expect(number)
        return super().get_page(number)


class _Matches:
    """What the paginator reads of Results: count() and the releases of one page, `[start:stop]`.
    The count comes with the page the reader asked for (expect()), ranked and read before the
    paginator knows whether it is in range; a page out of range, or one that is not a number,
    takes another of the page the paginator settles on once it knows the count.

    On PostgreSQL the database ranks them and sends back the page's rows with their number
    (_ranked_page); the SQLite fallback ranks them in Python and reads the page's rows
    (_ranked_here)."""

    def __init__(self, search, filters, per_page):
        self.search, self.filters, self.per_page = search, filters, per_page
        self._expected_start = 0
        self._total = None
        self._read_start = self._releases = None

    def expect(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        self._expected_start = (max(number, 1) - 1) * self.per_page

    def count(self):
        if self._total is None:
            self._read(self._expected_start)
            if self._total is None:  # beyond the last page: page 1 counts them
                self._read(0)
        return min(self._total, MAX_RESULTS)

    @property
    def is_capped(self):
        self.count()
        return self._total > MAX_RESULTS

    def __getitem__(self, bounds):
        if bounds.start != self._read_start:
            self._read(bounds.start)
        return self._releases

    def _read(self, start):
        reader = _ranked_page if connection.vendor == "postgresql" else _ranked_here
        total, self._releases = reader(self.search, self.filters, start, self.per_page)
        self._read_start = start
        if total is not None:
            self._total = total


# The form's filters (public.forms.SearchForm): each field's lookup on Article.
FILTERS = {"kind": "kind", "start": "release_at__date__gte", "end": "release_at__date__lte"}


def filtered(releases, filters):
    """`releases` narrowed by `filters`, {form field: value} of FILTERS."""
    return releases.filter(**{FILTERS[name]: value for name, value in filters.items()})


def _ranked_page(search, filters, start, per_page):
    """PostgreSQL: (the number of the newest MAX_RESULTS + 1 matches, the ShownRelease of the
    page from `start` of the newest MAX_RESULTS, best first, ready for snippets.highlight()), in
    one statement. The number comes with each of the page's rows: it is None for a page after
    the first without any (beyond the last page), 0 for a first page without any."""
    candidates = _compiled_candidates(tuple(filters)).bind(
        get_language(), timezone.now(), search.text, *filters.values()
    )
    page = rows_around(_RANKED_PAGE, candidates, (MAX_RESULTS + 1, MAX_RESULTS, per_page, start))
    if not page:
        return (None if start else 0), []
    return page[0][1], [ShownRelease(pk, *shown) for pk, _total, *shown in page]


# The page's rows of the newest MAX_RESULTS candidates best first, among equal scores newest
# first, each with the number of candidates (newest first, at most MAX_RESULTS + 1) and what
# ShownRelease holds. Ranked here, the database sends back the page, not every candidate with
# its score. One window over the candidates in the order they come both counts them and numbers
# them (the extra one is last), without sorting them again. The release's version is read
# around the page, so for its rows only: in the select list beside the ranking, the planner put
# it before the sort and read it for every candidate wherever the versions table had no
# statistics yet (0.1 ms of a search).
_RANKED_PAGE = f"""SELECT id, total, {versions.release_version_sql("id")}, refreshed_at, query_tree
FROM (
    SELECT id, total, refreshed_at, query_tree, rank, release_at
    FROM (
        SELECT id, release_at, rank, refreshed_at, query_tree,
            count(*) OVER newest AS total, row_number() OVER newest AS newness
        FROM ({{}} LIMIT %s) AS candidates (id, release_at, rank, refreshed_at, query_tree)
        WINDOW newest AS (
            ORDER BY release_at DESC, id DESC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        )
    ) AS numbered
    WHERE newness <= %s ORDER BY rank DESC, release_at DESC, id DESC LIMIT %s OFFSET %s
) AS shown
ORDER BY rank DESC, release_at DESC, id DESC"""


def _ranked_here(search, filters, start, per_page):
    """The SQLite fallback: as _ranked_page(), ranked in Python. Every word must appear
    somewhere; headline matches first, then subheadline/summary matches."""
    newest = _newest(filtered(readers_releases(), filters))
    for term in search.terms:
        newest = newest.filter(
            _any_of(
                Q(**{f"search_document__{field}__icontains": term}) for field in DOCUMENT_FIELDS
            )
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
    scores = list(newest.annotate(**hits).values_list("pk", *hits)[: MAX_RESULTS + 1])
    # A stable sort: among equal scores the newest comes first.
    best_first = sorted(scores[:MAX_RESULTS], key=lambda row: row[1:], reverse=True)
    return len(scores), _shown_here([pk for pk, *_scores in best_first[start : start + per_page]])


def _newest(releases):
    """Newest first, and of releases out at the same time the later one first."""
    return releases.order_by("-release_at", "-pk")


@functools.cache
def _compiled_candidates(filter_names):
    """The PostgreSQL candidates read for one combination of filters: (id, release time, rank,
    search document's refresh time, the query's lexemes) of the matches among the reader's
    releases, newest first. The lexemes are the same on every row: PostgreSQL works them out
    once, when it plans the statement."""
    lookups = [FILTERS[name] for name in filter_names]

    def build(language, now, text, *values):
        narrowed = dict(zip(lookups, values, strict=True))
        query = _tsquery(text)
        return (
            _newest(readers_releases(language, now=now).filter(**narrowed))
            .alias(counted_words=_counted_words(text))
            .filter(counted_words__gt=0, search_document__vector=query)
            .annotate(
                rank=SearchRank(F("search_document__vector"), query),
                query_tree=Func(query, function="querytree", output_field=TextField()),
            )
            .values_list("pk", "release_at", "rank", "search_document__refreshed_at", "query_tree")
        )

    # Planned for each query: a prepared statement's generic plan would take every match of a
    # common word from the GIN index and sort them (all 1,000 of the bench's "bridge", 3.8 ms
    # against 1.3 ms walking the newest releases).
    return CompiledRead(Article, build, prepared=False)


class ShownRelease:
    """A release of the shown page as it is read: its id, its version and its search document's
    refresh time, which its cached card and search text are checked against (public.card_cache,
    public.snippets), and on PostgreSQL the query's lexemes (`query_tree`).
    snippets.highlight() gives it its marked headline and snippet; its card gives the rest. Not
    a model instance: 20 whole releases, with their 22 columns, JSON and dates, took more to read
    than the rest of the results; the few whose card is built anew are read whole then
    (card_cache._whole)."""

    __slots__ = (
        "pk",
        "query_tree",
        "release_version",
        "search_refreshed_at",
        "snippet_html",
        "title_html",
    )

    def __init__(self, pk, release_version, search_refreshed_at, query_tree):
        self.pk, self.release_version = pk, release_version
        self.search_refreshed_at, self.query_tree = search_refreshed_at, query_tree
        self.title_html = self.snippet_html = None


def _shown_here(ids):
    """The SQLite fallback: the ShownRelease of each of `ids`, in that order. `ids` come from
    the candidates read of the same request, which chose them among the reader's releases."""
    rows = (
        Article.objects.filter(pk__in=ids)
        .with_list_relations()
        .values_list("pk", "release_version", "search_document__refreshed_at")
    )
    by_id = {
        pk: ShownRelease(pk, version, refreshed_at, None) for pk, version, refreshed_at in rows
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def _configs():
    return list(dict.fromkeys(settings.NEWSROOM_SEARCH_CONFIGS.values()))


def _tsquery(text):
    """The query stemmed by each language's rules, ORed: each release's vector was stemmed by
    its own language's (search_index.search_config), so "entrenamientos" finds a Spanish
    release's "entrenamiento" and "trainings" an English release's "training"."""
    queries = [SearchQuery(text, search_type="websearch", config=config) for config in _configs()]
    combined = queries[0]
    for query in queries[1:]:
        combined |= query
    return combined


def _any_of(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined

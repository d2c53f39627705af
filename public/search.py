"""Full-text search over published releases.

The reader's query (parse(): words, "quoted phrases", OR and -word, as search engines take
them; nothing a reader types is a syntax error) is looked up in the search index
(public.search_engine), which ranks the matches; the shown page's releases are then read from
the database (Results). The same on PostgreSQL and on SQLite.
"""

import functools
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import Article
from newsroom.compiled_reads import CompiledRead

from . import search_engine
from .search_engine import Term
from .views.common import readers_releases

# Results listed for one search; more matches than this are counted as "more than" (Results).
MAX_RESULTS = 500
# A word, as the reader's query and the highlighted text (public.snippets) are split into: runs
# of letters and digits, as the index splits text ("e-mail" and "x_y" are two words each).
WORD = re.compile(r"[^\W_]+")
# A piece of the reader's query: "a phrase" (to its closing quote or the end), or any other
# run of characters; either may start with a minus sign.
_PIECE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Search:
    """A parsed query: what the reader typed, and its `alternatives` (search_engine.ranked)."""

    text: str
    alternatives: list = field(default_factory=list)

    @property
    def is_searchable(self):
        """Whether it has words to look for. A query of stop words only ("the and") finds
        nothing, and ignores_every_word() says why."""
        return any(self.alternatives)

    def ignores_every_word(self):
        """Whether the reader's language's rules leave none of its words. The words a reader
        types are in the language of the page they search from, so a query of English stop
        words finds nothing on the English page even where the Spanish rules would keep them."""
        language_rules = search_engine.rules(get_language())
        return not any(
            search_engine.stems(word, language_rules)
            for terms in self.alternatives
            for term in terms
            for word in term.words
        )

    @functools.cached_property
    def marked(self):
        """What public.snippets marks in results, by every language's rules: (the stems of
        the words to mark wherever they are, the phrases to mark only where their words stand
        together as the index found them: search_engine.phrase_stems() of each)."""
        anywhere, phrases = set(), set()
        for language_rules in search_engine.all_rules():
            for terms in self.alternatives:
                for term in terms:
                    if term.excluded:
                        continue
                    phrase = search_engine.phrase_stems(term.words, language_rules)
                    if len(phrase) == 1:
                        anywhere.add(phrase[0][1])
                    elif phrase:
                        phrases.add(tuple(phrase))
        return anywhere, phrases


def parse(text):
    """The reader's query: words and "quoted phrases" all to be found, OR between two of them
    for either, a minus sign before one for releases without it."""
    text = " ".join(text.split())
    alternatives, either = [[]], False
    for excluded, phrase, piece in _PIECE.findall(text):
        if phrase == "" and piece.upper() == "OR":
            either = bool(alternatives[-1])
            continue
        if piece.startswith("-"):
            excluded, piece = "-", piece[1:]
        words = tuple(WORD.findall(phrase or piece))
        if not words:
            continue
        if either:
            alternatives.append([])
            either = False
        alternatives[-1].append(Term(words=words, excluded=bool(excluded)))
    return Search(text=text, alternatives=[terms for terms in alternatives if terms])


class Results(Paginator):
    """Pages of the releases that match `search` among the reader's releases narrowed by
    `filters` (ReleaseFilters), best first, at most MAX_RESULTS of them:
    more are counted as "more than" (`is_capped`). The index ranks and counts every match; the
    shown page's releases are read with what their cached cards and snippets are checked against
    (ShownRelease)."""

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
    takes another look for the page the paginator settles on once it knows the count."""

    def __init__(self, search, filters, per_page):
        self.search, self.filters, self.per_page = search, filters, per_page
        self._expected_start = 0
        self._total = None
        self._read_start = self._releases = None
        self._now = timezone.now()

    def expect(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        self._expected_start = (max(number, 1) - 1) * self.per_page

    def count(self):
        if self._total is None:
            self._read(self._expected_start)
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
        language = get_language()
        # A page past the listed ones (?page=99999999) only counts: the paginator then settles
        # on the last page and reads that.
        limit = max(min(self.per_page, MAX_RESULTS - start), 0)
        self._total, ids = search_engine.ranked(
            self.search.alternatives,
            language=language,
            now=self._now,
            offset=start if limit else 0,
            limit=limit,
            filters=self.filters,
        )
        self._releases = _shown(ids, language=language, now=self._now, slots=self.per_page)
        self._read_start = start


def filtered(releases, filters):
    """`releases` narrowed by `filters` (ReleaseFilters)."""
    return releases.filter(**filters.lookups())


class ShownRelease:
    """A release of the shown page as it is read: its id, its version and its search document's
    refresh time, which its cached card and search text are checked against (public.card_cache,
    public.snippets). snippets.highlight() gives it its marked headline and snippet; its card
    gives the rest. Not a model instance: 20 whole releases, with their 22 columns, JSON and
    dates, took more to read than the rest of the results; the few whose card is built anew are
    read whole then (card_cache._whole)."""

    __slots__ = ("pk", "release_version", "search_refreshed_at", "snippet_html", "title_html")

    def __init__(self, pk, release_version, search_refreshed_at):
        self.pk, self.release_version = pk, release_version
        self.search_refreshed_at = search_refreshed_at
        self.title_html = self.snippet_html = None


def _shown(ids, *, language, now, slots):
    """The ShownRelease of each of `ids` (the index's, best first, at most `slots`) that
    readers of `language` see at `now`, in that order: the index may still hold a release
    withdrawn a moment ago."""
    if not ids:
        return []
    # Ids never given to a release fill the slots left: one statement for every page.
    rows = _shown_read(slots)(language, now, *ids, *[0] * (slots - len(ids)))
    by_id = {pk: ShownRelease(pk, version, refreshed_at) for pk, version, refreshed_at in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


@functools.cache
def _shown_read(slots):
    """The read of _shown() for pages of `slots` releases, compiled once per process
    (newsroom.compiled_reads): built with the ORM on each search, it cost more than the rest of
    the search together."""

    def build(language, now, *ids):
        return (
            readers_releases(language, now=now)
            .filter(pk__in=ids)
            .with_list_relations()
            .values_list("pk", "release_version", "search_document__refreshed_at")
        )

    return CompiledRead(Article, build)

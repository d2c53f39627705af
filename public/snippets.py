"""The highlighted headline and snippet of each search result.

A result shows its headline and about SNIPPET_CHARS of the start of its body (or of its
summary) around the first match, with the matched words marked. What a search needs of each
result for that, the text and the stem of each of its words in the release's language, is kept
per search document (public.release_cache: it is rebuilt after the release's version moved, so
its refresh time is the entry's stamp), and a search only looks its words up: PostgreSQL's
ts_headline parsed and stemmed the text of every shown result on every search instead (7 ms of
a 17 ms page). On PostgreSQL a word is marked when one of its stems is one of the query's
(search.Results reads those with the page, `query_tree`), as the index matched it: "bridges"
finds and marks "bridge", and "darien" marks "Darién" (search_index.fold). The SQLite fallback
marks the words the reader typed where they appear.

Text is escaped first and only then marked, so text in a release cannot inject markup.
"""

import re

from django.db import connection
from django.db.models.functions import Left
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from articles.models import SearchDocument

from .release_cache import per_release
from .search import WORD
from .search_index import fold, search_config

SNIPPET_CHARS = 240
# Snippets come from the start of the body (the lead paragraphs): a match further down is found
# and ranked all the same, its snippet is then the opening words. It bounds what is kept per
# result and the words stemmed when it is built.
SNIPPET_SOURCE_CHARS = 1500
# A lexeme in querytree()'s text, quotes and backslashes doubled: 'bridg' & 'o''brien'.
_QUERY_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def highlight(request, releases, search):
    """Give each release of `releases` (search.Results' page) `title_html` and `snippet_html`."""
    texts = per_release(
        request, releases, name="search-text", build=_texts, stamp=_document_refreshed_at
    )
    matches = _matcher(search, releases)
    for release in releases:
        text = texts.get(release)
        if text is None:  # not indexed yet: the card shows its headline and summary
            continue
        release.title_html = _marked(text["title"], matches(text["title"], text["title_words"]))
        opening = text["opening"]
        found = matches(opening, text["opening_words"])
        start, end = _excerpt(opening, found)
        release.snippet_html = format_html(
            "{}{}{}",
            "… " if start else "",
            _marked(opening, [span for span in found if start <= span[0] < end], start, end),
            " …" if end < len(opening) else "",
        )
    return releases


def _document_refreshed_at(release):
    return release.search_refreshed_at


def _texts(releases):
    """{release: its headline and the opening of its body, each with where each stem of its
    words is ("words": {stem: [(start, end)]})} for the indexed ones of `releases`: one query,
    and one more on PostgreSQL for the stems."""
    documents = (
        SearchDocument.objects.filter(article__in=releases)
        .annotate(body_opening=Left("body", SNIPPET_SOURCE_CHARS))
        .values_list("article_id", "title", "lead", "body_opening")
    )
    by_id = {release.pk: release for release in releases}
    texts = {
        by_id[pk]: {"title": title, "opening": _opening(body or lead)}
        for pk, title, lead, body in documents
    }
    stems = _stems(texts) if connection.vendor == "postgresql" else {}
    for release, text in texts.items():
        config = search_config(release.language)
        for field in ("title", "opening"):
            words = {}
            for match in WORD.finditer(text[field]):
                for stem in stems.get((config, match.group().lower()), ()):
                    words.setdefault(stem, []).append(match.span())
            text[f"{field}_words"] = words
    return texts


def _opening(text):
    """`text` on one line, without a word cut short at SNIPPET_SOURCE_CHARS."""
    if len(text) >= SNIPPET_SOURCE_CHARS:
        text = text.rsplit(None, 1)[0]
    return " ".join(text.split())


def _stems(texts):
    """{(configuration, word): its stems} for the words of `texts` in their releases'
    languages, by PostgreSQL's own rules, in one query. A word's unaccented form is stemmed with
    it, as the index holds both (search_index._weighted)."""
    pairs = list(
        {
            (search_config(release.language), word.lower())
            for release, text in texts.items()
            for word in WORD.findall(f"{text['title']} {text['opening']}")
        }
    )
    spelled = [word if fold(word) == word else f"{word} {fold(word)}" for _, word in pairs]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT config, word, tsvector_to_array(to_tsvector(config::regconfig, spelled))"
            " FROM unnest(%s::text[], %s::text[], %s::text[]) AS words(config, word, spelled)",
            [[config for config, _ in pairs], [word for _, word in pairs], spelled],
        )
        return {(config, word): stems for config, word, stems in cursor.fetchall()}


def _matcher(search, releases):
    """matches(text, words) -> the (start, end) of each match in `text`, in order."""
    tree = getattr(releases[0], "query_tree", None) if releases else None
    if tree is not None:
        lexemes = {
            lexeme.replace("''", "'").replace("\\\\", "\\")
            for lexeme in _QUERY_LEXEME.findall(tree)
        }
        return lambda text, words: sorted(
            {span for lexeme in lexemes for span in words.get(lexeme, ())}
        )
    if not search.terms:
        return lambda text, words: []
    pattern = re.compile("|".join(re.escape(term) for term in search.terms), re.IGNORECASE)
    return lambda text, words: [match.span() for match in pattern.finditer(text)]


def _excerpt(text, matches):
    """(start, end) of about SNIPPET_CHARS of `text` around the first match, cut at word
    boundaries."""
    start = max(0, (matches[0][0] if matches else 0) - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return start, end


def _marked(text, matches, start=0, end=None):
    """text[start:end] escaped, each match in it in <mark>."""
    end = len(text) if end is None else end
    parts = []
    for match_start, match_end in matches:
        match_end = min(match_end, end)
        parts += [
            escape(text[start:match_start]),
            "<mark>",
            escape(text[match_start:match_end]),
            "</mark>",
        ]
        start = match_end
    parts.append(escape(text[start:end]))
    return mark_safe("".join(parts))

"""The highlighted headline and snippet of each search result.

A result shows its headline and up to FRAGMENTS pieces of the start of its body (or of its
summary) around matches, with the matched words marked. What a search needs of each
result for that, the text and the stems of each of its words by its language's rules, is kept
per search document (public.release_cache: it is rebuilt after the release's version moved, so
its refresh time is the entry's stamp), and a search only looks its words up. A word is marked
when one of its stems is one of the query's (search.Search.marked), as the index matched it:
"bridges" finds and marks "bridge", and "darien" marks "Darién" (search_index.fold). The words
of a "quoted phrase" are marked where they stand together, as the index found the phrase:
"border service" marks "border service" but not the "service" of "service members".

Text is escaped first and only then marked, so text in a release cannot inject markup.
"""

import functools
import html
import re
from array import array
from bisect import bisect_left
from itertools import islice

from django.db.models.functions import Left
from django.utils.safestring import SafeString

from articles.models import SearchDocument

from . import search_engine
from .release_cache import per_release
from .search import WORD

# Snippets as ts_headline cut them: up to two fragments of about 30 words around matches.
FRAGMENTS = 2
FRAGMENT_CHARS = 180
# Snippets come from the start of the body (the lead paragraphs): a match further down is found
# and ranked all the same, its snippet is then the opening words. It bounds what is kept per
# result and the words stemmed when it is built.
SNIPPET_SOURCE_CHARS = 1500
# What html.escape() changes.
_ESCAPED = re.compile("[&<>\"']")


def highlight(request, releases, search):
    """Give each release of `releases` (search.Results' page) `title_html` and `snippet_html`."""
    texts = per_release(
        request, releases, name="search-stems", build=_texts, stamp=_document_refreshed_at
    )
    matches = _matcher(search)
    for release in releases:
        text = texts.get(release.pk)
        if text is None:  # not indexed yet: the card shows its headline and summary
            continue
        # SafeString() rather than mark_safe(): the same, without its check for a lazy string,
        # forty times a page.
        release.title_html = SafeString(
            _marked(text["title"], matches(text["title"], text["title_words"]))
        )
        release.snippet_html = _snippet(
            text["opening"], matches(text["opening"], text["opening_words"])
        )
    return releases


def _document_refreshed_at(release):
    return release.search_refreshed_at


def _texts(releases):
    """{release id: its headline and the opening of its body, each with where each stem of its
    words is (_index)} for the indexed ones of `releases`: one query."""
    documents = (
        SearchDocument.objects.filter(article_id__in=[release.pk for release in releases])
        .annotate(body_opening=Left("body", SNIPPET_SOURCE_CHARS))
        .values_list("article_id", "article__language", "title", "lead", "body_opening")
    )
    texts, stemmers = {}, {}
    for pk, language, title, lead, body in documents:
        text = texts[pk] = {"title": title, "opening": _opening(body or lead)}
        language_rules = search_engine.rules(language)
        if language_rules not in stemmers:
            stemmers[language_rules] = _stemmer(language_rules)
        word_stems = stemmers[language_rules]
        for field in ("title", "opening"):
            words = {}
            for match in WORD.finditer(text[field]):
                for stem in word_stems(match.group().lower()):
                    words.setdefault(stem, []).append(match.span())
            text[f"{field}_words"] = _index(words)
    return texts


def _stemmer(language_rules):
    """stems(word) -> search_engine.indexed_stems(word), each word stemmed once per build."""
    return functools.cache(lambda word: search_engine.indexed_stems(word, language_rules))


def _index(words):
    """{stem: the bounds of its places}: where each stem of the text's words is, as the bytes of
    an array of start, end, start, end… Kept in this process's memory as it is, read-only
    (newsroom.cache.ProcessMemoryCache), so a search looks its stems up without reading the
    entry again, and reads the places of its one to three stems without parsing them: as text
    ("start end …") they took 1.8 µs a stem to split and convert, some 120 times a three-word
    search, and as a tuple of pairs of numbers four times the memory."""
    return {
        stem: array("I", [bound for span in spans for bound in span]).tobytes()
        for stem, spans in words.items()
    }


def _places(bounds):
    """[(start, end)] of an _index() value."""
    numbers = memoryview(bounds).cast("I")
    return zip(numbers[::2], numbers[1::2], strict=True)


def _opening(text):
    """`text` on one line, without a word cut short at SNIPPET_SOURCE_CHARS."""
    if len(text) >= SNIPPET_SOURCE_CHARS:
        text = text.rsplit(None, 1)[0]
    return " ".join(text.split())


def _matcher(search):
    """matches(text, words) -> the (start, end) of each match in `text`, in order."""
    anywhere, phrases = search.marked

    def matches(text, words):
        spans = {span for stem in anywhere if stem in words for span in _places(words[stem])}
        for phrase in phrases:
            spans.update(_phrase_places(text, words, phrase))
        return sorted(spans)

    return matches


def _phrase_places(text, words, phrase):
    """The (start, end) of the words of each place where `phrase` ([(offset, stem)],
    search_engine.phrase_stems) stands in `text`: its first word, then each next one as many
    words further as its offset says (a stop word between them takes a place, as in the
    index)."""
    if any(stem not in words for _offset, stem in phrase):
        return []
    places = {stem: set(_places(words[stem])) for _offset, stem in phrase}
    last = phrase[-1][0]
    found = []
    for start, _end in places[phrase[0][1]]:
        following = [word.span() for word in islice(WORD.finditer(text, start), last + 1)]
        if len(following) > last and all(
            following[offset] in places[stem] for offset, stem in phrase
        ):
            found += [following[offset] for offset, _stem in phrase]
    return found


def _snippet(text, matches):
    """The fragments of `text` (_fragments), escaped, with their matches marked."""
    fragments = _fragments(text, matches)
    starts = [match_start for match_start, _match_end in matches]
    marked = " … ".join(
        _marked(text, matches[bisect_left(starts, start) : bisect_left(starts, end)], start, end)
        for start, end in fragments
    )
    before = "… " if fragments[0][0] else ""
    after = " …" if fragments[-1][1] < len(text) else ""
    return SafeString(f"{before}{marked}{after}")


def _fragments(text, matches):
    """[(start, end)] of up to FRAGMENTS pieces of `text` in order, cut at word boundaries: the
    first around the first match, each next around the first later match of a word that the
    pieces before do not show (else of any later match). The opening words without a match.
    `matches` are in order, so each piece only looks at the matches after the one before."""
    fragments, shown = [], set()
    words = [text[match_start:match_end].lower() for match_start, match_end in matches]
    following = 0  # the first match after the pieces so far
    while following < len(matches) and len(fragments) < FRAGMENTS:
        at = next(
            (matches[i][0] for i in range(following, len(matches)) if words[i] not in shown),
            matches[following][0],
        )
        start, end = _window(text, at, fragments[-1][1] if fragments else 0)
        fragments.append((start, end))
        while following < len(matches) and matches[following][0] < end:
            if matches[following][0] >= start:
                shown.add(words[following])
            following += 1
    return fragments or [_window(text, 0, 0)]


def _window(text, position, floor):
    """(start, end) of about FRAGMENT_CHARS of `text` from a little before `position`, not
    before `floor`, cut at word boundaries."""
    start = max(floor, position - FRAGMENT_CHARS // 3)
    if start and not text[start - 1].isspace():
        start = text.find(" ", start) + 1
    end = start + FRAGMENT_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return start, end


def _marked(text, matches, start=0, end=None):
    """text[start:end] escaped, each match in it in <mark>: HTML, to be marked safe."""
    end = len(text) if end is None else end
    # html.escape is django.utils.html.escape without its lazy-string wrapper; most pieces of
    # text have nothing to escape, and one look at the whole saves a call for each part of it.
    escape = html.escape if _ESCAPED.search(text, start, end) else str
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
    return "".join(parts)

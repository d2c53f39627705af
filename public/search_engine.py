"""The search index: the published releases' search documents in an embedded tantivy index.

A search is ranked inside the web worker that answers it: PostgreSQL's full-text search planned
its statement and ranked up to 500 candidates on every search, some 2 ms of the database's time
and as much again of the worker's. The index ranks every match (BM25; the headline counts for
more than the subheadline and summary, those more than names and tags, those more than the body:
FIELD_WEIGHTS) in a fraction of a millisecond. For each published release it holds:

- its id, kind and release time, for the search form's filters;
- for each language of the site, until when readers of that language see this release
  (`shown_<language>_until`; from its release time on): until a version in their own language
  is out (articles.ArticleQuerySet.for_language), so that a scheduled release or
  translation needs no new entry when its time comes;
- its text (public.search_index) in the fields of its language's rules
  (settings.NEWSROOM_SEARCH_ANALYZERS: stop words, stemming), the text and its unaccented form
  both, as readers type "Darien" for "Darién".

One process writes at a time: the task worker, after each committed change (public.tasks),
`manage.py rebuild_search_index`, and the tasks a test process runs itself. A writer waits for
another's lock (WRITER_WAIT), and a task that waited in vain is tried again later. Web workers
only read: each opens the index in its own process (after gunicorn's fork) and sees a commit
within a second. PostgreSQL stays the record of what readers may see: public.search reads the
shown page's releases there with readers_releases(), so a release withdrawn a moment ago is not
shown while its entry is still being removed.
"""

import datetime
import fcntl
import functools
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings
from django.db.models import Min, Q

from articles.models import Article, ArticleStatus, SearchDocument

from .search_index import fold

# Each field's weight in a release's score, as ts_rank's default weights of A, B, C and D were.
FIELD_WEIGHTS = {"title": 1.0, "lead": 0.4, "keywords": 0.2, "body": 0.1}
# A writer's memory for documents not yet written out (tantivy's minimum is 15 MB a thread).
WRITER_HEAP = 32_000_000
# How long a writer waits for another process's lock before its task fails (and is retried).
WRITER_WAIT = datetime.timedelta(seconds=60)
# At most this many matches are read to put those of equal score newest first (_best).
TIES_READ = 1000
# Releases read and added per batch when the index is rebuilt.
REBUILD_BATCH = 1000
# "Never" for a release readers of a language see with no end: no version in their language.
_NEVER = 2**62


def rules(language):
    """The stop words and stemming rules (a Snowball language name) for text in `language`."""
    return settings.NEWSROOM_SEARCH_ANALYZERS.get(language, settings.NEWSROOM_SEARCH_ANALYZER)


def all_rules():
    return sorted({settings.NEWSROOM_SEARCH_ANALYZER, *settings.NEWSROOM_SEARCH_ANALYZERS.values()})


def unknown_rules():
    """The language rules of NEWSROOM_SEARCH_ANALYZER(S) that the index does not know (its
    names are lowercase Snowball languages: a capitalized one is taken as no rules at all)."""
    unknown = []
    for language_rules in all_rules():
        try:
            _analyzer(language_rules)
        except ValueError:
            unknown.append(language_rules)
        else:
            if language_rules != language_rules.lower():
                unknown.append(language_rules)
    return unknown


@functools.cache
def _analyzer(language_rules):
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword(language_rules))
        .filter(tantivy.Filter.stemmer(language_rules))
        .build()
    )


def stems(word, language_rules):
    """The terms of one word (what WORD finds) by `language_rules`: its stem, none for a stop
    word, several for a word the index splits ("e-mail" is two). A query's word is looked up
    by these."""
    return _analyzer(language_rules).analyze(word)


def indexed_stems(word, language_rules):
    """The terms a word of a release's text is found by: those of the word and of its
    unaccented form, as the index holds the text in both (_documents)."""
    folded = fold(word)
    if folded == word:
        return set(stems(word, language_rules))
    return {*stems(word, language_rules), *stems(folded, language_rules)}


def _reader_languages():
    return [code for code, _name in settings.LANGUAGES]


def _fields():
    """(name, kind, analyzer) of each field of the index, as the settings make them."""
    fields = [("id", "id", None), ("kind", "raw", None), ("rules", "raw", None)]
    fields.append(("release_at", "time", None))
    fields += [(f"shown_{language}_until", "time", None) for language in _reader_languages()]
    for language_rules in all_rules():
        fields += [(f"{field}_{language_rules}", "text", language_rules) for field in FIELD_WEIGHTS]
    return fields


def _schema():
    builder = tantivy.SchemaBuilder()
    for name, kind, analyzer in _fields():
        if kind == "id":
            builder.add_integer_field(name, stored=True, indexed=True, fast=True)
        elif kind == "raw":
            builder.add_text_field(name, tokenizer_name="raw")
        elif kind == "time":
            # Stored too for the release time, which orders equal scores (_best) and is when
            # every reader may first see the release.
            builder.add_integer_field(name, stored=name == "release_at", fast=True)
        else:
            builder.add_text_field(name, tokenizer_name=analyzer, index_option="position")
    return builder.build()


def _directory():
    """The index's directory: one per set of fields in SEARCH_INDEX_DIR, so that after an
    upgrade or a change of languages or rules the site uses a new, empty index (which
    `rebuild_search_index --missing` fills, as the compose `migrate` service runs it) and never
    opens one it cannot read."""
    return _directory_for(
        str(settings.SEARCH_INDEX_DIR),
        tuple(settings.LANGUAGES),
        settings.NEWSROOM_SEARCH_ANALYZER,
        tuple(sorted(settings.NEWSROOM_SEARCH_ANALYZERS.items())),
    )


@functools.cache
def _directory_for(root, *settings_it_depends_on):
    """_directory() once per value of the settings the fields follow, not on every search."""
    layout = hashlib.sha256(repr(_fields()).encode()).hexdigest()[:12]
    return Path(root) / f"fields-{layout}"


_opened = {}


def _index():
    """This process's handle on the index (_directory()), created there if there is none yet.
    Opened again after a fork: tantivy's reader watches for commits on a thread, which a forked
    process does not have."""
    path = _directory()
    key = (os.getpid(), path)
    if key not in _opened:
        path.mkdir(parents=True, exist_ok=True)
        # Two processes finding no index at once must not both create one.
        with open(path / ".create.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            index = tantivy.Index(_schema(), path=str(path), reuse=True)
        for language_rules in all_rules():
            index.register_tokenizer(language_rules, _analyzer(language_rules))
        _opened.clear()
        _opened[key] = index
    return _opened[key]


def _microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


# --- Searching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase of the reader's query (its words as WORD finds them), which
    results must not contain when `excluded` ("-word")."""

    words: tuple
    excluded: bool = False


def ranked(alternatives, *, language, now, filters, offset, limit):
    """(how many releases match, the ids of `limit` of them from `offset`, best first) among
    those readers of `language` see at `now`, narrowed by `filters` (ReleaseFilters).

    `alternatives` is the reader's query: a match has every Term of one of them (and none of
    its excluded ones), in the words of either language: each release's text was stemmed by its
    own language's rules, so "entrenamientos" finds a Spanish release's "entrenamiento" and
    "trainings" an English release's "training"."""
    index = _index()
    schema = index.schema
    query = _any(
        _language_query(alternatives, schema, language_rules) for language_rules in all_rules()
    )
    if query is None:
        return 0, []
    moment = _microseconds(now)
    narrowing = [
        _range(schema, "release_at", upper=moment),
        _range(schema, f"shown_{language}_until", lower=moment, include_lower=False),
    ]
    if filters.kind:
        narrowing.append(tantivy.Query.term_query(schema, "kind", filters.kind))
    if filters.released_from:
        lower = _microseconds(filters.released_from)
        narrowing.append(_range(schema, "release_at", lower=lower))
    if filters.released_before:
        upper = _microseconds(filters.released_before)
        narrowing.append(_range(schema, "release_at", upper=upper, include_upper=False))
    everything = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query)]
        + [(tantivy.Occur.Must, _unscored(condition)) for condition in narrowing]
    )
    return _best(index.searcher(), everything, offset=offset, limit=limit)


def _best(searcher, query, *, offset, limit):
    """(how many match `query`, the ids of `limit` matches from `offset`), best first and among
    equal scores newest first. The index keeps equal scores in the order it stored the
    releases, so the matches up to the page's end are read, with those past it that score the
    same as its last (up to TIES_READ matches in all), and put in order here."""
    end = offset + limit
    if end > TIES_READ:
        # The index would make room for that many hits, or abort the process for a huge number.
        raise ValueError(f"At most {TIES_READ} matches are read, not {end}")
    # Twice the page's end at first: equal scores past it are common enough (releases alike in
    # length and wording) that asking again cost more than the longer first read.
    result = searcher.search(query, limit=min(2 * end, TIES_READ) + 1, count=True)
    hits = result.hits
    while (
        end
        and len(hits) > end
        and hits[-1][0] == hits[end - 1][0]
        and len(hits) < min(result.count, TIES_READ)
    ):
        hits = searcher.search(query, limit=min(len(hits) * 2, TIES_READ), count=False).hits
    if end and len(hits) > end:
        hits = [hit for hit in hits if hit[0] >= hits[end - 1][0]]
    ordered = sorted(
        ((score, *_newness(searcher.doc(address))) for score, address in hits), reverse=True
    )
    return result.count, [pk for _score, _release_at, pk in ordered[offset:end]]


def _newness(document):
    return document["release_at"][0], document["id"][0]


def _range(schema, field, *, lower=None, upper=None, include_lower=True, include_upper=True):
    return tantivy.Query.range_query(
        schema,
        field,
        tantivy.FieldType.Integer,
        lower_bound=lower,
        upper_bound=upper,
        include_lower=include_lower,
        include_upper=include_upper,
    )


def _language_query(alternatives, schema, language_rules):
    """The reader's query for the releases written by one language's rules, in their fields, or
    None when those rules leave no word of it (stop words only). Only those releases: "-patrol"
    in Spanish words must not find every English release."""
    query = _any(_all_of(terms, schema, language_rules) for terms in alternatives)
    if query is None:
        return None
    in_language = tantivy.Query.term_query(schema, "rules", language_rules)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, _unscored(in_language)), (tantivy.Occur.Must, query)]
    )


def _unscored(condition):
    """`condition` as a filter that adds nothing to a match's score: a term's score grows with
    its rarity, so the one Spanish release among English ones, or the one statement, would
    outrank better matches for it."""
    return tantivy.Query.const_score_query(condition, 0.0)


def _all_of(terms, schema, language_rules):
    clauses = []
    for term in terms:
        query = _term_query(term, schema, language_rules)
        if query is not None:
            clauses.append((tantivy.Occur.MustNot if term.excluded else tantivy.Occur.Must, query))
    if not clauses:
        return None
    if all(occur == tantivy.Occur.MustNot for occur, _query in clauses):
        # "-jungle" alone: every release without the word.
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def _term_query(term, schema, language_rules):
    """A word or phrase in any field of a release, weighted by the field (FIELD_WEIGHTS); None
    when it is stop words only. A stop word inside a phrase still takes its place: "bridge over
    the river" finds "bridge over a river" but not "bridge river"."""
    phrase = phrase_stems(term.words, language_rules)
    if not phrase:
        return None
    fields = []
    for field, weight in FIELD_WEIGHTS.items():
        name = f"{field}_{language_rules}"
        if len(phrase) == 1:
            query = tantivy.Query.term_query(schema, name, phrase[0][1])
        else:
            query = tantivy.Query.phrase_query(schema, name, phrase)
        fields.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
    return tantivy.Query.boolean_query(fields)


def phrase_stems(words, language_rules):
    """[(offset, stem)] of the stems of `words` in order: each after the one before, with a
    place left for each stop word between them. How the index finds a term, and where
    public.snippets marks one."""
    phrase, offset, skipped = [], -1, 0
    for word in words:
        word_stems = stems(word, language_rules)
        if not word_stems:
            skipped += 1
            continue
        for stem in word_stems:
            offset += 1 + (skipped if phrase else 0)
            skipped = 0
            phrase.append((offset, stem))
    return phrase


def _any(queries):
    queries = [query for query in queries if query is not None]
    if not queries:
        return None
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in queries])


# --- Writing -----------------------------------------------------------------------------


class IndexBusy(Exception):
    """Another process held the index's writer for all of WRITER_WAIT (a rebuild of a large
    archive, say). public.tasks tries again later."""


class _Writer:
    """The index's one writer, waited for (WRITER_WAIT) when another process holds it; what was
    added and removed is committed on leaving the block, and this process sees it at once."""

    def __enter__(self):
        index = _index()
        deadline = time.monotonic() + WRITER_WAIT.total_seconds()
        while True:
            try:
                self.writer = index.writer(WRITER_HEAP, 1)
                return self.writer
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() > deadline:
                    raise IndexBusy(str(error)) from error
                time.sleep(0.05)

    def __exit__(self, kind, error, traceback):
        if error is None:
            self.writer.commit()
        else:
            self.writer.rollback()
        self.writer.wait_merging_threads()
        del self.writer
        _index().reload()


def index_releases(release_ids):
    """Bring the index in step with these releases and every other language version of them
    (one may now be shown instead of another): the published ones are (re)entered, the rest,
    deleted ones included, removed."""
    groups = Article.objects.filter(pk__in=release_ids).values("translation_group")
    affected = set(release_ids) | set(
        Article.objects.filter(translation_group__in=groups).values_list("pk", flat=True)
    )
    with _Writer() as writer:
        # Read once the writer is ours: a task that waited must not write what it read before
        # the one it waited for.
        documents = _documents(Q(pk__in=affected))
        for pk in affected:
            writer.delete_documents_by_term("id", pk)
        for document in documents:
            writer.add_document(document)


def rebuild():
    """Enter every published release anew (after restoring a database, or a change of
    NEWSROOM_SEARCH_ANALYZERS). Returns how many were entered."""
    entered = 0
    with _Writer() as writer:
        ids = list(
            Article.objects.filter(status=ArticleStatus.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        writer.delete_all_documents()
        for start in range(0, len(ids), REBUILD_BATCH):
            for document in _documents(Q(pk__in=ids[start : start + REBUILD_BATCH])):
                writer.add_document(document)
                entered += 1
    return entered


def size():
    """How many releases the index holds."""
    return _index().searcher().num_docs


def _documents(releases):
    """The index's documents of the published ones among `releases` (a Q on Article) that have
    a search document."""
    rows = list(
        SearchDocument.objects.filter(
            article__in=Article.objects.filter(releases, status=ArticleStatus.PUBLISHED)
        ).values_list(
            "article_id",
            "article__language",
            "article__kind",
            "article__release_at",
            "article__translation_group",
            *FIELD_WEIGHTS,
        )
    )
    shown_until = _versions_out(group for _pk, _language, _kind, _at, group, *_text in rows)
    documents = []
    for pk, language, kind, release_at, group, *texts in rows:
        language_rules = rules(language)
        document = tantivy.Document(
            id=pk, kind=kind, rules=language_rules, release_at=_microseconds(release_at)
        )
        for reader_language in _reader_languages():
            if reader_language == language:
                until = _NEVER
            else:
                out = shown_until.get((group, reader_language))
                until = _microseconds(out) if out else _NEVER
            document.add_integer(f"shown_{reader_language}_until", until)
        for field, text in zip(FIELD_WEIGHTS, texts, strict=True):
            name = f"{field}_{language_rules}"
            document.add_text(name, text)
            folded = fold(text)
            if folded != text:
                document.add_text(name, folded)
        documents.append(document)
    return documents


def _versions_out(groups):
    """{(translation group, language): when its first published version in that language is
    out} for `groups`."""
    groups = set(groups)
    if not groups:
        return {}
    return {
        (group, language): first
        for group, language, first in Article.objects.filter(
            translation_group__in=groups, status=ArticleStatus.PUBLISHED
        )
        .values("translation_group", "language")
        .annotate(first=Min("release_at"))
        .values_list("translation_group", "language", "first")
    }

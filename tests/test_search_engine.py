"""The search index (public.search_engine): which version of a release each language's readers
find, how it keeps up with scheduled and withdrawn releases, the reader's query syntax, and its
one writer."""

import datetime
import re
import threading
import time
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleStatus, RichText
from public import checks, search_engine
from tests.factories import ArticleFactory
from tests.searching import searchable

pytestmark = pytest.mark.django_db


def found(client, query, path="/search/"):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    headlines = re.findall(r'<h3 class="margin-top-0"><a href="[^"]*">(.*?)</a></h3>', html, re.S)
    return [re.sub(r"</?mark>", "", headline) for headline in headlines]


def release(headline, body="", **fields):
    article = ArticleFactory(headline=headline, **fields)
    if body:
        RichText.objects.create(parent=article, region="body", ordering=10, text=f"<p>{body}</p>")
    return article


def test_readers_of_each_language_find_the_version_they_are_shown(client, no_page_cache):
    english = release("Divers survey the Coiba reef")
    spanish = release(
        "Buzos estudian el arrecife de Coiba",
        language="es",
        translation_group=english.translation_group,
    )
    untranslated = release("Coiba ranger station opens")
    searchable(english, spanish, untranslated)
    assert sorted(found(client, "Coiba")) == [untranslated.headline, english.headline]
    assert sorted(found(client, "Coiba", "/es/search/")) == [
        spanish.headline,
        untranslated.headline,
    ]
    html = client.get("/es/search/", {"q": "Coiba"}).content.decode()
    assert "2 publicaciones" in html


def test_a_release_ranks_by_its_words_whatever_its_language_or_kind(client, no_page_cache):
    """What narrows a search (language, kind, dates, who may see it) adds nothing to a score:
    the one Spanish release among English ones, or the one statement among press releases,
    does not outrank a better match for being rare."""
    in_headline = release("Ocelot sighting near Gamboa", "Rangers logged tracks.")
    in_body = release(
        "Guardaparques registran huellas",
        "Un ocelote fue visto; ocelot tracks too.",
        language="es",
        kind="statement",
    )
    others = [release(f"Ranger report {n}", "Tracks of deer.") for n in range(10)]
    searchable(in_headline, in_body, *others)
    assert found(client, "ocelot", "/es/search/") == [in_headline.headline, in_body.headline]


def test_a_scheduled_translation_takes_over_when_its_time_comes_without_a_new_entry(
    client, no_page_cache
):
    now = timezone.now()
    english = release("Engineers finish the Gatun ford", release_at=now - datetime.timedelta(1))
    spanish = release(
        "Ingenieros terminan el vado de Gatún",
        language="es",
        translation_group=english.translation_group,
        release_at=now + datetime.timedelta(hours=2),
    )
    searchable(english, spanish)
    # Until the Spanish version is out, Spanish readers find the English one.
    assert found(client, "Gatun", "/es/search/") == [english.headline]
    with time_machine.travel(now + datetime.timedelta(hours=3), tick=False):
        assert found(client, "Gatun", "/es/search/") == [spanish.headline]
        assert found(client, "Gatun") == [english.headline]
        # Counted by the index itself: the version no longer shown is not a match.
        html = client.get("/es/search/", {"q": "Gatun"}).content.decode()
        assert "Se encontró 1 publicación" in html


def test_a_withdrawn_release_is_not_shown_while_its_entry_is_still_being_removed(
    client, no_page_cache
):
    kept = release("Harpy eagle nest found")
    withdrawn = release("Harpy eagle chicks hatch")
    searchable(kept, withdrawn)
    assert sorted(found(client, "harpy")) == sorted([kept.headline, withdrawn.headline])
    # Withdrawn, with its entry not yet removed (the task worker is behind).
    Article.objects.filter(pk=withdrawn.pk).update(status=ArticleStatus.WITHDRAWN)
    assert found(client, "harpy") == [kept.headline]
    searchable(withdrawn)
    assert search_engine.size() == 1
    assert found(client, "harpy") == [kept.headline]


def test_a_deleted_release_leaves_the_index():
    gone = release("Sloth rescue at Gamboa")
    searchable(gone)
    assert search_engine.size() == 1
    pk = gone.pk
    gone.delete()
    search_engine.index_releases([pk])
    assert search_engine.size() == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("crossing OR jungle", {"River crossing drill", "Jungle patrol ends"}),
        ("jungle -patrol", set()),
        ("-patrol", {"River crossing drill", "Bridge over a river opens"}),
        ('"bridge over the river"', {"Bridge over a river opens"}),
        ('"bridge river"', set()),
        ('"bridge over', {"Bridge over a river opens"}),
        ("river:crossing", {"River crossing drill"}),
        ("river*", {"River crossing drill", "Bridge over a river opens"}),
    ],
)
def test_the_readers_query_syntax(client, no_page_cache, query, expected):
    """Words, OR, -word, quoted phrases (a stop word in one still takes its place, an unclosed
    quote runs to the end); what would be syntax to the index (fields, wildcards) is words."""
    searchable(
        release("River crossing drill"),
        release("Jungle patrol ends"),
        release("Bridge over a river opens"),
    )
    assert set(found(client, query)) == expected


def test_other_fields_or_rules_take_a_new_index_that_the_rebuild_command_fills(
    client, no_page_cache, settings
):
    """After an upgrade that changes the index's fields, or a change of a language's rules, the
    site never opens an index it cannot read: it starts an empty one beside the old, which the
    deploy's `rebuild_search_index --missing` fills."""
    article = release("Herons nest at Taboga")
    searchable(article)
    settings.NEWSROOM_SEARCH_ANALYZERS = {**settings.NEWSROOM_SEARCH_ANALYZERS, "es": "portuguese"}
    assert search_engine.size() == 0
    assert found(client, "herons") == []
    call_command("rebuild_search_index", "--missing", stdout=StringIO())
    assert found(client, "herons") == [article.headline]


def test_a_writer_waits_for_another_to_finish(monkeypatch):
    """One process writes at a time: a second writer waits for the lock, then writes."""
    article = release("Tamarin count at Soberanía")
    searchable(article)
    held = search_engine._index().writer(search_engine.WRITER_HEAP, 1)
    released = threading.Event()

    def release_later():
        time.sleep(0.5)
        held.rollback()
        held.wait_merging_threads()
        released.set()

    thread = threading.Thread(target=release_later)
    thread.start()
    Article.objects.filter(pk=article.pk).update(headline="Tamarin census at Soberanía")
    searchable(article)
    thread.join()
    assert released.is_set()
    assert search_engine.size() == 1


def test_a_writer_gives_up_after_waiting_its_time(monkeypatch):
    monkeypatch.setattr(search_engine, "WRITER_WAIT", datetime.timedelta(seconds=0.2))
    held = search_engine._index().writer(search_engine.WRITER_HEAP, 1)
    try:
        with pytest.raises(search_engine.IndexBusy):
            search_engine.index_releases([release("Toucan survey").pk])
    finally:
        held.rollback()
        held.wait_merging_threads()


@pytest.mark.parametrize("language_rules", ["klingon", "Spanish"])
def test_rules_the_index_does_not_know_stop_the_site_at_start(settings, language_rules):
    settings.NEWSROOM_SEARCH_ANALYZERS = {"en": "english", "es": language_rules}
    errors = checks.check_search_analyzers()
    assert [error.id for error in errors] == ["public.E003"]
    assert language_rules in errors[0].msg
    settings.NEWSROOM_SEARCH_ANALYZERS = {"en": "english", "es": "portuguese"}
    assert checks.check_search_analyzers() == []

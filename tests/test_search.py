"""Full-text search: what it finds, in which order, how it shows it, and how the index keeps up."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, InitiativeTable, Quote, RichText, SearchDocument
from public import search as site_search
from public import search_engine, search_index, snippets
from public.management.commands import generate_bench_data
from tests.counting import queries_for
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    PersonFactory,
    add_blocks,
)
from tests.searching import searchable

pytestmark = pytest.mark.django_db

indexed = searchable


def results(client, **params):
    response = client.get(reverse("public:search"), params)
    assert response.status_code == 200
    html = response.content.decode()
    headlines = re.findall(r'<h3 class="margin-top-0"><a href="[^"]*">(.*?)</a></h3>', html, re.S)
    return [re.sub(r"</?mark>", "", headline) for headline in headlines], html


def body_article(headline, text, **fields):
    article = ArticleFactory(headline=headline, **fields)
    RichText.objects.create(parent=article, region="body", ordering=10, text=f"<p>{text}</p>")
    return article


def ranking_fixture():
    """One release with the word in its headline, a newer one with it only in the body (three
    times), and a newer still with it in the summary."""
    now = timezone.now()
    in_headline = ArticleFactory(
        headline="Cassava harvest fair opens", release_at=now - datetime.timedelta(days=5)
    )
    in_body = body_article(
        "Farmers meet in Colón",
        "They traded cassava seed. Cassava prices rose. More cassava is planned.",
        release_at=now - datetime.timedelta(days=1),
    )
    in_summary = ArticleFactory(
        headline="Market day in Penonomé",
        summary="Stalls sold cassava bread.",
        release_at=now - datetime.timedelta(days=3),
    )
    return indexed(in_headline, in_body, in_summary)


def test_a_headline_match_ranks_above_summary_and_body_matches(client):
    in_headline, in_body, in_summary = ranking_fixture()
    found, html = results(client, q="cassava")
    assert found == [in_headline.headline, in_summary.headline, in_body.headline]
    assert "<mark>Cassava</mark> harvest fair opens" in html
    assert "<mark>cassava</mark> seed" in html


def test_a_release_must_hold_every_word(client):
    both = body_article("Bridge repairs", "Engineers repaired the river bridge.")
    one = body_article("Road repairs", "Engineers repaired the road.")
    indexed(both, one)
    assert results(client, q="engineers bridge")[0] == [both.headline]


def test_search_stems_words_ignores_accents_and_understands_operators(client):
    trained = body_article("Course ends", "Forty officers trained in Darién.")
    boats = body_article("Boat drills", "Crews trained on boats in Darién.")
    indexed(trained, boats)
    assert set(results(client, q="training")[0]) == {trained.headline, boats.headline}
    assert set(results(client, q="darien")[0]) == {trained.headline, boats.headline}
    assert results(client, q="training -boats")[0] == [trained.headline]
    assert results(client, q='"forty officers"')[0] == [trained.headline]


def test_the_words_it_matched_are_marked_by_their_stems(client):
    article = body_article(
        "Bridge inspections begin", "Crews inspected two bridges near Darién, not in Bridgeport."
    )
    indexed(article)
    html = results(client, q="bridges")[1]
    assert "<mark>Bridge</mark> inspections begin" in html
    assert "two <mark>bridges</mark> near" in html
    assert "in Bridgeport." in html
    # The index holds unaccented forms too (search_index.fold): what it matched is marked.
    assert "near <mark>Darién</mark>," in results(client, q="darien")[1]


def test_a_phrase_is_marked_where_its_words_stand_together(client):
    article = body_article(
        "Border service opens a post",
        "Service members and border agents met. The border service of Darién crossed the river "
        "at dawn; a bridge over a river came later.",
    )
    indexed(article)
    html = results(client, q='"border service"')[1]
    assert "The <mark>border</mark> <mark>service</mark> of Darién" in html
    assert "<mark>Border</mark> <mark>service</mark> opens a post" in html
    assert "Service members and border agents" in html
    # A stop word in the phrase ("the") takes a place, as in the index, and any word fills
    # it; a word outside the phrase is marked wherever it is.
    html = results(client, q='"bridge over the river" dawn')[1]
    assert "a <mark>bridge</mark> <mark>over</mark> a <mark>river</mark> came" in html
    assert "crossed the river at <mark>dawn</mark>" in html


def test_a_snippet_follows_its_search_document_once_rebuilt(client, no_page_cache):
    """Search documents are rebuilt after a release's version moved (public.tasks): a snippet
    kept from the document before shows the new text once the document is rebuilt."""
    article = body_article("Heron count", "Volunteers counted herons at dawn.")
    indexed(article)
    assert "counted <mark>herons</mark> at dawn" in results(client, q="herons")[1]
    RichText.objects.filter(parent=article).update(text="<p>Rangers counted herons at dusk.</p>")
    indexed(article)
    html = results(client, q="herons")[1]
    assert "counted <mark>herons</mark> at dusk" in html and "dawn" not in html


def test_search_covers_quotes_speakers_tables_and_tags(client):
    speaker = PersonFactory(given_name="Marisol", family_name="Quintana")
    article = ArticleFactory(headline="Something happened")
    Quote.objects.create(
        parent=article, region="body", ordering=10, speaker=speaker, text="We saw toucans."
    )
    table = InitiativeTable.objects.create(
        parent=article, region="body", ordering=20, caption="Plans", headings=["Initiative", "Aim"]
    )
    table.rows.create(initiative=InitiativeFactory(name="Reef Survey"), cells=["Count corals"])
    article.tags.add("ornithology")
    indexed(article)
    for words in ("toucans", "Quintana", "corals", "Reef Survey", "ornithology"):
        assert results(client, q=words)[0] == [article.headline], words


def test_snippets_are_escaped_before_matches_are_marked(client):
    speaker = PersonFactory()
    article = ArticleFactory(headline="Harmless <b>headline</b> about parrots")
    Quote.objects.create(
        parent=article,
        region="body",
        ordering=10,
        speaker=speaker,
        text='<script>alert("x")</script> parrots & <img src=x onerror=alert(1)>',
    )
    indexed(article)
    found, html = results(client, q="parrots")
    assert found
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;headline&lt;/b&gt;" in html
    assert "<mark>parrots</mark>" in html


def test_drafts_and_future_releases_are_never_found(client):
    public = body_article("Public jaguar story", "jaguar")
    draft = body_article("Draft jaguar story", "jaguar", status="draft")
    future = body_article(
        "Future jaguar story", "jaguar", release_at=timezone.now() + datetime.timedelta(hours=1)
    )
    indexed(public, draft, future)
    assert results(client, q="jaguar")[0] == [public.headline]


def test_filters_by_kind_and_release_date(client):
    old = body_article(
        "Old ocelot statement",
        "ocelot",
        kind="statement",
        release_at=datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC),
    )
    new = body_article(
        "New ocelot statement",
        "ocelot",
        kind="statement",
        release_at=datetime.datetime(2025, 6, 10, 12, tzinfo=datetime.UTC),
    )
    story = body_article("Ocelot story", "ocelot", kind="news-story")
    indexed(old, new, story)
    assert set(results(client, q="ocelot", kind="statement")[0]) == {old.headline, new.headline}
    found, _html = results(client, q="ocelot", kind="statement", start="2025-03-01")
    assert found == [new.headline]
    found, _html = results(client, q="ocelot", start="2025-01-01", end="2025-01-31")
    assert found == [old.headline]
    # With no words, the filters alone list releases (newest first).
    found, _html = results(client, q="", kind="statement")
    assert found == [new.headline, old.headline]


def test_a_release_day_is_a_day_in_the_sites_time_zone_with_and_without_words(client, settings):
    """Late on 31 January in Panama is already 1 February in UTC: the release counts as
    released on the 31st, whether the index ranks the words or only the filters list."""
    settings.TIME_ZONE = "America/Panama"
    late = body_article(
        "Late ocelot statement",
        "ocelot",
        release_at=datetime.datetime(2025, 2, 1, 4, 30, tzinfo=datetime.UTC),
    )
    indexed(late)
    for words in ("ocelot", ""):
        assert results(client, q=words, end="2025-01-31")[0] == [late.headline]
        assert results(client, q=words, start="2025-02-01")[0] == []
        assert results(client, q=words, start="2025-01-31", end="2025-01-31")[0] == [late.headline]


def test_the_type_select_keeps_the_chosen_type_in_each_language(client):
    """The type options are written once per language (public.search_html): each page shows
    its own language's labels, with the reader's choice selected."""
    for path, chosen, other in (
        ("/search/", "Statement", "Press release"),
        ("/es/search/", "Declaración", "Comunicado de prensa"),
        ("/search/", "Statement", "Press release"),
    ):
        html = client.get(path, {"q": "heron", "kind": "statement"}).content.decode()
        assert f'<option value="statement" selected>{chosen}</option>' in html
        assert f'<option value="press-release">{other}</option>' in html
    html = client.get("/search/", {"q": "heron"}).content.decode()
    assert "selected>" not in html


@pytest.mark.parametrize("query", ["", "   ", "!!!", "—", "a"])
def test_empty_or_junk_queries_get_a_helpful_page(client, query):
    indexed(body_article("Anything", "anything at all"))
    found, html = results(client, q=query)
    assert found == []
    assert "How to search" in html
    assert "releases found" not in html


def test_a_query_of_only_common_words_explains_itself(client):
    indexed(body_article("The and of", "the and of"))
    found, html = results(client, q="the and")
    assert found == []
    assert "has no words we can search for" in html


def test_bad_dates_and_long_queries_are_field_errors_that_keep_the_input(client):
    _found, html = results(client, q="jaguar", start="31/02/2025", end="2025-01-01")
    assert "Enter a date like 2025-03-31." in html
    assert 'value="31/02/2025"' in html and 'value="jaguar"' in html
    assert 'aria-invalid="true"' in html
    _found, html = results(client, q="jaguar", start="2025-02-01", end="2025-01-01")
    assert "This date is before the start date (2025-02-01)" in html
    _found, html = results(client, q="x" * 201)
    assert "a search can be at most 200 characters (this one has 201)" in html
    _found, html = results(client, q="jaguar", kind="nonsense")
    assert "Choose a type of release from the list." in html


def test_result_pages_keep_the_query_and_filters_and_are_not_indexed(client):
    indexed(*(body_article(f"Tapir story {index}", "tapir") for index in range(23)))
    found, html = results(client, q="tapir", kind="press-release")
    assert len(found) == 20 and "23 releases found" in html
    next_page = re.search(r'href="(\?[^"]*page=2[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "q=tapir" in next_page and "kind=press-release" in next_page
    assert len(results(client, q="tapir", kind="press-release", page=2)[0]) == 3
    assert '<meta name="robots" content="noindex">' in html


def test_a_page_out_of_range_shows_the_last_and_one_that_is_not_a_number_the_first(client):
    """As Paginator.get_page: the page asked for is read with the count (search.Results), and
    one the count puts out of range is read again as the paginator settles it."""
    indexed(*(body_article(f"Tapir story {index}", "tapir") for index in range(23)))
    pages = (("5", 3), ("0", 3), ("-1", 3), ("abc", 20), ("2.0", 20), ("2", 3), ("9" * 15, 3))
    for page, shown in pages:
        found, html = results(client, q="tapir", page=page)
        assert len(found) == shown, page
        assert "23 releases found" in html
        assert f"Page {1 if shown == 20 else 2} of 2" in html
    found, html = results(client, q="zebu", page="3")
    assert found == [] and "0 releases found" in html


def test_the_index_follows_committed_edits_only(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(headline="Capybara census")
        RichText.objects.create(parent=article, region="body", ordering=10, text="<p>Marsh</p>")
        article.tags.add("wetlands")
    document = SearchDocument.objects.get(article=article)
    assert document.title == "Capybara census"
    assert "Marsh" in document.body and "wetlands" in document.keywords

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                Article.objects.filter(pk=article.pk).update(headline="Rolled back")
                article.refresh_from_db()
                article.save()
                raise RuntimeError("the editor's save failed")
        except RuntimeError:
            pass
    document.refresh_from_db()
    assert document.title == "Capybara census"


def test_renaming_a_speaker_updates_the_releases_that_quote_them(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        speaker = PersonFactory(given_name="Old", family_name="Name")
        article = ArticleFactory()
        Quote.objects.create(parent=article, region="body", ordering=10, speaker=speaker, text="Hi")
    assert "Old Name" in SearchDocument.objects.get(article=article).keywords
    with django_capture_on_commit_callbacks(execute=True):
        speaker.family_name = "Newname"
        speaker.save()
    assert "Old Newname" in SearchDocument.objects.get(article=article).keywords


def test_one_save_of_many_blocks_rebuilds_the_document_once(
    django_capture_on_commit_callbacks, monkeypatch
):
    rebuilt = []
    monkeypatch.setattr(search_index, "refresh", lambda ids: rebuilt.append(set(ids)))
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory()
        for ordering in range(10, 60, 10):
            RichText.objects.create(parent=article, region="body", ordering=ordering, text="x")
        article.save()
    assert rebuilt == [{article.pk}]


def test_rebuild_command_builds_missing_documents_or_all(client):
    indexed_one = body_article("Heron count", "herons")
    indexed(indexed_one)
    missing = body_article("Egret count", "egrets")  # saved outside a commit: no document yet
    SearchDocument.objects.filter(article=indexed_one).update(title="stale")
    out = StringIO()
    call_command("rebuild_search_index", "--missing", stdout=out)
    assert "of 1 releases" in out.getvalue()
    assert results(client, q="egrets")[0] == [missing.headline]
    assert SearchDocument.objects.get(article=indexed_one).title == "stale"
    call_command("rebuild_search_index", stdout=out)
    assert SearchDocument.objects.get(article=indexed_one).title == "Heron count"


def test_rebuild_command_fills_an_index_that_was_lost(client, no_page_cache, settings, tmp_path):
    article = body_article("Heron count", "herons")
    indexed(article)
    settings.SEARCH_INDEX_DIR = tmp_path / "new-volume"
    assert results(client, q="herons")[0] == []
    call_command("rebuild_search_index", "--missing", stdout=StringIO())
    assert results(client, q="herons")[0] == [article.headline]


def test_more_matches_than_are_listed_are_counted_as_more_than(client, monkeypatch):
    """Every match is counted, only the best MAX_RESULTS are listed (among equal scores the
    newest first), and the page says so."""
    monkeypatch.setattr(site_search, "MAX_RESULTS", 3)
    now = timezone.now()
    oldest = ArticleFactory(headline="Manatee rescue", release_at=now - datetime.timedelta(days=9))
    in_headline = ArticleFactory(
        headline="Manatee census", release_at=now - datetime.timedelta(days=3)
    )
    in_bodies = [
        body_article(
            f"River report {day}",
            "A manatee was seen.",
            release_at=now - datetime.timedelta(days=day),
        )
        for day in (1, 2)
    ]
    indexed(oldest, in_headline, *in_bodies)
    found, html = results(client, q="manatee")
    assert found == [in_headline.headline, oldest.headline, in_bodies[0].headline]
    assert "More than 3 releases found" in html
    assert "Only the 3 best matches are listed." in html
    assert "releases found</h2>" not in html.replace("More than 3 releases found</h2>", "")
    assert 'rel="next"' not in html
    html = client.get("/es/search/", {"q": "manatee"}).content.decode()
    assert "Se encontraron más de 3 publicaciones" in html


def test_the_limit_is_written_as_each_language_groups_digits(client, monkeypatch):
    monkeypatch.setattr(site_search.Results, "is_capped", True)
    monkeypatch.setattr(site_search, "MAX_RESULTS", 1500)
    indexed(body_article("Heron count", "heron"))
    _found, html = results(client, q="heron")
    assert "More than 1,500 releases found" in html
    html = client.get("/es/search/", {"q": "heron"}).content.decode()
    assert "Se encontraron más de 1\N{NO-BREAK SPACE}500 publicaciones" in html


def test_exactly_the_limit_is_counted_exactly(client, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RESULTS", 2)
    indexed(body_article("Ibis one", "ibis"), body_article("Ibis two", "ibis"))
    _found, html = results(client, q="ibis")
    assert "2 releases found" in html and "More than" not in html


def test_one_refresh_costs_the_same_queries_for_one_release_or_many():
    """Rebuilding the index in bulk (generate_bench_data, rebuild_search_index, renaming a tag
    that 10,000 releases use) is a fixed number of queries per batch, not three per release."""
    articles = [ArticleFactory() for _ in range(6)]
    for article in articles:
        add_blocks(article, 4)
        article.tags.add("estuary")

    def queries(ids):
        with CaptureQueriesContext(connection) as captured:
            search_index.refresh(ids)
        return len(captured)

    assert queries([articles[0].pk]) == queries([article.pk for article in articles])
    assert SearchDocument.objects.count() == 6


def test_bench_data_search_documents_equal_those_the_live_index_builds(monkeypatch):
    """generate_bench_data builds documents in chunks and batches; each must be exactly what
    search_index.refresh builds for that one release; the index holds every one of them."""
    monkeypatch.setattr(generate_bench_data, "CHUNK", 5)
    monkeypatch.setattr(generate_bench_data, "INDEX_BATCH", 3)
    call_command("generate_bench_data", releases=12, stdout=StringIO())
    assert Article.objects.count() == SearchDocument.objects.count() == 12

    def documents():
        return {
            document.pk: (
                document.title,
                document.lead,
                document.keywords,
                document.body,
            )
            for document in SearchDocument.objects.all()
        }

    generated = documents()
    SearchDocument.objects.all().delete()
    for pk in generated:
        search_index.refresh([pk])
    assert documents() == generated
    assert all(title and body and keywords for title, _, keywords, body in generated.values())
    assert search_engine.size() == 12


def test_a_match_deep_in_a_long_body_is_found_and_shown_with_the_opening_words(client):
    """Snippets are cut from the start of the body only (their cost is bounded); the match
    itself is found and ranked from the whole text."""
    filler = "Crews checked the boats again. " * (snippets.SNIPPET_SOURCE_CHARS // 20)
    article = body_article("Long transcript", f"Opening remarks. {filler} A quetzal was seen.")
    indexed(article)
    found, html = results(client, q="quetzal")
    assert found == [article.headline]
    assert "Opening remarks" in html


def test_a_search_with_results_costs_one_statement_once_its_cards_are_cached(client, no_page_cache):
    """The ranked page of matches with what its cached cards and snippets are checked against;
    each result's headline, summary, thumbnail, kind and date come with its cached card
    (public.card_cache). The index ranks them in this process."""
    indexed(
        *(
            body_article(
                f"Jaguar tracks at the ford {n}", "jaguar tracks", hero_image=ImageFactory()
            )
            for n in range(3)
        )
    )
    url = reverse("public:search") + "?q=jaguar"
    found, html = results(client, q="jaguar")
    assert len(found) == 3 and html.count("newsroom-thumb") == 3
    assert queries_for(client, url) == 1


def test_the_shown_page_reads_no_release_text_once_its_entries_are_cached(client, no_page_cache):
    """Once their cards and search texts are cached, the shown releases' text (headline,
    summary, body, dates, JSON) is not read again: the cards show it; a card built anew reads
    its release whole (public.card_cache)."""
    indexed(
        body_article(
            "Ocelot tracks at the ford",
            "ocelot tracks",
            summary="Rangers found ocelot tracks.",
            hero_image=ImageFactory(),
        )
    )
    found, html = results(client, q="ocelot")  # builds and caches the card and search text
    assert found == ["Ocelot tracks at the ford"] and "newsroom-thumb" in html
    with CaptureQueriesContext(connection) as queries:
        again = results(client, q="ocelot")[1]
    assert again == html
    statements = " ".join(query["sql"] for query in queries.captured_queries)
    for column in ('"headline"', '"summary"', '"source_text"'):
        assert column not in statements

"""Cards, thumbnails and feed items come from the per-release cache (public.card_cache) and
change on the next request after anything they show changes, in both languages."""

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Correction, Image, Quote
from articles.workflow import transitions
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    PersonFactory,
    UserFactory,
    release_in_state,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es"]


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def in_language(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def unannounced_edit(release, **fields):
    """A write that sends no signal: nothing renews the release's version, so a page that
    still shows the old text took it from the cache."""
    Article.objects.filter(pk=release.pk).update(**fields)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_card_changes_on_the_next_request_after_its_release_changes(
    client, no_page_cache, language
):
    release = ArticleFactory(headline="Engineers open the Lantern ford")
    lists = [in_language(language, "public:home"), in_language(language, "public:release_list")]
    for url in lists:
        assert "Engineers open the Lantern ford" in html(client, url)

    unannounced_edit(release, headline="Never announced")
    for url in lists:
        assert "Engineers open the Lantern ford" in html(client, url)

    release.refresh_from_db()
    release.headline = "Engineers reopen the Lantern ford"
    release.save()
    for url in lists:
        page = html(client, url)
        assert "Engineers reopen the Lantern ford" in page
        assert "Engineers open the Lantern ford" not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_card_and_a_thumbnail_change_after_the_hero_photo_changes(
    client, no_page_cache, language
):
    author = PersonFactory(given_name="Ines", family_name="Quintero")
    photo = ImageFactory(alt_text="Boats at the Lantern ford")
    release = ArticleFactory(hero_image=photo)
    release.byline_people.add(author)
    pages = [
        in_language(language, "public:home"),
        in_language(language, "public:person", slug=author.slug),
    ]
    for url in pages:
        assert 'alt="Boats at the Lantern ford"' in html(client, url)

    Image.objects.filter(pk=photo.pk).update(alt_text="Never announced")  # no signal
    for url in pages:
        assert 'alt="Boats at the Lantern ford"' in html(client, url)

    photo.alt_text = "Trucks crossing the Lantern ford"
    photo.save()
    for url in pages:
        page = html(client, url)
        assert 'alt="Trucks crossing the Lantern ford"' in page
        assert "Boats at the Lantern ford" not in page


def feed_entries(client, language):
    response = client.get(in_language(language, "feeds:all_atom"))
    assert response.status_code == 200
    return {entry.title: entry for entry in feedparser.parse(response.content).entries}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_feed_item_follows_its_author_a_quoted_person_a_correction_and_a_withdrawal(
    client, no_page_cache, authority, language
):
    author = PersonFactory(rank="Maj.", given_name="Ines", family_name="Quintero")
    corrected = ArticleFactory(language=language, headline="Lantern ford reopens")
    corrected.byline_people.add(author)
    speaker = PersonFactory(rank="Capt.", given_name="Tomas", family_name="Ferreyra", title="")
    Quote.objects.create(
        parent=corrected, region="body", ordering=10, speaker=speaker, text="The ford is open."
    )
    withdrawn = release_in_state("published", language=language, headline="Lantern ford closes")
    entries = feed_entries(client, language)
    assert set(entries) == {"Lantern ford reopens", "Lantern ford closes"}
    assert "Ines Quintero" in entries["Lantern ford reopens"].author
    assert "Tomas Ferreyra<" in entries["Lantern ford reopens"].content[0].value
    first_updated = entries["Lantern ford reopens"].updated_parsed

    unannounced_edit(corrected, summary="Never announced.")
    assert (
        "Never announced."
        not in client.get(in_language(language, "feeds:all_atom")).content.decode()
    )

    author.family_name = "Quintero-Vidal"
    author.save()
    speaker.family_name = "Ferreyra-Paz"
    speaker.save()
    correction = Correction.objects.create(
        article=corrected, note="The ford's name corrected.", created_by=UserFactory()
    )
    transitions.withdraw(article=withdrawn, user=authority, reason="Superseded.")

    entries = feed_entries(client, language)
    assert set(entries) == {"Lantern ford reopens"}
    item = entries["Lantern ford reopens"]
    assert "Ines Quintero-Vidal" in item.author
    assert "Tomas Ferreyra-Paz" in item.content[0].value
    assert item.updated_parsed != first_updated
    assert item.updated_parsed[:6] == correction.created_at.utctimetuple()[:6]
    assert item.summary == "Never announced."  # built anew at the new version

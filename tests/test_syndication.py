"""Feeds, sitemaps and robots.txt: what crawlers and feed readers get."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Quote, RichText
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def feed(client, name, **kwargs):
    response = client.get(reverse(f"feeds:{name}", kwargs=kwargs))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def quoted_release(**fields):
    speaker = PersonFactory(
        service="U.S. Army", rank="Col.", given_name="Rosa", family_name="Medina", title=""
    )
    article = ArticleFactory(summary="Short summary.", **fields)
    RichText.objects.create(
        parent=article,
        region="body",
        ordering=10,
        text='<p>See <a href="/initiatives/x/">the plan</a>.</p>',
    )
    Quote.objects.create(
        parent=article, region="body", ordering=20, speaker=speaker, text="We are ready."
    )
    return article


@pytest.mark.parametrize("name", ["all_rss", "all_atom"])
def test_feeds_carry_full_content_with_quotes_and_the_hero_photo(client, name):
    article = quoted_release(hero_image=ImageFactory(caption="Boats at dawn"))
    article.tags.add("maritime")
    parsed = feed(client, name)
    entry = parsed.entries[0]
    assert entry.title == article.headline
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.summary == "Short summary."
    content = entry.content[0].value
    assert "“We are ready.”" in content
    assert "U.S. Army Col. Rosa Medina" in content
    assert 'href="http://testserver/initiatives/x/"' in content  # links made absolute
    assert "Boats at dawn" in content
    [enclosure] = entry.enclosures
    assert enclosure.href.startswith("http://testserver/media/images/")
    assert enclosure.type == "image/png" and int(enclosure.length) > 0
    assert [tag.term for tag in entry.tags] == ["maritime"]


@pytest.mark.parametrize("name", ["all_rss", "all_atom"])
def test_feeds_escape_markup_and_leave_out_characters_xml_cannot_carry(client, name):
    # Pasted text can hold control characters, which XML 1.0 cannot carry: the feed still
    # answers, without them, and markup in the text reaches the reader as text.
    article = ArticleFactory(
        headline="Ports <open> & ready\x0b",
        subheadline="Crews <i>on</i> shift\x0c",
        summary="Tides \x01& <b>winds</b>",
    )
    article.tags.add("R&D <lab>\x1f")
    response = client.get(reverse(f"feeds:{name}"))
    assert response.status_code == 200
    assert b"<open>" not in response.content and b"<b>" not in response.content
    entry = feed(client, name).entries[0]
    assert entry.title == "Ports <open> & ready"
    assert entry.summary == "Tides & <b>winds</b>"
    assert [tag.term for tag in entry.tags] == ["R&D <lab>"]
    assert "<strong>Crews &lt;i&gt;on&lt;/i&gt; shift</strong>" in entry.content[0].value


def test_feeds_per_kind_tag_organization_and_initiative(client):
    organization, initiative = OrganizationFactory(), InitiativeFactory()
    statement = quoted_release(kind="statement", headline="A statement")
    statement.tags.add("ports")
    statement.organizations.add(organization)
    statement.initiatives.add(initiative)
    other = ArticleFactory(kind="news-story", headline="A story")
    scopes = [
        ("kind_rss", {"kind": "statement"}),
        ("kind_atom", {"kind": "statement"}),
        ("tag_rss", {"slug": "ports"}),
        ("organization_atom", {"slug": organization.slug}),
        ("initiative_rss", {"slug": initiative.slug}),
    ]
    for name, kwargs in scopes:
        titles = [entry.title for entry in feed(client, name, **kwargs).entries]
        assert titles == [statement.headline], name
    assert {entry.title for entry in feed(client, "all_rss").entries} == {
        statement.headline,
        other.headline,
    }
    assert client.get(reverse("feeds:tag_rss", kwargs={"slug": "nope"})).status_code == 404


def test_pages_link_their_feeds(client):
    organization = OrganizationFactory()
    ArticleFactory().organizations.add(organization)
    html = client.get(organization.get_absolute_url()).content.decode()
    rss = reverse("feeds:organization_rss", kwargs={"slug": organization.slug})
    title = f"Newsroom: {organization} (RSS)"
    assert f'type="application/rss+xml" title="{title}" href="{rss}">' in html
    assert f'href="{rss}" class="usa-link"' in html


def test_feeds_sitemaps_and_search_never_show_drafts_or_future_releases(client):
    public = ArticleFactory(headline="Public one")
    ArticleFactory(headline="Draft one", status="draft")
    ArticleFactory(headline="Future one", release_at=timezone.now() + datetime.timedelta(hours=1))
    for name in ("all_rss", "all_atom"):
        assert [entry.title for entry in feed(client, name).entries] == [public.headline]
    locations = sitemap_locations(client, "releases")
    # In English only: one address, no Spanish fallback page (tests/test_bilingual.py).
    assert locations == {f"http://testserver{public.get_absolute_url()}"}
    news = ET.fromstring(client.get(reverse("news-sitemap")).content)
    assert [url.find(f"{NEWS}news/{NEWS}title").text for url in news] == [public.headline]


def sitemap_locations(client, section):
    response = client.get(reverse("sitemap-section", kwargs={"section": section}))
    assert response.status_code == 200
    return {url.find(f"{SITEMAP}loc").text for url in ET.fromstring(response.content)}


def test_sitemap_index_lists_every_section_with_lastmod_and_languages(client):
    article = ArticleFactory()
    person = PersonFactory()
    article.people.add(person)
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    sections = {node.find(f"{SITEMAP}loc").text for node in index}
    assert "http://testserver/sitemap-releases.xml" in sections
    assert "http://testserver/sitemap-people.xml" in sections

    releases = ET.fromstring(
        client.get(reverse("sitemap-section", kwargs={"section": "releases"})).content
    )
    english = next(
        url
        for url in releases
        if url.find(f"{SITEMAP}loc").text.endswith(f"{article.slug}/")
        and "/es/" not in url.find(f"{SITEMAP}loc").text
    )
    assert english.find(f"{SITEMAP}lastmod").text == article.updated_at.date().isoformat()
    # A release in one language has no pair; people and other pages have both languages.
    assert english.findall(f"{XHTML}link") == []
    people = ET.fromstring(
        client.get(reverse("sitemap-section", kwargs={"section": "people"})).content
    )
    links = people[0].findall(f"{XHTML}link")
    alternates = {link.get("hreflang"): link.get("href") for link in links}
    assert alternates == {
        "en": f"http://testserver{person.get_absolute_url()}",
        "es": f"http://testserver/es{person.get_absolute_url()}",
        "x-default": f"http://testserver{person.get_absolute_url()}",
    }
    assert f"http://testserver{person.get_absolute_url()}" in sitemap_locations(client, "people")
    pages = sitemap_locations(client, "pages")
    assert "http://testserver/releases/type/fact-sheet/" in pages
    assert "http://testserver/es/contact/" in pages


def test_news_sitemap_holds_the_last_48_hours(client):
    now = timezone.now()
    fresh = ArticleFactory(release_at=now - datetime.timedelta(hours=47))
    ArticleFactory(release_at=now - datetime.timedelta(hours=49))
    response = client.get(reverse("news-sitemap"))
    assert response["Content-Type"].startswith("application/xml")
    urls = ET.fromstring(response.content)
    assert [url.find(f"{SITEMAP}loc").text for url in urls] == [
        f"http://testserver{fresh.get_absolute_url()}"
    ]
    news = urls[0].find(f"{NEWS}news")
    assert news.find(f"{NEWS}publication/{NEWS}name").text == "Newsroom"
    assert news.find(f"{NEWS}publication/{NEWS}language").text == "en"
    published = datetime.datetime.fromisoformat(news.find(f"{NEWS}publication_date").text)
    assert published == fresh.release_at


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_search(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /search/", "Disallow: /es/search/"} <= set(lines)


def test_feed_answers_a_conditional_request_with_304(client):
    ArticleFactory()
    url = reverse("feeds:all_rss")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_a_correction_updates_the_feed_entry_and_a_withdrawal_removes_it(client):
    from articles.models import Correction
    from tests.factories import UserFactory

    corrected = ArticleFactory(release_at=timezone.now() - datetime.timedelta(days=2))
    withdrawn = ArticleFactory(status="withdrawn")
    correction = Correction.objects.create(
        article=corrected, note="Names corrected.", created_by=UserFactory()
    )
    entries = feed(client, "all_atom").entries
    assert [entry.link.rsplit("/", 2)[-2] for entry in entries] == [corrected.slug]
    assert entries[0].updated_parsed[:6] == correction.created_at.utctimetuple()[:6]
    assert entries[0].published_parsed != entries[0].updated_parsed
    assert withdrawn.headline not in client.get(reverse("feeds:all_rss")).content.decode()

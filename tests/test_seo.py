"""What search engines and link previews read: JSON-LD, Open Graph, canonical and hreflang."""

import datetime
import json
import re
from html import unescape

import pytest
from django.urls import base as urls_base
from django.utils import timezone

from articles.models import PersonRole, Quote
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html, attribute, name):
    found = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return [unescape(value) for value in found]


def test_article_json_ld_is_a_news_article_with_quotations_by_people(client):
    released = timezone.now() - datetime.timedelta(days=400)
    author = PersonFactory(given_name="Ana", family_name="Ruiz", rank="Sgt.", title="a writer")
    speaker = PersonFactory(
        service="U.S. Army", rank="Col.", given_name="Luis", family_name="Vega", title="commander"
    )
    PersonRole.objects.create(
        person=speaker,
        service="U.S. Army",
        rank="Lt. Col.",
        title="deputy commander",
        held_until=timezone.localdate() - datetime.timedelta(days=100),
    )
    initiative = InitiativeFactory(name="River Patrols")
    article = ArticleFactory(
        headline="Patrols begin </script><script>alert(1)</script>",
        summary="Boats patrol the river.",
        release_at=released,
        hero_image=ImageFactory(),
    )
    article.byline_people.add(author)
    article.initiatives.add(initiative)
    article.organizations.add(speaker.organization)
    article.tags.add("rivers")
    Quote.objects.create(
        parent=article, region="body", ordering=10, speaker=speaker, text="We start today."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    data = json_ld(html)
    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["url"] == url and data["mainEntityOfPage"]["@id"] == url
    assert data["description"] == "Boats patrol the river."
    assert datetime.datetime.fromisoformat(data["datePublished"]) == released
    assert "dateModified" in data
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ana Ruiz",
            "givenName": "Ana",
            "familyName": "Ruiz",
            "url": f"http://testserver{author.get_absolute_url()}",
            "honorificPrefix": "Sgt.",
            "jobTitle": "a writer",
            "affiliation": {
                "@type": "Organization",
                "name": author.organization.name,
                "url": f"http://testserver{author.organization.get_absolute_url()}",
                "alternateName": author.organization.abbreviation,
            },
        }
    ]
    assert data["publisher"]["name"] == "Joint Public Affairs Office"
    assert data["image"][0]["url"].startswith("http://testserver/media/images/")
    assert data["about"] == [
        {
            "@type": "Thing",
            "name": "River Patrols",
            "url": f"http://testserver{initiative.get_absolute_url()}",
        }
    ]
    assert data["keywords"] == ["rivers"]
    [quotation] = data["hasPart"]
    assert quotation["@type"] == "Quotation" and quotation["text"] == "We start today."
    creator = quotation["creator"]
    assert creator["@type"] == "Person" and creator["name"] == "Luis Vega"
    # As on the page: the rank and title held on the release date.
    assert creator["honorificPrefix"] == "Lt. Col." and creator["jobTitle"] == "deputy commander"


def test_a_release_without_authors_is_credited_to_the_office(client):
    article = ArticleFactory(byline_text="Courtesy story")
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["author"] == [data["publisher"]]


def test_person_and_organization_pages_carry_their_json_ld(client):
    parent = OrganizationFactory(name="Southern Command")
    organization = OrganizationFactory(
        name="Task Force Bravo", parent=parent, website="https://tfb.example.mil/"
    )
    child = OrganizationFactory(name="Medical Element", parent=organization)
    person = PersonFactory(
        organization=organization,
        bio="Leads the task force.",
        is_press_contact=True,
        email="press@example.mil",
    )
    article = ArticleFactory()
    article.people.add(person)
    article.organizations.add(child)

    data = json_ld(client.get(person.get_absolute_url()).content.decode())
    assert data["@type"] == "Person" and data["name"] == person.full_name
    assert data["jobTitle"] == person.title and data["honorificPrefix"] == person.rank
    assert data["affiliation"]["name"] == "Task Force Bravo"
    assert data["description"] == "Leads the task force."
    assert data["email"] == "press@example.mil"

    data = json_ld(client.get(organization.get_absolute_url()).content.decode())
    assert data["@type"] == "Organization" and data["name"] == "Task Force Bravo"
    assert data["alternateName"] == organization.abbreviation
    assert data["parentOrganization"]["name"] == "Southern Command"
    assert [sub["name"] for sub in data["subOrganization"]] == ["Medical Element"]
    assert data["sameAs"] == ["https://tfb.example.mil/"]


def test_open_graph_and_twitter_cards(client):
    article = ArticleFactory(
        headline="Clinic opens", summary="A new rural clinic.", hero_image=ImageFactory()
    )
    article.tags.add("health")
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert meta(html, "property", "og:title") == ["Clinic opens"]
    assert meta(html, "property", "og:description") == ["A new rural clinic."]
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:url") == [url]
    assert meta(html, "property", "og:site_name") == ["Newsroom"]
    assert meta(html, "property", "og:locale") == ["en_US"]
    assert meta(html, "property", "og:locale:alternate") == ["es_LA"]
    assert meta(html, "property", "og:image")[0].startswith("http://testserver/media/images/")
    assert meta(html, "property", "og:image:alt") == [article.hero_image.alt_text]
    assert meta(html, "property", "article:tag") == ["health"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]
    assert meta(html, "name", "twitter:title") == ["Clinic opens"]
    home = client.get("/").content.decode()
    assert meta(home, "name", "twitter:card") == ["summary"]
    assert meta(home, "property", "og:type") == ["website"]


def test_canonical_and_hreflang_links(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url() + "?utm_source=mail").content.decode()
    path = article.get_absolute_url()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    # A release in English only has no Spanish version to pair with (tests/test_bilingual.py).
    assert 'hreflang="es"' not in html.split("</head>")[0]
    home = client.get("/?utm_source=mail").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/">' in home
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/">' in home
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in home
    spanish = client.get("/es/").content.decode()
    assert '<link rel="canonical" href="http://testserver/es/">' in spanish

    ArticleFactory.create_batch(13)
    listing = client.get("/releases/?page=2&tag=&utm=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/releases/?page=2">' in listing


def test_each_language_s_address_is_the_page_s_own_match_reversed_in_that_language(
    client, monkeypatch
):
    """The language switcher and hreflang links reverse the page's URL match in each language:
    its address is not resolved again for each (translate_url() did)."""
    organization = OrganizationFactory()
    ArticleFactory().organizations.add(organization)
    resolved = []
    resolve = urls_base.resolve
    monkeypatch.setattr(urls_base, "resolve", lambda *args: resolved.append(args) or resolve(*args))
    html = client.get(organization.get_absolute_url() + "?utm=x").content.decode()
    spanish = f"http://testserver/es{organization.get_absolute_url()}"
    assert f'<link rel="alternate" hreflang="es" href="{spanish}">' in html
    assert f'<a href="{spanish}" lang="es" hreflang="es">Español</a>' in html
    assert resolved == []


def test_json_ld_carries_each_correction(client):
    from articles.models import Correction
    from tests.factories import UserFactory

    article = ArticleFactory()
    Correction.objects.create(
        article=article, note="The exercise ends on 4 May, not 14 May.", created_by=UserFactory()
    )
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The exercise ends on 4 May, not 14 May.",
            "datePublished": article.corrections.get().created_at.isoformat(),
        }
    ]

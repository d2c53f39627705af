"""The read-only JSON API: only what the public site shows, the same filters, the full
structured body, cursor pagination, ETag/304, CORS for GET, rate limits, and an OpenAPI
document that validates."""

import datetime
import json

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from articles.models import (
    Correction,
    ImageBlock,
    InitiativeTable,
    InitiativeTableRow,
    PersonRole,
    Quote,
    RichText,
)
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, path, **headers):
    response = client.get(f"{API}{path}", headers=headers)
    return response, (json.loads(response.content) if response.content else None)


def slugs(data):
    return [item["slug"] for item in data["results"]]


def test_only_published_releases_are_listed_or_found(client):
    public = ArticleFactory(slug="public-one")
    ArticleFactory(slug="a-draft", status="draft")
    ArticleFactory(slug="embargoed", release_at=timezone.now() + datetime.timedelta(hours=2))
    ArticleFactory(slug="withdrawn", status="withdrawn")
    response, data = get(client, "/releases/")
    assert response.status_code == 200
    assert not response.cookies
    assert slugs(data) == [public.slug]
    for slug in ("a-draft", "embargoed", "withdrawn"):
        assert get(client, f"/releases/{slug}/")[0].status_code == 404


def test_a_release_has_its_structured_body(client):
    release = ArticleFactory(
        slug="medics-train", release_at=timezone.now() - datetime.timedelta(days=400)
    )
    RichText.objects.create(
        parent=release,
        region="body",
        ordering=10,
        text="<p>Forty <strong>medics</strong></p><script>x</script>",
    )
    speaker = PersonFactory(rank="Sgt. 1st Class", given_name="Jo", family_name="Park", title="")
    PersonRole.objects.create(
        person=speaker,
        service="U.S. Army",
        rank="Staff Sgt.",
        held_until=timezone.localdate() - datetime.timedelta(days=100),
    )
    Quote.objects.create(parent=release, region="body", ordering=20, speaker=speaker, text="Hi")
    table = InitiativeTable.objects.create(
        parent=release, region="body", ordering=30, caption="Courses", headings=["Course", "Days"]
    )
    InitiativeTableRow.objects.create(
        table=table, initiative=InitiativeFactory(name="Field Care", slug="field-care"), cells=["5"]
    )
    ImageBlock.objects.create(parent=release, region="body", ordering=40, image=ImageFactory())
    Correction.objects.create(article=release, note="Fixed a date.", created_by=UserFactory())

    response, data = get(client, "/releases/medics-train/")
    assert response.status_code == 200
    rich, quote, table_block, image = data["body"]
    assert rich == {"type": "rich_text", "html": "<p>Forty <strong>medics</strong></p>"}
    assert quote["type"] == "quote"
    # The rank the speaker held on the release date, not today's.
    assert quote["attribution"] == "U.S. Army Staff Sgt. Jo Park"
    assert quote["speaker"]["url"].endswith(speaker.get_absolute_url())
    assert table_block["rows"] == [
        {
            "initiative": {
                "slug": "field-care",
                "name": "Field Care",
                "url": "http://testserver/initiatives/field-care/",
            },
            "cells": ["5"],
        }
    ]
    assert image["type"] == "image" and image["image"]["renditions"]
    assert image["image"]["renditions"][0]["url"].startswith("http://testserver/media/")
    assert data["corrections"][0]["note"] == "Fixed a date."
    assert data["url"] == "http://testserver/releases/medics-train/"


def test_the_public_lists_filters_apply(client):
    unit = OrganizationFactory(slug="jtf-bravo")
    statement = ArticleFactory(slug="statement", kind="statement")
    tagged = ArticleFactory(slug="tagged")
    tagged.tags.add("Disaster relief")
    named = ArticleFactory(slug="named")
    named.organizations.add(unit)
    assert slugs(get(client, "/releases/?kind=statement")[1]) == [statement.slug]
    assert slugs(get(client, "/releases/?tag=disaster-relief")[1]) == [tagged.slug]
    assert slugs(get(client, "/releases/?organization=jtf-bravo")[1]) == [named.slug]
    assert get(client, "/releases/?organization=nobody")[0].status_code == 404
    response, data = get(client, "/releases/?kind=poem")
    assert response.status_code == 400 and "kind" in data
    assert get(client, "/releases/?released_after=yesterday")[0].status_code == 400


def test_cursor_pagination_walks_every_release_once(client):
    made = [
        ArticleFactory(release_at=timezone.now() - datetime.timedelta(hours=n)) for n in range(5)
    ]
    seen, url = [], f"{API}/releases/?page_size=2"
    while url:
        data = json.loads(client.get(url).content)
        seen += slugs(data)
        url = data["next"]
    assert seen == [release.slug for release in made]


def test_etag_and_not_modified(client):
    ArticleFactory()
    first, _data = get(client, "/releases/")
    etag = first["ETag"]
    assert etag
    again, _data = get(client, "/releases/", If_None_Match=etag)
    assert again.status_code == 304


def test_cors_allows_get_from_any_origin(client):
    ArticleFactory()
    response, _data = get(client, "/releases/", Origin="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    page = client.get("/", headers={"Origin": "https://partner.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_people_and_units_named_only_by_unpublished_releases_are_unknown(client):
    seen = PersonFactory(slug="seen")
    hidden = PersonFactory(slug="hidden")
    ArticleFactory().people.add(seen)
    ArticleFactory(status="draft").people.add(hidden)
    hidden_unit = OrganizationFactory(slug="hidden-unit")
    ArticleFactory(status="draft").organizations.add(hidden_unit)
    assert slugs(get(client, "/people/")[1]) == ["seen"]
    assert get(client, "/people/seen/")[0].status_code == 200
    assert get(client, "/people/hidden/")[0].status_code == 404
    assert get(client, "/organizations/hidden-unit/")[0].status_code == 404


def test_tags_and_initiatives_of_published_releases(client):
    ArticleFactory().tags.add("Aviation")
    ArticleFactory(status="draft").tags.add("Secret plan")
    assert slugs(get(client, "/tags/")[1]) == ["aviation"]
    assert get(client, "/initiatives/")[0].status_code == 200


def test_clients_are_rate_limited(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }
    settings.PAGE_CACHE_ENABLED = False
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    api_settings.reload()
    AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        codes = [get(client, "/tags/")[0].status_code for _ in range(3)]
    finally:
        api_settings.reload()
        AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert codes == [200, 200, 429]


def test_the_openapi_document_is_served_and_valid(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert "/api/v1/releases/{slug}/" in schema["paths"]
    assert "BodyBlock" in schema["components"]["schemas"]


def test_a_filter_value_that_cannot_be_a_slug_is_unknown(client):
    # Found by schemathesis on PostgreSQL, which refuses NUL in a query (a 500 before).
    assert get(client, "/releases/?initiative=%00%1F")[0].status_code == 404
    assert client.get("/releases/?tag=%00").status_code == 404

"""Hostile input: naughty strings through every admin add form, the release form with every
block type, and every public query parameter and URL part. No 5xx, no unescaped reflection,
nothing stored that renders as markup."""

import json
import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article, InitiativeTable, Quote, RichText
from tests.admin_forms import article_post_data
from tests.factories import ArticleFactory, PersonFactory
from tests.image_files import camera_jpeg
from tests.test_media_uploads import stored_files, upload

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(document.domain)</script>"
NAUGHTY = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "%s%s%s%n%x",
    "{0}{1}{__class__}",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "${7*7}#{7*7}",
    "\x00",
    "before\x00after",
    "\u202eevil\u202c",  # right-to-left override
    "zero\u200bwidth\ufeff",
    "Z̴̡̛͎͓a̵͈͐l̴̰̓g̸̱̒o̷͍̕",
    "🇺🇸👩🏽‍🚒" * 20,
    "\r\nSet-Cookie: injected=1",
    "../../../../etc/passwd",
    "null",
    "-1",
    "9" * 400,
    "x" * 20_000,
]
IDS = [repr(value[:20]) for value in NAUGHTY]
# Markup that, if it came back unescaped, would run in a reader's or an editor's browser.
DANGEROUS = re.compile(r"<script>alert|<img src=x onerror|<svg/onload", re.IGNORECASE)


def assert_safe(response, where):
    assert response.status_code < 500, where
    if "html" in response.get("Content-Type", ""):
        match = DANGEROUS.search(response.content.decode())
        assert match is None, f"{where}: unescaped {match.group(0)!r}"


def management_forms(page):
    """The inline formsets' management fields as the add page renders them, with no rows."""
    fields = dict(
        re.findall(r'name="([^"]+-(?:INITIAL|MIN_NUM|MAX_NUM)_FORMS)" value="(\d+)"', page)
    )
    for name in re.findall(r'name="([^"]+)-TOTAL_FORMS"', page):
        fields[f"{name}-TOTAL_FORMS"] = "0"
    return fields


def add_form_body(model_admin, request, value):
    """Every text field of the model's add form set to `value`; choices get a valid one."""
    body = {}
    for name, field in model_admin.get_form(request)().fields.items():
        choices = getattr(field, "choices", None)
        if choices is not None and not hasattr(field, "queryset"):
            valid = [key for key, _label in choices if key not in ("", None)]
            if valid and not isinstance(valid[0], list | tuple):
                body[name] = valid[0]
        elif field.__class__.__name__ in ("CharField", "SlugField", "EmailField", "URLField"):
            body[name] = value
    return body


def stored_pages(client, model, before_pks):
    for instance in model._default_manager.exclude(pk__in=before_pks):
        info = (model._meta.app_label, model._meta.model_name)
        yield client.get(reverse("admin:{}_{}_change".format(*info), args=[instance.pk]))
        yield client.get(reverse("admin:{}_{}_changelist".format(*info)))
        if hasattr(instance, "get_absolute_url"):
            yield client.get(instance.get_absolute_url())


@pytest.mark.parametrize("value", NAUGHTY, ids=IDS)
def test_naughty_strings_through_every_admin_add_form(admin_client, admin_user, value):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if model is Article or not model_admin.has_add_permission(request):
            continue
        add_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        page = admin_client.get(add_url).content.decode()
        before = list(model._default_manager.values_list("pk", flat=True))
        body = add_form_body(model_admin, request, value) | management_forms(page)
        response = admin_client.post(add_url, body)
        assert_safe(response, f"add {model._meta.label}")
        for stored in stored_pages(admin_client, model, before):
            assert_safe(stored, f"{model._meta.label} after saving")


@pytest.mark.parametrize("value", NAUGHTY, ids=IDS)
def test_naughty_strings_through_the_release_form_and_its_blocks(admin_client, value):
    speaker = PersonFactory()
    data = article_post_data(
        fields={
            "headline": value,
            "subheadline": value,
            "summary": value,
            "dateline": value,
            "byline_text": value,
            "tags": value,
            "release_at_0": value,
        },
        blocks=[
            ("richtext", {"text": value}),
            ("quote", {"speaker": speaker.pk, "text": value, "context": value}),
            ("initiativetable", {"caption": value, "headings_text": value, "rows_text": value}),
        ],
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert_safe(response, "release form")
    # With a valid date and slug, the text itself decides whether it is stored.
    data = article_post_data(
        fields={"headline": value, "summary": value, "dateline": value, "byline_text": value},
        blocks=[
            ("richtext", {"text": value}),
            ("quote", {"speaker": speaker.pk, "text": value, "context": value}),
            (
                "initiativetable",
                {"caption": value, "headings_text": f"Initiative | {value}", "rows_text": ""},
            ),
        ],
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert_safe(response, "release form, valid date")
    article = Article.objects.filter(slug=data["slug"]).first()
    if article is not None:
        article.status = "published"
        article.save()
        assert_safe(admin_client.get(article.get_absolute_url()), "the stored release")
        assert_safe(
            admin_client.get(reverse("admin:articles_article_change", args=[article.pk])),
            "the stored release in the admin",
        )


@pytest.mark.parametrize(
    "block",
    [
        ("initiativetable", {"caption": "x", "headings_text": "A | B\x00", "rows_text": ""}),
        ("initiativetable", {"caption": "Projects\x00", "headings_text": "A | B", "rows_text": ""}),
        ("richtext", {"text": "<p>Clinic\x00opens</p>"}),
        ("quote", {"text": "We built\x00it", "context": ""}),
    ],
    ids=["table headings", "table caption", "rich text", "quote"],
)
def test_a_nul_byte_in_a_block_never_reaches_the_database(admin_client, block):
    kind, values = block
    if kind == "quote":
        values = values | {"speaker": PersonFactory().pk}
    data = article_post_data(blocks=[(kind, dict(values))])
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code in (200, 302)
    for model in (RichText, Quote, InitiativeTable):
        for block in model.objects.all():
            stored = json.dumps(
                [f.value_from_object(block) for f in model._meta.fields], default=str
            )
            assert "\\u0000" not in stored, model


def test_nul_bytes_are_a_field_error_not_a_crash(admin_client):
    data = article_post_data(
        fields={"headline": "Clinic\x00opens"},
        blocks=[
            ("initiativetable", {"caption": "x", "headings_text": "A | B\x00", "rows_text": ""})
        ],
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("value", NAUGHTY, ids=IDS)
def test_naughty_strings_in_public_query_parameters_and_paths(client, value):
    article = ArticleFactory()
    targets = ["/", article.get_absolute_url(), "/releases/x/", "/people/x/", "/admin/login/"]
    for target in targets:
        for parameter in ("page", "q", "next", "lang", value):
            assert_safe(client.get(target, {parameter: value}), f"{target}?{parameter}=")
    for prefix in ("/releases/", "/people/", "/organizations/", "/initiatives/", "/embargoed/"):
        assert_safe(client.get(prefix + value.replace("/", "%2F") + "/"), prefix)


@pytest.mark.parametrize(
    "payload",
    [
        b"<html><body><script>alert(document.domain)</script></body></html>",
        b"<?php system($_GET['c']); ?>",
    ],
    ids=["html after the image", "php after the image"],
)
def test_a_polyglot_upload_is_stored_without_its_payload(admin_client, settings, tmp_path, payload):
    """A real photo with a page or a script appended (a "polyglot"): it is accepted as the
    photo it is, and what is stored, the original and every rendition, is pixels only."""
    settings.MEDIA_ROOT = tmp_path
    response = upload(admin_client, camera_jpeg() + payload, "photo.jpg")
    assert response.status_code == 302
    stored = stored_files(tmp_path)
    assert len(stored) > 1  # the original and its renditions
    for path in stored:
        assert payload not in path.read_bytes(), path

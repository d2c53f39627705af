"""Hostile input and faults: naughty strings through every admin add form, the release form
with every block type, and every public query parameter and URL part (no 5xx, no unescaped
reflection, nothing stored that renders as markup); then bounded work for checks and imports,
lookups that do not leak what readers cannot see, client addresses behind proxies, the watch
list against disguised words, and the smaller leaks (caching of security pages, log lines,
"View on site", the contact page)."""

import contextlib
import datetime
import importlib
import io
import json
import os
import pkgutil
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from articles import roles
from articles.checks import blocking_findings, run_release_checks
from articles.checks import rules as check_rules
from articles.checks import text as check_text
from articles.checks.service import MAX_CHECKED_CHARACTERS
from articles.models import Article, InitiativeTable, Quote, RichText, WatchTerm
from importers import (
    MAX_BYTES,
    UnreadableRelease,
    assemble,
    cleanup,
    docx_input,
    html_input,
    parse_docx,
    parse_html,
    parse_text,
    quotes,
    sentences,
    text_input,
)
from importers.limits import MAX_TEXT_CHARACTERS
from newsroom.client_address import client_address, parse_trusted_proxies
from newsroom.security.models import SignInEvent, SignInEventKind
from tests import counting
from tests.admin_forms import article_post_data
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    release_in_state,
)
from tests.image_files import camera_jpeg
from tests.test_media_uploads import stored_files, upload
from tests.work_counting import assert_linear, counted_work

PASSWORD = "correct horse battery staple"  # the factories' password

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


# --- Bounded work: release checks and imports grow linearly with their input ----------------

# Text that gives every check something to do: abbreviations defined in parentheses and used,
# shouting, ranks whose periods do not end sentences, stray markup, placeholders, missing spaces.
HOSTILE_UNIT = (
    "The Joint Task Force (JTF) met the Border Service (SENAFRONT) and JTF-N ( ) teams. "
    "OUR PRIORITIES ARE CLEAR. Sgt. Maj. Col. U.S. A. B. said so.Then we left,quickly "
    "[insert date] TK xx {{ name }} << field >> {event} td > &lt;p&gt; **bold** (Full Name) "
)


def _check_a_release_of(size):
    article = ArticleFactory(status="draft", headline=f"Release of {size}")
    repeats = size // len(HOSTILE_UNIT)
    RichText.objects.create(
        parent=article, region="body", ordering=10, text=f"<p>{escape(HOSTILE_UNIT * repeats)}</p>"
    )
    WatchTerm.objects.get_or_create(term="Fort Sherman", defaults={"reason": "location"})
    run_release_checks(article)


def test_every_release_check_does_linear_work_on_one_long_paragraph():
    """Every registered check over one paragraph of 20,000 and of 40,000 characters: the lines
    of Python run and the characters handed to regexes at most double (the abbreviation check
    searched everything before each parenthesis: four times the work for twice the text)."""
    rules = [
        importlib.import_module(f"articles.checks.rules.{module.name}")
        for module in pkgutil.iter_modules(check_rules.__path__)
    ]
    assert_linear(_check_a_release_of, 20_000, check_text, *rules)


@pytest.mark.parametrize(
    "unit",
    [HOSTILE_UNIT, "Abc (DEF) ", "said U.S. Army Sgt. 1st Class ", "< td >x ", "“" * 10],
    ids=["mixed", "abbreviations", "ranks", "td", "quotes"],
)
def test_importing_text_does_linear_work(unit):
    def parse(size):
        with contextlib.suppress(UnreadableRelease):
            parse_text(unit * (size // len(unit)))

    assert_linear(parse, 20_000, assemble, cleanup, quotes, sentences, text_input)


@pytest.mark.parametrize("reader", ["html", "docx"])
def test_importing_html_and_word_does_linear_work(reader):
    def parse(size):
        paragraphs = [HOSTILE_UNIT] * (size // len(HOSTILE_UNIT))
        if reader == "html":
            parse_html("<h1>Headline</h1>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs))
        else:
            parse_docx(_word_document(paragraphs))

    assert_linear(parse, 20_000, assemble, cleanup, docx_input, html_input, quotes, text_input)


def test_an_import_with_more_text_than_the_cap_is_refused_at_the_field(admin_client):
    text = "Headline\n\n" + "Forty students finished the course. " * (MAX_TEXT_CHARACTERS // 30)
    with pytest.raises(UnreadableRelease, match="one import reads at most 250,000"):
        parse_text(text)
    words = "".join(
        "<w:p><w:r><w:t>Forty students finished.</w:t></w:r></w:p>" for _ in range(12_000)
    )
    with pytest.raises(UnreadableRelease, match="one import reads at most 250,000"):
        parse_docx(_docx(words))


def test_a_release_longer_than_the_checks_read_gets_one_error_and_cannot_be_cleared():
    article = ArticleFactory(status="draft")
    paragraph = "<p>Forty students from four nations finished the course.</p>"
    RichText.objects.create(
        parent=article,
        region="body",
        ordering=10,
        text=paragraph * (MAX_CHECKED_CHARACTERS // 50),
    )
    findings = run_release_checks(article)
    assert [(finding.code, finding.is_error) for finding in findings] == [("too-long", True)]
    assert "cannot be cleared. Split it into several releases" in findings[0].message
    assert blocking_findings(article) == findings


def _word_document(paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx(body_xml):
    """A minimal Word package whose document body is `body_xml`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>',
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("body", "count"),
    [("<w:p>{}</w:p>", "<w:r/>"), ("{}", "<w:p/>")],
    ids=["empty runs in one paragraph", "empty paragraphs"],
)
def test_a_small_word_file_of_millions_of_elements_is_refused_before_python_docx(
    monkeypatch, body, count
):
    """Small files that unpack to millions of XML elements (1.2 GB and 67 s in python-docx):
    refused while counting, with a message saying what to do; the work stops at the cap, so
    twice the elements cost no more."""
    opened = []
    monkeypatch.setattr(docx_input.docx, "Document", lambda *args: opened.append(args))

    def parse(elements):
        with pytest.raises(UnreadableRelease, match="far more complex inside than any press"):
            parse_docx(_docx(body.format(count * elements)))

    small, large = counted_work_for(parse, 600_000), counted_work_for(parse, 1_200_000)
    assert large.lines <= small.lines * 1.05, (small, large)
    assert len(_docx(body.format(count * 1_200_000))) < MAX_BYTES
    assert opened == []


def counted_work_for(measure, size):
    with counted_work() as work:
        measure(size)
    return work


# --- Lookups by slug: what readers cannot see is as unknown as what does not exist ----------


@pytest.fixture
def known_only_to_an_embargoed_release():
    """A unit, an initiative, a person and a tag that only a scheduled release names, and a
    published release, so the lists themselves have something to show."""
    ArticleFactory()
    secret = release_in_state("scheduled")
    unit = OrganizationFactory(name="Joint Task Force Nightfall", slug="jtf-nightfall")
    initiative = InitiativeFactory(name="Operation Quiet Harbor", slug="quiet-harbor")
    person = PersonFactory(given_name="Ana", family_name="Quintero Velez", slug="ana-quintero")
    secret.organizations.add(unit)
    secret.initiatives.add(initiative)
    secret.people.add(person)
    secret.tags.add("nightfall-landing")
    return {
        "organization": unit.slug,
        "initiative": initiative.slug,
        "person": person.slug,
        "tag": "nightfall-landing",
    }


def _unknown_like(slug):
    return "z" * len(slug)  # the same length: nothing in the answer may depend on the slug


def _answer(client, url, slug):
    """Status, body and queries; the body without the slug asked for and the per-request
    script nonce of the error page."""
    response, queries = counting.get(client, url)
    body = re.sub(r'nonce="[^"]*"', "", response.content.decode()).replace(slug, "SLUG")
    return response.status_code, body, queries


@pytest.mark.parametrize("facet", ["organization", "initiative", "person", "tag"])
def test_a_list_filter_on_something_not_public_answers_as_for_something_unknown(
    client, no_page_cache, known_only_to_an_embargoed_release, facet
):
    secret = known_only_to_an_embargoed_release[facet]
    unknown = _unknown_like(secret)
    hidden = _answer(client, f"/releases/?{facet}={secret}", secret)
    assert hidden == _answer(client, f"/releases/?{facet}={unknown}", unknown)
    assert hidden[0] == 404
    assert "Nightfall" not in hidden[1] and "Quiet Harbor" not in hidden[1]
    assert "Quintero" not in hidden[1]


@pytest.mark.parametrize(
    ("scope", "facet"),
    [("organizations", "organization"), ("initiatives", "initiative"), ("tags", "tag")],
)
def test_a_feed_of_something_not_public_answers_as_for_something_unknown(
    client, no_page_cache, known_only_to_an_embargoed_release, scope, facet
):
    secret = known_only_to_an_embargoed_release[facet]
    unknown = _unknown_like(secret)
    hidden = _answer(client, f"/feeds/{scope}/{secret}/rss/", secret)
    assert hidden == _answer(client, f"/feeds/{scope}/{unknown}/rss/", unknown)
    assert hidden[0] == 404


def test_a_tag_page_of_a_tag_not_public_answers_as_for_an_unknown_one(
    client, no_page_cache, known_only_to_an_embargoed_release
):
    secret = known_only_to_an_embargoed_release["tag"]
    unknown = _unknown_like(secret)
    hidden = _answer(client, f"/tags/{secret}/", secret)
    assert hidden == _answer(client, f"/tags/{unknown}/", unknown)
    assert hidden[0] == 404


@pytest.mark.parametrize("facet", ["organization", "initiative", "person", "tag"])
@pytest.mark.parametrize(
    "value", ["%00", "a%00b", "%FF%FE", "x" * 300], ids=["nul", "nul inside", "bad utf-8", "long"]
)
def test_bad_bytes_in_a_list_filter_are_a_404(client, facet, value):
    """On PostgreSQL a NUL byte in a query was a 500 (text cannot hold one)."""
    ArticleFactory()
    assert client.get(f"/releases/?{facet}={value}").status_code == 404


# --- Client addresses behind proxies ------------------------------------------------------

NGINX = "172.18.0.5"  # the bundled nginx, as the app sees it (REMOTE_ADDR)
ATTACKER = "203.0.113.66"
COLLEAGUE = "198.51.100.7"
BEHIND_NGINX_AND_A_BALANCER = [2, "10.0.0.0/8, 172.16.0.0/12"]


def _through_two_proxies(client_address, *, forged=""):
    """The request as gunicorn gets it behind a load balancer and the bundled nginx: the
    balancer appends the address it saw to whatever the client wrote in X-Forwarded-For,
    nginx (trusting the balancer, real_ip) appends that client address again."""
    chain = ", ".join(filter(None, [forged, client_address, client_address]))
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": chain}


@pytest.mark.parametrize("trusted", BEHIND_NGINX_AND_A_BALANCER, ids=["hop count", "networks"])
def test_behind_two_proxies_the_attacker_is_locked_out_and_not_everyone(settings, trusted):
    settings.NEWSROOM_TRUSTED_PROXIES = parse_trusted_proxies(str(trusted))
    officer = UserFactory(username="officer")
    attacker, colleague = Client(), Client()
    login = reverse("admin:login")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # A new invented address each time: only what the proxies wrote counts.
        attacker.post(
            login,
            {"username": officer.username, "password": "guess", "next": "/admin/"},
            **_through_two_proxies(ATTACKER, forged=f"192.0.2.{attempt}"),
        )
    right = {"username": officer.username, "password": PASSWORD, "next": "/admin/"}
    locked = attacker.post(login, right, **_through_two_proxies(ATTACKER, forged="192.0.2.99"))
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "no-store" in locked["Cache-Control"]
    signed_in = colleague.post(login, right, **_through_two_proxies(COLLEAGUE))
    assert signed_in.status_code == 302
    logged = SignInEvent.objects.filter(username=officer.username)
    assert set(
        logged.exclude(kind=SignInEventKind.SIGNED_IN).values_list("ip_address", flat=True)
    ) == {ATTACKER}
    assert list(
        logged.filter(kind=SignInEventKind.SIGNED_IN).values_list("ip_address", flat=True)
    ) == [COLLEAGUE]


@pytest.mark.parametrize(
    ("trusted", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, ATTACKER),
        (1, {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {ATTACKER}"}, ATTACKER),
        (1, {"REMOTE_ADDR": NGINX}, NGINX),
        (
            2,
            {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"junk, {ATTACKER}, {ATTACKER}"},
            ATTACKER,
        ),
        (
            "172.16.0.0/12",
            {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"junk, {ATTACKER}"},
            ATTACKER,
        ),
        (
            "172.16.0.0/12",
            {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": "172.18.0.9"},
            ATTACKER,
        ),
    ],
    ids=["no proxy", "nginx", "nginx, no header", "forged junk", "networks", "networks, direct"],
)
def test_the_client_address_is_read_only_from_trusted_hops(settings, trusted, meta, expected):
    settings.NEWSROOM_TRUSTED_PROXIES = parse_trusted_proxies(str(trusted))
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == expected


def test_the_old_client_ip_header_setting_is_refused_with_what_to_do_instead():
    environment = {**os.environ, "NEWSROOM_CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
    result = subprocess.run(
        [sys.executable, "-c", "import newsroom.settings.test"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "replaced by NEWSROOM_TRUSTED_PROXIES" in result.stderr


@pytest.fixture
def nginx(tmp_path):
    """The bundled nginx configuration running on a free port, its upstream a closed port,
    with the real_ip settings docker/nginx/real-ip.sh writes for the given value."""
    binary = shutil.which("nginx")
    if binary is None:
        pytest.skip("nginx is not installed (scripts/apt-install-once.sh nginx nginx-light)")

    def start(trusted):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        real_ip = tmp_path / "real-ip.conf"
        script = Path("docker/nginx/real-ip.sh").read_text()
        script = script.replace("/etc/nginx/conf.d/00-real-ip.conf", str(real_ip))
        subprocess.run(["sh", "-c", script], env={"NEWSROOM_TRUSTED_PROXIES": trusted}, check=True)
        site = Path("docker/nginx/newsroom.conf").read_text()
        site = site.replace("server app:8000;", "server 127.0.0.1:9;")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
        site = site.replace("/var/log/nginx/", f"{tmp_path}/").replace(
            "/var/cache/nginx/", f"{tmp_path}/"
        )
        (tmp_path / "site.conf").write_text(site)
        (tmp_path / "nginx.conf").write_text(
            f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
            f"http {{ include {real_ip}; include {tmp_path}/site.conf; }}\n"
        )
        subprocess.run(
            [binary, "-c", f"{tmp_path}/nginx.conf", "-e", f"{tmp_path}/error.log"], check=True
        )
        started.append(tmp_path / "nginx.pid")
        return port

    started = []
    yield start
    for pid_file in started:
        for _attempt in range(50):
            if pid_file.exists():
                break
            time.sleep(0.1)
        os.kill(int(pid_file.read_text()), signal.SIGTERM)


def test_nginx_logs_the_client_behind_the_balancer_and_no_embargo_token(nginx, tmp_path):
    port = nginx("127.0.0.0/8")  # the balancer, for this test, is on loopback
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/es/embargoed/AbC.dEf-123_x/?utm=1",
        headers={
            "X-Forwarded-For": f"192.0.2.1, {ATTACKER}",
            "Referer": "https://news.example.mil/embargoed/AbC.dEf-123_x/",
        },
    )
    with pytest.raises(urllib.error.HTTPError):  # 502: no app behind it
        urllib.request.urlopen(request, timeout=5)
    for _attempt in range(50):
        log = (tmp_path / "access.log").read_text() if (tmp_path / "access.log").exists() else ""
        if log:
            break
        time.sleep(0.1)
    assert log.startswith(ATTACKER)
    assert "AbC.dEf" not in log
    assert '"GET /es/embargoed/[redacted]/?utm=1 HTTP/1.1"' in log
    assert '"https://news.example.mil/embargoed/[redacted]/"' in log


def test_gunicorn_logs_no_embargo_token(tmp_path):
    from gunicorn.config import Config

    settings_file = runpy.run_path("gunicorn.conf.py")
    config = Config()
    config.set("logger_class", settings_file["logger_class"])
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = config.logger_class(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/embargoed/AbC.dEf-123_x/?utm=1",
        "PATH_INFO": "/embargoed/AbC.dEf-123_x/",
        "QUERY_STRING": "utm=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": NGINX,
        "HTTP_REFERER": "https://news.example.mil/es/embargoed/AbC.dEf-123_x/",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=3))
    logged = (tmp_path / "access.log").read_text()
    assert "AbC.dEf" not in logged
    assert "/embargoed/[redacted]/?utm=1" in logged
    assert "/es/embargoed/[redacted]/" in logged


# --- The OPSEC watch list reads the text as it is seen -------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Fort Sher\u00adman",  # soft hyphen
        "Fort Sher\u200bman",  # zero-width space
        "Fort She\u2060rman",  # word joiner
        "Fort Sherm\u0430n",  # Cyrillic a
        "F\u043ert Sherman",  # Cyrillic o
        "\uff26\uff4f\uff52\uff54 Sherman",  # full-width letters
        "Fort \U0001d412herman",  # mathematical bold S
        "FORT SHER\ufe0fMAN",  # a variation selector
    ],
    ids=[
        "soft hyphen",
        "zero-width space",
        "word joiner",
        "cyrillic a",
        "cyrillic o",
        "full width",
        "math bold",
        "variation selector",
    ],
)
def test_a_watch_list_term_is_found_however_it_is_disguised(typed):
    WatchTerm.objects.create(term="Fort Sherman", reason="unit location")
    article = ArticleFactory(status="draft")
    RichText.objects.create(
        parent=article, region="body", ordering=10, text=f"<p>They moved to {typed} today.</p>"
    )
    found = [finding for finding in run_release_checks(article) if finding.code == "watch-list"]
    assert len(found) == 1
    assert f"“{typed}” is on the watch list" in found[0].message


# --- Security views, the landing page, "View on site", the contact page ------------------


def test_the_second_factor_pages_are_never_stored(client):
    user = UserFactory()
    client.force_login(user)
    for name in ("security:mfa_setup", "security:mfa_verify"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name


def test_signing_in_with_a_rejected_next_lands_on_the_admin_index(client, settings):
    settings.NEWSROOM_REQUIRE_MFA = False  # the second factor's own pages are tested elsewhere
    user = UserFactory()
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def _view_on_site(article):
    content_type = ContentType.objects.get_for_model(article)
    return f"/admin/r/{content_type.pk}/{article.pk}/"


def test_view_on_site_never_reveals_a_draft_address(client_for):
    draft = release_in_state("draft", headline="Secret landing", slug="secret-landing")
    for user in (
        UserFactory(),
        UserFactory(roles=[roles.WRITER]),
        UserFactory(roles=[roles.EDITOR]),
    ):
        response = client_for(user).get(_view_on_site(draft))
        assert response.status_code == 404, user.groups.all()
        assert "secret-landing" not in response.get("Location", "")


def test_view_on_site_needs_permission_to_change_the_object(client_for):
    published = release_in_state("published")
    assert client_for(UserFactory()).get(_view_on_site(published)).status_code == 404
    response = client_for(UserFactory(roles=[roles.EDITOR])).get(_view_on_site(published))
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()


def test_a_new_press_contact_appears_on_the_cached_contact_page(client):
    assert "Arango Pinilla" not in client.get("/contact/").content.decode()
    PersonFactory(given_name="Marisol", family_name="Arango Pinilla", is_press_contact=True)
    assert "Arango Pinilla" in client.get("/contact/").content.decode()

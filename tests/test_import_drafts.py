"""Importing field text creates clean drafts through the admin page and the command."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.checks import blocking_findings
from articles.models import (
    Article,
    ArticleStatus,
    Initiative,
    InitiativeTable,
    Organization,
    Person,
    Quote,
    RichText,
)
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from tests.factories import OrganizationFactory, PersonFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"{SAMPLES} is absent (the field samples live in ../shared)"
)

QUOTE = (
    "“We built it together with the community,” said U.S. Army Staff Sgt. Ana Ruiz, "
    "a combat engineer with the 536th Engineer Battalion."
)

RELEASE = f"""\
Engineers finish clinic in Darién

YAVIZA, Panama —

The clinic opened on Monday with help from the Joint Task Force-Isthmus (JTF-Isthmus).

{QUOTE}

| Projects | Status |
| --- | --- |
| Water Wells | Two wells drilled |
| Solar Power | Panels installed |
"""


def import_text(admin_client, text):
    return admin_client.post(reverse("admin:articles_article_import"), {"text": text})


def test_pasted_text_becomes_a_structured_draft(admin_client):
    response = import_text(admin_client, RELEASE)
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert article.status == ArticleStatus.DRAFT
    assert article.headline == "Engineers finish clinic in Darién"
    assert article.dateline == "YAVIZA, Panama"
    quote = Quote.objects.get(parent=article)
    assert (quote.speaker.service, quote.speaker.rank, quote.speaker.full_name) == (
        "U.S. Army",
        "Staff Sgt.",
        "Ana Ruiz",
    )
    assert quote.text == "We built it together with the community."
    assert quote.speaker.title == "a combat engineer with the 536th Engineer Battalion"
    table = InitiativeTable.objects.get(parent=article)
    assert table.headings == ["Projects", "Status"]
    assert [(row.initiative.name, row.cells) for row in table.rows.all()] == [
        ("Water Wells", ["Two wells drilled"]),
        ("Solar Power", ["Panels installed"]),
    ]
    assert Organization.objects.filter(abbreviation="JTF-Isthmus").exists()
    assert not Article.objects.published().exists()


def test_import_matches_existing_people_and_organizations(admin_client):
    organization = OrganizationFactory(name="Joint Task Force-Isthmus", abbreviation="JTF-Isthmus")
    person = PersonFactory(given_name="Ana", family_name="Ruiz", rank="Sgt.")
    import_text(admin_client, RELEASE)
    import_text(admin_client, RELEASE)
    assert Article.objects.count() == 2
    assert Person.objects.count() == 1
    assert Organization.objects.filter(abbreviation="JTF-Isthmus").get() == organization
    assert set(Quote.objects.values_list("speaker", flat=True)) == {person.pk}
    assert Initiative.objects.count() == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("release.txt", b"\x00\x01\x02" * 2000), "binary file"),
        (SimpleUploadedFile("release.pdf", b"%PDF-1.7 ..."), "PDF is damaged"),
        (SimpleUploadedFile("release.txt", b""), "empty"),
        (SimpleUploadedFile("release.txt", b"a" * (21 * 1024 * 1024)), "at most"),
    ],
)
def test_unreadable_uploads_are_refused_at_the_file_field(admin_client, upload, message):
    response = admin_client.post(reverse("admin:articles_article_import"), {"file": upload})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert message in errors[0]
    assert not Article.objects.exists()


def test_neither_or_both_inputs_is_a_clear_error(admin_client):
    response = admin_client.post(reverse("admin:articles_article_import"), {"text": "  "})
    assert "Paste the release or upload a file" in response.content.decode()
    assert not Article.objects.exists()


def test_hostile_html_upload_gives_a_clean_draft(admin_client):
    html = (
        b"<html><body><h1>Patrol boats delivered</h1><script>alert(1)</script>"
        b"<p onclick='x()'>Two boats <img src=x onerror=alert(2)>arrived.</p>"
        + b"<div>" * 5000
        + b"deep"
        + b"</div>" * 5000
        + b"</body></html>"
    )
    response = admin_client.post(
        reverse("admin:articles_article_import"),
        {"file": SimpleUploadedFile("release.html", html, "text/html")},
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.headline == "Patrol boats delivered"
    body = "".join(RichText.objects.filter(parent=article).values_list("text", flat=True))
    assert "Two boats" in body
    for hostile in ("<script", "alert", "onclick", "onerror", "<img"):
        assert hostile not in body


def test_import_page_needs_permission_to_add_releases(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    response = sign_in(client, user).post(
        reverse("admin:articles_article_import"), {"text": RELEASE}
    )
    assert response.status_code == 403
    assert not Article.objects.exists()


@needs_samples
@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else [])
def test_every_field_sample_imports_as_a_draft_without_duplicates(sample):
    call_command("import_release", str(sample), stdout=io.StringIO())
    people, organizations = Person.objects.count(), Organization.objects.count()
    call_command("import_release", str(sample), stdout=io.StringIO())
    assert Article.objects.filter(status=ArticleStatus.DRAFT).count() == 2
    assert (Person.objects.count(), Organization.objects.count()) == (people, organizations)


def test_command_fails_for_a_file_it_cannot_read(tmp_path):
    missing = tmp_path / "nothing.docx"
    with pytest.raises(CommandError, match="1 of 1 files could not be imported"):
        call_command("import_release", str(missing), stdout=io.StringIO(), stderr=io.StringIO())


@needs_samples
def test_scraped_sample_is_repaired_and_its_placeholder_blocks_clearance(authority):
    call_command(
        "import_release",
        str(SAMPLES / "hegseth-press-conference-scraped.txt"),
        stdout=io.StringIO(),
    )
    article = Article.objects.get()
    codes = {finding.code for finding in blocking_findings(article)}
    assert "placeholder" in codes  # the unfilled “[insert date]” is kept for a human
    assert "markup" not in codes  # the `td > tr >` and `< td >` fragments were repaired
    body = " ".join(RichText.objects.filter(parent=article).values_list("text", flat=True))
    assert "[insert date]" in body
    for fragment in ("td &gt; tr &gt;", "&lt; td &gt;", "li &gt;"):
        assert fragment not in body

    article.status = ArticleStatus.IN_REVIEW
    article.save()
    with pytest.raises(ValidationError) as refused:
        transitions.clear(article=article, user=authority, checklist=clearance_checklist())
    assert "[insert date]" in " ".join(refused.value.messages)
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW

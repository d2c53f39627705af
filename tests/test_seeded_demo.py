"""What the demo content of `manage.py seed_demo` holds. The command's own behaviour (running
twice, --if-empty, refusing a production site) is tested in test_seed_demo.py."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles import demo_content as demo
from articles.images.virin import virin_date
from articles.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    Image,
    ImageBlock,
    Initiative,
    InitiativeStatus,
    InitiativeTable,
    Organization,
    Person,
    PhotoArchive,
    Quote,
    ReleaseCheckReport,
    RichText,
)
from tests.demo_site import seed_demo_site
from tests.test_seed_demo import CONFERENCE, NEWS_STORY, PRESS_CONFERENCE, body

# Seeded once for the module (seeded_demo): what a test changes is undone after it all the same.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_demo")]


def test_seeded_records_pass_model_validation():
    for model in (Organization, Person, Initiative, Article):
        for obj in model.objects.all():
            obj.full_clean()


def test_all_releases_are_public_and_each_kind_is_present():
    now = timezone.now()
    articles = Article.objects.all()
    assert articles.count() >= 5
    assert all(a.status == ArticleStatus.PUBLISHED and a.release_at < now for a in articles)
    assert Article.objects.published().count() == articles.count()
    assert articles.filter(is_featured=True).count() == 1
    kinds = set(articles.values_list("kind", flat=True))
    assert {
        ArticleKind.NEWS_STORY,
        ArticleKind.PRESS_RELEASE,
        ArticleKind.READOUT,
        ArticleKind.MEDIA_ADVISORY,
    } <= kinds
    # Spread over recent weeks, not all on one day (a release's versions share its day).
    english = articles.filter(language="en")
    assert len({a.release_date for a in articles}) == english.count()
    assert now - min(a.release_at for a in articles) < datetime.timedelta(days=60)
    for article in articles:
        assert article.headline and article.subheadline and article.summary
        assert re.fullmatch(r"[A-ZÁÉÍÓÚÑ .]+, [A-Z][a-zá]+", article.dateline)
        assert article.tags.exists()
        assert article.organizations.exists()
        assert article.media_contacts.exists()
        assert article.byline_people.exists() or article.byline_text
        assert article.hero_image.alt_text and article.hero_image.credit
        # Published, so counted as cleared: its file is frozen like any cleared photo.
        if article.status == "published":
            assert article.hero_image.cleared_at is not None
        blocks = body(article)
        assert blocks
        # Written blocks every 10, photos between them.
        written = [b for b in blocks if not isinstance(b, ImageBlock)]
        assert [b.ordering for b in written] == [10 * n for n in range(1, len(written) + 1)]
        assert all(b.ordering % 10 == 5 for b in blocks if isinstance(b, ImageBlock))
        assert {b.region for b in blocks} == {"body"}


def test_demo_photos_are_ours_described_credited_and_not_duplicated_by_a_rerun():
    assert all(person.portrait for person in Person.objects.all())
    assert ImageBlock.objects.count() == 3
    photos = Image.objects.all()
    for photo in photos:
        assert photo.alt_text and photo.credit == "Newsroom demo illustration"
        assert photo.virin and virin_date(photo.virin) == photo.date_taken
        assert photo.download  # the credited high-resolution copy
    count = photos.count()
    seed_demo_site()
    assert Image.objects.count() == count
    # The two releases with more than one photo have their zip.
    assert PhotoArchive.objects.count() == 2


def test_news_story_has_a_ranked_byline_headings_and_three_ranked_speakers():
    story = Article.objects.get(slug=NEWS_STORY)
    assert story.kind == ArticleKind.NEWS_STORY
    author = story.byline_people.get()
    assert author.rank and author.service
    speakers = {q.speaker for q in Quote.objects.filter(parent=story)}
    ranked = {s for s in speakers if s.rank and s.service}
    assert len(ranked) >= 3
    assert len({s.service for s in ranked}) >= 2
    texts = [b.text for b in RichText.objects.filter(parent=story)]
    assert any("<h2>" in t for t in texts)
    assert sum(t.count("<p>") for t in texts) >= 4
    assert speakers <= set(story.people.all()), "Quoted people are related to the release"


def test_press_conference_has_a_two_column_and_a_three_column_initiative_table():
    release = Article.objects.get(slug=PRESS_CONFERENCE)
    tables = list(InitiativeTable.objects.filter(parent=release).order_by("ordering"))
    assert sorted(len(t.headings) for t in tables) == [2, 3]
    for table in tables:
        assert table.caption
        rows = list(table.rows.all())
        assert len(rows) >= 3
        assert all(len(row.cells) == len(table.headings) - 1 for row in rows)
        assert {row.initiative for row in rows} <= set(release.initiatives.all())


def test_conference_release_has_the_training_table_and_bullet_lists():
    release = Article.objects.get(slug=CONFERENCE)
    table = InitiativeTable.objects.get(parent=release)
    assert table.headings == ["Training Program", "Target Audience", "Duration"]
    assert table.rows.count() >= 3
    texts = "".join(RichText.objects.filter(parent=release).values_list("text", flat=True))
    assert texts.count("<ul>") >= 2


def test_media_advisory_lists_who_what_when_where_and_a_press_contact():
    advisory = Article.objects.get(kind=ArticleKind.MEDIA_ADVISORY, language="en")
    text = "".join(RichText.objects.filter(parent=advisory).values_list("text", flat=True))
    assert "<ul>" in text
    for label in ("Who:", "What:", "When:", "Where:"):
        assert f"<li><strong>{label}</strong>" in text
    assert "{" not in text, "Every date placeholder is filled in"
    contact = advisory.media_contacts.get()
    assert contact.is_press_contact
    assert Article.objects.filter(kind=ArticleKind.READOUT).exists()


def test_two_releases_are_in_both_languages_and_the_rest_in_english_only():
    spanish = Article.objects.filter(language="es")
    assert spanish.count() == 2
    for version in spanish:
        source = version.translation_source
        assert source.language == "en" and source.translation_group == version.translation_group
        assert RichText.objects.filter(parent=version).exists()
        assert "{" not in "".join(
            RichText.objects.filter(parent=version).values_list("text", flat=True)
        )
    groups = Article.objects.values_list("translation_group", flat=True)
    assert len(set(groups)) == Article.objects.count() - 2


def test_each_block_of_a_demo_translation_sits_beside_the_block_it_translates(admin_client):
    for version in Article.objects.filter(language="es"):
        page = admin_client.get(
            reverse("admin:articles_article_side_by_side", args=[version.pk])
        ).content.decode()
        assert "Spanish" in page and "not in the translation" not in page


def test_people_have_ap_style_ranks_and_two_are_press_contacts():
    ranks = set(Person.objects.values_list("rank", flat=True))
    assert {"Sgt. 1st Class", "Staff Sgt.", "Lt. Col.", "Senior Airman", "Maj. Gen."} <= ranks
    assert {"Minister", "Ambassador"} <= ranks
    services = set(Person.objects.values_list("service", flat=True))
    assert {"U.S. Army", "U.S. Air Force", "U.S. Marine Corps", ""} <= services
    assert all(p.title and p.organization for p in Person.objects.all())
    contacts = Person.objects.press_contacts()
    assert contacts.count() >= 2
    for contact in contacts:
        assert contact.email.endswith("@example.mil")
        assert contact.phone


def test_archived_release_keeps_the_rank_held_on_its_date():
    person = Person.objects.get(roles__isnull=False)
    quotes = {q.parent.slug: q for q in Quote.objects.filter(speaker=person)}
    old = quotes[CONFERENCE]
    new = quotes[NEWS_STORY]
    role = person.roles.get()
    assert old.parent.release_date <= role.held_until < new.parent.release_date
    assert f"{role.rank} {person.full_name}" in old.attribution
    assert f"{person.rank} {person.full_name}" in new.attribution
    assert role.rank != person.rank


def test_organizations_form_a_hierarchy_across_both_countries():
    organizations = Organization.objects.select_related("parent")
    assert any(len(list(o.ancestors())) >= 2 for o in organizations)
    assert {"military", "ministry", "security", "other"} <= {o.kind for o in organizations}
    assert {"US", "PA"} <= {o.country.code for o in organizations}
    border = Organization.objects.get(abbreviation="SENAFRONT")
    assert border.parent.kind == "ministry"
    for organization in organizations:
        assert organization.description
        if organization.website:
            host = re.match(r"https://([^/]+)/", organization.website).group(1)
            assert host.endswith((".example.mil", ".example.com"))


def test_initiatives_have_dates_consistent_with_their_status():
    today = timezone.localdate()
    initiatives = Initiative.objects.all()
    assert initiatives.count() >= 6
    for initiative in initiatives:
        assert initiative.lead_organization and initiative.partners.exists()
        assert initiative.tags.exists() and initiative.start_date
        if initiative.status == InitiativeStatus.PLANNED:
            assert initiative.start_date > today
        elif initiative.status == InitiativeStatus.COMPLETED:
            assert initiative.end_date < today
        else:
            assert initiative.start_date <= today
            assert initiative.end_date is None or initiative.end_date >= today


def test_public_pages_show_the_demo_releases(client):
    home = {"en": client.get("/").content.decode(), "es": client.get("/es/").content.decode()}
    for article in Article.objects.all():
        assert escape(article.headline) in home[article.language]
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
    conference = client.get(Article.objects.get(slug=CONFERENCE).get_absolute_url())
    assert "Staff Sgt. Rafael Quintero" in conference.content.decode()


def test_seeded_releases_show_their_release_checks_at_once():
    assert ReleaseCheckReport.objects.count() == len(demo.RELEASES)
    assert not ReleaseCheckReport.objects.filter(error_count__gt=0).exists()

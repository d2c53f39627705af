import datetime
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag, TaggedItem

from articles import demo_content as demo
from articles.images.virin import virin_date
from articles.models import (
    BODY_BLOCK_MODELS,
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

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"

NEWS_STORY = "border-units-complete-first-combined-jungle-course-in-darien"
PRESS_CONFERENCE = "avery-and-castrellon-outline-next-phase-of-security-cooperation"
CONFERENCE = "regional-security-conference-opens-with-shared-training-agenda"


@pytest.fixture(autouse=True)
def development_mode(settings):
    """seed_demo is for development sites (DEBUG on); production refusal is tested below."""
    settings.DEBUG = True


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    models = [*apps.get_app_config("articles").get_models(), Tag, TaggedItem]
    return {model._meta.label: model.objects.count() for model in models}


def slugs(manager):
    return sorted(manager.values_list("slug", flat=True))


def body(article):
    """The body in reading order, whatever block type each piece is."""
    blocks = [
        block for model in BODY_BLOCK_MODELS for block in model.objects.filter(parent=article)
    ]
    return sorted(blocks, key=lambda block: block.ordering)


def block_key(block):
    if isinstance(block, RichText):
        return ("text", block.text)
    if isinstance(block, Quote):
        return ("quote", block.speaker.slug, block.text, block.context)
    if isinstance(block, InitiativeTable):
        rows = [(row.initiative.name, *row.cells) for row in block.rows.all()]
        return ("table", block.caption, tuple(block.headings), tuple(rows))
    return (type(block).__name__, str(block))


def fields(obj, *names):
    return {name: getattr(obj, name) for name in names}


def snapshot():
    """Everything the demo seeds, without database ids (which may change between runs)."""
    organizations = [
        fields(o, "slug", "name", "abbreviation", "kind", "website", "description")
        | {"country": o.country.code, "parent": o.parent and o.parent.slug}
        for o in Organization.objects.order_by("slug")
    ]
    people = [
        fields(p, "slug", "service", "rank", "given_name", "family_name", "title", "bio")
        | fields(p, "is_press_contact", "email", "phone")
        | {
            "organization": p.organization.slug,
            "roles": [fields(r, "service", "rank", "title", "held_until") for r in p.roles.all()],
        }
        for p in Person.objects.order_by("slug")
    ]
    initiatives = [
        fields(i, "name", "slug", "summary", "status", "start_date", "end_date")
        | {
            "lead": i.lead_organization.slug,
            "partners": slugs(i.partners),
            "tags": sorted(i.tags.names()),
        }
        for i in Initiative.objects.order_by("name")
    ]
    articles = [
        fields(a, "slug", "kind", "status", "headline", "subheadline", "summary", "dateline")
        | fields(a, "byline_text", "release_at", "is_featured", "hero_image_id")
        | {
            "tags": sorted(a.tags.names()),
            "byline_people": slugs(a.byline_people),
            "organizations": slugs(a.organizations),
            "people": slugs(a.people),
            "initiatives": slugs(a.initiatives),
            "media_contacts": slugs(a.media_contacts),
            "body": [(b.region, b.ordering, *block_key(b)) for b in body(a)],
        }
        for a in Article.objects.order_by("slug")
    ]
    return {
        "organizations": organizations,
        "people": people,
        "initiatives": initiatives,
        "articles": articles,
    }


def test_seeding_twice_gives_the_same_data():
    seed()
    first_counts, first_snapshot = counts(), snapshot()
    seed()
    assert counts() == first_counts
    assert snapshot() == first_snapshot
    assert first_counts["articles.Article"] == len(demo.RELEASES)
    assert first_counts["articles.Initiative"] == len(demo.INITIATIVES), (
        "A table names an initiative that the demo does not define"
    )


def test_seeding_again_restores_edited_demo_content_without_appending():
    seed()
    expected = snapshot()
    article = Article.objects.get(slug=NEWS_STORY)
    article.headline = "Edited by an officer"
    article.save()
    RichText.objects.create(parent=article, region="body", ordering=999, text="<p>Extra</p>")
    Quote.objects.filter(parent=article).first().delete()
    InitiativeTable.objects.filter(parent__slug=PRESS_CONFERENCE).first().rows.first().delete()

    seed()

    assert snapshot() == expected


def test_if_empty_leaves_existing_releases_alone():
    seed()
    Article.objects.filter(slug=NEWS_STORY).update(headline="Edited by an officer")
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Article.objects.get(slug=NEWS_STORY).headline == "Edited by an officer"
    assert "left as it is" in out.getvalue()


def test_command_prints_a_summary():
    output = seed()
    assert f"Demo content: {len(demo.RELEASES)} releases, {len(demo.PEOPLE)} people" in output


def test_seeded_records_pass_model_validation():
    seed()
    for model in (Organization, Person, Initiative, Article):
        for obj in model.objects.all():
            obj.full_clean()


def test_all_releases_are_public_and_each_kind_is_present():
    seed()
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
    seed()
    assert all(person.portrait for person in Person.objects.all())
    assert ImageBlock.objects.count() == 3
    photos = Image.objects.all()
    for photo in photos:
        assert photo.alt_text and photo.credit == "Newsroom demo illustration"
        assert photo.virin and virin_date(photo.virin) == photo.date_taken
        assert photo.download  # the credited high-resolution copy
    count = photos.count()
    seed()
    assert Image.objects.count() == count
    # The two releases with more than one photo have their zip.
    assert PhotoArchive.objects.count() == 2


def test_news_story_has_a_ranked_byline_headings_and_three_ranked_speakers():
    seed()
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
    seed()
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
    seed()
    release = Article.objects.get(slug=CONFERENCE)
    table = InitiativeTable.objects.get(parent=release)
    assert table.headings == ["Training Program", "Target Audience", "Duration"]
    assert table.rows.count() >= 3
    texts = "".join(RichText.objects.filter(parent=release).values_list("text", flat=True))
    assert texts.count("<ul>") >= 2


def test_media_advisory_lists_who_what_when_where_and_a_press_contact():
    seed()
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
    seed()
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
    seed()
    for version in Article.objects.filter(language="es"):
        page = admin_client.get(
            reverse("admin:articles_article_side_by_side", args=[version.pk])
        ).content.decode()
        assert "Spanish" in page and "not in the translation" not in page


def test_people_have_ap_style_ranks_and_two_are_press_contacts():
    seed()
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
    seed()
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
    seed()
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
    seed()
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
    seed()
    home = {"en": client.get("/").content.decode(), "es": client.get("/es/").content.decode()}
    for article in Article.objects.all():
        assert escape(article.headline) in home[article.language]
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
    conference = client.get(Article.objects.get(slug=CONFERENCE).get_absolute_url())
    assert "Staff Sgt. Rafael Quintero" in conference.content.decode()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is absent (it lives in ../shared)")
def test_demo_content_is_our_own_writing():
    def shingles(text, size=7):
        words = re.findall(r"[a-z0-9]+", text.lower())
        return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}

    samples = set().union(*(shingles(p.read_text()) for p in SAMPLES.glob("*.txt")))
    copied = shingles(Path(demo.__file__).read_text()) & samples
    assert not copied, f"Demo text repeats the samples: {sorted(copied)[:5]}"


def test_refuses_to_seed_a_production_site_without_being_told(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Article.objects.exists()
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
    assert Article.objects.count() == len(demo.RELEASES)


def test_seeded_releases_show_their_release_checks_at_once():
    seed()
    assert ReleaseCheckReport.objects.count() == len(demo.RELEASES)
    assert not ReleaseCheckReport.objects.filter(error_count__gt=0).exists()

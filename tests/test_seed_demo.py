import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from taggit.models import Tag, TaggedItem

from articles import demo_content as demo
from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    Initiative,
    InitiativeTable,
    Organization,
    Person,
    Quote,
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

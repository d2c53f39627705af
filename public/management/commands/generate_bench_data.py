"""Fill an empty database with N published releases of realistic shape, fast, for `make bench`."""

import datetime
import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image as PillowImage
from taggit.models import Tag, TaggedItem

from articles.images.services import save_image
from articles.models import (
    Article,
    ArticleStatus,
    Image,
    ImageBlock,
    Initiative,
    InitiativeTable,
    InitiativeTableRow,
    Organization,
    OrganizationKind,
    Person,
    Quote,
    RichText,
)
from public import search_engine, search_index, versions

WORDS = [
    "training",
    "exercise",
    "partner",
    "nations",
    "jungle",
    "river",
    "crossing",
    "medical",
    "readiness",
    "engineers",
    "bridge",
    "community",
    "school",
    "clinic",
    "logistics",
    "aviation",
    "rescue",
    "humanitarian",
    "assistance",
    "disaster",
    "relief",
    "maritime",
    "patrol",
    "border",
    "security",
    "cooperation",
    "instructors",
    "students",
    "graduation",
    "ceremony",
    "equipment",
    "donation",
    "vaccines",
    "flood",
    "response",
    "coastal",
    "navigation",
    "interoperability",
]
BATCH = 2000
CHUNK = 5000  # releases generated and committed at a time
INDEX_BATCH = 1000  # releases per search_index.refresh


@dataclass
class Shared:
    """What every release draws from, made once before the releases."""

    now: datetime.datetime
    organizations: list
    people: list
    press_contacts: list
    initiatives: list
    images: list
    tags: list


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def photo(rng, index):
    """A small real PNG, so renditions and `<img>` markup are made as for an upload."""
    buffer = io.BytesIO()
    color = tuple(rng.randrange(256) for _ in range(3))
    PillowImage.new("RGB", (1200, 800), color).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"bench-{index}.png")


class Command(BaseCommand):
    help = (
        "Create N published releases (rich text, quotes, tables, photos, people, organizations, "
        "initiatives, tags) with bulk inserts, then their search documents and index. For "
        "benchmarks: "
        "refuses a database that already holds releases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, releases, seed, **options):
        if releases < 1:
            raise CommandError("--releases must be at least 1.")
        if Article.objects.exists():
            raise CommandError("The database already holds releases; use an empty one.")
        rng = random.Random(seed)
        with transaction.atomic():
            shared = self._shared(rng, releases)
        # Releases in chunks, each committed with its search documents: memory stays flat at
        # 100k releases, and the documents come from the live index's own code (refresh builds
        # a whole batch in a few queries).
        for first in range(0, releases, CHUNK):
            with transaction.atomic():
                ids = self._releases(rng, shared, range(first, min(first + CHUNK, releases)))
                for start in range(0, len(ids), INDEX_BATCH):
                    search_index.refresh(ids[start : start + INDEX_BATCH])
            if options["verbosity"] > 1 or releases > CHUNK:
                self.stdout.write(f"{first + len(ids)} of {releases} releases")
        search_engine.rebuild()
        # Bulk inserts send no signals: make any page cached before this run stale.
        versions.advance_page_generation()
        self.stdout.write(f"Created {releases} releases.")

    def _shared(self, rng, count):
        """Organizations, people, initiatives, photos and tags that releases draw from."""
        size = max(4, count // 20)
        organizations = Organization.objects.bulk_create(
            (
                Organization(
                    name=f"Task Force {n}",
                    abbreviation=f"TF-{n}",
                    slug=f"task-force-{n}",
                    kind=OrganizationKind.MILITARY_UNIT,
                    country="US",
                )
                for n in range(size)
            ),
            batch_size=BATCH,
        )
        people = Person.objects.bulk_create(
            (
                Person(
                    service="U.S. Army",
                    rank="Staff Sgt.",
                    given_name=f"Alex{n}",
                    family_name=rng.choice(["Rivera", "Okafor", "Nguyen", "Castillo"]),
                    slug=f"alex-{n}",
                    title="an instructor with the Jungle Warfare School",
                    organization=organizations[n % size],
                    is_press_contact=n % 10 == 0,
                )
                for n in range(size * 2)
            ),
            batch_size=BATCH,
        )
        initiatives = Initiative.objects.bulk_create(
            (
                Initiative(name=f"Partnership {n}", slug=f"partnership-{n}", summary=sentence(rng))
                for n in range(size)
            ),
            batch_size=BATCH,
        )
        images = [
            save_image(
                image=Image(title=f"Photo {n}", alt_text=sentence(rng, 8), file=photo(rng, n))
            )
            for n in range(4)
        ]
        tags = Tag.objects.bulk_create(
            (Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(size)), batch_size=BATCH
        )
        return Shared(
            now=timezone.now(),
            organizations=organizations,
            people=people,
            press_contacts=[person for person in people if person.is_press_contact],
            initiatives=initiatives,
            images=images,
            tags=tags,
        )

    def _releases(self, rng, shared, numbers):
        images = shared.images
        articles = Article.objects.bulk_create(
            (
                Article(
                    headline=f"{sentence(rng, 7)[:-1]} {n}",
                    slug=f"release-{n}",
                    summary=sentence(rng, 25),
                    dateline="PANAMA CITY, Panama",
                    status=ArticleStatus.PUBLISHED,
                    release_at=shared.now - datetime.timedelta(hours=n + 1),
                    is_featured=n % 50 == 0,
                    hero_image=images[n % len(images)],
                )
                for n in numbers
            ),
            batch_size=BATCH,
        )
        self._body(rng, articles, shared)
        self._relations(rng, articles, shared)
        return [article.pk for article in articles]

    def _body(self, rng, articles, shared):
        """Ten blocks per release: paragraphs, a quote, a table of two rows and a photo."""
        texts, quotes, tables, photos = [], [], [], []
        for article in articles:
            for n in range(6):
                paragraph = " ".join(sentence(rng) for _ in range(4))
                texts.append(
                    RichText(
                        parent=article,
                        region="body",
                        ordering=10 * n + (30 if n > 2 else 0),
                        text=f"<p>{paragraph} <strong>{rng.choice(WORDS)}</strong></p>",
                    )
                )
            quotes.append(
                Quote(
                    parent=article,
                    region="body",
                    ordering=35,
                    speaker=rng.choice(shared.people),
                    text=sentence(rng, 20),
                )
            )
            tables.append(
                InitiativeTable(
                    parent=article,
                    region="body",
                    ordering=45,
                    caption="Objectives",
                    headings=["Initiative", "Objectives"],
                )
            )
            photos.append(
                ImageBlock(
                    parent=article, region="body", ordering=55, image=rng.choice(shared.images)
                )
            )
        RichText.objects.bulk_create(texts, batch_size=BATCH)
        Quote.objects.bulk_create(quotes, batch_size=BATCH)
        ImageBlock.objects.bulk_create(photos, batch_size=BATCH)
        tables = InitiativeTable.objects.bulk_create(tables, batch_size=BATCH)
        InitiativeTableRow.objects.bulk_create(
            (
                InitiativeTableRow(
                    table=table,
                    initiative=rng.choice(shared.initiatives),
                    cells=[sentence(rng, 6)],
                    position=position,
                )
                for table in tables
                for position in range(2)
            ),
            batch_size=BATCH,
        )

    def _relations(self, rng, articles, shared):
        links = {
            Article.byline_people.through: ("person", shared.people, 1),
            Article.people.through: ("person", shared.people, 2),
            Article.media_contacts.through: ("person", shared.press_contacts, 1),
            Article.organizations.through: ("organization", shared.organizations, 2),
            Article.initiatives.through: ("initiative", shared.initiatives, 1),
        }
        for through, (field, choices, per_article) in links.items():
            through.objects.bulk_create(
                (
                    through(article=article, **{field: choice})
                    for article in articles
                    for choice in rng.sample(choices, per_article)
                ),
                batch_size=BATCH,
            )
        TaggedItem.objects.bulk_create(
            (
                TaggedItem(content_object=article, tag=tag)
                for article in articles
                for tag in rng.sample(shared.tags, 3)
            ),
            batch_size=BATCH,
        )

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles import demo_content as demo
from articles import demo_photos
from articles.images.archives import build_photo_archive
from articles.images.services import save_image
from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleStatus,
    Image,
    ImageBlock,
    Initiative,
    InitiativeTable,
    Organization,
    Person,
    PersonRole,
    Quote,
    RichText,
)
from articles.services import body_saved, replace_table_rows
from articles.translations import pair_blocks_by_place, source_lines

# AP style abbreviates these months before a day number and spells out the others.
_AP_MONTHS = {1: "Jan.", 2: "Feb.", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


def ap_date(day):
    month = _AP_MONTHS.get(day.month, f"{day:%B}")
    return f"{day:%A}, {month} {day.day}"


def demo_image(*, title, alt, caption, picture, taken, sequence):
    """The demo photo called `title`, painted and stored the first time, its texts refreshed
    on later runs (the pixels are the same: they are painted from the title)."""
    image = Image.objects.filter(title=title, credit=demo.DEMO_PHOTO_CREDIT).first()
    if image is None:
        image = Image(title=title, credit=demo.DEMO_PHOTO_CREDIT)
        image.file = ContentFile(picture(), name=f"{slugify(title)}.jpg")
    image.alt_text = alt
    image.caption = caption
    image.date_taken = taken
    # An invented VIRIN (the VISION ID ZZ999 is not a real photographer's).
    image.virin = f"{taken:%y%m%d}-A-ZZ999-{sequence:04d}"
    return save_image(image=image)


def spanish_date(day):
    """“lunes 5 de enero”, as Spanish-language releases write an event day."""
    with translation.override("es"):
        return formats.date_format(day, r"l j \d\e F").lower()


def anchor_day():
    """The day the demo was first seeded, so that re-runs reproduce the same dates."""
    lead = demo.RELEASES[0]
    released = (
        Article.objects.filter(slug=lead["slug"]).values_list("release_at", flat=True).first()
    )
    if released is None:
        return timezone.localdate()
    return timezone.localdate(released) + datetime.timedelta(days=lead["days_ago"])


class Command(BaseCommand):
    help = _(
        "Create or refresh the demo organizations, people, initiatives and published releases. "
        "Safe to run again: demo records are updated in place, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Do nothing when the database already has releases."),
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=_("Seed even with DEBUG off. The demo releases are fictional."),
        )

    def handle(self, *args, if_empty=False, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                _(
                    "DEBUG is off: this looks like a real site, and the demo releases are "
                    "fictional. Pass --allow-production to seed anyway."
                )
            )
        if if_empty and Article.objects.exists():
            self.stdout.write(_("Releases exist already; demo content left as it is."))
            return
        with transaction.atomic():
            anchor = anchor_day()
            organizations = self.seed_organizations()
            people = self.seed_people(organizations, anchor)
            self.seed_initiatives(organizations, anchor)
            blocks = self.seed_releases(organizations, people, anchor)
            self.freeze_published_photos()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo content: %(releases)d releases, %(people)d people, "
                    "%(initiatives)d initiatives, %(organizations)d organizations, "
                    "%(blocks)d body blocks."
                )
                % {
                    "releases": len(demo.RELEASES),
                    "people": len(demo.PEOPLE),
                    "initiatives": len(demo.INITIATIVES),
                    "organizations": len(demo.ORGANIZATIONS),
                    "blocks": blocks,
                }
            )
        )

    def seed_organizations(self):
        organizations = {}
        for data in demo.ORGANIZATIONS:
            values = {key: value for key, value in data.items() if key not in {"slug", "parent"}}
            values["parent"] = organizations[data["parent"]] if data["parent"] else None
            organizations[data["slug"]], _created = Organization.objects.update_or_create(
                slug=data["slug"], defaults=values
            )
        return organizations

    def seed_people(self, organizations, anchor):
        people = {}
        for data in demo.PEOPLE:
            person, _created = Person.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "service": data["service"],
                    "rank": data["rank"],
                    "given_name": data["given_name"],
                    "family_name": data["family_name"],
                    "title": data["title"],
                    "organization": organizations[data["organization"]],
                    "bio": data["bio"],
                    "is_press_contact": data.get("is_press_contact", False),
                    "email": data.get("email", ""),
                    "phone": data.get("phone", ""),
                },
            )
            person.portrait = self.portrait(person, data, anchor)
            person.save(update_fields=["portrait"])
            person.roles.all().delete()
            for role in data.get("roles", []):
                PersonRole.objects.create(
                    person=person,
                    service=role["service"],
                    rank=role["rank"],
                    title_en=role["title"],
                    title_es=role.get("title_es"),
                    held_until=anchor - datetime.timedelta(days=role["held_until_days_ago"]),
                )
            people[data["slug"]] = person
        return people

    def portrait(self, person, data, anchor):
        name = f"{person.given_name} {person.family_name}"
        clothes = demo.UNIFORMS.get(data["service"], demo.CIVILIAN_CLOTHES)
        return demo_image(
            # Demo data, like the releases: English whatever the interface language.
            title=f"Portrait of {name}",
            alt=f"Illustrated head-and-shoulders portrait of {name}.",
            caption="",
            picture=lambda: demo_photos.portrait(seed=person.slug, uniform=clothes),
            taken=anchor - datetime.timedelta(days=60),
            sequence=1,
        )

    def release_photo(self, data, day, sequence):
        return demo_image(
            title=data["title"],
            alt=data["alt"],
            caption=data["caption"],
            picture=lambda: demo_photos.landscape(data["scene"], seed=data["title"]),
            taken=day,
            sequence=sequence,
        )

    def seed_initiatives(self, organizations, anchor):
        def day(offset):
            return None if offset is None else anchor + datetime.timedelta(days=offset)

        for data in demo.INITIATIVES:
            initiative, _created = Initiative.objects.update_or_create(
                name=data["name"],
                defaults={
                    "slug": data["slug"],
                    "name_es": data.get("name_es"),
                    "summary": data["summary"],
                    "status": data["status"],
                    "start_date": day(data["start"]),
                    "end_date": day(data["end"]),
                    "lead_organization": organizations[data["lead"]],
                },
            )
            initiative.partners.set([organizations[slug] for slug in data["partners"]])
            initiative.tags.set(data["tags"])

    def seed_releases(self, organizations, people, anchor):
        dates = {
            language: {
                name: write(anchor + datetime.timedelta(days=offset))
                for name, offset in demo.DATE_PLACEHOLDERS.items()
            }
            for language, write in (("en", ap_date), ("es", spanish_date))
        }
        block_count = 0
        seeded = {}
        for data in demo.RELEASES:
            language = data.get("language", "en")
            source = seeded.get(data.get("translation_of"))
            versions = (
                {
                    "translation_group": source.translation_group,
                    "translation_source": source,
                    "source_text": source_lines(source),
                    "source_synced_at": timezone.now(),
                }
                if source
                else {}
            )
            day = anchor - datetime.timedelta(days=data["days_ago"])
            hour, minute = data["time"]
            article, _created = Article.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "kind": data["kind"],
                    "status": ArticleStatus.PUBLISHED,
                    "headline": data["headline"],
                    "subheadline": data["subheadline"],
                    "summary": data["summary"],
                    "dateline": data["dateline"],
                    "byline_text": data["byline_text"],
                    "release_at": timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(hour, minute))
                    ),
                    "is_featured": data["is_featured"],
                    "language": language,
                    **versions,
                },
            )
            seeded[data["slug"]] = article
            # A translation shows the same photos as its source.
            photos = demo.PHOTOS.get(
                data.get("translation_of") or data["slug"], {"hero": None, "body": []}
            )
            if photos["hero"]:
                article.hero_image = self.release_photo(photos["hero"], day, 1001)
                article.save(update_fields=["hero_image"])
            article.tags.set(data["tags"])
            article.byline_people.set([people[slug] for slug in data["byline_people"]])
            article.organizations.set([organizations[slug] for slug in data["organizations"]])
            article.media_contacts.set([people[slug] for slug in data["media_contacts"]])
            # Mentions are recomputed from the fresh body below.
            article.people.set([people[slug] for slug in data["people"]])
            article.initiatives.clear()
            self.replace_body(article, data["body"], people, dates[language])
            for sequence, photo in enumerate(photos["body"], start=1002):
                ImageBlock.objects.create(
                    parent=article,
                    region="body",
                    ordering=(photo["after"] + 1) * 10 + 5,
                    image=self.release_photo(photo, day, sequence),
                )
            if source:
                # Written as its own text: each block is the translation of the source's block
                # at the same place, as an editor linking two versions gets.
                pair_blocks_by_place(article=article, source=source)
            # Checks stored so the release list shows the demo's results from the first visit.
            body_saved(article=article)
            build_photo_archive(article=article)
            block_count += len(data["body"]) + len(photos["body"])
        return block_count

    def freeze_published_photos(self):
        """The photos of published demo releases count as cleared, as a real clearance would
        make them: a writer opening one sees why its file cannot be replaced."""
        published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
        shown = Q(pk__in=published.values("hero_image")) | Q(
            pk__in=ImageBlock.objects.filter(parent__in=published).values("image")
        )
        Image.objects.filter(shown, cleared_at__isnull=True).update(cleared_at=timezone.now())

    def replace_body(self, article, blocks, people, dates):
        for model in BODY_BLOCK_MODELS:
            model.objects.filter(parent=article).delete()
        for position, block in enumerate(blocks, start=1):
            common = {"parent": article, "region": "body", "ordering": position * 10}
            if block["type"] == "text":
                RichText.objects.create(text=block["html"].format_map(dates), **common)
            elif block["type"] == "quote":
                Quote.objects.create(
                    speaker=people[block["speaker"]],
                    text=block["text"],
                    context=block["context"],
                    **common,
                )
            elif block["type"] == "table":
                table = InitiativeTable.objects.create(
                    caption=block["caption"], headings=block["headings"], **common
                )
                replace_table_rows(table=table, rows=block["rows"])
            else:
                raise ValueError(f"Unknown demo block type: {block['type']!r}")

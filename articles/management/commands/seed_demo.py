import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from articles import demo_content as demo
from articles.checks import refresh_release_checks
from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleStatus,
    Initiative,
    InitiativeTable,
    Organization,
    Person,
    PersonRole,
    Quote,
    RichText,
)
from articles.services import replace_table_rows, sync_mentions
from articles.translations import source_lines

# AP style abbreviates these months before a day number and spells out the others.
_AP_MONTHS = {1: "Jan.", 2: "Feb.", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


def ap_date(day):
    month = _AP_MONTHS.get(day.month, f"{day:%B}")
    return f"{day:%A}, {month} {day.day}"


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
            person.roles.all().delete()
            for role in data.get("roles", []):
                PersonRole.objects.create(
                    person=person,
                    service=role["service"],
                    rank=role["rank"],
                    title=role["title"],
                    held_until=anchor - datetime.timedelta(days=role["held_until_days_ago"]),
                )
            people[data["slug"]] = person
        return people

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
                    "hero_image": None,
                    "language": language,
                    **versions,
                },
            )
            seeded[data["slug"]] = article
            article.tags.set(data["tags"])
            article.byline_people.set([people[slug] for slug in data["byline_people"]])
            article.organizations.set([organizations[slug] for slug in data["organizations"]])
            article.media_contacts.set([people[slug] for slug in data["media_contacts"]])
            # Mentions are recomputed from the fresh body below.
            article.people.set([people[slug] for slug in data["people"]])
            article.initiatives.clear()
            self.replace_body(article, data["body"], people, dates[language])
            sync_mentions(article=article)
            # So the release list shows the demo's check results from the first visit.
            refresh_release_checks(article=article)
            block_count += len(data["body"])
        return block_count

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

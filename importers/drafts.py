"""Turn a ParsedRelease into a draft release in the database.

People, organizations and initiatives are matched to existing records by name (or
abbreviation) before anything new is created, so importing the same text twice adds no
duplicates. The result is always a draft: the release checks then show what still needs a
human (an unfilled placeholder, a missing summary) before it can be cleared.
"""

from __future__ import annotations

import datetime
import difflib
import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.contrib.messages import INFO, WARNING
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleStatus,
    InitiativeTable,
    Organization,
    OrganizationKind,
    Person,
    Quote,
    RichText,
    Transcript,
    TranscriptTurn,
    TurnRole,
)
from articles.services import body_saved, initiative_named, replace_table_rows, unique_slug
from articles.translation import in_any_language
from articles.translations import language_name, link_candidates

from .metadata import organization_of_unit
from .organizations import KNOWN_ORGANIZATIONS, country_of
from .structure import (
    ParsedOrganization,
    ParsedPerson,
    ParsedRelease,
    QuoteBlock,
    TableBlock,
    TranscriptBlock,
)

# The headline is required; an import without one gets a placeholder the release checks flag.
MISSING_HEADLINE = "[insert headline]"
# Names this alike (after accents, case and punctuation are set aside) are one organization
# written two ways until an officer says otherwise.
NEAR_DUPLICATE_RATIO = 0.85
# Imported dates carry no time of day; 09:00 local is a typical release time, and the officer
# sets the real one before clearance.
DEFAULT_RELEASE_TIME = datetime.time(9, 0)


@dataclass
class ImportResult:
    article: Article
    created_people: list[Person] = field(default_factory=list)
    created_organizations: list[Organization] = field(default_factory=list)
    created_initiatives: list = field(default_factory=list)
    recognized: list[str] = field(default_factory=list)
    unrecognized: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    # (what to consider, the admin URL where to do it): the import changes no existing record
    suggestions: list[tuple[str, str]] = field(default_factory=list)

    def report_lines(self):
        """What the officer is told: what was made, what was found, and what was not."""
        lines = [
            _("Created the draft “%(headline)s”.") % {"headline": self.article.headline},
        ]
        for label, created in (
            (_("New people: %(names)s."), self.created_people),
            (_("New organizations: %(names)s."), self.created_organizations),
            (_("New initiatives: %(names)s."), self.created_initiatives),
        ):
            if created:
                lines.append(label % {"names": ", ".join(str(obj) for obj in created)})
        return lines

    def check_first(self):
        """Guesses the import made, each with its alternative: the officer checks these first."""
        return [_("Check: %(guess)s") % {"guess": guess} for guess in self.guesses]

    def messages(self):
        """The whole report as (level, text or safe HTML) pairs, levels from
        django.contrib.messages: shown after an import in the request, or on the status page
        of a queued one."""
        report = [(INFO, line) for line in [*self.report_lines(), *self.recognized]]
        report += [(WARNING, line) for line in [*self.check_first(), *self.unrecognized]]
        report += [(INFO, offer) for offer in self._link_offers()]
        report += [
            (WARNING, format_html('{} <a href="{}">{}</a>', text, url, _("Open the record")))
            for text, url in self.suggestions
        ]
        return report

    def _link_offers(self):
        """The imported text may be the other language's version of a release already here."""
        article = self.article
        return [
            format_html(
                _(
                    "Imported as a release in {language}. It may be the {language} version "
                    'of “{headline}”: <a href="{url}">link them</a>.'
                ),
                language=language_name(article.language),
                headline=candidate.headline,
                url=reverse("admin:articles_article_link", args=[article.pk, candidate.pk]),
            )
            for candidate in link_candidates(article)
        ]


class _Matcher:
    """Finds or creates people and organizations, remembering what it created."""

    def __init__(self, result):
        self.result = result

    def organization(self, parsed: ParsedOrganization | str) -> Organization | None:
        if isinstance(parsed, str):
            parsed = ParsedOrganization(name=parsed)
        name, abbreviation = parsed.name.strip(), parsed.abbreviation.strip()
        if not name and not abbreviation:
            return None
        match = Q()
        for spelling in _spellings(name):
            match |= in_any_language("name", spelling) | Q(abbreviation__iexact=spelling)
        if abbreviation:
            match |= Q(abbreviation__iexact=abbreviation)
        existing = Organization.objects.filter(match).first()
        if existing:
            return existing
        if not name:
            return None  # an abbreviation alone is too little to create an organization from
        similar = _near_duplicate(name)
        if similar is not None:
            # Never a second record for one organization: the officer decides.
            self.result.suggestions.append(
                (
                    _(
                        "“%(name)s” was not created: it looks like the existing “%(existing)s”. "
                        "Relate that one to the release if it is the same organization, or "
                        "create “%(name)s” if it is not."
                    )
                    % {"name": name, "existing": similar},
                    reverse("admin:articles_organization_change", args=[similar.pk]),
                )
            )
            return None
        organization = Organization.objects.create(
            name=name[:200],
            abbreviation=abbreviation[:40],
            slug=unique_slug(Organization, abbreviation or name),
            kind=_organization_kind(name),
            country=country_of(parsed),
        )
        self.result.created_organizations.append(organization)
        return organization

    def person(self, parsed: ParsedPerson, *, as_of=None) -> Person | None:
        if not parsed.family_name:
            return None
        existing = Person.objects.filter(
            given_name__iexact=parsed.given_name, family_name__iexact=parsed.family_name
        ).first()
        if existing:
            self._compare(existing, parsed, as_of)
            return existing
        unit = organization_of_unit(parsed.organization)
        person = Person.objects.create(
            service=parsed.service[:80],
            rank=parsed.rank[:80],
            given_name=parsed.given_name[:100],
            family_name=parsed.family_name[:100],
            title=parsed.title[:300],
            organization=self.organization(unit) if unit else None,
            slug=unique_slug(Person, f"{parsed.given_name} {parsed.family_name}"),
        )
        self.result.created_people.append(person)
        return person

    def _compare(self, person: Person, parsed: ParsedPerson, as_of) -> None:
        """Where the text and the stored person disagree, suggest the change; make none."""
        held = person.role_on(as_of) or person
        if parsed.rank and parsed.rank != held.rank:
            self.result.suggestions.append(
                (
                    _(
                        "The release calls %(name)s “%(text)s”; their record says “%(record)s”. "
                        "If the rank changed, record it on the person (with the old one as an "
                        "earlier rank); the import did not change it."
                    )
                    % {
                        "name": person.full_name,
                        "text": parsed.rank,
                        "record": held.rank or "—",
                    },
                    reverse("admin:articles_person_change", args=[person.pk]),
                )
            )


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.replace("-", " ").replace(".", "").split())


def _spellings(name: str) -> list[str]:
    """The name and the other spellings the importer knows for it (English and Spanish)."""
    if not name:
        return []
    for stored, abbreviation, others in KNOWN_ORGANIZATIONS:
        forms = (stored, *others)
        if any(_fold(form) == _fold(name) for form in forms):
            return [*forms, abbreviation]
    return [name]


def _near_duplicate(name: str) -> Organization | None:
    """An existing organization whose name is this one written slightly differently."""
    folded = _fold(name)
    for organization in Organization.objects.only("pk", "name", "abbreviation"):
        other = _fold(organization.name)
        if other == folded:
            return organization
        if difflib.SequenceMatcher(None, folded, other).ratio() >= NEAR_DUPLICATE_RATIO:
            return organization
    return None


def _organization_kind(name: str) -> str:
    words = set(name.replace("-", " ").split())
    if words & {"Ministerio", "Ministry", "Department", "Embassy", "Embajada", "Autoridad",
                "Agency", "Sistema", "Authority"}:  # fmt: skip
        return OrganizationKind.MINISTRY
    if words & {"Policía", "Police", "Servicio", "Guardia", "Guard"}:
        return OrganizationKind.SECURITY_FORCE
    if words & {"Division", "Brigade", "Regiment", "Battalion", "Squadron", "Wing", "Company",
                "Unit", "Group", "Command", "Fleet", "Force", "Hospital", "Ejército", "Armada",
                "Grupo", "Escuadrón", "Comando", "Fuerza"}:  # fmt: skip
        return OrganizationKind.MILITARY_UNIT
    return OrganizationKind.OTHER


def _byline_text(parsed: ParsedRelease) -> str:
    if parsed.byline_people:
        return ""
    # A DVIDS "Courtesy Story" is the issuing unit's story: credit the unit.
    if parsed.issuing_unit and parsed.byline_text.lower().startswith("courtesy"):
        return parsed.issuing_unit
    return parsed.byline_text


def _create_transcript(block: TranscriptBlock, placement: dict, matcher, day) -> None:
    transcript = Transcript.objects.create(**placement)
    turns = []
    for position, turn in enumerate(block.turns):
        named = turn.speaker is not None and bool(turn.speaker.given_name)
        speaker = matcher.person(turn.speaker, as_of=day) if named else None
        turns.append(
            TranscriptTurn(
                transcript=transcript,
                position=position,
                role=turn.role,
                speaker=speaker,
                # a label naming no one in full stays as printed, for the officer to resolve
                label=turn.label[:200] if turn.role == TurnRole.SPEAKER and not speaker else "",
                interpreted=turn.interpreted,
                text=turn.html,
            )
        )
    TranscriptTurn.objects.bulk_create(turns)


def _release_at(day):
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, DEFAULT_RELEASE_TIME))


def _sources_html(sources):
    items = "".join(f"<li>{escape(source)}</li>" for source in sources)
    return f"<h2>{escape(_('Sources'))}</h2><ol>{items}</ol>"


@transaction.atomic
def create_draft(parsed: ParsedRelease, *, created_by=None) -> ImportResult:
    headline = (parsed.headline or MISSING_HEADLINE)[:250]
    article = Article.objects.create(
        status=ArticleStatus.DRAFT,
        language=parsed.language or settings.LANGUAGE_CODE,
        headline=headline,
        slug=unique_slug(Article, headline, max_length=250),
        subheadline=parsed.subheadline[:300],
        dateline=parsed.dateline[:120],
        byline_text=_byline_text(parsed)[:200],
        release_at=_release_at(parsed.release_date),
        kind=parsed.kind,
        summary=parsed.summary,
        created_by=created_by,
    )
    result = ImportResult(
        article=article,
        recognized=list(parsed.recognized),
        unrecognized=list(parsed.unrecognized),
        guesses=list(parsed.guesses),
    )
    matcher = _Matcher(result)
    day = parsed.release_date

    article.byline_people.set(
        [person for p in parsed.byline_people if (person := matcher.person(p, as_of=day))]
    )
    unit = organization_of_unit(parsed.issuing_unit)
    organizations = [*parsed.organizations, *([ParsedOrganization(unit)] if unit else [])]
    article.organizations.set({org for org in map(matcher.organization, organizations) if org})
    # People named in the text become related people; the body's speakers follow below.
    article.people.add(
        *{person for p in parsed.mentioned if (person := matcher.person(p, as_of=day))}
    )
    for name in parsed.initiatives:
        initiative, created = initiative_named(name[:200])
        article.initiatives.add(initiative)
        if created:
            result.created_initiatives.append(initiative)

    for position, block in enumerate(parsed.blocks, start=1):
        placement = {"parent": article, "region": "body", "ordering": 10 * position}
        if isinstance(block, TranscriptBlock):
            _create_transcript(block, placement, matcher, day)
        elif isinstance(block, QuoteBlock):
            speaker = matcher.person(block.speaker, as_of=day)
            if speaker is None:
                # A quote nobody can be credited with stays visible as text for the officer.
                RichText.objects.create(text=f"<p>“{escape(block.text)}”</p>", **placement)
                result.unrecognized.append(
                    _("Quote without a recognizable speaker kept as text: “%(start)s…”")
                    % {"start": block.text[:60]}
                )
            else:
                Quote.objects.create(
                    speaker=speaker, text=block.text, context=block.context[:300], **placement
                )
        elif isinstance(block, TableBlock):
            table = InitiativeTable.objects.create(
                caption=block.caption[:300] or _("Initiatives"),
                headings=block.headings,
                **placement,
            )
            rows = [row for row in block.rows if row and row[0].strip()]
            for row in block.rows:
                if row not in rows:
                    result.unrecognized.append(
                        _("Table row without an initiative left out: %(row)s")
                        % {"row": " | ".join(row)}
                    )
            result.created_initiatives += replace_table_rows(table=table, rows=rows)
        else:
            RichText.objects.create(text=block.html, **placement)

    if parsed.sources:
        RichText.objects.create(
            parent=article,
            region="body",
            ordering=10 * (len(parsed.blocks) + 1),
            text=_sources_html(parsed.sources),
        )
    # Checks stored now so the release list shows at once what the import left for a human to
    # fix.
    body_saved(article=article)
    return result

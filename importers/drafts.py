"""Turn a ParsedRelease into a draft release in the database.

People, organizations and initiatives are matched to existing records by name (or
abbreviation) before anything new is created, so importing the same text twice adds no
duplicates. The result is always a draft: the release checks then show what still needs a
human (an unfilled placeholder, a missing summary) before it can be cleared.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html import escape

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.checks import refresh_release_checks
from articles.models import (
    Article,
    ArticleStatus,
    InitiativeTable,
    Organization,
    OrganizationKind,
    Person,
    Quote,
    RichText,
)
from articles.services import replace_table_rows, sync_mentions, unique_slug
from articles.translation import in_any_language

from .language import detect_language
from .structure import ParsedOrganization, ParsedPerson, ParsedRelease, QuoteBlock, TableBlock

# The headline is required; an import without one gets a placeholder the release checks flag.
MISSING_HEADLINE = "[insert headline]"
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
        if name:
            match |= in_any_language("name", name) | Q(abbreviation__iexact=name)
        if abbreviation:
            match |= Q(abbreviation__iexact=abbreviation)
        existing = Organization.objects.filter(match).first()
        if existing:
            return existing
        if not name:
            return None  # an abbreviation alone is too little to create an organization from
        organization = Organization.objects.create(
            name=name[:200],
            abbreviation=abbreviation[:40],
            slug=unique_slug(Organization, abbreviation or name),
            kind=OrganizationKind.OTHER,
        )
        self.result.created_organizations.append(organization)
        return organization

    def person(self, parsed: ParsedPerson) -> Person | None:
        if not parsed.family_name:
            return None
        existing = Person.objects.filter(
            given_name__iexact=parsed.given_name, family_name__iexact=parsed.family_name
        ).first()
        if existing:
            return existing
        person = Person.objects.create(
            service=parsed.service[:80],
            rank=parsed.rank[:80],
            given_name=parsed.given_name[:100],
            family_name=parsed.family_name[:100],
            title=parsed.title[:300],
            organization=self.organization(parsed.organization) if parsed.organization else None,
            slug=unique_slug(Person, f"{parsed.given_name} {parsed.family_name}"),
        )
        self.result.created_people.append(person)
        return person


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
        language=detect_language(parsed),
        headline=headline,
        slug=unique_slug(Article, headline, max_length=250),
        subheadline=parsed.subheadline[:300],
        dateline=parsed.dateline[:120],
        byline_text=parsed.byline_text[:200] if not parsed.byline_people else "",
        release_at=_release_at(parsed.release_date),
        created_by=created_by,
    )
    result = ImportResult(
        article=article,
        recognized=list(parsed.recognized),
        unrecognized=list(parsed.unrecognized),
    )
    matcher = _Matcher(result)

    article.byline_people.set(
        [person for person in map(matcher.person, parsed.byline_people) if person]
    )
    article.organizations.set(
        [org for org in map(matcher.organization, parsed.organizations) if org]
    )

    for position, block in enumerate(parsed.blocks, start=1):
        placement = {"parent": article, "region": "body", "ordering": 10 * position}
        if isinstance(block, QuoteBlock):
            speaker = matcher.person(block.speaker)
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
    sync_mentions(article=article)
    # Stored now so the release list shows at once what the import left for a human to fix.
    refresh_release_checks(article=article)
    return result

"""People named in the text (not only in quotes) as their records say they were on the
release date: “Sgt. Jane Doe” when she was a staff sergeant then is a mistake a reader notices.

Names are read with the importer's own parser, so what an import recognizes is what this
check compares. A unit written as an abbreviation right after the name (“Sgt. Jane Doe of the
612th ABS”) must be an organization Newsroom knows, or readers cannot look it up.
"""

import re

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Organization, Person
from importers.mentions import people_in

from ..registry import Flag, Severity, release_check

_UNIT_ABBREVIATION = re.compile(
    r"^\s*,?\s*(?:an?\s+[\w\s]{0,40}?\s+)?(?:with|of|from|at)\s+(?:the\s+)?"
    r"(?P<unit>(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][A-Z0-9-]{1,15})\b"
)


def _mentions(document):
    for line in document.prose_lines():
        for person, _start, end in people_in(line.text):
            if person.given_name:
                yield line, person, line.text[end : end + 120]


def _records(mentions):
    names = {(p.given_name.casefold(), p.family_name.casefold()) for _l, p, _r in mentions}
    if not names:
        return {}
    match = Q()
    for given, family in names:
        match |= Q(given_name__iexact=given, family_name__iexact=family)
    people = Person.objects.filter(match).prefetch_related("roles")
    return {(p.given_name.casefold(), p.family_name.casefold()): p for p in people}


def _known_unit(unit):
    return Organization.objects.filter(Q(abbreviation__iexact=unit) | Q(name__iexact=unit)).exists()


@release_check(
    "people-in-prose",
    severity=Severity.WARNING,
    title=gettext_lazy("Person named differently from their record"),
)
def people_named_unlike_their_record(document):
    release_date = timezone.localdate(document.release_at) if document.release_at else None
    mentions = list(_mentions(document))
    records = _records(mentions)
    reported, units = set(), {}
    for line, parsed, rest in mentions:
        person = records.get((parsed.given_name.casefold(), parsed.family_name.casefold()))
        if person is not None and parsed.rank and (person.pk, parsed.rank) not in reported:
            role = person.role_on(release_date) or person
            if role.rank and role.rank != parsed.rank:
                reported.add((person.pk, parsed.rank))
                yield Flag(
                    line.location,
                    _(
                        "The text calls %(name)s “%(written)s”, but on the release date their "
                        "record says “%(record)s”. Write “%(fix)s”, or if the record is wrong, "
                        "correct it on %(name)s's page."
                    )
                    % {
                        "name": person.full_name,
                        "written": f"{parsed.rank} {parsed.name}",
                        "record": role.rank,
                        "fix": f"{role.rank} {person.full_name}",
                    },
                    subject=f"person:{person.pk}",
                )
        m = _UNIT_ABBREVIATION.match(rest)
        if m and m.group("unit") not in units:
            unit = m.group("unit")
            units[unit] = _known_unit(unit)
            if not units[unit]:
                yield Flag(
                    line.location,
                    _(
                        "“%(unit)s” after %(name)s matches no organization. Spell the unit out, "
                        "or add it as an organization with that abbreviation."
                    )
                    % {"unit": unit, "name": parsed.name},
                    subject=f"unit:{unit}",
                )

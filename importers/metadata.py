"""Release metadata that sits outside the front matter: the spokesperson of a readout, the
author of a statement named in its headline, a wire reprint's "Story by" line at the end, the
issuing unit, photo captions and a suggested summary.
"""

from __future__ import annotations

import re
from html import unescape

from django.utils.translation import gettext as _

from .attribution import RANK_RE, parse_byline, parse_reference
from .frontmatter import byline_names
from .organizations import find_organizations
from .segments import Para, Report, Segment, snippet
from .sentences import first_sentence_end
from .structure import ParsedPerson, ParsedRelease

_READOUT_LINE = re.compile(r"^(?P<who>\S.{2,200}?)\s+provided the following readout\s*:?\s*$")
_STATEMENT_BY = re.compile(
    r"^(?:joint\s+)?(?:statement|remarks)\s+(?:by|from)\s+(?P<who>\S.+?)\s+"
    r"(?:on|at|regarding|about|following|in|to|for)\s+\S",
    re.IGNORECASE,
)
_DECLARATION_BY = re.compile(
    r"^declaraci[óo]n\s+(?:de|del)\s+(?P<who>\S.+?)\s+(?:sobre|ante|en|por|con)\s+\S",
    re.IGNORECASE,
)
_PUBLIC_AFFAIRS = re.compile(r"\s+Public Affairs(?:\s+Office)?$")
SUMMARY_LIMIT = 300


def spokesperson(phrase: str) -> ParsedPerson | None:
    """ "Chief Pentagon Spokesperson Col. Jane Doe": the person, the words before the rank as
    the title."""
    parsed = parse_reference(phrase)
    if parsed and parsed[0].given_name and not parsed[1]:
        return parsed[0]
    for m in RANK_RE.finditer(phrase):
        if not m.start() or phrase[m.start() - 1] != " ":
            continue
        parsed = parse_reference(phrase[m.start() :])
        if parsed and parsed[0].given_name and not parsed[1]:
            person = parsed[0]
            person.title = person.title or phrase[: m.start()].strip(" ,")
            return person
    return None


def organization_of_unit(text: str) -> str:
    """ "403rd Wing Public Affairs" → "403rd Wing": the organization a unit line names."""
    return _PUBLIC_AFFAIRS.sub("", text.strip(" *_"))


def is_unit_line(text: str) -> bool:
    """A line that is only an organization's name: "24th Marine Expeditionary Unit",
    "U.S. Embassy Panama", "403rd Wing Public Affairs"."""
    text = text.strip(" *_")
    if not text or len(text.split()) > 12 or text.endswith((".", ":", "?", "!")):
        return False
    name = organization_of_unit(text)
    return any(org.name == name for org in find_organizations(name))


def take_readout_line(body: list[Segment], release: ParsedRelease, report: Report) -> list:
    """ "<spokesperson> provided the following readout:" is who issued it, not body text."""
    for index, seg in enumerate(body[:3]):
        if not isinstance(seg, Para):
            continue
        m = _READOUT_LINE.match(" ".join(seg.text.split()))
        if not m:
            continue
        person = spokesperson(m.group("who"))
        if person and not release.byline_people:
            release.byline_people = [person]
            report.ok(
                _("Readout provided by %(who)s: taken as the byline") % {"who": person.display()}
            )
        else:
            report.problem(
                _("Readout line kept as text, no spokesperson recognized: '%(line)s'")
                % {"line": snippet(seg.text)}
            )
            return body
        return body[:index] + body[index + 1 :]
    return body


def byline_from_headline(release: ParsedRelease, report: Report) -> None:
    """ "Statement by Secretary of Defense Jane Doe on …": the statement's author."""
    if release.byline_people or release.byline_text:
        return
    m = _STATEMENT_BY.match(release.headline) or _DECLARATION_BY.match(release.headline)
    if not m:
        return
    person = spokesperson(m.group("who"))
    if person:
        release.byline_people = [person]
        report.guess(
            _("Byline %(who)s taken from the headline: check that the statement is theirs")
            % {"who": person.display()}
        )


def take_trailing_byline(body: list[Segment], release: ParsedRelease, report: Report) -> list:
    """A reprint's "Story by Sgt. Jane Doe, 1st Unit" at the end is its byline."""
    for index in range(len(body) - 1, max(len(body) - 3, -1), -1):
        seg = body[index]
        if not isinstance(seg, Para):
            continue
        names = byline_names(" ".join(seg.text.split()))
        if names is None:
            continue
        people = parse_byline(names)
        if not people:
            return body
        if not (release.byline_people or release.byline_text):
            release.byline_people = people
            report.ok(
                _("Byline from the last line: %(who)s")
                % {"who": "; ".join(p.display() for p in people)}
            )
        else:
            report.ok(_("Left out a second byline: '%(line)s'") % {"line": snippet(seg.text)})
        return body[:index] + body[index + 1 :]
    return body


def suggest_summary(release: ParsedRelease) -> str:
    """The lead's first sentence or two, up to ``SUMMARY_LIMIT`` characters."""
    for block in release.rich_text:
        m = re.search(r"<p>(.*?)</p>", block.html[:20000], re.DOTALL)
        if not m:
            continue
        # our own sanitized markup: its tags removed, its entities decoded
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", m.group(1)[:5000])).split())
        summary = ""
        while text and len(summary) < SUMMARY_LIMIT // 2:
            end = first_sentence_end(text)
            sentence, text = text[:end].strip(), text[end:].strip()
            if summary and len(summary) + len(sentence) + 1 > SUMMARY_LIMIT:
                break
            summary = f"{summary} {sentence}".strip()
        return summary[: SUMMARY_LIMIT + 200]
    return ""

"""An abbreviation must be spelled out at its first use: “Joint Security Cooperation Group–Panama
(JSCG-P)”, then “JSCG-P”.

Abbreviations are words of two or more capitals ("JSCG-P", "SENAFRONT", "MOUs") and the
abbreviations of known Organizations ("JTF-Isthmus"). One counts as spelled out from the line
where it appears in parentheses after its full name, is followed by its full name in
parentheses, or is introduced with "known as", "acronym" or "abbreviated". Runs of capitalized
words ("OUR PRIORITIES") are shouting, not abbreviations; Roman numerals and the
NEWSROOM_CHECKS_COMMON_ABBREVIATIONS setting are left alone, and so are aircraft and equipment
designators ("HH-60", "CH-47"). Only the body is read: headlines
and summaries stand alone in lists and feeds.
"""

import bisect
import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Organization

from ..registry import Flag, Severity, release_check

_CAPITALS = r"[A-Z][A-Z0-9&]*(?:-[A-Z0-9]+)*"
_GENERIC = re.compile(rf"(?<![\w.&’'-])({_CAPITALS})s?(?![\w&]|-[A-Za-z0-9])")
_SHOUTING = re.compile(r"\b[A-Z]{2,}(?:[\s,:]+[A-Z]{2,}\b)+")
# Aircraft, vessel and equipment designators ("HH-60", "CH-47", "WC-130J", "LCS-2") are names,
# not abbreviations to spell out.
_DESIGNATOR = re.compile(r"^[A-Z]{1,4}-\d{1,4}[A-Z]?$")
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_IN_PARENTHESES = re.compile(r"\(\s*([^()]{2,40}?)\s*\)")
# "the National Border Service, known by its Spanish acronym SENAFRONT"
_INTRODUCED = re.compile(
    rf"\b(?:known as|acronym|abbreviation|abbreviated as|abbreviated)\s+({_CAPITALS})\b"
)


class _Abbreviations:
    def __init__(self, organizations):
        self.names = dict(organizations)
        self.common = set(settings.NEWSROOM_CHECKS_COMMON_ABBREVIATIONS)
        known = sorted(self.names, key=len, reverse=True)
        self.known = (
            re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, known)) + r")s?(?![\w-])")
            if known
            else None
        )

    def is_abbreviation(self, word):
        if word in self.names:
            return True
        return (
            re.fullmatch(_CAPITALS, word) is not None
            and len(re.findall(r"[A-Z]", word)) >= 2
            and not _ROMAN.match(word)
            and not _DESIGNATOR.match(word)
            and word not in self.common
        )

    def uses(self, text):
        """(abbreviation, start, end) for each use in `text`, in order."""
        # The runs do not overlap and come in order: the one that could hold a position is the
        # last one starting at or before it (a binary search, not a scan of every run).
        shouting = [match.span() for match in _SHOUTING.finditer(text)]
        shouting_starts = [start for start, _end in shouting]
        found = {}
        for pattern in filter(None, (self.known, _GENERIC)):
            for match in pattern.finditer(text):
                word, start = match.group(1), match.start(1)
                if start in found or not self.is_abbreviation(word):
                    continue
                run = bisect.bisect_right(shouting_starts, start) - 1
                if word not in self.names and run >= 0 and start < shouting[run][1]:
                    continue
                found[start] = (word, start, match.end(1))
        return [found[start] for start in sorted(found)]

    def definitions(self, text):
        """{abbreviation: position} for “Full Name (ABBR)”, “ABBR (Full Name)” and “Full Name,
        known as ABBR” in `text`."""
        defined = {}
        for match in _INTRODUCED.finditer(text):
            if self.is_abbreviation(match.group(1)):
                defined.setdefault(match.group(1), match.start(1))
        for match in _IN_PARENTHESES.finditer(text):
            inside = match.group(1)
            end = _end_of_text_before(text, match.start())
            if self.is_abbreviation(inside) and end and _WORD_CHARACTER.match(text, end - 1, end):
                defined.setdefault(inside, match.start())
            elif len(inside.split()) >= 2:
                # Only the word right before the parenthesis can be the abbreviation.
                tail = text[max(0, end - _TAIL) : end]
                for word, start, word_end in self.uses(tail):
                    if word_end == len(tail):
                        defined.setdefault(word, start + end - len(tail))
        return defined


# How far before a parenthesis the abbreviation it spells out is looked for.
_TAIL = 60
_WORD_CHARACTER = re.compile(r"\w")


def _end_of_text_before(text, position):
    """Where the text before `position` ends once trailing spaces are left out.

    Walks back over the spaces only: slicing or searching everything before each parenthesis
    made the check quadratic (a 200,000-character paragraph took 14 seconds). The spaces walked
    over lie between two parentheses, so all the walks together read each character once.
    """
    while position and text[position - 1].isspace():
        position -= 1
    return position


@release_check(
    "abbreviation", severity=Severity.WARNING, title=gettext_lazy("Abbreviation not spelled out")
)
def abbreviations_before_spelled_out(document):
    abbreviations = _Abbreviations(
        Organization.objects.exclude(abbreviation="").values_list("abbreviation", "name")
    )
    spelled_out = {}  # abbreviation: location of its spelled-out form
    too_early = {}  # abbreviation: location of its first use before that
    for line in document.body_lines():
        definitions = abbreviations.definitions(line.text)
        for word, start, _end in abbreviations.uses(line.text):
            if word in spelled_out or word in too_early:
                continue
            if word in definitions and definitions[word] <= start:
                continue
            too_early[word] = line.location
        for word in definitions:
            spelled_out.setdefault(word, line.location)
    for word, location in too_early.items():
        if word in abbreviations.names:
            example = f"{abbreviations.names[word]} ({word})"
        else:
            example = _("the full name (%(abbreviation)s)") % {"abbreviation": word}
        if word in spelled_out:
            message = _(
                "“%(abbreviation)s” is used here before it is spelled out (%(where)s). Spell "
                "it out at its first use instead: “%(example)s”."
            ) % {"abbreviation": word, "where": spelled_out[word].label, "example": example}
        else:
            message = _(
                "“%(abbreviation)s” is never spelled out. At its first use, write "
                "“%(example)s”; use the abbreviation alone after that."
            ) % {"abbreviation": word, "example": example}
        yield Flag(location, message, subject=word)

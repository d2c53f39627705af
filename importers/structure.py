"""What a release looks like after import, before anything touches the database.

Plain dataclasses, no Django: the admin maps a ``ParsedRelease`` onto draft models, and the tests
can assert on it field by field.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class ParsedPerson:
    rank: str = ""  # AP style: "Sgt. 1st Class", "Senior Airman", "Secretary of Defense"
    service: str = ""  # "U.S. Army", "U.S. Marine Corps", "Panamanian"; "" if not written
    given_name: str = ""
    family_name: str = ""
    title: str = ""  # "senior instructor with the Jungle Operations Training Course"
    organization: str = ""  # "25th Infantry Division", "JSCG-P"; "" if not recognizable
    suffix: str = ""  # "Jr.", "III"

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name, self.suffix) if p)

    def display(self) -> str:
        """AP-style reference: "U.S. Army Sgt. 1st Class Travis Squiers"."""
        return " ".join(p for p in (self.service, self.rank, self.name) if p)


@dataclass
class RichTextBlock:
    # Only <p>, <h2>-<h4>, <ul>/<ol>/<li>, <strong>, <em> and <a href>: built escaped, then
    # passed through nh3 with exactly that allow-list.
    html: str


@dataclass
class QuoteBlock:
    text: str  # the quoted words without quote marks; fragments joined into sentences
    speaker: ParsedPerson
    context: str = ""  # "during the 2025 Central American Security Conference in Panama City"


@dataclass
class TableBlock:
    caption: str
    headings: list[str]
    rows: list[list[str]]  # every row has len(headings) cells


@dataclass
class Turn:
    """One speaker's turn in a transcript."""

    html: str  # the turn's paragraphs, as RichTextBlock.html
    role: str = "speaker"  # "speaker", "reporter" or "moderator"
    speaker: ParsedPerson | None = None  # None for a reporter or the moderator
    label: str = ""  # as printed: "SECRETARY OF DEFENSE JANE DOE"
    interpreted: bool = False  # "(through interpreter)"


@dataclass
class TranscriptBlock:
    turns: list[Turn]


@dataclass
class ParsedOrganization:
    name: str
    abbreviation: str = ""


Block = RichTextBlock | QuoteBlock | TableBlock | TranscriptBlock


@dataclass
class ParsedRelease:
    headline: str = ""
    subheadline: str = ""
    dateline: str = ""  # "PANAMA CITY, Panama", without the trailing dash
    byline_people: list[ParsedPerson] = field(default_factory=list)
    byline_text: str = ""  # "Courtesy Story", or the raw byline when no person was parsed
    release_date: datetime.date | None = None
    category: str = ""  # "News" from a "News | July 16, 2025" line
    kind: str = "press-release"  # an ArticleKind value
    language: str = ""  # "en", "es"; "" when not recognized
    issuing_unit: str = ""  # the unit or office a story is published by, "" if not stated
    blocks: list[Block] = field(default_factory=list)
    organizations: list[ParsedOrganization] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)  # courses, exercises, programs
    # people named with a rank or title in the running text, other than speakers and bylines
    mentioned: list[ParsedPerson] = field(default_factory=list)
    summary: str = ""  # suggested from the lead paragraph; the officer edits it
    photo_captions: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)  # what was guessed, with the alternative
    # footnote texts in footnote order; the [n] markers are removed from the running text
    sources: list[str] = field(default_factory=list)
    recognized: list[str] = field(default_factory=list)
    unrecognized: list[str] = field(default_factory=list)

    @property
    def quotes(self) -> list[QuoteBlock]:
        return [b for b in self.blocks if isinstance(b, QuoteBlock)]

    @property
    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]

    @property
    def transcripts(self) -> list[TranscriptBlock]:
        return [b for b in self.blocks if isinstance(b, TranscriptBlock)]

    @property
    def rich_text(self) -> list[RichTextBlock]:
        return [b for b in self.blocks if isinstance(b, RichTextBlock)]

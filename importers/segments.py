"""Format-neutral pieces every reader (text, HTML, docx) produces before assembly, and the report.

Readers only find structure (paragraphs, headings, lists, tables, inline bold/italic/links);
deciding what is a headline, a byline or a quote happens once, in ``assemble``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import ngettext


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Para:
    spans: list[Span]
    style: str = ""  # a reader's hint: "title", "subtitle", "caption", "quote"

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Heading:
    level: int  # 1 is the document title
    spans: list[Span]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class ListItem:
    spans: list[Span]
    children: ListSeg | None = None


@dataclass
class ListSeg:
    ordered: bool
    items: list[ListItem] = field(default_factory=list)


@dataclass
class TableSeg:
    caption: str
    headings: list[str]
    rows: list[list[str]]


Segment = Para | Heading | ListSeg | TableSeg


MAX_REPORT_LINES = 100  # nobody reads more; the rest is summed up in one line


@dataclass
class Report:
    """Report lines for the public-affairs officer, in the order things were found."""

    recognized: list[str] = field(default_factory=list)
    unrecognized: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)  # each with the alternative to check
    fragments_removed: int = 0
    spaces_repaired: int = 0
    markdown_budget: int = 200_000  # characters of Markdown inline syntax read per release
    _seen: set[str] = field(default_factory=set)
    _more: int = 0

    def ok(self, line: str) -> None:
        if line not in self._seen and len(self.recognized) < MAX_REPORT_LINES:
            self._seen.add(line)
            self.recognized.append(line)

    def guess(self, line: str) -> None:
        if line not in self._seen and len(self.guesses) < MAX_REPORT_LINES:
            self._seen.add(line)
            self.guesses.append(line)

    def problem(self, line: str) -> None:
        if line in self._seen:
            return
        self._seen.add(line)
        if len(self.unrecognized) < MAX_REPORT_LINES:
            self.unrecognized.append(line)
        else:
            self._more += 1

    def finish(self) -> None:
        if self._more:
            self.unrecognized.append(
                ngettext(
                    "…and %(count)d more problem like these",
                    "…and %(count)d more problems like these",
                    self._more,
                )
                % {"count": self._more}
            )
            self._more = 0


def snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""Segments from any reader into a ``ParsedRelease``: the decisions made once for all formats.

Order matters: clean the text, drop site chrome and repeats, lift footnotes into sources, read
the front matter (date line, headline, subheadline, byline, dateline), then walk the body,
turning attributed quotes into quote blocks and everything else into rich text and tables.
"""

from __future__ import annotations

import re
from dataclasses import replace

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .attribution import PeopleIndex, find_mentions, parse_byline
from .cleanup import (
    FOOTNOTE_MARK,
    collapse_spaces,
    footnote_definitions,
    repair_spacing,
    strip_fragments,
)
from .frontmatter import (
    byline_names,
    is_chrome,
    is_courtesy,
    is_shouting_navigation,
    looks_like_heading,
    looks_like_headline,
    looks_like_label,
    parse_date_line,
    split_dateline,
)
from .inline import map_text, plain, render, sanitize, slice_spans, strip_spans
from .organizations import find_organizations
from .quotes import scan_quotes
from .segments import (
    MAX_REPORT_LINES,
    Heading,
    ListItem,
    ListSeg,
    Para,
    Report,
    Segment,
    Span,
    TableSeg,
    snippet,
)
from .structure import ParsedPerson, ParsedRelease, QuoteBlock, RichTextBlock, TableBlock

PLACEHOLDER = re.compile(
    r"\[(?:insert|add|enter|tbd|tk|xx+|placeholder|name|date|title|quote|photo|link|fill)"
    r"[^\[\]\n]{0,60}\]|\b(?:TBD|TKTK|XXX+)\b",
    re.IGNORECASE,
)


# People and organizations are looked for in the first 200,000 characters: far more than any
# release, and it keeps a huge paste from costing seconds of pattern matching.
ANALYSIS_LIMIT = 200_000


def assemble(segments: list[Segment], report: Report, *, cleaned: bool = False) -> ParsedRelease:
    """``cleaned``: the reader already repaired fragments and spacing line by line."""
    release = ParsedRelease()
    if not cleaned:
        segments = _clean(segments, report)
    segments = _drop_chrome(segments, report)
    segments = _drop_repeats(segments, report)
    segments = _lift_sources(segments, release, report)
    start = _front_matter(segments, release, report)
    body = segments[start:]
    _dateline(body, release, report)

    all_text = "\n".join(_texts(segments))
    sample = all_text[:ANALYSIS_LIMIT]
    people = PeopleIndex()
    for person in find_mentions(sample):
        people.add(person)
    release.blocks = _body(body, people, report)
    release.organizations = find_organizations(sample)
    _summarize(release, all_text, report)
    report.finish()
    release.recognized, release.unrecognized = report.recognized, report.unrecognized
    return release


# --- cleaning ----------------------------------------------------------------------------------


def _clean_text(text: str, report: Report) -> str:
    text, _hints, removed = strip_fragments(text)
    text, repaired = repair_spacing(text)
    report.fragments_removed += removed
    report.spaces_repaired += repaired
    return text


def _clean_spans(spans: list[Span], report: Report) -> list[Span]:
    return strip_spans(map_text(spans, lambda t: _clean_text(t, report)))


def _clean(segments: list[Segment], report: Report) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if isinstance(seg, Para):
            spans = _clean_spans(seg.spans, report)
            if spans:
                out.append(Para(spans, seg.style))
        elif isinstance(seg, Heading):
            spans = _clean_spans(seg.spans, report)
            if spans:
                out.append(Heading(seg.level, spans))
        elif isinstance(seg, ListSeg):
            for item in _items(seg):
                item.spans = _clean_spans(item.spans, report)
            out.append(seg)
        elif isinstance(seg, TableSeg):
            out.append(
                TableSeg(
                    collapse_spaces(seg.caption),
                    [collapse_spaces(h) for h in seg.headings],
                    [[collapse_spaces(c) for c in row] for row in seg.rows],
                )
            )
    return out


def _items(lst: ListSeg) -> list[ListItem]:
    """Every item of a list and its sublists, iteratively."""
    out, stack = [], [lst]
    while stack:
        current = stack.pop()
        for item in current.items:
            out.append(item)
            if item.children is not None:
                stack.append(item.children)
    return out


def _drop_chrome(segments: list[Segment], report: Report) -> list[Segment]:
    out = []
    for seg in segments:
        if isinstance(seg, Para | Heading) and is_chrome(seg.text):
            report.ok(_("Dropped site text: '%(text)s'") % {"text": snippet(seg.text)})
            continue
        out.append(seg)
    while out and isinstance(out[-1], Para) and is_shouting_navigation(out[-1].text):
        report.ok(_("Dropped site text: '%(text)s'") % {"text": snippet(out[-1].text)})
        out.pop()
    return out


def _drop_repeats(segments: list[Segment], report: Report) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if (
            out
            and isinstance(seg, Para | Heading)
            and isinstance(out[-1], Para | Heading)
            and seg.text == out[-1].text
        ):
            report.ok(_("Dropped a repeated line: '%(text)s'") % {"text": snippet(seg.text)})
            continue
        out.append(seg)
    return out


def _lift_sources(segments: list[Segment], release: ParsedRelease, report: Report):
    """Footnote lines become ``release.sources``; markers [n] are taken out of the text."""
    definitions: dict[int, str] = {}
    kept: list[Segment] = []
    for seg in segments:
        found = footnote_definitions(seg.text) if isinstance(seg, Para) else None
        if found:
            for number, source in found:
                definitions.setdefault(number, source)
        else:
            kept.append(seg)
    markers: set[int] = set()

    def unmark(text: str) -> str:
        def drop(m: re.Match) -> str:
            markers.add(int(m.group(1) or m.group(2)))
            return ""

        return re.sub(r"\s?(?:" + FOOTNOTE_MARK.pattern + ")", drop, text)

    for seg in kept:
        if isinstance(seg, Para | Heading):
            seg.spans = strip_spans(map_text(seg.spans, unmark))
        elif isinstance(seg, ListSeg):
            for item in _items(seg):
                item.spans = strip_spans(map_text(item.spans, unmark))
    release.sources = [definitions[n] for n in sorted(definitions)]
    if definitions:
        report.ok(
            ngettext(
                "%(count)d source from footnotes, in footnote order; the [n] markers were taken "
                "out of the text",
                "%(count)d sources from footnotes, in footnote order; the [n] markers were taken "
                "out of the text",
                len(definitions),
            )
            % {"count": len(definitions)}
        )
    for number in sorted(markers - definitions.keys()):
        report.problem(
            _("Footnote [%(number)d] is used in the text but has no source line")
            % {"number": number}
        )
    return [s for s in kept if not (isinstance(s, Para | Heading) and not s.spans)]


# --- front matter ------------------------------------------------------------------------------


def _front_matter(segments: list[Segment], release: ParsedRelease, report: Report) -> int:
    """Read headline, subheadline, date line and byline; return where the body starts."""
    previous = ""
    index = 0
    while index < len(segments):
        seg = segments[index]
        if not isinstance(seg, Para | Heading):
            break
        text = collapse_spaces(seg.text)
        style = seg.style if isinstance(seg, Para) else "heading"
        dated = parse_date_line(text) if release.release_date is None else None
        names = byline_names(text)
        if dated:
            release.release_date, release.category = dated
            previous = "date"
        elif names is not None and not (release.byline_people or release.byline_text):
            release.byline_people = parse_byline(names)
            if not release.byline_people:
                release.byline_text = text
                report.problem(
                    _("Byline kept as written, no person recognized: '%(byline)s'")
                    % {"byline": text}
                )
            previous = "byline"
        elif is_courtesy(text) and not release.byline_text:
            release.byline_text = text
            previous = "byline"
        elif (found := split_dateline(text[:300])) and found[2] >= len(text.rstrip()):
            release.dateline = found[0]
            previous = "dateline"
        elif not release.headline:
            if isinstance(seg, Heading) or style == "title" or looks_like_headline(text):
                release.headline = text
                previous = "headline"
            else:
                break
        elif not release.subheadline and (
            style == "subtitle"
            or (previous == "headline" and looks_like_headline(text) and _is_dek(seg, text))
        ):
            release.subheadline = text
            previous = "subheadline"
        else:
            break
        index += 1
    return index


def _is_dek(seg: Segment, text: str) -> bool:
    if isinstance(seg, Heading):
        return seg.level >= 2
    return looks_like_heading(text) or all(s.italic for s in seg.spans)


def _dateline(body: list[Segment], release: ParsedRelease, report: Report) -> None:
    for seg in body[:1]:
        if not isinstance(seg, Para):
            return
        found = split_dateline(seg.text[:300])
        if found is None:
            return
        dateline, date, offset = found
        if not release.dateline:
            release.dateline = dateline
        if date and release.release_date is None:
            release.release_date = date
        seg.spans = strip_spans(slice_spans(seg.spans, offset, len(seg.text)))


# --- body --------------------------------------------------------------------------------------


def _body(body: list[Segment], people: PeopleIndex, report: Report) -> list:
    blocks: list = []
    html: list[str] = []

    def flush() -> None:
        if html:
            blocks.append(RichTextBlock(sanitize("".join(html))))
            html.clear()

    caption = ""
    for index, seg in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if isinstance(seg, TableSeg):
            flush()
            blocks.append(TableBlock(seg.caption or caption, seg.headings, seg.rows))
            caption = ""
            continue
        if caption:  # a label that was not followed by a table after all
            html.append(f"<p>{render([Span(caption)])}</p>")
            caption = ""
        if isinstance(seg, Para | Heading) and isinstance(following, TableSeg):
            text = collapse_spaces(seg.text)
            if not following.caption and (
                isinstance(seg, Heading) or seg.style == "caption" or looks_like_label(text)
            ):
                caption = text.rstrip(":").strip()
                continue
        if isinstance(seg, Heading):
            level = min(max(seg.level, 2), 4)
            html.append(f"<h{level}>{render(seg.spans)}</h{level}>")
        elif isinstance(seg, ListSeg):
            html.append(_render_list(seg))
        elif isinstance(seg, Para):
            text = seg.text
            if seg.style not in ("caption",) and looks_like_heading(text):
                html.append(f"<h2>{render(seg.spans)}</h2>")
                continue
            for piece in _quote_pieces(seg, people, report):
                if isinstance(piece, QuoteBlock):
                    flush()
                    blocks.append(piece)
                else:
                    html.append(f"<p>{render(piece)}</p>")
    if caption:
        html.append(f"<p>{render([Span(caption)])}</p>")
    flush()
    return blocks


def _quote_pieces(seg: Para, people: PeopleIndex, report: Report) -> list:
    """The paragraph as rich-text span lists and quote blocks, in reading order."""
    text = seg.text
    scan = scan_quotes(text)
    for quote, attribution in scan.unattributed:
        report.problem(
            _("Quote without an identifiable speaker, kept as text: “%(quote)s” (%(context)s)")
            % {"quote": snippet(quote), "context": snippet(attribution, 50)}
        )
    pieces: list = []
    position = 0
    for found in scan.quotes:
        if found.pronoun:
            speaker = people.last_speaker
            if speaker is None:
                report.problem(
                    _("Quote attributed only to “%(pronoun)s”, kept as text: “%(quote)s”")
                    % {"pronoun": found.pronoun, "quote": snippet(found.text)}
                )
                continue
        else:
            speaker = people.complete(found.speaker or ParsedPerson())
            people.add(speaker)
            if not speaker.given_name and not speaker.rank:
                report.problem(
                    _("Speaker named only as '%(name)s': add the full name and title to the person")
                    % {"name": speaker.family_name}
                )
        people.last_speaker = speaker
        before = strip_spans(slice_spans(seg.spans, position, found.start))
        if before:
            pieces.append(before)
        pieces.append(QuoteBlock(found.text, replace(speaker), found.context))
        position = found.end
    rest = strip_spans(slice_spans(seg.spans, position, len(text)))
    if rest:
        pieces.append(rest)
    return pieces


def _render_list(lst: ListSeg, depth: int = 0) -> str:
    tag = "ol" if lst.ordered else "ul"
    parts = [f"<{tag}>"]
    for item in lst.items:
        inner = render(item.spans)
        if item.children is not None and item.children.items and depth < 6:
            inner += _render_list(item.children, depth + 1)
        parts.append(f"<li>{inner}</li>")
    parts.append(f"</{tag}>")
    return "".join(parts)


# --- report ------------------------------------------------------------------------------------


def text_size(segments: list[Segment]) -> int:
    """Characters of text in `segments`: what the later stages and the checks will read."""
    return sum(len(text) for text in _texts(segments))


def _texts(segments: list[Segment]):
    for seg in segments:
        if isinstance(seg, Para | Heading):
            yield seg.text
        elif isinstance(seg, ListSeg):
            yield from (plain(item.spans) for item in _items(seg))
        elif isinstance(seg, TableSeg):
            yield seg.caption
            yield " | ".join(seg.headings)
            yield from (" | ".join(row) for row in seg.rows)


def _summarize(release: ParsedRelease, all_text: str, report: Report) -> None:
    lines = []
    if release.headline:
        lines.append(_("Headline: %(headline)s") % {"headline": release.headline})
    else:
        report.problem(_("No headline found: the first line should be the headline"))
    if release.subheadline:
        lines.append(_("Subheadline: %(subheadline)s") % {"subheadline": release.subheadline})
    if release.release_date:
        # the month's name in the officer's language
        date = dateformat.format(release.release_date, "F j, Y")
        lines.append(_("Date: %(date)s") % {"date": date})
    if release.category:
        lines.append(_("Category: %(category)s") % {"category": release.category})
    if release.dateline:
        lines.append(_("Dateline: %(dateline)s") % {"dateline": release.dateline})
    if release.byline_people:
        byline = "; ".join(p.display() for p in release.byline_people)
        lines.append(_("Byline: %(byline)s") % {"byline": byline})
    elif release.byline_text:
        lines.append(_("Byline: %(byline)s") % {"byline": release.byline_text})
    rich = "".join(b.html for b in release.rich_text)
    paragraphs = rich.count("<p>")
    headings = len(re.findall(r"<h[2-4]>", rich))
    lists = len(re.findall(r"<[uo]l>", rich))
    if paragraphs:
        lines.append(
            ngettext("%(count)d paragraph", "%(count)d paragraphs", paragraphs)
            % {"count": paragraphs}
        )
    if headings:
        lines.append(
            ngettext("%(count)d heading", "%(count)d headings", headings) % {"count": headings}
        )
    if lists:
        lines.append(ngettext("%(count)d list", "%(count)d lists", lists) % {"count": lists})
    if release.quotes:
        n = len(release.quotes)
        lines.append(
            ngettext("%(count)d quote with a speaker", "%(count)d quotes with speakers", n)
            % {"count": n}
        )
    for quote in release.quotes:
        lines.append(
            _("Quote by %(speaker)s: “%(quote)s”")
            % {"speaker": quote.speaker.display(), "quote": snippet(quote.text, 50)}
        )
    for table in release.tables:
        label = table.caption or " | ".join(table.headings)
        n = len(table.rows)
        lines.append(
            ngettext("Table '%(table)s': %(count)d row", "Table '%(table)s': %(count)d rows", n)
            % {"table": snippet(label), "count": n}
        )
        if not table.caption:
            report.problem(
                _("Table '%(table)s' has no caption: add one")
                % {"table": snippet(" | ".join(table.headings))}
            )
    if release.organizations:
        names = ", ".join(
            f"{o.name} ({o.abbreviation})" if o.abbreviation else o.name
            for o in release.organizations
        )
        lines.append(_("Organizations: %(names)s") % {"names": names})
    if report.fragments_removed:
        n = report.fragments_removed
        lines.append(
            ngettext(
                "Removed %(count)d stray HTML fragment", "Removed %(count)d stray HTML fragments", n
            )
            % {"count": n}
        )
    if report.spaces_repaired:
        n = report.spaces_repaired
        lines.append(
            ngettext(
                "Repaired %(count)d missing space after punctuation",
                "Repaired %(count)d missing spaces after punctuation",
                n,
            )
            % {"count": n}
        )
    report.recognized[:0] = lines
    del report.recognized[MAX_REPORT_LINES + len(lines) :]
    for placeholder in dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(all_text)):
        report.problem(
            _("Placeholder left in the text: %(placeholder)s") % {"placeholder": placeholder}
        )
    if not release.blocks:
        report.problem(_("No body text found after the headline"))

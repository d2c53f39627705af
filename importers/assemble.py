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

from .attribution import PeopleIndex, find_mentions, parse_byline, service_for_unit
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
from .headers import Header, read_header, split_kind_prefix
from .initiatives import find_initiatives
from .inline import map_text, plain, render, sanitize, slice_spans, strip_spans
from .kinds import KIND_LABELS, detect_kind, detect_language, language_name
from .mentions import find_people
from .metadata import (
    byline_from_headline,
    is_unit_line,
    suggest_summary,
    take_readout_line,
    take_trailing_byline,
)
from .organizations import find_organizations
from .quotes import scan_quotes
from .ranks import MILITARY_RANKS
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
from .structure import (
    ParsedPerson,
    ParsedRelease,
    QuoteBlock,
    RichTextBlock,
    TableBlock,
    TranscriptBlock,
    Turn,
)
from .transcripts import SPEAKER, turn_label, turn_speaker

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
    banners: list[str] = []
    start = _front_matter(segments, release, report, banners)
    body = segments[start:]
    _dateline(body, release, report)
    body = take_readout_line(body, release, report)
    body = take_trailing_byline(body, release, report)
    byline_from_headline(release, report)

    all_text = "\n".join(_texts(segments))
    sample = all_text[:ANALYSIS_LIMIT]
    body_text = "\n".join(_texts(body))[:ANALYSIS_LIMIT]
    people = PeopleIndex()
    for person in [*find_mentions(sample), *find_people(sample)]:
        people.add(person)
    release.blocks = _body(body, people, report)
    release.organizations = find_organizations(sample)
    release.initiatives = find_initiatives(body_text)
    release.mentioned = _mentioned(body_text, release)
    _infer_services(release, report)
    release.language = detect_language(body_text or all_text)
    release.kind, why = detect_kind(
        banner_kind=next((kind for kind in banners if kind), ""),
        headline=release.headline,
        body_text=body_text,
        turns=sum(len(t.turns) for t in release.transcripts),
        is_story=bool(release.byline_people or release.byline_text),
    )
    if why == "default":
        report.guess(
            _("Kind: %(kind)s, as nothing in the text names another kind; check it")
            % {"kind": KIND_LABELS[release.kind]}
        )
    else:
        report.ok(_("Kind: %(kind)s") % {"kind": KIND_LABELS[release.kind]})
    release.summary = suggest_summary(release)
    if release.summary:
        report.guess(
            _("Summary suggested from the first paragraph: '%(summary)s'; edit it")
            % {"summary": snippet(release.summary, 80)}
        )
    _summarize(release, all_text, report)
    report.finish()
    release.recognized, release.unrecognized = report.recognized, report.unrecognized
    release.guesses = report.guesses
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


def _front_matter(
    segments: list[Segment], release: ParsedRelease, report: Report, banners: list[str]
) -> int:
    """Read headline, subheadline, source header lines, date line, byline and issuing unit;
    return where the body starts."""
    previous = ""
    index = 0
    while index < len(segments):
        seg = segments[index]
        if not isinstance(seg, Para | Heading):
            break
        text = collapse_spaces(seg.text)
        style = seg.style if isinstance(seg, Para) else "heading"
        headers = read_header(text, before_headline=not release.headline)
        if headers and not (isinstance(seg, Heading) and not release.headline):
            for header in headers:
                _take_header(header, release, report, banners)
            index += 1
            continue
        dated = parse_date_line(text)
        names = byline_names(text)
        if dated:
            _take_date_line(text, dated, release, report)
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
        elif (
            not release.issuing_unit
            and (release.headline or _headline_follows(segments, index))
            and is_unit_line(text)
        ):
            release.issuing_unit = text.strip(" *_")
            report.ok(_("Issued by: %(unit)s") % {"unit": release.issuing_unit})
            previous = "unit"
        elif not release.headline:
            if isinstance(seg, Heading) or style == "title" or looks_like_headline(text):
                kind, release.headline = split_kind_prefix(text)
                if kind:
                    banners.append(kind)
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


def _headline_follows(segments: list[Segment], index: int) -> bool:
    """Whether a line after ``index`` can still be the headline (so this one is not it)."""
    for seg in segments[index + 1 : index + 4]:
        if isinstance(seg, Heading):
            return True
        if isinstance(seg, Para) and looks_like_headline(collapse_spaces(seg.text)):
            return True
    return False


def _take_date_line(text: str, dated, release: ParsedRelease, report: Report) -> None:
    if release.release_date is not None:
        report.ok(_("Left out a second date line: '%(text)s'") % {"text": snippet(text)})
        return
    release.release_date, category = dated
    # "U.S. Southern Command | July 30, 2026": the issuer, not a category
    if category and not release.issuing_unit and is_unit_line(category):
        release.issuing_unit = category
        report.ok(_("Issued by: %(unit)s") % {"unit": category})
    else:
        release.category = category


def _take_header(header: Header, release: ParsedRelease, report: Report, banners: list) -> None:
    """A source header line goes to the release's metadata, and the report says where."""
    line = {"text": snippet(header.text)}
    if header.what == "banner":
        banners.append(header.kind)
        report.ok(_("Banner line left out of the body: '%(text)s'") % line)
    elif header.what == "date":
        if header.date and release.release_date is None:
            release.release_date = header.date
            report.ok(_("Release date from the source's date line: '%(text)s'") % line)
        else:
            report.problem(_("Date line not used: '%(text)s'") % line)
    elif header.what == "caption":
        release.photo_captions.append(header.text)
        report.problem(
            _("Photo caption kept for the photo (attach the photo to use it): '%(text)s'") % line
        )
    elif header.what == "presenter":
        report.ok(_("Presenter line left out of the body: '%(text)s'") % line)
    elif header.what == "outlet":
        report.guess(
            _(
                "Took '%(text)s' for the publishing outlet's name and left it out; if it is the "
                "headline, copy it back"
            )
            % line
        )
    else:  # posted, id, place: the source's bookkeeping
        report.ok(_("Source header line left out of the body: '%(text)s'") % line)


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
    transcript = sum(1 for seg in body if isinstance(seg, Para) and turn_label(seg.text)) >= 2
    turn: Turn | None = None
    turn_html: list[str] = []

    def flush() -> None:
        if html:
            blocks.append(RichTextBlock(sanitize("".join(html))))
            html.clear()

    def close_turn() -> None:
        nonlocal turn
        if turn is not None:
            turn.html = sanitize("".join(turn_html))
            turn_html.clear()
            turn = None

    caption = ""
    for index, seg in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if isinstance(seg, TableSeg):
            flush()
            close_turn()
            blocks.append(TableBlock(seg.caption or caption, seg.headings, seg.rows))
            caption = ""
            continue
        if caption:  # a label that was not followed by a table after all
            html.append(f"<p>{render([Span(caption)])}</p>")
            caption = ""
        label = turn_label(seg.text) if transcript and isinstance(seg, Para) else None
        if label:
            flush()
            close_turn()
            turn = _open_turn(label, people)
            if not (blocks and isinstance(blocks[-1], TranscriptBlock)):
                blocks.append(TranscriptBlock([]))
            blocks[-1].turns.append(turn)
            rest = strip_spans(slice_spans(seg.spans, label.end(), len(seg.text)))
            if rest:
                turn_html.append(f"<p>{render(rest)}</p>")
            continue
        if turn is not None:
            turn_html.append(_plain_html(seg))
            continue
        if isinstance(seg, Para | Heading) and isinstance(following, TableSeg):
            text = collapse_spaces(seg.text)
            if not following.caption and (
                isinstance(seg, Heading)
                or seg.style == "caption"
                or looks_like_label(text)
                or _short_line(text)
            ):
                caption = text.rstrip(":").strip()
                continue
        if isinstance(seg, Heading | ListSeg):
            html.append(_plain_html(seg))
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
    close_turn()
    for block in blocks:
        if isinstance(block, TranscriptBlock):
            _report_turns(block, report)
    return blocks


def _short_line(text: str) -> bool:
    """ "Projects completed in 2026" right above a table: its caption."""
    return 0 < len(text.split()) <= 10 and not text.endswith((".", "!", "?", ";", ","))


def _plain_html(seg: Segment) -> str:
    if isinstance(seg, Heading):
        level = min(max(seg.level, 2), 4)
        return f"<h{level}>{render(seg.spans)}</h{level}>"
    if isinstance(seg, ListSeg):
        return _render_list(seg)
    return f"<p>{render(seg.spans)}</p>"


def _open_turn(label: re.Match, people: PeopleIndex) -> Turn:
    role, speaker = turn_speaker(label.group("label"), people)
    note = (label.group("note") or "").lower()
    return Turn(
        html="",
        role=role,
        speaker=replace(speaker) if speaker else None,
        label=label.group("label"),
        interpreted="interpret" in note or "intérprete" in note,
    )


def _report_turns(block: TranscriptBlock, report: Report) -> None:
    report.ok(
        ngettext(
            "Transcript: %(count)d speaker turn",
            "Transcript: %(count)d speaker turns",
            len(block.turns),
        )
        % {"count": len(block.turns)}
    )
    for turn in block.turns:
        if turn.role == SPEAKER and turn.speaker and not turn.speaker.given_name:
            report.problem(
                _(
                    "Transcript speaker '%(label)s' is not named in full anywhere in the release: "
                    "pick the person in the transcript block"
                )
                % {"label": turn.label}
            )


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


# --- people ------------------------------------------------------------------------------------


def _credited(release: ParsedRelease) -> list[ParsedPerson]:
    """Everyone the release credits: byline, quote speakers and transcript speakers."""
    turns = [t.speaker for block in release.transcripts for t in block.turns if t.speaker]
    return [*release.byline_people, *(q.speaker for q in release.quotes), *turns]


def _mentioned(body_text: str, release: ParsedRelease) -> list[ParsedPerson]:
    """People named with a rank or title in the body who are not already credited."""
    credited = {p.family_name.casefold() for p in _credited(release) if p.family_name}
    return [p for p in find_people(body_text) if p.family_name.casefold() not in credited]


def _infer_services(release: ParsedRelease, report: Report) -> None:
    """A military rank with no service, in a unit whose name says the service: a guess.

    Only for the people the release quotes, gives the floor or names; a byline is the
    writer's own, as they signed it."""
    turns = [t.speaker for block in release.transcripts for t in block.turns if t.speaker]
    for person in [*(q.speaker for q in release.quotes), *turns, *release.mentioned]:
        if person.service or person.rank not in MILITARY_RANKS or not person.organization:
            continue
        service = service_for_unit(person.organization)
        if service:
            person.service = service
            report.guess(
                _(
                    "Service of %(person)s taken from the unit %(unit)s: %(service)s (the text "
                    "does not say it)"
                )
                % {"person": person.name, "unit": person.organization, "service": service}
            )


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
    if release.mentioned:
        lines.append(
            _("People named in the text: %(names)s")
            % {"names": ", ".join(p.display() for p in release.mentioned)}
        )
    if release.initiatives:
        lines.append(
            _("Courses, exercises and programs: %(names)s")
            % {"names": ", ".join(release.initiatives)}
        )
    if release.organizations:
        names = ", ".join(
            f"{o.name} ({o.abbreviation})" if o.abbreviation else o.name
            for o in release.organizations
        )
        lines.append(_("Organizations: %(names)s") % {"names": names})
    if release.issuing_unit:
        lines.append(_("Issued by: %(unit)s") % {"unit": release.issuing_unit})
    if release.language:
        lines.append(_("Language: %(language)s") % {"language": language_name(release.language)})
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

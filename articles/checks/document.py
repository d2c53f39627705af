"""A read-only view of a release's text, loaded once so that no check queries the body itself.

Every piece of text a reader sees becomes a Line with a Location that an officer can find in the
admin: "Headline", "Summary, line 2", "Block 3 (rich text), line 2", "Block 5 (initiative table),
row 2". Blocks keep their model instance for the checks about structure (a quote's speaker, a
table's rows, an image's alternative text).
"""

import datetime
from dataclasses import dataclass, replace

from content_editor.contents import contents_for_item
from django.core.exceptions import ImproperlyConfigured
from django.db.models import prefetch_related_objects
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    Image,
    ImageBlock,
    InitiativeTable,
    Quote,
    RichText,
    Transcript,
    spoken_parts,
)

from .registry import Location
from .text import html_text, text_lines

# The release's own fields in the order the change form shows them.
FIELD_ORDER = ("headline", "subheadline", "summary", "dateline", "release_at", "hero_image")


@dataclass(frozen=True)
class Line:
    location: Location
    text: str
    # Running prose (paragraphs, quotes, the summary), as opposed to headings, captions and
    # table cells: the sentence checks and the reading grade look only at prose.
    prose: bool = False


@dataclass(frozen=True)
class Link:
    location: Location
    href: str
    text: str


@dataclass(frozen=True)
class Block:
    number: int
    kind: str
    label: str
    instance: object
    lines: tuple[Line, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def location(self):
        return Location(self.label, block=self.number, order=(self.number, 0, 0))

    def at(self, part, *, line=None, number=None):
        """The location of a part of this block: `at(_("caption"))`, `at(_("row"), number=2)`."""
        label = f"{self.label}, {part} {number}" if number is not None else f"{self.label}, {part}"
        return Location(label, block=self.number, line=line, order=(self.number, 0, number or 0))

    def at_lines(self, first, last):
        label = _("%(block)s, lines %(first)d–%(last)d") % {
            "block": self.label,
            "first": first,
            "last": last,
        }
        return Location(label, block=self.number, line=first, order=(self.number, 0, first))


@dataclass(frozen=True)
class ReleaseDocument:
    pk: int | None
    status: str
    slug: str
    headline: str
    subheadline: str
    summary: str
    dateline: str
    release_at: datetime.datetime | None
    hero_image: Image | None
    fields: tuple[Line, ...]
    blocks: tuple[Block, ...]
    # For a translation: the source's text when it was translated and as it is now (lines).
    source_then: tuple[str, ...] = ()
    source_now: tuple[str, ...] = ()

    def lines(self):
        """Every line of text in reading order: the fields, then each block's lines."""
        yield from self.fields
        for block in self.blocks:
            yield from block.lines

    def size(self):
        """Characters of text, everything the checks would read."""
        return sum(len(line.text) for line in self.lines())

    def body_lines(self):
        for block in self.blocks:
            yield from block.lines

    def prose_lines(self):
        return [line for line in self.lines() if line.prose]

    def runs(self, lines):
        """Group lines that follow each other in one block, such as the rows of a pasted
        table, so that one finding covers them: yields (location, [line, …])."""
        run = []
        for line in lines:
            here, last = line.location, run[-1].location if run else None
            if (
                last is not None
                and here.block is not None
                and here.block == last.block
                and here.line is not None
                and last.line == here.line - 1
            ):
                run.append(line)
                continue
            if run:
                yield self._run_location(run), run
            run = [line]
        if run:
            yield self._run_location(run), run

    def _run_location(self, run):
        first, last = run[0].location, run[-1].location
        if len(run) == 1:
            return first
        return self.blocks[first.block - 1].at_lines(first.line, last.line)

    def blocks_of(self, model):
        return [block for block in self.blocks if isinstance(block.instance, model)]

    @staticmethod
    def field_location(name, *, line=None, part=""):
        label = str(capfirst(Article._meta.get_field(name).verbose_name))
        if part:
            label = f"{label}, {part}"
        if line is not None:
            label = _("%(label)s, line %(line)d") % {"label": label, "line": line}
        return Location(label, field=name, line=line, order=(0, FIELD_ORDER.index(name), line or 0))


def _field_lines(name, text, *, prose=False):
    lines = text_lines(text)
    numbered = len(lines) > 1
    return [
        Line(
            ReleaseDocument.field_location(name, line=number if numbered else None),
            line,
            prose=prose,
        )
        for number, line in enumerate(lines, start=1)
    ]


def _image_lines(image, caption, locate):
    lines = []
    if image.alt_text.strip():
        lines.append(Line(locate(_("alternative text")), " ".join(image.alt_text.split())))
    lines.extend(Line(locate(_("caption")), line) for line in text_lines(caption or image.caption))
    return lines


def _rich_text(block, instance):
    lines, links = html_text(instance.text)
    line_label = _("line")
    return (
        [
            Line(block.at(line_label, line=number, number=number), text, prose=True)
            for number, text in enumerate(lines, start=1)
        ],
        [
            Link(block.at(line_label, line=link.line, number=link.line), link.href, link.text)
            for link in links
        ],
    )


def _quote(block, instance):
    words = text_lines(instance.text)
    numbered = len(words) > 1
    lines = [
        Line(
            block.at(_("words, line"), line=number, number=number)
            if numbered
            else block.at(_("words")),
            text,
            prose=True,
        )
        for number, text in enumerate(words, start=1)
    ]
    lines.extend(Line(block.at(_("context")), text) for text in text_lines(instance.context))
    return lines, []


def _initiative_table(block, instance):
    lines = [Line(block.at(_("caption")), text) for text in text_lines(instance.caption)]
    if instance.headings:
        lines.append(Line(block.at(_("column headings")), " | ".join(instance.headings)))
    lines.extend(
        Line(block.at(_("row"), number=number), " | ".join([row.initiative.name, *row.cells]))
        for number, row in enumerate(instance.rows.all(), start=1)
    )
    return lines, []


def _transcript(block, instance):
    lines = []
    for number, turn in enumerate(instance.turns.all(), start=1):
        label = _("turn %(number)d") % {"number": number}
        words, _links = html_text(turn.text)
        lines.extend(Line(block.at(label, number=number), text, prose=True) for text in words)
    return lines, []


def _image_block(block, instance):
    return _image_lines(instance.image, instance.caption, block.at), []


_BLOCK_TEXT = {
    RichText: _rich_text,
    Quote: _quote,
    InitiativeTable: _initiative_table,
    ImageBlock: _image_block,
    Transcript: _transcript,
}


def _block(number, instance):
    model = type(instance)
    if model not in _BLOCK_TEXT:
        raise ImproperlyConfigured(
            f"The release checks cannot read {model.__name__} blocks: add it to _BLOCK_TEXT."
        )
    label = _("Block %(number)d (%(kind)s)") % {
        "number": number,
        "kind": model._meta.verbose_name,
    }
    block = Block(number=number, kind=model._meta.model_name, label=label, instance=instance)
    lines, links = _BLOCK_TEXT[model](block, instance)
    return replace(block, lines=tuple(lines), links=tuple(links))


def load_release_document(article):
    """Read `article` and its body once (one query per block type) into a ReleaseDocument."""
    blocks = ()
    if article.pk is not None:
        contents = contents_for_item(article, BODY_BLOCK_MODELS)
        # The rank check looks up each speaker's role on the (possibly just edited) release
        # date: their earlier roles, for all speakers at once.
        speakers = [part.speaker for part in spoken_parts(contents)]
        prefetch_related_objects(speakers, "roles")
        blocks = tuple(_block(number, item) for number, item in enumerate(contents, start=1))
    hero = article.hero_image
    fields = [
        *_field_lines("headline", article.headline),
        *_field_lines("subheadline", article.subheadline),
        *_field_lines("summary", article.summary, prose=True),
        *_field_lines("dateline", article.dateline),
    ]
    if hero is not None:
        fields.extend(
            _image_lines(
                hero, "", lambda part: ReleaseDocument.field_location("hero_image", part=part)
            )
        )
    source_then = source_now = ()
    if article.translation_source_id is not None:
        from articles.translations import source_lines

        source_then = tuple(article.source_text)
        source_now = tuple(source_lines(article.translation_source))
    return ReleaseDocument(
        source_then=source_then,
        source_now=source_now,
        pk=article.pk,
        status=article.status,
        slug=article.slug,
        headline=article.headline,
        subheadline=article.subheadline,
        summary=article.summary,
        dateline=article.dateline,
        release_at=article.release_at,
        hero_image=hero,
        fields=tuple(fields),
        blocks=blocks,
    )

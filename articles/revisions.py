"""Revisions of releases, and comparing two versions of one.

django-reversion stores every save of a release together with its body blocks, their table
rows and its tags (the `follow` lists below). A new block type that owns child rows must add
them to FOLLOW. To compare, a release — as saved, as posted in a form, or as kept in a
revision — becomes a Snapshot: lines of plain text a person can read side by side.
"""

import difflib
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser

import reversion
from django.db.models import ManyToManyField, Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from .models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleKind,
    Image,
    ImageBlock,
    Initiative,
    InitiativeTable,
    InitiativeTableRow,
    Person,
    Quote,
    RichText,
    Transcript,
    TranscriptTurn,
)

FOLLOW = {InitiativeTable: ["rows"], Transcript: ["turns"]}


def body_relations():
    """The reverse accessors from a release to each block type (articles_richtext_set, …)."""
    return [
        model._meta.get_field("parent").remote_field.get_accessor_name()
        for model in BODY_BLOCK_MODELS
    ]


def revision_prefetches():
    """Lookups for prefetch_related_objects() that let a revision of a release be saved in a
    fixed number of queries: django-reversion otherwise reads each table's rows, each tag and
    each photo and each tag (for their labels) one by one, and every many-to-many field with a
    cursor of its own."""
    blocks = [
        Prefetch(accessor, queryset=model.get_queryset())
        for accessor, model in zip(body_relations(), BODY_BLOCK_MODELS, strict=True)
    ]
    linked = [
        field.name
        for field in Article._meta.many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    # A tag's label names the release it is on (TaggedItem.__str__).
    tagged = TaggedItem.objects.select_related("tag").prefetch_related("content_object")
    return [*blocks, Prefetch("tagged_items", tagged), *linked]


def register_models():
    reversion.register(Article, follow=[*body_relations(), "tagged_items"])
    for model in BODY_BLOCK_MODELS:
        reversion.register(model, follow=FOLLOW.get(model, ()))
    reversion.register(InitiativeTableRow)
    reversion.register(TranscriptTurn)
    reversion.register(TaggedItem)


def revisions_of(article):
    """Every revision of `article`, newest first, with who made it."""
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    return [version.revision for version in versions]


def ensure_baseline_revision(article):
    """Keep the stored state of a release that has no revision yet (made by an import or a
    script) before its first change, so that change can be compared and undone."""
    if Version.objects.get_for_object(article).exists():
        return
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment(_("As stored before the first recorded change."))


def revision_at_version(article, edit_version):
    """The revision that stored `article` at `edit_version` (the latest one at or before it),
    or None when no revision is that old."""
    for version in Version.objects.get_for_object(article).select_related("revision"):
        if version.field_dict.get("edit_version", 0) <= edit_version:
            return version.revision
    return None


def changes_since_version(article, edit_version):
    """What changed in `article` since a page showed it at `edit_version`, as diff lines
    (− as shown, + as stored now); None when that version is no longer kept."""
    revision = revision_at_version(article, edit_version)
    if revision is None:
        return None
    return diff(snapshot_of_revision(revision).lines, snapshot_of_article(article).lines)


def revision_of(article, revision_id):
    """The revision `revision_id` if it is one of `article`'s, else None."""
    version = (
        Version.objects.get_for_object(article)
        .filter(revision_id=revision_id)
        .select_related("revision__user")
        .first()
    )
    return version.revision if version else None


def first_revision_since(article, moment):
    """The first revision of `article` made at or after `moment`, or None. After a workflow
    record (a clearance), that is the revision its step saved: the release as it was then."""
    version = (
        Version.objects.get_for_object(article)
        .filter(revision__date_created__gte=moment)
        .select_related("revision")
        .order_by("revision__date_created", "pk")
        .first()
    )
    return version.revision if version else None


def text_authors_since(article, since=None):
    """The users whose saves changed the headline, subheadline, summary or body of `article`
    (after `since`, a datetime, when given), read from its revisions.

    Compares the stored field values of each revision with the one before, in two queries
    whatever the number of revisions, so the admin can ask on every page.
    """
    versions = (
        Version.objects.filter(
            revision__in=Version.objects.get_for_object(article).values("revision")
        )
        .select_related("revision", "content_type")
        .order_by("revision__date_created", "revision_id")
    )
    texts, users, times = defaultdict(list), {}, {}
    for version in versions:
        model = version.content_type.model_class()
        revision = version.revision
        users[revision.pk], times[revision.pk] = revision.user_id, revision.date_created
        texts[revision.pk].append(_text_fields(model, version.field_dict))
    authors, before = set(), None
    for revision_id, parts in texts.items():
        text = sorted(part for part in parts if part is not None)
        changed = text != before
        before = text
        if changed and (since is None or times[revision_id] > since) and users[revision_id]:
            authors.add(users[revision_id])
    return authors


TEXT_FIELDS = {Article: ("headline", "subheadline", "summary")}


def _text_fields(model, fields):
    """The part of one stored object that is the release's text, comparable across revisions;
    None for objects that carry no text (tags)."""
    if model is Article:
        return repr([fields.get(name) for name in TEXT_FIELDS[Article]])
    if model in BODY_BLOCK_MODELS and fields.get("region") == "body":
        kept = {name: value for name, value in fields.items() if name not in ("id", "parent")}
        return repr((model.__name__, sorted(kept.items())))
    if model is InitiativeTableRow:
        return repr(
            (
                "row",
                fields.get("table"),
                fields.get("position"),
                fields.get("initiative"),
                fields.get("cells"),
            )
        )
    return None


# --- Plain text ----------------------------------------------------------------------------


class _TextLines(HTMLParser):
    """Rich text as the lines a reader sees; link targets are kept so a changed link shows."""

    BREAKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "blockquote", "tr", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = [""]
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.lines.append("")
        if tag == "li":
            self.lines[-1] += "• "
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.lines[-1] += f" <{href}>"
        if tag in self.BREAKS:
            self.lines.append("")

    def handle_data(self, data):
        self.lines[-1] += data


def text_lines(html):
    parser = _TextLines()
    parser.feed(html or "")
    parser.close()
    return [" ".join(line.split()) for line in parser.lines if line.strip()]


# --- Snapshots -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """A release as lines: `text` is what readers read, `details` the rest of its fields."""

    heading: tuple
    details: tuple
    body: tuple
    # Release time and tags: shown, but outside what a clearance signs (the authority sets the
    # time when publishing; tags only file the release).
    unsigned: tuple = ()

    @property
    def lines(self):
        return [*self.heading, *self.details, *self.unsigned, *self.body]

    @property
    def text(self):
        """Headline, subheadline, summary and body: a change here is a change of the release."""
        return [*self.heading, *self.body]

    @property
    def digest(self):
        """What a clearance signs: text, kind, dateline, byline and hero photo (SHA-256)."""
        signed = "\n".join([*self.heading, *self.details, *self.body])
        return hashlib.sha256(signed.encode()).hexdigest()


def _block_lines(block, name_of, rows_of):
    """`name_of(block, field)` names a related object; `rows_of(block)` gives a table's rows
    or a transcript's turns as [who, words]."""
    if isinstance(block, RichText):
        return [f"[{_('Text')}]", *text_lines(block.text)]
    if isinstance(block, Quote):
        lines = [f"[{_('Quote')}: {name_of(block, 'speaker')}]", f"“{block.text}”"]
        return lines + ([f"({block.context})"] if block.context else [])
    if isinstance(block, InitiativeTable):
        return [
            f"[{_('Table')}: {block.caption}]",
            " | ".join(block.headings),
            *(" | ".join(row) for row in rows_of(block)),
        ]
    if isinstance(block, Transcript):
        return [
            f"[{_('Transcript')}]",
            *(f"{who}: {line}" for who, words in rows_of(block) for line in text_lines(words)),
        ]
    if isinstance(block, ImageBlock):
        lines = [f"[{_('Image')}: {name_of(block, 'image')}]"]
        return lines + ([block.caption] if block.caption else [])
    return [f"[{block._meta.verbose_name}]", str(block)]


def _snapshot(article, *, authors, tags, blocks, name_of, rows_of):
    heading = [f"{_('Headline')}: {article.headline}"]
    if article.subheadline:
        heading.append(f"{_('Subheadline')}: {article.subheadline}")
    heading.append(f"{_('Summary')}: {article.summary}")
    release = (
        formats.date_format(timezone.localtime(article.release_at), "DATETIME_FORMAT")
        if article.release_at
        else "—"
    )
    byline = ", ".join(str(author) for author in authors) or article.byline_text
    details = [
        f"{_('Kind')}: {ArticleKind(article.kind).label}",
        f"{_('Dateline')}: {article.dateline}",
        f"{_('Byline')}: {byline}",
        f"{_('Hero photo')}: {name_of(article, 'hero_image') if article.hero_image_id else '—'}",
    ]
    unsigned = [
        f"{_('Release date and time')}: {release}",
        f"{_('Tags')}: {', '.join(sorted(tags, key=str.lower))}",
    ]
    body = []
    for block in sorted(blocks, key=lambda block: block.ordering):
        body.extend(_block_lines(block, name_of, rows_of))
    return Snapshot(tuple(heading), tuple(details), tuple(body), tuple(unsigned))


def _related_name(obj, field):
    return str(getattr(obj, field))


def _stored_rows(block):
    if isinstance(block, Transcript):
        return [[str(turn.heading), turn.text] for turn in block.turns.all()]
    return [[row.initiative.name, *row.cells] for row in block.rows.all()]


def snapshot_of_article(article):
    """The release as stored now."""
    blocks = [
        block
        for model in BODY_BLOCK_MODELS
        for block in model.get_queryset().filter(parent=article, region="body")
    ]
    return _snapshot(
        article,
        authors=article.byline_people.all(),
        tags=article.tags.names(),
        blocks=blocks,
        name_of=_related_name,
        rows_of=_stored_rows,
    )


def snapshot_of_forms(article, cleaned_data, formsets):
    """The release as posted in the admin: `article` holds the posted fields, `cleaned_data`
    the form's valid values (authors, tags), `formsets` the body; deleted blocks left out."""
    blocks, posted_rows = [], {}
    for formset in formsets:
        for block_form in formset.forms:
            if "DELETE" in block_form.fields and block_form["DELETE"].value():
                continue
            if block_form.instance.pk is None and not block_form.has_changed():
                continue
            blocks.append(block_form.instance)
            rows = getattr(block_form, "cleaned_data", {}).get("rows")
            if rows is not None:
                posted_rows[id(block_form.instance)] = rows

    def rows_of(table):
        if id(table) in posted_rows:
            return posted_rows[id(table)]
        return _stored_rows(table) if table.pk else []

    return _snapshot(
        article,
        authors=cleaned_data.get("byline_people", []),
        tags=cleaned_data.get("tags", []),
        blocks=blocks,
        name_of=_related_name,
        rows_of=rows_of,
    )


def _instance(model, field_dict):
    concrete = {
        name: value
        for name, value in field_dict.items()
        if not isinstance(model._meta.get_field(name.removesuffix("_id")), ManyToManyField)
    }
    return model(**concrete)


def snapshot_of_revision(revision):
    """The release as kept in `revision`; people, photos or initiatives deleted since show so."""
    kept = defaultdict(list)
    for version in revision.version_set.select_related("content_type"):
        kept[version.content_type.model_class()].append(version.field_dict)
    (article_fields,) = kept[Article]
    article = _instance(Article, article_fields)
    blocks = [_instance(model, fields) for model in BODY_BLOCK_MODELS for fields in kept[model]]
    rows = [_instance(InitiativeTableRow, fields) for fields in kept[InitiativeTableRow]]
    turns = [_instance(TranscriptTurn, fields) for fields in kept[TranscriptTurn]]
    tag_ids = [fields["tag_id"] for fields in kept[TaggedItem] if fields["object_id"] == article.pk]
    images = Image.objects.in_bulk(
        {b.image_id for b in blocks if isinstance(b, ImageBlock)} | {article.hero_image_id}
    )
    related = {
        "speaker": Person.objects.in_bulk(
            {b.speaker_id for b in blocks if isinstance(b, Quote)}
            | {turn.speaker_id for turn in turns if turn.speaker_id}
        ),
        "image": images,
        "hero_image": images,
    }
    initiatives = Initiative.objects.in_bulk({row.initiative_id for row in rows})
    rows_by_block = defaultdict(list)
    for row in sorted(rows, key=lambda row: row.position):
        initiative = initiatives.get(row.initiative_id)
        rows_by_block[(InitiativeTable, row.table_id)].append(
            [initiative.name if initiative else _("(deleted initiative)"), *row.cells]
        )

    def name_of(obj, field):
        found = related[field].get(getattr(obj, f"{field}_id"))
        return str(found) if found else _("(deleted)")

    for turn in sorted(turns, key=lambda turn: turn.position):
        who = name_of(turn, "speaker") if turn.speaker_id else turn.label or turn.get_role_display()
        rows_by_block[(Transcript, turn.transcript_id)].append([who, turn.text])

    return _snapshot(
        article,
        authors=Person.objects.filter(pk__in=article_fields.get("byline_people", [])),
        tags=list(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True)),
        blocks=[block for block in blocks if block.region == "body"],
        name_of=name_of,
        rows_of=lambda block: rows_by_block[(type(block), block.pk)],
    )


# --- Differences ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "removed", "added", or "gap" for unchanged lines left out
    text: str


def diff(old_lines, new_lines, *, context=2):
    """The changed lines between two snapshots' lines, with `context` unchanged lines around;
    empty when nothing changed."""
    if list(old_lines) == list(new_lines):
        return []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    result, shown_until = [], 0
    for group in matcher.get_grouped_opcodes(context):
        if group[0][1] > shown_until:
            result.append(DiffLine("gap", ""))
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                result.extend(DiffLine("same", line) for line in old_lines[old_start:old_end])
                continue
            result.extend(DiffLine("removed", line) for line in old_lines[old_start:old_end])
            result.extend(DiffLine("added", line) for line in new_lines[new_start:new_end])
        shown_until = group[-1][2]
    if shown_until < len(old_lines):
        result.append(DiffLine("gap", ""))
    return result

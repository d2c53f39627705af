"""Language versions of a release: making a translation, keeping it in step with its source.

Each version is its own Article (its own body, checks, revisions, workflow and clearance); the
versions of one release share a translation group. A translation remembers the source's text as
it was translated (`source_text`), so a later change of the source shows as a diff in the
translation's release checks until a translator brings it in step.
"""

import datetime
from collections import defaultdict
from itertools import zip_longest

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleStatus,
    Correction,
    ImageBlock,
    InitiativeTable,
    InitiativeTableRow,
    Quote,
    RichText,
)
from articles.revisions import snapshot_of_article, text_lines
from newsroom.compiled_reads import CompiledRead

# Fields a translation starts from (the translator replaces the words, the rest stays).
COPIED_FIELDS = (
    "kind",
    "headline",
    "subheadline",
    "summary",
    "dateline",
    "byline_text",
    "release_at",
    "is_featured",
    "hero_image",
)
COPIED_RELATIONS = (
    "byline_people",
    "organizations",
    "people",
    "initiatives",
    "media_contacts",
)
BLOCK_FIELDS = {
    RichText: ("text",),
    Quote: ("speaker", "text", "context"),
    InitiativeTable: ("caption", "headings"),
    ImageBlock: ("image", "caption"),
}


def language_name(code):
    return translation.get_language_info(code)["name_translated"]


def other_languages(article):
    """The languages `article` has no version in yet."""
    taken = set(Article.objects.versions_of(article).values_list("language", flat=True))
    return [
        code for code, _name in settings.LANGUAGES if code != article.language and code not in taken
    ]


def source_lines(source):
    """The source's headline, summary and body as comparable lines, labelled in its language."""
    with translation.override(source.language):
        return list(snapshot_of_article(source).text)


def body_blocks(article):
    """The body blocks of `article` in reading order (one query per block type)."""
    blocks = [
        block
        for model in BLOCK_FIELDS
        for block in model.get_queryset().filter(parent=article, region="body")
    ]
    return sorted(blocks, key=lambda block: block.ordering)


def _unique_slug(base):
    slug, number = base[:240], 2
    while Article.objects.filter(slug=slug).exists():
        slug = f"{base[:235]}-{number}"
        number += 1
    return slug


@transaction.atomic
def translate(*, article, user, language):
    """A new draft of `article` in `language`, with the same structure: quotes keep their
    speakers, tables their initiatives and rows, images their photos; its text starts as the
    source's, which the translator replaces block by block."""
    if language not in other_languages(article):
        raise ValidationError(
            _("This release already has a version in %(language)s.")
            % {"language": language_name(language)}
        )
    draft = Article(
        **{field: getattr(article, field) for field in COPIED_FIELDS},
        language=language,
        translation_group=article.translation_group,
        translation_source=article,
        source_text=source_lines(article),
        source_synced_at=timezone.now(),
        slug=_unique_slug(f"{article.slug}-{language}"),
        status=ArticleStatus.DRAFT,
        created_by=user,
    )
    draft.full_clean(exclude=["slug"])
    draft.save()
    for relation in COPIED_RELATIONS:
        getattr(draft, relation).set(getattr(article, relation).all())
    draft.tags.set(list(article.tags.all()))
    for block in body_blocks(article):
        model = type(block)
        copy = model.objects.create(
            parent=draft,
            region=block.region,
            ordering=block.ordering,
            source_block=block,
            **{field: getattr(block, field) for field in BLOCK_FIELDS[model]},
        )
        if model is InitiativeTable:
            InitiativeTableRow.objects.bulk_create(
                InitiativeTableRow(
                    table=copy, initiative=row.initiative, cells=row.cells, position=row.position
                )
                for row in block.rows.all()
            )
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Translation of “%(headline)s” started.") % {"headline": article.headline}
        )
        reversion.add_to_revision(draft)
    return draft


# How far apart two versions of one release may be dated to be offered as a pair.
LINK_WINDOW = datetime.timedelta(days=3)


def link_candidates(article, *, limit=3):
    """Releases in another language that may be this one's other version (an imported Spanish
    text of an English release): no version in this language yet and dated near it; those
    naming the same people or organizations first, then the newest."""
    if Article.objects.versions_of(article).exists():
        return Article.objects.none()
    day = article.release_at or article.created_at or timezone.now()
    shared = Count("people", filter=Q(people__in=article.people.all()), distinct=True) + Count(
        "organizations", filter=Q(organizations__in=article.organizations.all()), distinct=True
    )
    return (
        Article.objects.exclude(language=article.language)
        .exclude(
            translation_group__in=Article.objects.filter(language=article.language).values(
                "translation_group"
            )
        )
        .filter(release_at__range=(day - LINK_WINDOW, day + LINK_WINDOW))
        .annotate(shared=shared)
        .order_by("-shared", "-release_at")[:limit]
    )


@transaction.atomic
def link_versions(*, article, source):
    """Make `article` the version of `source`'s release in its language (both exist already,
    e.g. each imported on its own), translated from `source` as it is now."""
    if article.language == source.language:
        raise ValidationError(_("Both releases are in the same language."))
    if (
        source.translation_group != article.translation_group
        and Article.objects.filter(
            translation_group=source.translation_group, language=article.language
        ).exists()
    ):
        raise ValidationError(
            _("That release already has a version in %(language)s.")
            % {"language": language_name(article.language)}
        )
    article.translation_group = source.translation_group
    article.translation_source = source
    article.source_text = source_lines(source)
    article.source_synced_at = timezone.now()
    article.save(
        update_fields=["translation_group", "translation_source", "source_text", "source_synced_at"]
    )
    pair_blocks_by_place(article=article, source=source)
    return article


def pair_blocks_by_place(*, article, source):
    """Give each of `article`'s blocks the block of `source` at the same place as its source.
    Two versions written apart can only be paired by place, once: from then on each block keeps
    its source wherever the translator moves it."""
    paired = defaultdict(list)
    for source_block, block in paired_by_place(body_blocks(source), body_blocks(article)):
        if block is not None and type(block) is type(source_block):
            block.source_block = source_block
            paired[type(block)].append(block)
    for model, blocks in paired.items():  # one statement per block type
        model.objects.bulk_update(blocks, ["source_block"])


def bring_in_step(*, article):
    """Record that the translation now reflects the source as it is: the out-of-step warning
    and the pending-correction notice go away until the source changes again."""
    source = article.translation_source
    if source is None:
        raise ValidationError(_("This release is not a translation."))
    article.source_text = source_lines(source)
    article.source_synced_at = timezone.now()
    article.save(update_fields=["source_text", "source_synced_at"])
    return article


# Read on every render of a translation: compiled once (newsroom.compiled_reads).
_CORRECTIONS_SINCE = CompiledRead(
    Correction,
    lambda source, since: Correction.objects.filter(
        article_id=source, created_at__gt=since
    ).select_related("article"),
)


def pending_corrections_reads(article):
    """The read of the corrections of the source published after the translation was last
    brought in step, for newsroom.compiled_reads.read_together() (which gives them as a list);
    no read when the article is not a translation or was never brought in step."""
    if article.translation_source_id is None or article.source_synced_at is None:
        return []
    return [_CORRECTIONS_SINCE.bind(article.translation_source_id, article.source_synced_at)]


def paired_by_place(source_blocks, translated_blocks):
    """(source block, translated block) at the same place in two lists; None where one is
    shorter."""
    return list(zip_longest(source_blocks, translated_blocks))


def paired_by_source(source_blocks, translated_blocks):
    """(source block, translated block) in the translation's order, each with the source block
    it was copied from (None for a block added in the translation), then the source blocks no
    longer in the translation, paired with None."""
    by_identity = {(type(block), block.pk): block for block in source_blocks}
    pairs = [
        (by_identity.pop((type(block), block.source_block_id), None), block)
        for block in translated_blocks
    ]
    left_out = [block for block in source_blocks if (type(block), block.pk) in by_identity]
    return pairs + [(block, None) for block in left_out]


def side_by_side(source, translated):
    """Rows of (label, source lines, translation lines): the release's fields, then each block
    of the translation beside the source block it translates, then the source's blocks it
    lacks. Two releases not yet linked (an import) are paired by place."""
    rows = []
    for field in ("headline", "subheadline", "summary", "dateline"):
        label = Article._meta.get_field(field).verbose_name
        rows.append(
            (label, *(text_lines(getattr(version, field)) for version in (source, translated)))
        )
    pair = paired_by_source if translated.translation_source_id == source.pk else paired_by_place
    source_blocks = body_blocks(source)
    for number, (source_block, block) in enumerate(
        pair(source_blocks, body_blocks(translated)), start=1
    ):
        if block is None:
            label = _("Block %(number)d of the source (%(kind)s), not in the translation") % {
                "number": source_blocks.index(source_block) + 1,
                "kind": source_block._meta.verbose_name,
            }
        else:
            label = _("Block %(number)d (%(kind)s)") % {
                "number": number,
                "kind": block._meta.verbose_name,
            }
        rows.append((label, block_text(source_block), block_text(block)))
    return rows


def block_text(block):
    """A block's translatable text as lines (empty for a missing block)."""
    if block is None:
        return []
    if isinstance(block, RichText):
        return text_lines(block.text)
    if isinstance(block, Quote):
        context = [block.context] if block.context else []
        return [f"“{block.text}”", f"— {block.speaker}", *context]
    if isinstance(block, InitiativeTable):
        return [
            block.caption,
            " | ".join(block.headings),
            *(" | ".join([row.initiative.name, *row.cells]) for row in block.rows.all()),
        ]
    return [block.caption or block.image.caption]

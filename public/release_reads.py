"""The reads of a release's own content that run on every render of it (public page, staff and
embargo previews), compiled once per process (newsroom.compiled_reads): the body blocks, one
statement per block type, and what they prefetch, one statement per relation for all the
release's blocks; its corrections (and a translation's source's pending ones), its hero image,
the renditions of its photos, its topics and the people it credits. None needs another's
answer, so they go to the database together: one round trip on PostgreSQL (read_together())."""

from dataclasses import dataclass

from content_editor.contents import Contents

from articles.images.services import photos_shown
from articles.models import BODY_BLOCK_MODELS, Article, Correction, Image, ImageBlock, Person
from articles.models.media import ImageRendition
from articles.translations import pending_corrections_reads
from newsroom.compiled_reads import CompiledRead, attach, read_together

from . import topics


class _BlockRead:
    """One block type's blocks of a release, then each relation its get_queryset() prefetches
    (a Prefetch with a queryset, through a foreign key to the block), for all of them."""

    def __init__(self, model):
        queryset = model.get_queryset()
        self.blocks = CompiledRead(
            model, lambda release: queryset.prefetch_related(None).filter(parent=release)
        )
        self.relations = []
        for lookup in queryset._prefetch_related_lookups:
            key = getattr(model, lookup.prefetch_through).field
            related = lookup.queryset
            self.relations.append(
                (
                    lookup.prefetch_through,
                    CompiledRead(
                        key.model,
                        lambda release, related=related, key=key: related.filter(
                            **{f"{key.name}__parent": release}
                        ),
                    ),
                )
            )

    def bind(self, release):
        """The reads of the blocks, then of each relation, for read_together()."""
        return [self.blocks.bind(release), *(read.bind(release) for _, read in self.relations)]

    def blocks_from(self, found):
        """The blocks, each with its relations, taken from `found` (an iterator over the
        answers of bind()'s reads, in order)."""
        blocks = next(found)
        for name, _ in self.relations:
            related = next(found)
            if blocks:
                attach(blocks, name, related)
        return blocks


_BLOCK_READS = [_BlockRead(model) for model in BODY_BLOCK_MODELS]

_CORRECTIONS = CompiledRead(Correction, lambda release: Correction.objects.filter(article=release))

# As the hero_image attribute would read it.
_IMAGE = CompiledRead(Image, lambda image: Image._base_manager.filter(pk=image))

# One IN over a UNION, not an OR of two INs: PostgreSQL then looks the renditions up by
# image instead of scanning them all.
_RENDITIONS = CompiledRead(
    ImageRendition,
    lambda release: ImageRendition.objects.filter(
        image__in=Article.objects.filter(pk=release)
        .order_by()
        .values("hero_image")
        .union(ImageBlock.objects.filter(parent=release).order_by().values("image"))
    ),
)

_CREDITED = CompiledRead(Person, lambda release, day: Person.objects.credited_on(release, day))


@dataclass(frozen=True)
class ReleaseContent:
    # As content_editor's contents_for_item() gives them.
    body: Contents
    # As public.topics.grouped() gives them.
    topics: dict
    # Person.objects.credited_on() for the release, with each person's role on its date.
    credited: list
    # A translation's source's corrections it does not have yet (articles.translations).
    pending_corrections: list


def content_of(article):
    """The release's content (ReleaseContent), read together. Also reads the release's
    corrections into `article.corrections.all()`, its hero image into `article.hero_image` and
    the renditions of its photos (hero and body images) into each photo's `renditions.all()`,
    as articles.images.services.prefetch_photos() does."""
    release = article.pk
    hero = [_IMAGE.bind(article.hero_image_id)] if article.hero_image_id else []
    pending = pending_corrections_reads(article)
    found = iter(
        read_together(
            _CORRECTIONS.bind(release),
            _RENDITIONS.bind(release),
            topics.rows(article),
            _CREDITED.bind(release, article.release_date),
            *hero,
            *pending,
            *(read for block_read in _BLOCK_READS for read in block_read.bind(release)),
        )
    )
    attach([article], "corrections", next(found))
    renditions, topic_rows, credited = next(found), next(found), next(found)
    if hero:
        # None if the photo was swapped out and deleted between the two reads.
        image = next(found)
        article.hero_image = image[0] if image else None
    pending_corrections = next(found) if pending else []
    body = Contents(article.regions)
    for block_read in _BLOCK_READS:
        for block in block_read.blocks_from(found):
            block.parent = article
            body.add(block)
    photos = photos_shown([article], {article: body})
    if photos:
        attach(photos, "renditions", renditions)
    return ReleaseContent(
        body=body,
        topics=topics.grouped(topic_rows),
        credited=credited,
        pending_corrections=pending_corrections,
    )

"""The reads of a release's own content that run on every render of it (public page, staff and
embargo previews), compiled once per process (newsroom.compiled_reads): the body blocks, one
query per block type, and what they prefetch, one query per relation for all the release's
blocks; its corrections, the renditions of its photos and the people it credits."""

from content_editor.contents import Contents

from articles.images.services import photos_shown
from articles.models import BODY_BLOCK_MODELS, Article, Correction, ImageBlock, Person
from articles.models.media import ImageRendition
from newsroom.compiled_reads import CompiledRead, attach


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

    def __call__(self, release):
        blocks = self.blocks(release)
        if blocks:
            for name, read in self.relations:
                attach(blocks, name, read(release))
        return blocks


_BLOCK_READS = [_BlockRead(model) for model in BODY_BLOCK_MODELS]

_CORRECTIONS = CompiledRead(Correction, lambda release: Correction.objects.filter(article=release))

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


def body_of(article):
    """The article's body blocks, as content_editor's contents_for_item() gives them."""
    contents = Contents(article.regions)
    for read in _BLOCK_READS:
        for block in read(article.pk):
            block.parent = article
            contents.add(block)
    return contents


def corrections_of(article):
    """Reads the article's corrections into `article.corrections.all()`."""
    attach([article], "corrections", _CORRECTIONS(article.pk))


def photo_renditions(article, body):
    """Reads the renditions of the article's photos (hero and body images) into each photo's
    `renditions.all()`, as articles.images.services.prefetch_photos() does."""
    photos = photos_shown([article], {article: body})
    if photos:
        attach(photos, "renditions", _RENDITIONS(article.pk))


def credited_on(article):
    """Person.objects.credited_on() for the article, with each person's role on its date."""
    return _CREDITED(article.pk, article.release_date)

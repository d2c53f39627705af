"""The reads of a release's own content that run on every render of it (public page, staff and
embargo previews), compiled once per process (newsroom.compiled_reads): the body blocks, one
query per block type, and the people it credits."""

from content_editor.contents import Contents

from articles.models import BODY_BLOCK_MODELS, Person
from newsroom.compiled_reads import CompiledRead

_BLOCK_READS = [
    CompiledRead(model, lambda release, model=model: model.get_queryset().filter(parent=release))
    for model in BODY_BLOCK_MODELS
]

_CREDITED = CompiledRead(Person, lambda release, day: Person.objects.credited_on(release, day))


def body_of(article):
    """The article's body blocks, as content_editor's contents_for_item() gives them."""
    contents = Contents(article.regions)
    for read in _BLOCK_READS:
        for block in read(article.pk):
            block.parent = article
            contents.add(block)
    return contents


def credited_on(article):
    """Person.objects.credited_on() for the article, with each person's role on its date."""
    return _CREDITED(article.pk, article.release_date)

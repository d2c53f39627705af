"""Building each release's SearchDocument: one row per release, because a search joined
across the block tables would return a release once per matching block.

public.invalidation has refresh() called after every committed change to a release or to
something it names, once per transaction, and then the release's entry in the search index
(public.search_engine). `manage.py rebuild_search_index` rebuilds both, e.g. after restoring a
database dump.
"""

import html
import logging
import re
import unicodedata

from content_editor.contents import contents_for_items
from django.utils import translation
from django.utils.html import strip_tags

from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    ImageBlock,
    InitiativeTable,
    Quote,
    RichText,
    SearchDocument,
    Transcript,
    spoken_parts,
)

logger = logging.getLogger(__name__)

DOCUMENT_FIELDS = ("title", "lead", "keywords", "body")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|td|th|tr)>|<br\s*/?>", re.IGNORECASE)


def plain_text(markup):
    """Readable text from sanitized rich text: block ends become line breaks, entities decoded."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", markup)))
    return _clean(text)


def _clean(text):
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()


def _block_text(block):
    if isinstance(block, RichText):
        return plain_text(block.text)
    if isinstance(block, Quote):
        context = f", {block.context}" if block.context else ""
        return f"“{block.text}” — {block.attribution}{context}"
    if isinstance(block, InitiativeTable):
        lines = [block.caption, " | ".join(block.headings)]
        lines += [" | ".join([row.initiative.name, *row.cells]) for row in block.rows.all()]
        return "\n".join(lines)
    if isinstance(block, ImageBlock):
        return " ".join(
            part for part in (block.caption or block.image.caption, block.image.credit) if part
        )
    if isinstance(block, Transcript):
        return "\n".join(f"{turn.heading}: {plain_text(turn.text)}" for turn in block.turns.all())
    return ""


def _document_fields(article, contents):
    blocks = list(contents.body)
    speakers = [part.attribution for part in spoken_parts(blocks)]
    names = [
        *speakers,
        *(str(person) for person in article.byline_people.all()),
        *(str(person) for person in article.people.all()),
        *(str(organization) for organization in article.organizations.all()),
        *(initiative.name for initiative in article.initiatives.all()),
        *(tag.name for tag in article.tags.all()),
        article.byline_text,
    ]
    hero = article.hero_image
    return {
        "title": _clean(article.headline),
        "lead": _clean(
            "\n".join(filter(None, [article.subheadline, article.summary, article.dateline]))
        ),
        "keywords": _clean("\n".join(dict.fromkeys(filter(None, names)))),
        "body": _clean(
            "\n\n".join(
                filter(
                    None,
                    [hero.caption if hero else "", *(_block_text(block) for block in blocks)],
                )
            )
        ),
    }


def refresh(article_ids):
    """Rebuild the search documents of these releases (ids of deleted ones are ignored).

    A fixed number of queries for any number of releases: the releases and their relations,
    one query per block type, and an INSERT … ON CONFLICT UPDATE, so rebuilding 100,000
    releases in batches of a thousand is a few hundred queries, not 300,000. The search index
    (public.search_engine) is entered from these documents.
    """
    articles = list(
        Article.objects.filter(pk__in=set(article_ids))
        .select_related("hero_image")
        .prefetch_related("tags", "byline_people", "people", "organizations", "initiatives")
    )
    if not articles:
        return
    contents = contents_for_items(articles, BODY_BLOCK_MODELS)
    documents = [_document(article, contents[article]) for article in articles]
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=[*DOCUMENT_FIELDS, "refreshed_at"],
    )


def _document(article, contents):
    # Attributions and ranks as the release prints them.
    with translation.override(article.language):
        fields = _document_fields(article, contents)
    return SearchDocument(article=article, **fields)


def fold(text):
    """Text without accents: "Darién" → "Darien"."""
    if text.isascii():  # most text, and NFKD leaves ASCII unchanged
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))

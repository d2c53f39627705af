"""Keeping each release's SearchDocument up to date (DESIGN.md pitfall 4).

Any committed change to a release, one of its blocks, table rows, tags or links, or to a person,
organization, initiative or tag it names, rebuilds the documents of the releases concerned once,
after the transaction commits (so a rolled-back edit never reaches the index and an admin save
of thirty blocks rebuilds the document once, not thirty times). `manage.py rebuild_search_index`
rebuilds everything, e.g. after restoring a database dump.
"""

import html
import logging
import re
import unicodedata

from content_editor.contents import contents_for_items
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import strip_tags
from taggit.models import Tag, TaggedItem

from .models import (
    BODY_BLOCK_MODELS,
    Article,
    ImageBlock,
    Initiative,
    InitiativeTable,
    InitiativeTableRow,
    Organization,
    Person,
    Quote,
    RichText,
    SearchDocument,
)
from .tagging import tagged_releases

logger = logging.getLogger(__name__)

# ts_headline marks matches with these; search.py escapes the snippet and then turns them into
# <mark>. They are Unicode private-use characters, removed from documents so text cannot forge one.
MARK_START, MARK_END = "\ue000", "\ue001"
DOCUMENT_FIELDS = ("title", "lead", "keywords", "body")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|td|th|tr)>|<br\s*/?>", re.IGNORECASE)


def plain_text(markup):
    """Readable text from sanitized rich text: block ends become line breaks, entities decoded."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", markup)))
    return _clean(text)


def _clean(text):
    text = text.replace(MARK_START, "").replace(MARK_END, "")
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
    return ""


def _document_fields(article, contents):
    blocks = list(contents.body)
    speakers = [block.attribution for block in blocks if isinstance(block, Quote)]
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
    one query per block type, and an INSERT … ON CONFLICT UPDATE that also computes the
    weighted vectors (one on PostgreSQL), so rebuilding 100,000 releases in batches of a
    thousand is a few hundred queries, not 300,000.
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
        update_fields=[*DOCUMENT_FIELDS, "vector", "refreshed_at"],
    )


def _document(article, contents):
    fields = _document_fields(article, contents)
    vector = None
    if connection.vendor == "postgresql":
        vector = (
            _weighted(fields["title"], "A")
            + _weighted(fields["lead"], "B")
            + _weighted(fields["keywords"], "C")
            + _weighted(fields["body"], "D")
        )
    return SearchDocument(article=article, vector=vector, **fields)


def fold(text):
    """Text without accents: "Darién" → "Darien"."""
    if text.isascii():  # most text, and NFKD leaves ASCII unchanged
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _weighted(text, weight):
    """A weighted tsvector of `text` that also holds its unaccented words, so readers who type
    "Castrellon" find "Castrellón" (PostgreSQL's unaccent extension needs a superuser)."""
    folded = fold(text)
    source = text if folded == text else f"{text}\n{folded}"
    return SearchVector(Value(source), weight=weight, config=settings.NEWSROOM_SEARCH_CONFIG)


def _flush():
    conn = transaction.get_connection()
    pending, conn.newsroom_search_pending = getattr(conn, "newsroom_search_pending", set()), set()
    if pending:
        refresh(pending)


def schedule(article_ids):
    """Rebuild these releases' documents when the current transaction commits.

    Every call registers a callback, but they share one pending set: the first callback to run
    rebuilds everything pending and the rest find nothing to do. Ids from a rolled-back
    transaction stay pending and are rebuilt (harmlessly) with the next commit.
    """
    article_ids = {pk for pk in article_ids if pk is not None}
    if not article_ids:
        return
    conn = transaction.get_connection()
    if not hasattr(conn, "newsroom_search_pending"):
        conn.newsroom_search_pending = set()
    conn.newsroom_search_pending |= article_ids
    # robust: a failing rebuild is logged, it never turns a saved edit into an error page.
    transaction.on_commit(_flush, robust=True)


def _article_saved(sender, instance, **kwargs):
    schedule([instance.pk])


def _block_changed(sender, instance, **kwargs):
    schedule([instance.parent_id])


def _row_changed(sender, instance, **kwargs):
    schedule(InitiativeTable.objects.filter(pk=instance.table_id).values_list("parent", flat=True))


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        schedule([instance.pk])
    elif model is Article and pk_set:
        schedule(pk_set)


def _tags_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Article):
        schedule([instance.pk])


def _releases_naming(instance):
    """Ids of the releases whose document contains this person, organization, initiative or tag."""
    if isinstance(instance, Person):
        return {
            *instance.articles.values_list("pk", flat=True),
            *instance.authored_articles.values_list("pk", flat=True),
            *instance.quotes.values_list("parent", flat=True),
        }
    if isinstance(instance, Tag):
        return set(tagged_releases().filter(tag=instance).values_list("object_id", flat=True))
    if isinstance(instance, Initiative):
        rows = instance.table_rows.values_list("table__parent", flat=True)
        return {*instance.articles.values_list("pk", flat=True), *rows}
    return set(instance.articles.values_list("pk", flat=True))


def _named_thing_saved(sender, instance, created, **kwargs):
    if not created:
        schedule(_releases_naming(instance))


def connect():
    """Called from AppConfig.ready()."""
    post_save.connect(_article_saved, sender=Article, dispatch_uid="search-article")
    for model in BODY_BLOCK_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(_block_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(_row_changed, sender=InitiativeTableRow, dispatch_uid="search-row")
    for field in ("byline_people", "people", "organizations", "initiatives"):
        m2m_changed.connect(
            _links_changed,
            sender=getattr(Article, field).through,
            dispatch_uid=f"search-{field}",
        )
    m2m_changed.connect(_tags_changed, sender=TaggedItem, dispatch_uid="search-tags")
    for model in (Person, Organization, Initiative, Tag):
        post_save.connect(_named_thing_saved, sender=model, dispatch_uid=f"search-{model.__name__}")

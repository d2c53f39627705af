"""Which releases a change touches, for everything kept per release.

Two things are kept per release and must follow every change to what the release shows: its
search document (public.search_index) and its rendered page fragment (public.release_cache).
A change reaches a release directly (the release itself, one of its blocks, table rows,
corrections, tags or links) or through something it names (a person, their rank history, an
organization, an initiative, an image or a tag). The signal handlers here turn each change into
the ids of the releases concerned and then:

- at once, make their cached fragments stale, so the next read in this process renders anew;
- after the transaction commits, rebuild their search documents once and make their fragments
  stale again. The second bump matters: a reader whose request ran between the first bump and
  the commit saw the old rows and may have cached a fragment of them under the new version.

A rolled-back edit never reaches the index, and an admin save of thirty blocks rebuilds once.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag, TaggedItem

from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    Correction,
    Image,
    ImageBlock,
    Initiative,
    InitiativeTable,
    InitiativeTableRow,
    Organization,
    Person,
    PersonRole,
)

from . import release_cache, search_index
from .tagging import tagged_releases

# Things a release names: a change to one changes the pages and documents of its releases.
NAMED_MODELS = (Person, PersonRole, Organization, Initiative, Image, Tag)


def _flush():
    conn = transaction.get_connection()
    pending, conn.newsroom_releases_pending = (
        getattr(conn, "newsroom_releases_pending", set()),
        set(),
    )
    if pending:
        search_index.refresh(pending)
        release_cache.forget(pending)


def schedule(article_ids):
    """These releases changed: forget their fragments now, and after the commit rebuild their
    search documents and forget their fragments again.

    Every call registers a callback, but they share one pending set: the first callback to run
    handles everything pending and the rest find nothing to do. Ids from a rolled-back
    transaction stay pending and are handled (harmlessly) with the next commit.
    """
    article_ids = {pk for pk in article_ids if pk is not None}
    if not article_ids:
        return
    release_cache.forget(article_ids)
    conn = transaction.get_connection()
    if not hasattr(conn, "newsroom_releases_pending"):
        conn.newsroom_releases_pending = set()
    conn.newsroom_releases_pending |= article_ids
    # robust: a failing rebuild is logged, it never turns a saved edit into an error page.
    transaction.on_commit(_flush, robust=True)


def releases_naming(instance):
    """Ids of the releases that show this person, rank, organization, initiative, image or tag."""
    if isinstance(instance, PersonRole):
        instance = Person(pk=instance.person_id)
    if isinstance(instance, Person):
        return {
            *instance.articles.values_list("pk", flat=True),
            *instance.authored_articles.values_list("pk", flat=True),
            *instance.contact_for_articles.values_list("pk", flat=True),
            *instance.quotes.values_list("parent", flat=True),
        }
    if isinstance(instance, Tag):
        return set(tagged_releases().filter(tag=instance).values_list("object_id", flat=True))
    if isinstance(instance, Initiative):
        rows = instance.table_rows.values_list("table__parent", flat=True)
        return {*instance.articles.values_list("pk", flat=True), *rows}
    if isinstance(instance, Image):
        return {
            *Article.objects.filter(hero_image=instance).values_list("pk", flat=True),
            *ImageBlock.objects.filter(image=instance).values_list("parent", flat=True),
        }
    # An organization: the releases naming it, and those whose media contacts' cards show it.
    contacts = Article.media_contacts.through.objects.filter(person__organization=instance)
    return {
        *instance.articles.values_list("pk", flat=True),
        *contacts.values_list("article", flat=True),
    }


def _article_saved(sender, instance, **kwargs):
    # Its other language versions link to it (hreflang, JSON-LD workTranslation).
    schedule(
        Article.objects.filter(translation_group=instance.translation_group).values_list(
            "pk", flat=True
        )
    )


def _part_changed(sender, instance, **kwargs):
    """A block (parent_id) or a correction (article_id) was saved or deleted; a correction
    also shows as pending on the translations of the corrected release."""
    article_id = getattr(instance, "parent_id", None) or getattr(instance, "article_id", None)
    translations = []
    if isinstance(instance, Correction):
        translations = Article.objects.filter(translation_source=article_id).values_list(
            "pk", flat=True
        )
    schedule([article_id, *translations])


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


def _named_thing_saved(sender, instance, created, **kwargs):
    if not created or isinstance(instance, PersonRole):
        schedule(releases_naming(instance))


def _named_thing_deleted(sender, instance, **kwargs):
    """Before the delete: afterwards its links to releases are gone."""
    schedule(releases_naming(instance))


def connect():
    """Called from AppConfig.ready()."""
    post_save.connect(_article_saved, sender=Article, dispatch_uid="releases-article")
    for model in (*BODY_BLOCK_MODELS, Correction):
        for signal in (post_save, post_delete):
            signal.connect(_part_changed, sender=model, dispatch_uid=f"releases-{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(_row_changed, sender=InitiativeTableRow, dispatch_uid="releases-row")
    for field in ("byline_people", "people", "organizations", "initiatives", "media_contacts"):
        m2m_changed.connect(
            _links_changed,
            sender=getattr(Article, field).through,
            dispatch_uid=f"releases-{field}",
        )
    m2m_changed.connect(_tags_changed, sender=TaggedItem, dispatch_uid="releases-tags")
    for model in NAMED_MODELS:
        name = model.__name__
        post_save.connect(_named_thing_saved, sender=model, dispatch_uid=f"releases-{name}")
        pre_delete.connect(_named_thing_deleted, sender=model, dispatch_uid=f"releases-del-{name}")

"""What a saved or deleted row changes for readers: the one subscriber to model changes.

Four things on the reader's side are derived from content and must follow it: each release's
search document (public.search_index), each release's cached page (public.release_cache,
checked against a release version), each release's related releases (public.related_cache,
checked against the versions of its topics) and every cached page (public.page_cache, keyed by
the page generation). SHOWN below declares, for every model whose rows readers can see, how a
changed row leads to the ids of the releases it is part of or named by, and whether readers can
see it yet; NOT_SHOWN lists the models near releases that no public page shows. A test walks the
relations of releases, people, organizations, initiatives, images and tags and fails on any
model in neither, so a new link is one edit here.

Changes are collected per transaction. When it commits, in this order:

1. the releases' versions are renewed (their cached content is not used again), and so are the
   versions of every topic (initiative, organization, tag) they have or had in the transaction
   (the related releases of the releases sharing one are read again);
2. the page generation moves on, if readers could see the change (every cached page is stale);
3. the task queue rebuilds the releases' search documents (public.tasks, off the request that
   made the change) and then, for a change readers can see, moves the page generation again, so
   a search page cached before the rebuild is not served.

The versions are database rows (public.versions), so a cache that cannot be reached while this
runs loses nothing. Inside the transaction, the first change readers can see also renews the
versions and moves the generation at once (again after anything may have read them): the
invalidation then commits with the change itself even if the process dies before step 3, and
the transaction's own later reads see its changes. Drafts and the editorial records
(state changes, clearances, check reports, embargo links) move no page generation.
"""

from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag, TaggedItem

from articles.models import (
    BODY_BLOCK_MODELS,
    Article,
    ArticleStatus,
    Clearance,
    Correction,
    EmbargoLink,
    Image,
    ImageBlock,
    ImageRendition,
    Initiative,
    InitiativeTable,
    InitiativeTableRow,
    Organization,
    Person,
    PersonRole,
    PhotoArchive,
    Quote,
    ReleaseCheckReport,
    SearchDocument,
    StateChange,
    Transcript,
    TranscriptTurn,
    WatchTerm,
)
from distribution.models import PublicationEvent, Subscription
from importers.models import ImportJob
from newsroom.tasks import run_after_commit

from . import versions
from .models import PageGeneration, ReleaseVersion, TopicKind, TopicVersion
from .tagging import tagged_releases
from .tasks import refresh_search_documents
from .topics import topic_links, topics_sql

# A release readers can reach: published (also scheduled: saving it moves the time at which
# pages must change) or withdrawn (its page shows the notice).
PUBLIC_STATUSES = {ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN}


@dataclass(frozen=True)
class Link:
    """Rows of `rows` name a thing (`thing`, a lookup to its id) in a release (`release`)."""

    rows: object  # a QuerySet
    thing: str
    release: str

    def releases(self, thing_id):
        return set(self.rows.filter(**{self.thing: thing_id}).values_list(self.release, flat=True))


@dataclass(frozen=True)
class Release:
    """The release itself, and its other language versions: they link to it (hreflang, the
    language switcher, JSON-LD workTranslation)."""

    def release_ids(self, row):
        group = Article.objects.filter(translation_group=row.translation_group)
        return {row.pk, *group.values_list("pk", flat=True)}


@dataclass(frozen=True)
class PartOfRelease:
    """A row that belongs to one release (`release` gives its id): readers see it while the
    release is public."""

    release: object  # row -> release id

    def release_ids(self, row):
        return {self.release(row)} - {None}


@dataclass(frozen=True)
class PartOfReleases:
    """A row that several releases show (`releases` gives their ids)."""

    releases: object  # row -> iterable of release ids

    def release_ids(self, row):
        return set(self.releases(row)) - {None}


def _corrected_and_translations(row):
    """A correction shows on its release, and as pending on that release's translations."""
    translations = Article.objects.filter(translation_source=row.article_id)
    return [row.article_id, *translations.values_list("pk", flat=True)]


@dataclass(frozen=True)
class Named:
    """Something releases name that has a page of its own: every change but the creation of
    one that nothing names yet shows on its page and on the releases that name it."""

    links: tuple = ()
    shown_when_new: object = staticmethod(lambda row: False)

    def release_ids(self, row):
        return set().union(*(link.releases(row.pk) for link in self.links)) - {None}


@dataclass(frozen=True)
class PartOf:
    """A row that belongs to a named thing (`owner` gives it): a change to the row is a change
    to the owner."""

    owner: object  # row -> owner instance (its pk is enough) or None


def _table_release(row):
    return InitiativeTable.objects.filter(pk=row.table_id).values_list("parent", flat=True).first()


def _transcript_release(row):
    return Transcript.objects.filter(pk=row.transcript_id).values_list("parent", flat=True).first()


def _tagged(row):
    """What a TaggedItem tags: a release, or a thing of the map (an initiative), else None."""
    model = ContentType.objects.get_for_id(row.content_type_id).model_class()
    return model(pk=row.object_id) if model in SHOWN else None


PEOPLE_NAMED = (
    Link(Article.people.through.objects.all(), "person", "article"),
    Link(Article.byline_people.through.objects.all(), "person", "article"),
    Link(Article.media_contacts.through.objects.all(), "person", "article"),
    Link(Quote.objects.all(), "speaker", "parent"),
    Link(TranscriptTurn.objects.all(), "speaker", "transcript__parent"),
)

SHOWN = {
    Article: Release(),
    **{model: PartOfRelease(lambda row: row.parent_id) for model in BODY_BLOCK_MODELS},
    InitiativeTableRow: PartOfRelease(_table_release),
    TranscriptTurn: PartOfRelease(_transcript_release),
    Correction: PartOfReleases(_corrected_and_translations),
    # The gallery offers the zip of a release's photos once it is built.
    PhotoArchive: PartOfRelease(lambda row: row.article_id),
    # Article's links: m2m_changed names the releases; a row saved directly has article_id.
    **{
        getattr(Article, name).through: PartOfRelease(lambda row: row.article_id)
        for name in ("byline_people", "people", "organizations", "initiatives", "media_contacts")
    },
    TaggedItem: PartOf(_tagged),
    Person: Named(PEOPLE_NAMED, shown_when_new=lambda row: row.is_press_contact),
    # An earlier rank and title: quotes in older releases attribute the speaker with it.
    PersonRole: PartOf(lambda row: Person(pk=row.person_id)),
    Organization: Named(
        (
            Link(Article.organizations.through.objects.all(), "organization", "article"),
            # Media contact cards and quotes show the person's organization.
            Link(Article.media_contacts.through.objects.all(), "person__organization", "article"),
            Link(Quote.objects.all(), "speaker__organization", "parent"),
            Link(TranscriptTurn.objects.all(), "speaker__organization", "transcript__parent"),
        )
    ),
    Initiative: Named(
        (
            Link(Article.initiatives.through.objects.all(), "initiative", "article"),
            Link(InitiativeTableRow.objects.all(), "initiative", "table__parent"),
        )
    ),
    Initiative.partners.through: PartOf(lambda row: Initiative(pk=row.initiative_id)),
    Image: Named(
        (
            Link(Article.objects.all(), "hero_image", "pk"),
            Link(ImageBlock.objects.all(), "image", "parent"),
        )
    ),
    # Pages point at renditions that exist: a new one changes no page, a changed one does.
    ImageRendition: Named(),
    Tag: Named((Link(tagged_releases(), "tag", "object_id"),)),
}

# Models related to releases and the things they name that no public page shows. The records
# of the editorial process, the caches' own bookkeeping, and accounts.
NOT_SHOWN = {
    StateChange,
    Clearance,
    EmbargoLink,
    ReleaseCheckReport,
    WatchTerm,
    SearchDocument,  # rebuilt by step 1 above, never by a signal
    ReleaseVersion,
    TopicVersion,
    PageGeneration,
    ContentType,
    get_user_model(),
    Group,
    Permission,
    # Alerts: a subscriber's choices and the record of each publication event sent out.
    Subscription,
    PublicationEvent,
    # A queued import's record (its draft changes readers' pages only once published).
    ImportJob,
}


@dataclass
class Pending:
    """What one transaction changed so far."""

    transaction: object  # the outermost atomic block, or None in autocommit mode
    release_ids: set = field(default_factory=set)
    # (kind, id) of topics the releases gained or lost in this transaction (at commit they may
    # have them no more, but the releases sharing them listed these as related): all of them,
    # and those noted since the last renewal inside the transaction.
    topics: set = field(default_factory=set)
    topics_noted: set = field(default_factory=set)
    shown: bool = False
    statuses: dict = field(default_factory=dict)  # release id -> status, read once
    # In-transaction writes: versions.reads() when the generation moved, and when each
    # release was renewed.
    marked_at: int | None = None
    renewed_at: dict = field(default_factory=dict)
    topics_renewed_at: dict = field(default_factory=dict)


def _pending():
    conn = transaction.get_connection()
    current = conn.atomic_blocks[0] if conn.in_atomic_block else None
    pending = getattr(conn, "newsroom_invalidation", None)
    # A rolled-back transaction left its record behind: nothing it changed is left to follow.
    if pending is None or pending.transaction is not current:
        pending = conn.newsroom_invalidation = Pending(transaction=current)
    return pending


def _is_public(pending, release_id):
    if release_id not in pending.statuses:
        status = Article.objects.filter(pk=release_id).values_list("status", flat=True).first()
        pending.statuses[release_id] = status
    # A release gone already (deleted in this transaction) may have been public: assume it was.
    status = pending.statuses[release_id]
    return status is None or status in PUBLIC_STATUSES


def _change(row, *, created=False):
    """(release ids, whether readers can see it) for a saved or deleted `row`."""
    rule = SHOWN[type(row)]
    if isinstance(rule, PartOf):
        owner = rule.owner(row)
        if owner is None:
            return set(), False
        if isinstance(owner, Article):  # a tag of a release
            return _release_parts({owner.pk})
        return _change(owner)
    release_ids = rule.release_ids(row)
    if isinstance(rule, Named):
        return release_ids, not created or rule.shown_when_new(row)
    if isinstance(rule, Release):
        _pending().statuses[row.pk] = row.status
    return _release_parts(release_ids)


def _release_parts(release_ids):
    pending = _pending()
    return release_ids, any(_is_public(pending, pk) for pk in release_ids)


def _collect(release_ids, shown):
    if not release_ids and not shown:
        return
    pending = _pending()
    pending.release_ids |= release_ids
    pending.shown |= shown
    if pending.transaction is not None and shown:
        _mark(pending, release_ids)
    # Every change registers a callback; they share `pending`, so the first to run does the
    # work and the rest find nothing. robust: a failure is logged, never an error page for a
    # saved edit.
    transaction.on_commit(partial(_commit, pending), robust=True)


def _mark(pending, release_ids):
    """Inside the transaction, for a change readers can see: move the page generation (its row
    lock orders concurrent changes), then renew the releases and their topics. Once per
    transaction, and again only for what this connection may have read since."""
    reads = versions.reads()
    if pending.marked_at != reads:
        versions.advance_page_generation()
        pending.marked_at = reads
    stale = {pk for pk in release_ids if pending.renewed_at.get(pk) != reads}
    stale |= pending.release_ids - pending.renewed_at.keys()
    if stale:
        versions.renew_releases(stale)
        pending.renewed_at.update(dict.fromkeys(stale, reads))
    topics = _topics(stale) | pending.topics_noted
    pending.topics_noted = set()
    stale_topics = {pair for pair in topics if pending.topics_renewed_at.get(pair) != reads}
    if stale_topics:
        versions.renew_topics(stale_topics)
        pending.topics_renewed_at.update(dict.fromkeys(stale_topics, reads))


def _topics(release_ids):
    return set().union(*topics_by_release(release_ids).values())


def _commit(pending):
    """After the commit: release versions, page generation, then the search documents on the
    task queue."""
    release_ids, pending.release_ids = pending.release_ids, set()
    shown, pending.shown = pending.shown, False
    # In autocommit mode the record serves the next statement too: statuses may change.
    pending.statuses.clear()
    if release_ids:
        versions.renew_releases(release_ids)
    # Topics renewed inside the transaction, with nothing read since, are current already.
    reads = versions.reads()
    unmarked = {pk for pk in release_ids if pending.renewed_at.get(pk) != reads}
    topics = _topics(unmarked) | pending.topics
    pending.topics, pending.topics_noted = set(), set()
    topics = {pair for pair in topics if pending.topics_renewed_at.get(pair) != reads}
    if topics:
        versions.renew_topics(topics)
    if shown:
        versions.advance_page_generation()
    if release_ids:
        run_after_commit(refresh_search_documents, release_ids=sorted(release_ids), shown=shown)


def topics_by_release(release_ids):
    """{release id: {(kind, id) of each initiative, organization and tag it has}}, one query."""
    if not release_ids:
        return {}
    ids = ", ".join(["%s"] * len(release_ids))
    topics = {pk: set() for pk in release_ids}
    with connection.cursor() as cursor:
        cursor.execute(
            topics_sql(f"{{column}} IN ({ids})"), sorted(release_ids) * len(topic_links())
        )
        for release, kind, topic in cursor.fetchall():
            topics[release].add((kind, topic))
    return topics


_TOPIC_MODELS = {
    Initiative: TopicKind.INITIATIVE,
    Organization: TopicKind.ORGANIZATION,
    Tag: TopicKind.TAG,
}


def _note_topics(instance, action, model, pk_set):
    """Before links of releases to topics are added, removed or cleared: remember those topics
    (a release losing one leaves the related releases of those that still have it)."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if isinstance(instance, Article) and model in _TOPIC_MODELS:
        kind = _TOPIC_MODELS[model]
        if action == "pre_clear":
            pk_set = {
                pk for each, pk in topics_by_release({instance.pk})[instance.pk] if each == kind
            }
        _note({(kind, pk) for pk in pk_set})
    elif type(instance) in _TOPIC_MODELS and model is Article:
        _note({(_TOPIC_MODELS[type(instance)], instance.pk)})


def _note(topics):
    pending = _pending()
    pending.topics |= topics
    pending.topics_noted |= topics


def _note_link(row):
    """A link row of a release to a topic saved or deleted by itself (a tag put on or taken
    off, a deletion's cascade): remember its topic."""
    if isinstance(row, TaggedItem):
        if isinstance(_tagged(row), Article):
            _note({(TopicKind.TAG, row.tag_id)})
    elif type(row) is Article.initiatives.through:
        _note({(TopicKind.INITIATIVE, row.initiative_id)})
    elif type(row) is Article.organizations.through:
        _note({(TopicKind.ORGANIZATION, row.organization_id)})


# Signal receivers ------------------------------------------------------------------------


def _saved(sender, instance, created=False, **kwargs):
    if sender in SHOWN:
        _note_link(instance)
        _collect(*_change(instance, created=created))


def _deleting(sender, instance, **kwargs):
    """Before a named thing is deleted: afterwards nothing links it to releases any more."""
    if isinstance(SHOWN.get(sender), Named):
        _collect(*_change(instance))


def _deleted(sender, instance, **kwargs):
    if sender in SHOWN and not isinstance(SHOWN[sender], Named):
        _note_link(instance)
        _collect(*_change(instance))


def _links_changed(sender, instance, action, model, pk_set, **kwargs):
    """A many-to-many set changed. From the release's side (article.people.add), the release
    changed; from the other side with releases (person.articles.add), those releases changed;
    otherwise (initiative.partners.add, initiative.tags.add) the instance did."""
    if sender not in SHOWN:
        return
    _note_topics(instance, action, model, pk_set)
    reverse_clear = action == "pre_clear" and model is Article
    if not (action in ("post_add", "post_remove", "post_clear") or reverse_clear):
        return
    if isinstance(instance, Article):
        _collect(*_change(instance))
    elif model is Article and pk_set:
        pending = _pending()
        _collect(set(pk_set), any(_is_public(pending, pk) for pk in pk_set))
    elif type(instance) in SHOWN and (action != "post_clear" or model is not Article):
        _collect(*_change(instance))


def connect():
    """Called from AppConfig.ready(): the only receivers of model changes on the reader's side."""
    post_save.connect(_saved, dispatch_uid="public.invalidation.saved")
    pre_delete.connect(_deleting, dispatch_uid="public.invalidation.deleting")
    post_delete.connect(_deleted, dispatch_uid="public.invalidation.deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="public.invalidation.links")

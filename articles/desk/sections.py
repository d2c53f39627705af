"""The desk: the admin's home page for staff. What waits for this officer, by role, then what
the whole office has scheduled, embargoed, published and failing its checks."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleStatus, WorkflowAction
from articles.workflow.rules import Action

# How many releases each section lists; "See all" opens the filtered list for the rest.
SECTION_SIZE = 8


@dataclass
class DeskSection:
    key: str
    title: str
    empty: str
    releases: list
    count: int
    more_url: str
    # The step a row's link opens: the release form, or the clearance view.
    action: str = ""
    columns: set = field(default_factory=set)


def _changelist(**params):
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _section(key, title, empty, queryset, *, more_url, order=("-updated_at",), **options):
    queryset = queryset.select_related("check_report", "created_by").order_by(*order)
    releases = list(queryset[:SECTION_SIZE])
    count = len(releases) if len(releases) < SECTION_SIZE else queryset.count()
    return DeskSection(key, title, empty, releases, count, more_url, **options)


def _attach_returners(releases):
    """The person who returned each returned draft, read in one query."""
    ids = {article.latest_by_id for article in releases if article.latest_by_id}
    people = get_user_model().objects.in_bulk(ids)
    for article in releases:
        article.returned_by = people.get(article.latest_by_id)


def my_work(user):
    """The sections of releases waiting for `user`, by what their role lets them do."""
    sections = []
    releases = Article.objects.all()
    if user.has_perm("articles.add_article"):
        mine = releases.filter(created_by=user, status=ArticleStatus.DRAFT)
        returned = mine.with_latest_state_change().filter(latest_action=WorkflowAction.RETURNED)
        section = _section(
            "returned",
            _("Returned to you"),
            _("Nothing has been returned to you."),
            returned,
            more_url=_changelist(state=ArticleStatus.DRAFT, owner="mine"),
            columns={"comment", "checks"},
        )
        _attach_returners(section.releases)
        sections.append(section)
        sections.append(
            _section(
                "drafts",
                _("Your drafts"),
                _("You have no drafts. Write a release or import one."),
                # Never submitted (no log line yet) or not returned last.
                mine.with_latest_state_change().filter(
                    Q(latest_action__isnull=True) | ~Q(latest_action=WorkflowAction.RETURNED)
                ),
                more_url=_changelist(state=ArticleStatus.DRAFT, owner="mine"),
                columns={"checks"},
            )
        )
    in_review = releases.filter(status=ArticleStatus.IN_REVIEW)
    if user.has_perm("articles.clear_article"):
        if not settings.NEWSROOM_ALLOW_SELF_CLEARANCE:
            in_review = in_review.exclude(created_by=user)
        sections.append(
            _section(
                "to-clear",
                _("Awaiting your clearance"),
                _("No release is waiting for clearance."),
                in_review,
                more_url=_changelist(state=ArticleStatus.IN_REVIEW),
                action=Action.CLEAR,
                columns={"author", "checks"},
            )
        )
    elif user.has_perm("articles.edit_submitted_article"):
        sections.append(
            _section(
                "in-review",
                _("In review"),
                _("No release is in review."),
                in_review,
                more_url=_changelist(state=ArticleStatus.IN_REVIEW),
                columns={"author", "checks"},
            )
        )
    if user.has_perm("articles.publish_article"):
        sections.append(
            _section(
                "to-publish",
                _("Cleared, waiting to be published"),
                _("No cleared release is waiting."),
                releases.filter(status=ArticleStatus.CLEARED),
                more_url=_changelist(state=ArticleStatus.CLEARED),
                action=Action.PUBLISH,
                columns={"time"},
            )
        )
    return sections


def office():
    """What everyone at the desk keeps an eye on."""
    releases = Article.objects.all()
    return [
        _section(
            "scheduled",
            _("Scheduled"),
            _("Nothing is scheduled."),
            releases.scheduled(),
            more_url=_changelist(state="scheduled"),
            order=("release_at",),
            columns={"time"},
        ),
        _section(
            "embargoed",
            _("Shared under embargo"),
            _("No embargoed preview link is active."),
            releases.embargoed(),
            more_url=_changelist(),
            order=("release_at",),
            columns={"time"},
        ),
        _section(
            "failing",
            _("Release checks failing"),
            _("No release in progress has check errors."),
            releases.failing_checks(),
            more_url=_changelist(checks="errors"),
            columns={"checks"},
        ),
        _section(
            "published",
            _("Recently published"),
            _("Nothing published yet."),
            releases.published(),
            more_url=_changelist(state=ArticleStatus.PUBLISHED),
            order=("-release_at",),
            columns={"time"},
        ),
    ]


def desk_for(user):
    return {"mine": my_work(user), "office": office()}

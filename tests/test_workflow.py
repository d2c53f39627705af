"""Roles, the lifecycle of a release, and what each role may do in it: enforced by the services
and by the admin on the server, whatever the buttons show."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.checks import release_check_warnings, warning_text
from articles.models import (
    Article,
    ArticleStatus,
    Clearance,
    RichText,
    StateChange,
    WatchTerm,
    WorkflowAction,
)
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from tests.admin_forms import article_post_data
from tests.factories import ArticleFactory, UserFactory, release_in_state

pytestmark = pytest.mark.django_db

ROLES = ["writer", "editor", "authority", "site_admin"]

# action, starting state, resulting status, roles allowed
TRANSITIONS = [
    ("submit", "draft", "in-review", {"writer", "editor", "site_admin"}),
    ("return", "in-review", "draft", {"editor", "authority", "site_admin"}),
    ("clear", "in-review", "cleared", {"authority", "site_admin"}),
    ("publish", "cleared", "published", {"authority", "site_admin"}),
    ("unschedule", "scheduled", "cleared", {"authority", "site_admin"}),
    ("withdraw", "published", "withdrawn", {"authority", "site_admin"}),
]

POSTS = {
    "submit": {"comment": ""},
    "return": {"comment": "Check the spelling of the minister's name."},
    "clear": {"checklist": clearance_checklist(), "comment": ""},
    "publish": {"when": "now"},
    "unschedule": {"comment": ""},
    "withdraw": {"reason": "The ceremony was postponed."},
}


def as_shown(article, data):
    """A clear or publish POST as the page sends it: with the version it showed."""
    article.refresh_from_db()
    return {**data, "shown_version": article.edit_version}


def run_service(action, article, user):
    calls = {
        "submit": lambda: transitions.submit_for_review(article=article, user=user),
        "return": lambda: transitions.return_to_draft(
            article=article, user=user, comment=POSTS["return"]["comment"]
        ),
        "clear": lambda: transitions.clear(
            article=article, user=user, checklist=clearance_checklist()
        ),
        "publish": lambda: transitions.publish(article=article, user=user),
        "unschedule": lambda: transitions.unschedule(article=article, user=user),
        "withdraw": lambda: transitions.withdraw(
            article=article, user=user, reason=POSTS["withdraw"]["reason"]
        ),
    }
    return calls[action]()


def transition_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def test_roles_come_from_the_migration_with_their_permissions():
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert set(groups) >= {
        roles.WRITER,
        roles.EDITOR,
        roles.RELEASE_AUTHORITY,
        roles.SITE_ADMINISTRATOR,
    }

    def codenames(name):
        return {permission.codename for permission in groups[name].permissions.all()}

    assert {"add_article", "submit_article"} <= codenames(roles.WRITER)
    assert not {"publish_article", "clear_article", "edit_submitted_article"} & codenames(
        roles.WRITER
    )
    assert {"edit_submitted_article", "return_article", "correct_article"} <= codenames(
        roles.EDITOR
    )
    assert "clear_article" not in codenames(roles.EDITOR)
    assert {"clear_article", "publish_article", "withdraw_article"} <= codenames(
        roles.RELEASE_AUTHORITY
    )
    assert "change_article" not in codenames(roles.RELEASE_AUTHORITY)
    assert {"change_user", "change_group", "publish_article"} <= codenames(roles.SITE_ADMINISTRATOR)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "start", "end", "allowed"), TRANSITIONS)
def test_each_transition_is_allowed_or_refused_by_the_service(
    request, role, action, start, end, allowed
):
    user = request.getfixturevalue(role)
    article = release_in_state(start)
    before = article.status
    if role in allowed:
        run_service(action, article, user)
        article.refresh_from_db()
        assert article.status == end
        entry = StateChange.objects.get(article=article)
        assert (entry.user, entry.to_status) == (user, end)
    else:
        with pytest.raises(PermissionDenied):
            run_service(action, article, user)
        article.refresh_from_db()
        assert article.status == before
        assert not StateChange.objects.filter(article=article).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "start", "end", "allowed"), TRANSITIONS)
def test_each_transition_is_allowed_or_refused_in_the_admin(
    request, client_for, role, action, start, end, allowed
):
    user = request.getfixturevalue(role)
    article = release_in_state(start)
    before = article.status
    client = client_for(user)
    response = client.post(transition_url(article, action), as_shown(article, POSTS[action]))
    article.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert article.status == end
    else:
        assert response.status_code == 403
        assert article.status == before
        assert not StateChange.objects.filter(article=article).exists()
        # The page doesn't offer the step either.
        page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
        assert transition_url(article, action) not in page.content.decode()


def test_a_writers_crafted_posts_cannot_publish(client_for, writer):
    cleared = release_in_state("cleared")
    draft = release_in_state("draft", created_by=writer)
    client = client_for(writer)

    assert (
        client.post(
            transition_url(cleared, "publish"), as_shown(cleared, {"when": "now"})
        ).status_code
        == 403
    )
    # Status is not a field of the release form: posting it changes nothing.
    data = article_post_data(
        fields={"slug": draft.slug, "headline": draft.headline, "status": "published"}
    )
    response = client.post(reverse("admin:articles_article_change", args=[draft.pk]), data)
    assert response.status_code == 302
    cleared.refresh_from_db()
    draft.refresh_from_db()
    assert cleared.status == ArticleStatus.CLEARED
    assert draft.status == ArticleStatus.DRAFT
    assert not Article.objects.published().filter(pk__in=[cleared.pk, draft.pk]).exists()


def test_a_step_from_the_wrong_state_is_refused_with_a_reason(client_for, authority):
    draft = release_in_state("draft")
    with pytest.raises(ValidationError, match="Only a release in review can be cleared"):
        transitions.clear(article=draft, user=authority, checklist=clearance_checklist())
    response = client_for(authority).post(
        transition_url(draft, "clear"), as_shown(draft, POSTS["clear"]), follow=True
    )
    assert "Only a release in review can be cleared" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_own_release_cannot_be_cleared_by_its_author_unless_allowed(settings, authority):
    article = release_in_state("in-review", created_by=authority)
    with pytest.raises(PermissionDenied, match="another release authority"):
        transitions.clear(article=article, user=authority, checklist=clearance_checklist())
    settings.NEWSROOM_ALLOW_SELF_CLEARANCE = True
    transitions.clear(article=article, user=authority, checklist=clearance_checklist())
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED


def test_clearance_needs_the_whole_checklist_and_records_it(client_for, authority):
    article = release_in_state("in-review")
    client = client_for(authority)
    response = client.post(
        transition_url(article, "clear"),
        as_shown(article, {"checklist": clearance_checklist()[:2]}),
    )
    assert response.status_code == 200
    assert "Confirm every item of the checklist" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW

    response = client.post(
        transition_url(article, "clear"),
        as_shown(article, {"checklist": clearance_checklist(), "comment": "Fine to go."}),
    )
    assert response.status_code == 302
    clearance = Clearance.objects.get(article=article)
    assert clearance.cleared_by == authority
    assert clearance.checklist == clearance_checklist()
    assert clearance.comment == "Fine to go."
    # The record shows on the release for everyone who works on it.
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert "Cleared by Officer" in page.decode()


def test_clearing_needs_each_release_check_warning_acknowledged(client_for, authority):
    WatchTerm.objects.create(term="Fort Sherman", reason="unit location")
    article = release_in_state("in-review")
    RichText.objects.create(
        parent=article, region="body", ordering=10, text="<p>The team met at Fort Sherman.</p>"
    )
    client = client_for(authority)
    page = client.get(transition_url(article, "clear")).content.decode()
    assert "Fort Sherman" in page
    assert "I have read these release-check warnings and accept them" in page

    response = client.post(
        transition_url(article, "clear"), as_shown(article, {"checklist": clearance_checklist()})
    )
    assert response.status_code == 200
    assert "Acknowledge every release-check warning" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW

    (warning,) = release_check_warnings(article)
    response = client.post(
        transition_url(article, "clear"),
        as_shown(
            article, {"checklist": clearance_checklist(), "acknowledged_warnings": [warning.key]}
        ),
    )
    assert response.status_code == 302
    clearance = Clearance.objects.get(article=article)
    assert clearance.acknowledged_warnings == [warning_text(warning)]
    assert "Fort Sherman" in clearance.acknowledged_warnings[0]


@pytest.fixture
def check_runs(monkeypatch):
    """How many times the release checks ran over a whole release."""
    from articles.checks import service

    runs = []
    original = service.findings_for

    def counted(document):
        runs.append(document)
        return original(document)

    monkeypatch.setattr(service, "findings_for", counted)
    return runs


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"checklist": clearance_checklist()}, 302),  # cleared
        ({"checklist": clearance_checklist()[:2]}, 200),  # refused, the page shown again
    ],
)
def test_a_clearance_runs_the_release_checks_once_per_request(
    client_for, authority, check_runs, data, status
):
    article = release_in_state("in-review")
    client = client_for(authority)
    client.get(transition_url(article, "clear"))
    assert len(check_runs) == 1
    check_runs.clear()
    signed = {**data, "shown_version": article.edit_version}
    assert client.post(transition_url(article, "clear"), signed).status_code == status
    assert len(check_runs) == 1


def test_the_change_form_runs_the_release_checks_once(client_for, editor, check_runs):
    article = release_in_state("in-review")
    page = client_for(editor).get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    assert len(check_runs) == 1


def test_publishing_runs_the_release_checks_once(client_for, authority, check_runs):
    article = release_in_state("cleared")
    response = client_for(authority).post(
        transition_url(article, "publish"), {"when": "now", "shown_version": article.edit_version}
    )
    assert response.status_code == 302
    assert len(check_runs) == 1


def test_missing_required_fields_block_clearance_with_clear_messages(client_for, authority, editor):
    article = release_in_state("in-review", dateline="", summary="  ")
    with pytest.raises(ValidationError) as refused:
        transitions.clear(article=article, user=authority, checklist=clearance_checklist())
    messages = " ".join(refused.value.messages)
    assert "Add a dateline" in messages
    assert "Write a summary" in messages
    page = client_for(authority).get(transition_url(article, "clear")).content.decode()
    assert "Add a dateline" in page
    # Editors see the same problems on the form, each linked to its field.
    change = client_for(editor).get(reverse("admin:articles_article_change", args=[article.pk]))
    assert '<a href="#id_dateline">Add a dateline' in change.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_returning_needs_a_comment_that_the_writer_then_sees(client_for, editor, writer):
    article = release_in_state("in-review", created_by=writer)
    client = client_for(editor)
    response = client.post(transition_url(article, "return"), {"comment": "  "})
    assert "the comment is required" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW

    client.post(transition_url(article, "return"), {"comment": "Add the unit's full name."})
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    page = client_for(writer).get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    assert "Returned to draft by Officer" in html
    assert "Add the unit&#x27;s full name." in html


def test_writers_edit_drafts_but_not_submitted_releases(client_for, writer):
    draft = release_in_state("draft")
    submitted = release_in_state("in-review")
    client = client_for(writer)
    url = reverse("admin:articles_article_change", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert "only editors can change it" in page
    assert 'name="_save"' not in page
    data = article_post_data(fields={"slug": submitted.slug, "headline": "Rewritten"})
    assert client.post(url, data).status_code == 403
    submitted.refresh_from_db()
    assert submitted.headline != "Rewritten"

    data = article_post_data(fields={"slug": draft.slug, "headline": "Rewritten"})
    response = client.post(reverse("admin:articles_article_change", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Rewritten"


def test_a_new_release_is_a_draft_by_its_creator(client_for, writer):
    response = client_for(writer).post(reverse("admin:articles_article_add"), article_post_data())
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.created_by) == (ArticleStatus.DRAFT, writer)


@pytest.mark.parametrize("state", ["cleared", "scheduled"])
def test_editing_the_text_of_a_cleared_release_sends_it_back_to_review(client_for, editor, state):
    article = release_in_state(state)
    client = client_for(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    release_time = article.release_at.strftime("%Y-%m-%d %H:%M:%S").split()
    fields = {
        "slug": article.slug,
        "headline": article.headline,
        "summary": article.summary,
        "dateline": article.dateline,
        "byline_text": article.byline_text,
        "release_at_0": release_time[0],
        "release_at_1": release_time[1],
    }
    # Tags are not what a clearance signs: it stays cleared.
    response = client.post(url, article_post_data(fields={**fields, "tags": "border"}))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.state_label == {"cleared": "Cleared", "scheduled": "Scheduled"}[state]

    fields["loaded_version"] = article.edit_version
    response = client.post(
        url, article_post_data(fields={**fields, "headline": "A new headline"}), follow=True
    )
    assert "the release is back in review" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert not Article.objects.published().filter(pk=article.pk).exists()
    entry = StateChange.objects.get(article=article)
    assert (entry.action, entry.user) == (WorkflowAction.REOPENED, editor)


def test_the_review_rule_for_cleared_edits_can_be_switched_off(settings, client_for, editor):
    settings.NEWSROOM_EDITS_REOPEN_REVIEW = False
    article = release_in_state("cleared", release_at=None)
    data = article_post_data(fields={"slug": article.slug, "headline": "A new headline"})
    client_for(editor).post(reverse("admin:articles_article_change", args=[article.pk]), data)
    article.refresh_from_db()
    assert (article.headline, article.status) == ("A new headline", ArticleStatus.CLEARED)


# Every public surface that lists or shows releases; feeds, sitemaps and search add a line.
PUBLIC_SURFACES = {
    "page": lambda article: article.get_absolute_url(),
    "home": lambda article: reverse("public:home"),
}


def shows(client, surface, article):
    response = client.get(PUBLIC_SURFACES[surface](article))
    return response.status_code == 200 and article.headline in response.content.decode()


@pytest.mark.parametrize("surface", PUBLIC_SURFACES)
def test_scheduled_release_appears_at_its_time_without_any_job(client, authority, surface):
    release_time = (timezone.now() + datetime.timedelta(hours=3)).replace(microsecond=0)
    article = release_in_state("cleared")
    transitions.publish(article=article, user=authority, at=release_time)
    with time_machine.travel(release_time - datetime.timedelta(seconds=1), tick=False):
        assert not shows(client, surface, article)
    with time_machine.travel(release_time + datetime.timedelta(seconds=1), tick=False):
        assert shows(client, surface, article)


def test_scheduling_in_the_admin_and_cancelling(client_for, authority):
    article = release_in_state("cleared")
    client = client_for(authority)
    response = client.post(
        transition_url(article, "publish"), as_shown(article, {"when": "schedule", "at": ""})
    )
    assert "Choose the date and time to publish at." in response.content.decode()
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        transition_url(article, "publish"), as_shown(article, {"when": "schedule", "at": past})
    )
    assert "Choose a time in the future, or publish now." in response.content.decode()

    later = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        transition_url(article, "publish"),
        as_shown(article, {"when": "schedule", "at": later.strftime("%Y-%m-%dT%H:%M")}),
        follow=True,
    )
    assert "Scheduled: the release becomes public on" in response.content.decode()
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.release_at == later.replace(second=0, microsecond=0)
    assert StateChange.objects.get(article=article).action == WorkflowAction.SCHEDULED

    client.post(transition_url(article, "unschedule"), {"comment": "Date moved."})
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_withdrawn_release_keeps_its_address_with_a_notice_and_leaves_every_list(client, authority):
    article = release_in_state("published")
    transitions.withdraw(
        article=article, user=authority, reason="The exercise was <b>postponed</b>."
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "This release was withdrawn on" in html
    assert "The exercise was &lt;b&gt;postponed&lt;/b&gt;." in html
    assert '<meta name="robots" content="noindex">' in html
    assert article.headline not in client.get(reverse("public:home")).content.decode()
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_public_text_change_needs_a_correction_note_shown_to_readers(client, client_for, editor):
    article = release_in_state("published", summary="Forty students finished.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    fields = {"slug": article.slug, "headline": article.headline}
    staff = client_for(editor)

    response = staff.post(url, article_post_data(fields={**fields, "summary": "Forty-two."}))
    assert response.status_code == 200
    assert "This release is public: describe what you changed and why." in (
        response.content.decode()
    )
    assert "\nForty-two.</textarea>" in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "Forty students finished."

    data = article_post_data(
        fields={
            **fields,
            "summary": "Forty-two students finished.",
            "correction_note": "Corrects the number of graduates.",
        }
    )
    assert staff.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.summary == "Forty-two students finished."
    assert article.status == ArticleStatus.PUBLISHED
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Updated" in html
    assert 'id="corrections"' in html
    assert "Corrects the number of graduates." in html
    assert StateChange.objects.get(article=article).action == WorkflowAction.CORRECTED


def test_writers_cannot_correct_and_drafts_take_no_corrections(writer, editor):
    live = release_in_state("published")
    with pytest.raises(PermissionDenied):
        transitions.correct(article=live, user=writer, note="Fixes a typo.")
    draft = release_in_state("draft")
    with pytest.raises(ValidationError):
        transitions.correct(article=draft, user=editor, note="Fixes a typo.")


def test_the_audit_log_records_every_step_and_shows_in_the_admin(
    client_for, writer, editor, authority
):
    article = ArticleFactory(status=ArticleStatus.DRAFT, created_by=writer)
    transitions.submit_for_review(article=article, user=writer, comment="Ready.")
    transitions.return_to_draft(article=article, user=editor, comment="Add a quote.")
    transitions.submit_for_review(article=article, user=writer)
    transitions.clear(article=article, user=authority, checklist=clearance_checklist())
    transitions.publish(article=article, user=authority)
    transitions.withdraw(article=article, user=authority, reason="Superseded.")

    log = list(
        StateChange.objects.filter(article=article)
        .order_by("at", "pk")
        .values_list("action", "from_status", "to_status", "user__username", "comment")
    )
    assert log == [
        ("submitted", "draft", "in-review", "writer", "Ready."),
        ("returned", "in-review", "draft", "editor", "Add a quote."),
        ("submitted", "draft", "in-review", "writer", ""),
        ("cleared", "in-review", "cleared", "authority", ""),
        ("published", "cleared", "published", "authority", ""),
        ("withdrawn", "published", "withdrawn", "authority", "Superseded."),
    ]
    assert StateChange.objects.get(action="published", article=article).release_at is not None

    client = client_for(authority)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    log_section = page.decode().split('class="module workflow-log"')[1].split("</section>")[0]
    assert log_section.count("<tr><td>") == 6
    changelist = client.get(
        reverse("admin:articles_statechange_changelist") + f"?article__id__exact={article.pk}"
    )
    assert changelist.status_code == 200
    assert "Add a quote." in changelist.content.decode()
    entry = StateChange.objects.filter(article=article).first()
    assert (
        client.post(
            reverse("admin:articles_statechange_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert StateChange.objects.filter(article=article).count() == 6


def test_staff_preview_shows_any_state_as_the_site_will(client, client_for, writer):
    draft = release_in_state("draft", headline="Bridge opens in Metetí")
    url = reverse("admin:articles_article_preview", args=[draft.pk])
    response = client_for(writer).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bridge opens in Metetí</h1>" in html
    assert "Preview: Draft" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_released_releases_cannot_be_deleted(client_for, editor):
    client = client_for(editor)
    for state in ("published", "withdrawn"):
        article = release_in_state(state)
        url = reverse("admin:articles_article_delete", args=[article.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()
    draft = release_in_state("draft")
    assert (
        client.post(
            reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}
        ).status_code
        == 302
    )
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_site_administrators_get_permissions_added_after_the_roles_migration(db):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from articles.roles import grant_site_administrators_everything

    later = Permission.objects.create(
        codename="something_new",
        name="Something new",
        content_type=ContentType.objects.get_for_model(Article),
    )
    grant_site_administrators_everything()
    admin = UserFactory(roles=[roles.SITE_ADMINISTRATOR])
    assert admin.has_perm("articles.something_new")
    assert later in Group.objects.get(name=roles.SITE_ADMINISTRATOR).permissions.all()


def test_a_step_without_fields_works_from_an_empty_post(client_for, authority):
    article = release_in_state("scheduled")
    assert client_for(authority).post(transition_url(article, "unschedule")).status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED

"""Clearance integrity (docs/workflow.md): a clearance signs for the version the authority read,
nobody clears their own words, every staff account gives a second factor, and embargo links
end with the clearance they shared. Each hole is tried through the admin with crafted POSTs."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.checks import release_check_warnings
from articles.models import (
    Article,
    ArticleStatus,
    Clearance,
    EmbargoLink,
    Quote,
    RichText,
)
from articles.revisions import snapshot_of_article
from articles.workflow import transitions
from articles.workflow.embargo import create_embargo_link
from articles.workflow.gates import clearance_checklist
from tests.admin_forms import article_post_data
from tests.factories import ImageFactory, PersonFactory, UserFactory, release_in_state
from tests.shared_records import through_the_workflow
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def step_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def shown_version(page):
    (version,) = re.findall(r'name="shown_version" value="(\d+)"', page)
    return version


def add_sentence(article, user, text):
    """An editor's save through the release form, as the browser posts it."""
    article.refresh_from_db()
    data = article_post_data(
        fields={
            "loaded_version": str(article.edit_version),
            "headline": article.headline,
            "slug": article.slug,
            "summary": article.summary,
            "dateline": article.dateline,
            "byline_text": "",
            "tags": "",
        },
        blocks=[("richtext", {"text": f"<p>{text}</p>"})],
    )
    response = sign_in(Client(), user).post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def clear(article, user):
    """Clear as a release authority who confirms the checklist and accepts the warnings."""
    article.refresh_from_db()
    return transitions.clear(
        article=article,
        user=user,
        checklist=clearance_checklist(),
        acknowledged_warnings=[finding.key for finding in release_check_warnings(article)],
    )


# --- Hole 2: clearance of a version --------------------------------------------------------


def test_a_clearance_given_on_a_stale_page_is_refused_with_what_changed(
    client_for, authority, editor
):
    article = release_in_state("in-review")
    client = client_for(authority)
    page = client.get(step_url(article, "clear")).content.decode()
    version = shown_version(page)

    add_sentence(article, editor, "The ferry leaves at dawn from pier four.")

    response = client.post(
        step_url(article, "clear"),
        {"checklist": clearance_checklist(), "comment": "Good.", "shown_version": version},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The release changed after this page was opened" in html
    assert "The ferry leaves at dawn from pier four." in html  # the diff shows the sentence
    assert "Good." in html  # what the authority typed is kept
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert not Clearance.objects.filter(article=article).exists()

    # The refreshed page carries the version now shown: confirming again clears it.
    response = client.post(
        step_url(article, "clear"),
        {"checklist": clearance_checklist(), "shown_version": shown_version(html)},
    )
    assert response.status_code == 302
    clearance = Clearance.objects.get(article=article)
    assert clearance.edit_version == int(shown_version(html))
    assert clearance.snapshot_digest == snapshot_of_article(article).digest


def test_a_post_without_the_version_clears_nothing(client_for, authority):
    article = release_in_state("in-review")
    response = client_for(authority).post(
        step_url(article, "clear"), {"checklist": clearance_checklist()}
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_the_services_refuse_a_stale_version_on_the_shown_version_field(authority):
    article = release_in_state("in-review")
    stale = article.edit_version
    article.save()
    with pytest.raises(ValidationError) as refused:
        transitions.clear(
            article=article, user=authority, checklist=clearance_checklist(), shown_version=stale
        )
    assert "shown_version" in refused.value.error_dict
    cleared = release_in_state("cleared")
    stale = cleared.edit_version
    cleared.save()
    with pytest.raises(ValidationError) as refused:
        transitions.publish(article=cleared, user=authority, shown_version=stale)
    assert "shown_version" in refused.value.error_dict


def test_a_stale_publish_page_is_refused(client_for, authority, editor):
    article = release_in_state("cleared")
    client = client_for(authority)
    version = shown_version(client.get(step_url(article, "publish")).content.decode())
    Article.objects.get(pk=article.pk).save()  # someone saved it in between
    response = client.post(step_url(article, "publish"), {"when": "now", "shown_version": version})
    assert "The release changed after this page was opened" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED


def test_the_published_release_is_the_snapshot_that_was_cleared(client, authority):
    speaker = PersonFactory(family_name="Quill")
    release = through_the_workflow(publish=False)
    Quote.objects.create(parent=release, region="body", ordering=10, speaker=speaker, text="Go")
    RichText.objects.create(parent=release, region="body", ordering=20, text="<p>Bridge.</p>")
    release.status = ArticleStatus.IN_REVIEW
    release.save()
    other = UserFactory(roles=[roles.RELEASE_AUTHORITY])
    clear(release, other)
    clearance = release.clearances.first()

    # Changed behind the workflow's back after clearance: publishing refuses.
    speaker.family_name = "Quilt"
    speaker.save()
    with pytest.raises(ValidationError, match="no longer reads as it did when it was cleared"):
        transitions.publish(article=release, user=other)
    speaker.family_name = "Quill"
    speaker.save()

    transitions.publish(article=release, user=other)
    published = Article.objects.published().get(pk=release.pk)
    assert snapshot_of_article(published).digest == clearance.snapshot_digest
    assert "Bridge." in client.get(published.get_absolute_url()).content.decode()


# --- Hole 3: separation of duties from the revision history --------------------------------


@pytest.fixture
def editor_and_authority(db):
    return UserFactory(username="both", roles=[roles.EDITOR, roles.RELEASE_AUTHORITY])


def test_who_rewrote_a_release_in_review_cannot_clear_it(client_for, editor_and_authority):
    article = release_in_state("in-review", created_by=UserFactory())
    add_sentence(article, editor_and_authority, "A sentence nobody else read.")
    client = client_for(editor_and_authority)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert step_url(article, "clear") not in page.content.decode()
    article.refresh_from_db()
    response = client.post(
        step_url(article, "clear"),
        {"checklist": clearance_checklist(), "shown_version": article.edit_version},
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_a_writer_and_authority_cannot_clear_the_draft_they_wrote(client_for):
    both = UserFactory(roles=[roles.WRITER, roles.RELEASE_AUTHORITY])
    article = release_in_state("draft", created_by=UserFactory())
    add_sentence(article, both, "My own paragraph.")
    transitions.submit_for_review(article=article, user=both)
    with pytest.raises(PermissionDenied, match="You changed the text"):
        clear(article, both)


def test_site_administrators_are_bound_too_unless_the_setting_allows(
    settings, site_admin, admin_user
):
    for user in (site_admin, admin_user):
        article = release_in_state("in-review", created_by=UserFactory())
        add_sentence(article, user, "An administrator's words.")
        with pytest.raises(PermissionDenied, match="You changed the text"):
            clear(article, user)
        settings.NEWSROOM_ALLOW_SELF_CLEARANCE = True
        clear(article, user)
        settings.NEWSROOM_ALLOW_SELF_CLEARANCE = False


def test_a_return_to_draft_starts_the_count_again(editor_and_authority, writer, authority):
    article = release_in_state("in-review", created_by=writer)
    add_sentence(article, editor_and_authority, "An editor's sentence.")
    transitions.return_to_draft(article=article, user=authority, comment="Rewrite the end.")
    add_sentence(article, writer, "The writer's own ending.")
    transitions.submit_for_review(article=article, user=writer)
    clear(article, editor_and_authority)
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED


# --- Hole 4: a second factor for every staff account ---------------------------------------


@pytest.mark.parametrize(
    "role", [roles.WRITER, roles.EDITOR, roles.RELEASE_AUTHORITY, roles.SITE_ADMINISTRATOR]
)
def test_a_password_alone_opens_no_admin_page_in_any_role(role):
    UserFactory(username="someone", roles=[role])
    live = release_in_state("published", headline="Original headline")
    cleared = release_in_state("cleared")
    client = Client()
    client.post(
        reverse("admin:login"), {"username": "someone", "password": PASSWORD, "next": "/admin/"}
    )
    setup = reverse("security:mfa_setup")
    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_embargo", args=[cleared.pk]),
        reverse("admin:articles_article_import"),
        reverse("admin:articles_image_add"),
    ):
        assert client.get(url).url.startswith(setup), url
    data = article_post_data(fields={"slug": live.slug, "headline": "Changed headline"})
    response = client.post(reverse("admin:articles_article_change", args=[live.pk]), data)
    assert response.url.startswith(setup)
    response = client.post(
        reverse("admin:articles_article_embargo", args=[cleared.pk]),
        {"label": "Desk", "expires_at": "2099-01-01T10:00"},
    )
    assert response.url.startswith(setup)
    live.refresh_from_db()
    assert live.headline == "Original headline"
    assert not EmbargoLink.objects.exists()


def test_the_local_demo_may_skip_the_second_factor(settings, writer):
    settings.NEWSROOM_REQUIRE_MFA = False  # what `make run` uses (newsroom.settings.dev)
    client = Client()
    client.post(reverse("admin:login"), {"username": "writer", "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 200


# --- Hole 5: embargo links end with their clearance ----------------------------------------


def link_for(article, user):
    _link, token = create_embargo_link(
        article=article,
        user=user,
        label="Wire services",
        expires_at=timezone.now() + datetime.timedelta(days=2),
    )
    return reverse("public:embargoed", kwargs={"token": token})


def test_a_link_never_comes_back_after_a_return_to_draft(client, authority, editor):
    article = release_in_state("cleared", created_by=editor)
    url = link_for(article, authority)
    assert client.get(url).status_code == 200
    transitions.return_to_draft(article=article, user=authority, comment="Hold it.")
    transitions.submit_for_review(article=article, user=editor)
    clear(article, authority)
    assert client.get(url).status_code == 404
    assert EmbargoLink.objects.get().revoked_by == authority
    # A new link works for the new clearance.
    article.refresh_from_db()
    assert client.get(link_for(article, authority)).status_code == 200


def test_a_link_ends_when_an_edit_sends_the_release_back_to_review(client, authority, editor):
    article = release_in_state("cleared", created_by=editor)
    url = link_for(article, authority)
    add_sentence(article, editor, "A late change.")
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    other = UserFactory(roles=[roles.RELEASE_AUTHORITY])
    clear(article, other)
    assert client.get(url).status_code == 404


def test_a_link_counts_its_openings_without_cookies_and_the_editor_sees_them(
    client, client_for, authority, editor
):
    article = release_in_state("cleared")
    url = link_for(article, authority)
    page = client_for(editor).get(reverse("admin:articles_article_embargo", args=[article.pk]))
    assert "Not opened yet" in page.content.decode()
    first = client.get(url)
    second = Client().get(url)
    assert not first.cookies and not second.cookies
    link = EmbargoLink.objects.get()
    assert link.open_count == 2
    assert link.first_opened_at <= link.last_opened_at
    page = client_for(editor).get(reverse("admin:articles_article_embargo", args=[article.pk]))
    assert "2 times, first on" in page.content.decode()


def test_another_hero_photo_on_a_cleared_release_sends_it_back_to_review(
    client_for, editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    first, second = ImageFactory(title="Pier"), ImageFactory(title="Ferry")
    article = release_in_state("cleared", hero_image=first)
    fields = {
        "loaded_version": str(article.edit_version),
        "headline": article.headline,
        "slug": article.slug,
        "summary": article.summary,
        "dateline": article.dateline,
        "byline_text": "",
        "hero_image": str(first.pk),
        "tags": "harbour",
    }
    client = client_for(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, article_post_data(fields=fields)).status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.CLEARED  # tags are not what a clearance signs

    fields |= {"loaded_version": str(article.edit_version), "hero_image": str(second.pk)}
    response = client.post(url, article_post_data(fields=fields), follow=True)
    assert "the release is back in review" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW

"""The release checks in the admin: the panel, the list column and filter, the watch list."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.checks import refresh_release_checks
from articles.models import Article, ReleaseCheckReport, WatchTerm
from tests.admin_forms import article_post_data
from tests.checks.helpers import add_rich_text, draft, paragraphs
from tests.test_admin import errors_of

pytestmark = pytest.mark.django_db

PLACEHOLDER_MESSAGE = "“[insert date]” is a placeholder that was never filled in."


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_release_with_placeholder(admin_client, **extra):
    data = article_post_data(
        blocks=[("richtext", {"text": "<p>The conference opens on [insert date].</p>"})]
    )
    data.update(extra)
    response = admin_client.post(reverse("admin:articles_article_add"), data, follow=True)
    assert response.status_code == 200, errors_of(response)
    return Article.objects.get(slug=data["slug"]), response


def test_saving_a_release_shows_its_findings_on_the_change_form(admin_client):
    article, response = post_release_with_placeholder(admin_client, _continue="1")
    assert response.redirect_chain[-1][0] == change_url(article)
    page = response.content.decode()
    assert "Release checks" in page
    assert "1 error blocks clearance and publishing." in page
    assert "Block 1 (rich text), line 1" in page
    assert PLACEHOLDER_MESSAGE in page
    assert "Reading grade (Flesch–Kincaid)" in page
    assert article.check_report.error_count == 1


def test_saving_a_release_with_errors_says_so_on_the_next_page(admin_client):
    _article, response = post_release_with_placeholder(admin_client)
    notices = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("The release checks found 1 error and 0 warnings" in n for n in notices)


def test_a_field_finding_links_to_its_field(admin_client):
    article = draft(dateline="")
    response = admin_client.get(change_url(article))
    assert '<a href="#id_dateline">Dateline</a>' in response.content.decode()


def test_findings_are_escaped_in_the_panel(admin_client):
    article = draft(subheadline='[insert <img src=x onerror="alert(1)">]')
    page = admin_client.get(change_url(article)).content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert '<img src=x onerror="alert(1)">' not in page


def test_viewing_a_release_refreshes_its_findings(admin_client):
    article = draft()
    refresh_release_checks(article=article)
    add_rich_text(article, paragraphs("Arriving on [insert date]."))  # as an import would
    page = admin_client.get(change_url(article)).content.decode()
    assert PLACEHOLDER_MESSAGE in page
    assert ReleaseCheckReport.objects.get(article=article).error_count == 1


def test_a_refused_save_keeps_the_last_saved_results(admin_client):
    article = draft()
    refresh_release_checks(article=article)
    data = article_post_data(fields={"headline": "[TBD]", "slug": ""})
    response = admin_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "slug" in errors_of(response)
    assert "[TBD]" not in str(ReleaseCheckReport.objects.get(article=article).findings)


def test_the_add_form_says_when_the_checks_run(admin_client):
    page = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "The release checks run when you save the release." in page


def test_the_release_list_counts_findings_and_filters_releases_with_errors(admin_client):
    clean = draft(headline="Engineers open a clinic")
    flawed = draft(headline="Troops arrive in Colón", dateline="")
    unchecked = draft(headline="Never checked")
    for article in (clean, flawed):
        refresh_release_checks(article=article)
    changelist = reverse("admin:articles_article_changelist")
    page = admin_client.get(changelist).content.decode()
    row = next(line for line in page.splitlines() if "Troops arrive" in line)
    assert '<span class="newsroom-check-errors">1 error</span></td>' in row
    assert "no findings" in next(line for line in page.splitlines() if "Engineers open" in line)
    assert "not checked yet" in next(line for line in page.splitlines() if "Never checked" in line)

    def listed(query):
        page = admin_client.get(changelist, {"checks": query}).content.decode()
        return {a.headline for a in (clean, flawed, unchecked) if a.headline in page}

    assert listed("errors") == {flawed.headline}
    assert listed("clean") == {clean.headline}
    assert listed("unchecked") == {unchecked.headline}


def test_the_watch_list_is_kept_in_the_admin(admin_client):
    add = reverse("admin:articles_watchterm_add")
    response = admin_client.post(
        add, {"term": "  Fort   Sherman ", "reason": "unit location", "is_active": "on"}
    )
    assert response.status_code == 302
    assert WatchTerm.objects.get().term == "Fort Sherman"
    response = admin_client.post(add, {"term": "fort sherman", "reason": "", "is_active": "on"})
    assert "This word or phrase is on the watch list already." in response.content.decode()
    response = admin_client.post(add, {"term": "!!!", "reason": "", "is_active": "on"})
    assert "Type a word or phrase with at least one letter or digit." in (response.content.decode())
    page = admin_client.get(reverse("admin:articles_watchterm_changelist")).content.decode()
    assert "Fort Sherman" in page

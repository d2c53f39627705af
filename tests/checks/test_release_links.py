import datetime

import pytest
from django.utils import timezone

from articles.models import ArticleStatus
from tests.checks.helpers import add_rich_text, draft, findings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def linking_to(href, text="the earlier release", **fields):
    article = draft(**fields)
    add_rich_text(article, f'<p>First line.</p><p>As reported in <a href="{href}">{text}</a>.</p>')
    return article


@pytest.mark.parametrize(
    "href",
    [
        "/releases/{slug}/",
        "http://localhost/releases/{slug}/",
        "https://127.0.0.1:8443/releases/{slug}/?utm=x#top",
        "../{slug}/",
    ],
)
def test_a_link_to_a_draft_of_this_site_is_an_error_naming_it(href):
    target = ArticleFactory(status=ArticleStatus.DRAFT, headline="Engineers start clinic")
    article = linking_to(href.format(slug=target.slug))
    found = findings(article, "release-link")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 2", True)
    ]
    assert "“Engineers start clinic”" in found[0].message
    assert "(draft)" in found[0].message
    assert "Publish that release first, or remove the link" in found[0].message


def test_a_link_to_a_release_that_does_not_exist_is_an_error():
    article = linking_to("/releases/no-such-release/", text="our story")
    (finding,) = findings(article, "release-link")
    assert "“our story” points to a release that does not exist" in finding.message


def test_a_link_to_a_release_scheduled_after_this_one_is_an_error():
    now = timezone.now()
    later = ArticleFactory(release_at=now + datetime.timedelta(days=3))
    article = linking_to(later.get_absolute_url(), release_at=now + datetime.timedelta(days=1))
    (finding,) = findings(article, "release-link")
    assert "scheduled for" in finding.message


def test_links_to_public_releases_and_to_releases_out_before_this_one_are_fine():
    now = timezone.now()
    public = ArticleFactory()
    sooner = ArticleFactory(release_at=now + datetime.timedelta(days=1))
    article = draft(release_at=now + datetime.timedelta(days=2))
    add_rich_text(
        article,
        f'<p><a href="{public.get_absolute_url()}">one</a> and '
        f'<a href="http://localhost{sooner.get_absolute_url()}">two</a></p>',
    )
    assert findings(article, "release-link") == []


@pytest.mark.parametrize(
    "href",
    [
        "https://www.defense.gov/releases/no-such-release/",  # another site
        "/people/no-such-person/",  # not a release
        "mailto:press@example.mil",
        "#contacts",
    ],
)
def test_links_elsewhere_are_not_this_checks_business(href):
    assert findings(linking_to(href), "release-link") == []


def test_a_wildcard_allowed_host_does_not_make_every_site_ours(settings):
    settings.ALLOWED_HOSTS = ["*"]
    article = linking_to("https://www.defense.gov/releases/no-such-release/")
    assert findings(article, "release-link") == []

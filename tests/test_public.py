import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import InitiativeTable, PersonRole, Quote, RichText
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    PersonFactory,
    add_blocks,
    release_in_state,
)

pytestmark = pytest.mark.django_db


def test_article_page_renders_the_body_in_order_with_semantic_markup(client):
    article = ArticleFactory(release_at=timezone.now() - datetime.timedelta(days=2))
    speaker = PersonFactory(
        service="U.S. Army",
        rank="Sgt. 1st Class",
        given_name="Travis",
        family_name="Quinn",
        title="a senior instructor with the Jungle Operations Training Course",
    )
    RichText.objects.create(parent=article, region="body", ordering=30, text="<p>Third</p>")
    Quote.objects.create(
        parent=article,
        region="body",
        ordering=10,
        speaker=speaker,
        text="First words",
        context="during the graduation",
    )
    table = InitiativeTable.objects.create(
        parent=article,
        region="body",
        ordering=20,
        caption="Second: projects",
        headings=["Initiative", "Objectives"],
    )
    initiative = InitiativeFactory(name="Water Wells")
    table.rows.create(initiative=initiative, cells=["Drill <two> wells"])

    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("First words") < html.index("Second: projects") < html.index("Third")
    assert "<blockquote><p>“First words”</p></blockquote>" in html
    assert (
        f'<cite><a href="{speaker.get_absolute_url()}">U.S. Army Sgt. 1st Class Travis Quinn, '
        "a senior instructor with the Jungle Operations Training Course</a></cite>, "
        "during the graduation"
    ) in html
    assert "<caption>Second: projects</caption>" in html
    assert '<th scope="col">Objectives</th>' in html
    # Each cell names its column, for the stacked layout on phones.
    assert (
        f'<th scope="row" data-label="Initiative"><a href="{initiative.get_absolute_url()}">'
        "Water Wells</a></th>"
    ) in html
    assert '<td data-label="Objectives">Drill &lt;two&gt; wells</td>' in html
    assert f"<title>{article.headline} | Newsroom</title>" in html


def test_archived_quote_keeps_the_rank_of_its_release_date(client):
    article = ArticleFactory(release_at=timezone.now() - datetime.timedelta(days=400))
    speaker = PersonFactory(rank="Sgt. 1st Class", given_name="Jo", family_name="Park", title="")
    PersonRole.objects.create(
        person=speaker,
        service="U.S. Army",
        rank="Staff Sgt.",
        held_until=timezone.localdate() - datetime.timedelta(days=100),
    )
    Quote.objects.create(parent=article, region="body", ordering=10, speaker=speaker, text="Hi")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "U.S. Army Staff Sgt. Jo Park" in html
    assert "Sgt. 1st Class Jo Park" not in html


# Withdrawn releases keep their address with a notice: tests/test_workflow.py.
@pytest.mark.parametrize("status", ["draft", "in-review", "cleared"])
def test_unpublished_releases_are_not_found(client, status):
    article = ArticleFactory(status=status)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get(reverse("public:home")).content.decode()


def test_future_release_is_not_found_until_its_time(client):
    article = ArticleFactory(release_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_costs_the_same_queries_for_4_and_30_blocks(client, no_page_cache):
    # Four blocks: one of each type, so both pages load the same kinds of rows.
    small, large = ArticleFactory(), ArticleFactory()
    add_blocks(small, 4)
    add_blocks(large, 30)
    assert _queries_for(client, small.get_absolute_url()) == _queries_for(
        client, large.get_absolute_url()
    )


def test_home_lists_published_releases_newest_first(client):
    older = ArticleFactory(release_at=timezone.now() - datetime.timedelta(days=3))
    newer = ArticleFactory(release_at=timezone.now() - datetime.timedelta(days=1))
    html = client.get(reverse("public:home")).content.decode()
    assert html.index(newer.headline) < html.index(older.headline)


def test_person_organization_and_initiative_pages_list_their_releases(client):
    article = ArticleFactory()
    draft = ArticleFactory(status="draft")
    person, initiative = PersonFactory(), InitiativeFactory()
    organization = person.organization
    for release in (article, draft):
        release.people.add(person)
        release.organizations.add(organization)
        release.initiatives.add(initiative)
    for obj in (person, organization, initiative):
        html = client.get(obj.get_absolute_url()).content.decode()
        assert article.headline in html
        assert draft.headline not in html


def test_public_pages_set_no_cookies_and_send_a_strict_policy(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert not response.cookies
    policy = response["Content-Security-Policy"]
    # Scripts from the site only: public pages have no inline script, so no nonce.
    assert re.search(r"script-src 'self'(;|$)", policy)
    assert "unsafe-inline" not in policy


def _quoted(article, person):
    Quote.objects.create(parent=article, region="body", ordering=10, speaker=person, text="Yes.")


def _related(article, person):
    article.people.add(person)


def _author(article, person):
    article.byline_people.add(person)


@pytest.mark.parametrize("link", [_quoted, _related, _author], ids=lambda f: f.__name__[1:])
def test_a_person_has_a_page_once_a_published_release_names_them(client, link):
    draft, published = release_in_state("draft"), release_in_state("published")
    waiting, named = PersonFactory(), PersonFactory()
    link(draft, waiting)
    link(published, named)
    assert client.get(waiting.get_absolute_url()).status_code == 404
    assert client.get(named.get_absolute_url()).status_code == 200


def test_a_persons_page_lists_their_quotes_newest_first_with_release_and_date(
    client, no_page_cache
):
    person = PersonFactory(
        service="U.S. Air Force", rank="Col.", given_name="Dana", family_name="Reyes", title=""
    )
    older = ArticleFactory(
        headline="Bridge opens", release_at=timezone.now() - datetime.timedelta(days=2)
    )
    Quote.objects.create(
        parent=older,
        region="body",
        ordering=10,
        speaker=person,
        text="Cross <safely>.",
        context="at the opening & after",
    )
    url = person.get_absolute_url()
    assert client.get(url).status_code == 200
    # Released after the page's reads were first made: still listed (the present is read anew).
    newer = ArticleFactory(headline="Bridge inspected", release_at=timezone.now())
    Quote.objects.create(parent=newer, region="body", ordering=10, speaker=person, text="Clear.")
    newer.people.add(person)
    html = client.get(url).content.decode()
    assert html.index("“Clear.”") < html.index("“Cross &lt;safely&gt;.”")
    assert "— U.S. Air Force Col. Dana Reyes, at the opening &amp; after<br>" in html
    assert f'<a href="{newer.get_absolute_url()}">Bridge inspected</a>, <time datetime=' in html
    # Its latest releases are those that name the person (a quote alone does not).
    assert html.count('class="newsroom-result"') == 1 and "Bridge inspected</a> <span" in html


def test_a_tag_has_a_page_from_the_moment_a_release_using_it_is_out(client, no_page_cache):
    ArticleFactory().tags.add("harbor")
    assert client.get(reverse("public:tag", kwargs={"slug": "harbor"})).status_code == 200
    scheduled = ArticleFactory(release_at=timezone.now() + datetime.timedelta(hours=1))
    scheduled.tags.add("bridges")
    initiative = InitiativeFactory(name="Bridge Program")
    initiative.tags.add("bridges")
    scheduled.initiatives.add(initiative)
    url = reverse("public:tag", kwargs={"slug": "bridges"})
    assert client.get(url).status_code == 404
    scheduled.release_at = timezone.now() - datetime.timedelta(seconds=1)
    scheduled.save()
    html = client.get(url).content.decode()
    assert scheduled.headline in html
    assert ">Bridge Program</a>" in html.split("Initiatives with this tag")[1]


def test_an_initiatives_page_shows_its_latest_table_mentions_only(client, no_page_cache):
    from public.views.directory import LATEST_TABLE_MENTIONS

    initiative = InitiativeFactory(name="Water Wells")
    for days_ago in range(LATEST_TABLE_MENTIONS + 1):
        release = ArticleFactory(
            headline=f"Wells update {days_ago} days ago",
            release_at=timezone.now() - datetime.timedelta(days=days_ago + 1),
        )
        table = InitiativeTable.objects.create(
            parent=release, region="body", ordering=10, caption="Projects", headings=["Project"]
        )
        table.rows.create(initiative=initiative, cells=[])
    html = client.get(initiative.get_absolute_url()).content.decode()
    mentions = html.split("In release tables")[1].split("</ul>")[0]
    assert mentions.count("<li>") == LATEST_TABLE_MENTIONS
    assert mentions.index("Wells update 0 days ago") < mentions.index("Wells update 1 days ago")
    assert f"Wells update {LATEST_TABLE_MENTIONS} days ago" not in mentions
    assert f"Only the {LATEST_TABLE_MENTIONS} latest mentions are shown." in html

"""The public pages: each type renders the demo content; lists filter and paginate; what is not
public stays out; every page carries the federal-standard furniture."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleKind,
    Correction,
    Initiative,
    Organization,
    Person,
    Quote,
)
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NEWS_STORY = "border-units-complete-first-combined-jungle-course-in-darien"
PRESS_CONFERENCE = "avery-and-castrellon-outline-next-phase-of-security-cooperation"


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def title_of(html):
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip())


def description_of(html):
    return unescape(re.search(r'<meta name="description" content="([^"]*)"', html).group(1))


def public_urls():
    """One URL of every public page type, from the demo content."""
    article = Article.objects.get(slug=PRESS_CONFERENCE)
    tag = Tag.objects.filter(slug="border-security").get()
    return [
        reverse("public:home"),
        reverse("public:release_list"),
        reverse("public:kind", kwargs={"kind": "press-release"}),
        reverse("public:archive"),
        reverse("public:archive_year", kwargs={"year": article.release_at.year}),
        reverse(
            "public:archive_month",
            kwargs={"year": article.release_at.year, "month": article.release_at.month},
        ),
        article.get_absolute_url(),
        reverse("public:tag", kwargs={"slug": tag.slug}),
        reverse("public:people"),
        Person.objects.get(slug="thomas-avery").get_absolute_url(),
        reverse("public:organizations"),
        Organization.objects.get(slug="joint-task-force-isthmus").get_absolute_url(),
        reverse("public:initiatives"),
        Initiative.objects.get(slug="jungle-operations-training-course").get_absolute_url(),
        reverse("public:search") + "?q=training",
        reverse("public:contact"),
        reverse("public:about"),
        reverse("public:accessibility"),
        reverse("public:privacy"),
    ]


def test_every_page_type_renders_the_demo_content(client, demo):
    conference = Article.objects.get(slug=PRESS_CONFERENCE)
    pages = {
        reverse("public:home"): [a.headline for a in demo if a.language == "en"],
        conference.get_absolute_url(): [
            conference.headline,
            "Lines of effort announced at the joint press conference",
            "U.S. Air Force Maj. Gen. Thomas Avery, commander of Joint Task Force-Isthmus",
            "Maj. Denise Carrow",  # media contact
        ],
        reverse("public:kind", kwargs={"kind": "press-release"}): [conference.headline],
        reverse("public:tag", kwargs={"slug": "border-security"}): [conference.headline],
        Person.objects.get(slug="thomas-avery").get_absolute_url(): [
            "Every program on this list started with a question",
            conference.headline,
        ],
        Organization.objects.get(slug="joint-task-force-isthmus").get_absolute_url(): [
            "U.S. Southern Command",  # its parent
            "Jungle Operations Training Detachment",  # a sub-organization
            "Maj. Gen. Thomas Avery",  # its people
            conference.headline,
        ],
        Initiative.objects.get(slug="riverine-interdiction-course").get_absolute_url(): [
            "Boat-handling phase on the Chucunaque River",  # its row in a release's table
            conference.headline,
        ],
        reverse("public:organizations"): [
            "Joint Task Force-Isthmus",
            "Ministry of Public Security",
        ],
        reverse("public:initiatives"): ["Riverine Interdiction Course"],
        reverse("public:people"): ["Ana Castrellón"],
        reverse("public:contact"): ["Maj. Denise Carrow", "denise.carrow@example.mil"],
    }
    for url, expected in pages.items():
        html = html_of(client, url)
        for text in expected:
            assert escape(text) in html, (url, text)


def test_article_page_shows_dateline_dates_byline_topics_and_related(client):
    author = PersonFactory(given_name="Jane", family_name="Doe", rank="Spc.")
    contact = PersonFactory(is_press_contact=True, email="press@example.mil", phone="+1 555 0100")
    organization, initiative = OrganizationFactory(), InitiativeFactory()
    released = timezone.now() - datetime.timedelta(days=3)
    article = ArticleFactory(
        release_at=released, dateline="YAVIZA, Panama", subheadline="Clinics open in three villages"
    )
    article.byline_people.add(author)
    article.media_contacts.add(contact)
    article.organizations.add(organization)
    article.initiatives.add(initiative)
    article.tags.add("health")
    correction = Correction.objects.create(
        article=article, note="Corrected the number of clinics.", created_by=UserFactory()
    )
    sibling = ArticleFactory(headline="Another clinic opens")
    sibling.initiatives.add(initiative)
    unrelated = ArticleFactory(headline="Something else entirely")

    html = html_of(client, article.get_absolute_url())
    assert "YAVIZA, Panama" in html
    assert "Clinics open in three villages" in html
    assert f'Released <time datetime="{released.isoformat()}">' in html
    assert f'Updated <time datetime="{correction.created_at.isoformat()}">' in html
    assert "Corrected the number of clinics." in html
    assert f'By <a href="{author.get_absolute_url()}">Spc. Jane Doe</a>' in html
    assert "mailto:press@example.mil" in html
    assert f'href="{reverse("public:tag", kwargs={"slug": "health"})}"' in html
    assert organization.get_absolute_url() in html and initiative.get_absolute_url() in html
    related = html[html.index("Related releases") :]
    assert sibling.headline in related and unrelated.headline not in related


def test_a_release_without_corrections_shows_no_updated_date(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())  # e.g. re-featured
    assert "Updated <time" not in html_of(client, article.get_absolute_url())


def test_home_puts_featured_releases_first_and_paginates(client):
    now = timezone.now()
    featured = ArticleFactory(
        is_featured=True, headline="Old but featured", release_at=now - datetime.timedelta(days=30)
    )
    newest = ArticleFactory(release_at=now - datetime.timedelta(hours=1))
    for day in range(1, 13):
        ArticleFactory(release_at=now - datetime.timedelta(days=day))
    first = html_of(client, reverse("public:home"))
    assert first.index(featured.headline) < first.index(newest.headline)
    assert "Page 1 of 2" in first
    second = html_of(client, reverse("public:home") + "?page=2")
    assert "Page 2 of 2" in second
    assert title_of(first) != title_of(second)
    assert description_of(first) != description_of(second)
    # Out-of-range and junk page numbers land on a real page rather than an error.
    assert "Page 2 of 2" in html_of(client, reverse("public:home") + "?page=99")
    assert "Page 1 of 2" in html_of(client, reverse("public:home") + "?page=abc")


def test_filters_combine_and_survive_pagination(client):
    organization = OrganizationFactory(slug="jtf")
    both = []
    for index in range(14):
        article = ArticleFactory(release_at=timezone.now() - datetime.timedelta(hours=index + 1))
        article.organizations.add(organization)
        if index % 2 == 0:
            article.tags.add("medical")
            both.append(article)
    tagged_only = ArticleFactory(headline="Tagged but not the organization")
    tagged_only.tags.add("medical")

    url = reverse("public:release_list") + "?organization=jtf&tag=medical"
    html = html_of(client, url)
    assert tagged_only.headline not in html
    assert all(article.headline in html for article in both)  # 7 fit on one page
    organization_only = html_of(client, reverse("public:release_list") + "?organization=jtf")
    assert "Page 1 of 2" in organization_only
    next_link = re.search(r'href="(\?[^"]*page=2[^"]*)"', organization_only).group(1)
    assert "organization=jtf" in unescape(next_link)
    # The tag filter's "remove" link keeps the organization.
    remove = re.search(r'href="\?([^"]*)">Remove Tag filter', html).group(1)
    assert unescape(remove) == "organization=jtf"
    # The form offers what has published releases, with the active filters chosen.
    assert '<option value="medical" selected>medical</option>' in html
    assert f'<option value="jtf" selected>{escape(str(organization))}</option>' in html
    draft_only = ArticleFactory(status="draft")
    draft_only.tags.add("unreleased")
    assert 'value="unreleased"' not in html_of(client, url)


def _offered(html, param):
    """The (slug, selected) of each <option> of the filter form's `param` select after "Any"."""
    select = re.search(rf'<select[^>]* name="{param}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, bool(selected))
        for value, selected in re.findall(r'<option value="([^"]+)"( selected)?>', select)
    ]


def test_the_filter_form_offers_what_recent_releases_name_most(client, few_filter_choices):
    few_filter_choices(recent=3, choices=2)
    army, navy, coast, old = (
        OrganizationFactory(name=name, slug=name.lower())
        for name in ("Army", "Navy", "Coast", "Old")
    )
    now = timezone.now()
    named = [[old], [army, navy, coast], [army, navy], [army]]
    releases = []
    for age, organizations in enumerate(reversed(named)):
        releases.append(ArticleFactory(release_at=now - datetime.timedelta(days=age + 1)))
        releases[-1].organizations.add(*organizations)
    for _draft in range(2):  # drafts name the Coast most often: they do not count
        ArticleFactory(status="draft").organizations.add(coast)

    html = html_of(client, reverse("public:release_list"))
    # The two named most often in the three newest: not the one named once, nor the old one.
    assert _offered(html, "organization") == [("army", False), ("navy", False)]
    hint = re.search(r'<p class="usa-hint[^"]*" id="filter-choices-hint">(.*?)</p>', html, re.S)
    assert f'href="{reverse("public:organizations")}"' in hint.group(1)
    assert 'aria-describedby="filter-choices-hint"' in html
    # Any organization's filter still works by its address, and the form then offers it too.
    filtered = html_of(client, reverse("public:release_list") + "?organization=old")
    assert _offered(filtered, "organization") == [("old", True), ("army", False), ("navy", False)]
    oldest, newest = releases[-1], releases[0]
    assert oldest.headline in filtered and newest.headline not in filtered
    on_the_list = html_of(client, reverse("public:release_list") + "?organization=navy")
    assert _offered(on_the_list, "organization") == [("army", False), ("navy", True)]


def test_kind_lists_and_the_type_filter(client):
    statement = ArticleFactory(kind=ArticleKind.STATEMENT, headline="A statement")
    release = ArticleFactory(kind=ArticleKind.PRESS_RELEASE, headline="A press release")
    html = html_of(client, reverse("public:kind", kwargs={"kind": "statement"}))
    assert statement.headline in html and release.headline not in html
    assert "<h1>Statements</h1>" in html
    response = client.get(reverse("public:release_list") + "?kind=statement&tag=x&page=3")
    assert response.status_code == 302
    assert response["Location"] == "/releases/type/statement/?tag=x"
    assert client.get("/releases/type/not-a-kind/").status_code == 404


def test_unknown_filter_values_are_not_found(client):
    ArticleFactory()
    assert client.get(reverse("public:release_list") + "?organization=nope").status_code == 404


def test_archive_by_year_and_month(client):
    march = ArticleFactory(release_at=datetime.datetime(2025, 3, 14, 12, tzinfo=datetime.UTC))
    may = ArticleFactory(release_at=datetime.datetime(2025, 5, 2, 12, tzinfo=datetime.UTC))
    index = html_of(client, reverse("public:archive"))
    assert '<a href="/archive/2025/3/">March</a>' in index and "1 release" in index
    year = html_of(client, reverse("public:archive_year", kwargs={"year": 2025}))
    assert march.headline in year and may.headline in year
    month = html_of(client, reverse("public:archive_month", kwargs={"year": 2025, "month": 3}))
    assert march.headline in month and may.headline not in month
    assert client.get("/archive/2025/13/").status_code == 404
    assert client.get("/archive/2024/").status_code == 404  # nothing published then


@pytest.mark.parametrize("status", ["draft", "in-review", "cleared", "withdrawn"])
def test_unpublished_and_future_releases_appear_on_no_page(client, status):
    person = PersonFactory(given_name="Secretive", family_name="Speaker")
    organization = OrganizationFactory(name="Hidden Task Force", slug="hidden-tf")
    initiative = InitiativeFactory(name="Operation Quiet", slug="operation-quiet")
    hidden = [
        ArticleFactory(status=status, headline="Unpublished headline"),
        ArticleFactory(
            headline="Future headline",
            release_at=timezone.now() + datetime.timedelta(hours=2),
        ),
    ]
    for article in hidden:
        article.tags.add("secret-tag")
        article.organizations.add(organization)
        article.initiatives.add(initiative)
        Quote.objects.create(parent=article, region="body", ordering=10, speaker=person, text="x")
    ArticleFactory(headline="Public headline")
    urls = [
        reverse("public:home"),
        reverse("public:release_list"),
        reverse("public:archive"),
        reverse("public:people"),
        reverse("public:organizations"),
        reverse("public:initiatives"),
        reverse("public:search") + "?q=headline",
    ]
    for url in urls:
        html = html_of(client, url)
        for text in ("Unpublished headline", "Future headline", "Secretive", "Hidden Task Force"):
            assert text not in html, (url, text)
        assert "Operation Quiet" not in html
    # Pages for what only the hidden releases name do not exist yet.
    for url in (
        person.get_absolute_url(),
        organization.get_absolute_url(),
        initiative.get_absolute_url(),
        reverse("public:tag", kwargs={"slug": "secret-tag"}),
        hidden[1].get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url
    unpublished = client.get(hidden[0].get_absolute_url())
    if status == "withdrawn":
        # A withdrawn release keeps its address, with a notice instead of the text.
        assert "This release was withdrawn" in unpublished.content.decode()
        assert 'name="robots" content="noindex"' in unpublished.content.decode()
    else:
        assert unpublished.status_code == 404


def test_parents_of_public_organizations_are_public(client):
    command = OrganizationFactory(name="Southern Command", slug="command")
    task_force = OrganizationFactory(name="Task Force Alpha", parent=command)
    unit = OrganizationFactory(name="Engineer Company", parent=task_force)
    OrganizationFactory(name="Empty Sibling", parent=command)
    ArticleFactory().organizations.add(unit)
    html = html_of(client, task_force.get_absolute_url())
    assert "Southern Command" in html and "Engineer Company" in html
    tree = html_of(client, reverse("public:organizations"))
    assert "Empty Sibling" not in tree
    assert (
        tree.index("Southern Command")
        < tree.index("Task Force Alpha")
        < tree.index("Engineer Company")
    )


def test_every_page_has_a_unique_title_and_description_of_useful_length(client, demo):
    titles, descriptions = {}, {}
    for url in public_urls():
        html = html_of(client, url)
        title, description = title_of(html), description_of(html)
        assert len(title) >= 20, (url, title)
        assert len(description) >= 50, (url, description)
        assert title not in titles, (url, titles.get(title))
        assert description not in descriptions, (url, descriptions.get(description))
        titles[title], descriptions[description] = url, url


def test_every_page_has_banner_search_contact_identifier_and_language_links(client, demo):
    for url in public_urls():
        html = html_of(client, url)
        assert "An official website of the United States government" in html
        assert "Official websites use .mil" in html
        assert 'role="search"' in html and 'action="/search/"' in html
        assert f'href="{reverse("public:contact")}"' in html
        for label in ("FOIA requests", "No FEAR Act data", "Office of the Inspector General"):
            assert label in html
        assert "Accessibility statement" in html and "Privacy policy" in html
        assert 'href="https://www.usa.gov/"' in html
        assert 'hreflang="es"' in html and 'lang="es"' in html  # the switcher to Spanish
        assert '<a class="usa-skipnav" href="#main-content">' in html
        assert '<main id="main-content"' in html


def test_banner_and_identifier_follow_settings(client, settings):
    settings.NEWSROOM_DOMAIN_KIND = "gov"
    settings.NEWSROOM_PARENT_AGENCY_NAME = "U.S. Department of Example"
    settings.NEWSROOM_REQUIRED_LINKS = {
        **settings.NEWSROOM_REQUIRED_LINKS,
        "foia": "https://example.gov/foia",
        "about": "https://example.gov/about",
    }
    html = html_of(client, reverse("public:home"))
    assert "Official websites use .gov" in html and "Official websites use .mil" not in html
    assert "An official website of the" in html and "U.S. Department of Example" in html
    assert '<a href="https://example.gov/foia" class="usa-identifier__required-link' in html
    assert '<a href="https://example.gov/about" class="usa-identifier__required-link' in html
    assert f'href="{reverse("public:privacy")}" class="usa-identifier__required-link' in html


def test_anonymous_readers_get_no_cookies_anywhere(client, demo):
    urls = [
        *public_urls(),
        "/es/",
        "/es" + Article.objects.get(slug=NEWS_STORY).get_absolute_url(),
        "/search/?q=",
        "/search/?q=%21%21%21",
        "/no-such-page/",
        reverse("feeds:all_rss"),
        reverse("sitemap"),
        reverse("news-sitemap"),
        reverse("robots"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        assert "csrftoken" not in response.content.decode(), url


def test_not_found_page_is_in_the_site_design_and_helps(client):
    for url, language in (("/no-such-page/", "en"), ("/es/no-such-page/", "es")):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert f'<html lang="{language}">' in html
        assert "usa-banner" in html and "usa-identifier" in html
        assert 'name="robots" content="noindex"' in html
        assert 'action="/search/"' in html or 'action="/es/search/"' in html


def test_server_error_page_is_in_the_site_design(rf):
    from newsroom.errors import server_error

    request = rf.get("/")
    response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "usa-banner" in html


def test_contact_page_shows_the_office_from_settings(client, settings):
    settings.NEWSROOM_CONTACT_EMAIL = "press@example.mil"
    settings.NEWSROOM_CONTACT_PHONE = "+1 305 555 0100"
    PersonFactory(is_press_contact=True, given_name="Pat", family_name="Lee", email="p@x.mil")
    html = html_of(client, reverse("public:contact"))
    assert 'href="mailto:press@example.mil"' in html
    assert 'href="tel:+13055550100"' in html
    assert "Pat Lee" in html and "mailto:p@x.mil" in html


def test_the_people_directory_pages_through_everyone_public(client):
    contacts = PersonFactory.create_batch(51, is_press_contact=True, family_name="Zamora")
    hidden = PersonFactory(family_name="Unnamed")  # named by no published release
    first = html_of(client, reverse("public:people"))
    assert "Page 1 of 2" in first and hidden.get_absolute_url() not in first
    second = html_of(client, reverse("public:people") + "?page=2")
    listed = [person for person in contacts if person.get_absolute_url() in first + second]
    assert len(listed) == 51

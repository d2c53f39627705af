import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from articles import roles
from articles.models import Article
from public import search_index, versions
from tests.caches import empty_every_cache
from tests.factories import UserFactory
from tests.signing_in import sign_in


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, with the second factor a superuser must give."""
    return sign_in(client, admin_user)


@pytest.fixture
def staff_client(client, admin_user):
    return sign_in(client, admin_user)


@pytest.fixture
def demo(db):
    """The demo content of `manage.py seed_demo`, with its search documents built.

    Tests run inside a transaction that never commits, so the on-commit index refresh is run
    by hand here.
    """
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    search_index.refresh(Article.objects.values_list("pk", flat=True))
    return Article.objects.all()


@pytest.fixture(autouse=True)
def empty_cache():
    """The local-memory cache and this process's copy of the page generation outlive each
    test's database transaction: start every test with no cached pages, release content, page
    frame or page generation from the one before."""
    empty_every_cache()
    versions.forget_page_generation()


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page: for tests that count the queries of the rendering."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def english_by_default():
    """A request to a /es/ page leaves Spanish active in the test thread; start each test (and
    its reverse() calls) in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def writer(db):
    return UserFactory(username="writer", roles=[roles.WRITER])


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", roles=[roles.EDITOR])


@pytest.fixture
def authority(db):
    return UserFactory(username="authority", roles=[roles.RELEASE_AUTHORITY])


@pytest.fixture
def site_admin(db):
    return UserFactory(username="siteadmin", roles=[roles.SITE_ADMINISTRATOR])


@pytest.fixture
def client_for():
    """A separate browser session logged in as `user`."""

    def make(user):
        return sign_in(Client(), user)

    return make

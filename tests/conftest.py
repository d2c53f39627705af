import pytest
from django.test import Client

from articles import roles
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

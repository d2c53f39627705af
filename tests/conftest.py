import pytest
from django.test import Client

from articles import roles
from tests.factories import UserFactory


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


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
        client = Client()
        client.force_login(user)
        return client

    return make

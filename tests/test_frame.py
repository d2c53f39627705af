"""The frame around every public page (public.frame_html): kept once per language and site
address, it must still say the right language, address and settings on every page, and the
search page, which is framed in Python, must carry the same frame as template pages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _identifier_domain(html):
    return re.search(r'identity-domain">([^<]*)<', html).group(1)


def test_each_site_address_gets_its_own_identifier(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.mil", "press.example.mil"]
    first = client.get("/", HTTP_HOST="news.example.mil").content.decode()
    second = client.get("/", HTTP_HOST="press.example.mil").content.decode()
    assert _identifier_domain(first) == "news.example.mil"
    assert _identifier_domain(second) == "press.example.mil"


def test_each_language_gets_its_own_frame(client):
    client.get("/")
    spanish = client.get("/es/").content.decode()
    assert '<html lang="es">' in spanish
    assert "Saltar al contenido principal" in spanish
    assert 'hreflang="en">English</a></li>' in spanish


def test_a_changed_setting_shows_on_the_next_page(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    settings.NEWSROOM_AGENCY_NAME = "Joint Riverine Training Group"
    html = client.get("/").content.decode()
    assert '<p class="margin-0">Joint Riverine Training Group</p>' in html


def test_the_search_page_has_the_frame_of_every_other_page(client):
    ArticleFactory(headline="Engineers rebuild the ford at Puerto Quimba")
    url = f"{reverse('public:search')}?q=ford"
    search = client.get(url).content.decode()
    home = client.get("/").content.decode()

    def furniture(html):
        """The page without its head's own tags and its main content."""
        html = re.sub(r"<title>.*?</head>", "", html, flags=re.S)
        html = re.sub(r"<main .*?</main>", "", html, flags=re.S)
        return re.sub(r'<li class="usa-nav__secondary-item"><a href="[^"]*" lang=', "", html)

    assert furniture(search) == furniture(home)
    assert "<title>Search results for “ford” | " in search
    with translation.override("es"):
        spanish_search = reverse("public:search")
    assert f'href="http://testserver{spanish_search}?q=ford" lang="es" hreflang="es">' in search
    assert '<meta name="robots" content="noindex">' in search

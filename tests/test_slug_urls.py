"""Links to pages named by a slug are what reverse() gives, in every language and after the
URL settings change."""

import pytest
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix
from django.utils import translation

from newsroom.slug_urls import slug_url

NAMES = [
    "public:article",
    "public:person",
    "public:organization",
    "public:initiative",
    "public:tag",
    "public:photos",
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_an_address_is_the_one_reverse_gives(name, language):
    with translation.override(language):
        for slug in ["river-crossing", "jtf_bravo-2026", "a"]:
            assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_each_language_keeps_its_own_address():
    with translation.override("es"):
        spanish = slug_url("public:article", "cruce-del-rio")
    with translation.override("en"):
        english = slug_url("public:article", "cruce-del-rio")
    assert spanish.startswith("/es/") and not english.startswith("/es/")


def test_a_site_under_a_path_prefix_links_below_it():
    slug_url("public:person", "maria-castillo")
    set_script_prefix("/newsroom/")
    try:
        assert slug_url("public:person", "maria-castillo") == "/newsroom/people/maria-castillo/"
    finally:
        set_script_prefix("/")


def test_a_slug_no_address_can_hold_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        slug_url("public:person", "maría castillo")


# A site whose public pages live under another path (test_another_url_configuration_...).
urlpatterns = [path("elsewhere/", include("public.urls"))]


def test_another_url_configuration_moves_the_addresses(settings):
    assert slug_url("public:person", "maria-castillo") == "/people/maria-castillo/"
    settings.ROOT_URLCONF = __name__
    assert slug_url("public:person", "maria-castillo") == "/elsewhere/people/maria-castillo/"

"""The Spanish interface: translated, compiled, chosen by address (no cookie)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from articles.models import ArticleKind, InitiativeStatus, OrganizationKind
from tests.factories import ArticleFactory

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# How many missing msgids a failure names: enough to start on, short enough to read.
SHOWN_MISSING = 10


def test_every_string_has_a_reviewed_spanish_translation():
    """The admin too: an office that sets LANGUAGE_CODE to es gets a desk wholly in Spanish."""
    catalog = polib.pofile(str(PO))
    assert len(catalog) > 1000
    for problem, entries in (
        ("untranslated", catalog.untranslated_entries()),
        ("fuzzy (check them, then drop the flag)", catalog.fuzzy_entries()),
    ):
        missing = [entry.msgid for entry in entries]
        assert not missing, (
            f"{len(missing)} {problem} entries in {PO.relative_to(ROOT)}, first: "
            f"{missing[:SHOWN_MISSING]}"
        )


def test_the_committed_mo_file_matches_the_po_file():
    """A fresh clone works without gettext: the compiled catalog is committed, and current."""
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(MO))}
    for entry in polib.pofile(str(PO)).translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"{entry.msgid!r} is not in django.mo: run `make messages`"
        if entry.msgid_plural:
            assert found.msgstr_plural == entry.msgstr_plural, entry.msgid
        else:
            assert found.msgstr == entry.msgstr, entry.msgid


def test_choices_shown_on_public_pages_are_translated():
    for choices in (ArticleKind, InitiativeStatus, OrganizationKind):
        for value, label in choices.choices:
            with translation.override("en"):
                english = str(label)
            with translation.override("es"):
                assert str(label) != english, (choices.__name__, value)


@pytest.mark.django_db
def test_spanish_pages_live_under_es_and_speak_spanish(client):
    path = ArticleFactory(kind="press-release").get_absolute_url()
    spanish_release = ArticleFactory(kind="press-release", language="es")
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Últimas publicaciones</h1>" in html
    assert "Un sitio oficial del Gobierno de Estados Unidos" in html
    assert "Saltar al contenido principal" in html
    assert "Visite USA.gov en Español" in html
    assert 'href="https://www.usa.gov/es/"' in html
    assert 'lang="en" hreflang="en">English</a>' in html  # the way back
    # A release written in Spanish speaks Spanish all through (tests/test_bilingual.py for an
    # English one read at /es/).
    page = client.get(spanish_release.get_absolute_url())
    text = page.content.decode()
    assert "Comunicado de prensa" in text and "Publicado el" in text
    assert page["Content-Language"] == "es"
    assert not page.cookies
    # The English address stays English whatever the browser prefers.
    english = client.get(path, headers={"Accept-Language": "es"})
    assert '<html lang="en">' in english.content.decode()
    assert not english.cookies


@pytest.mark.django_db
def test_spanish_search_and_not_found_pages(client):
    html = client.get("/es/search/", {"q": ""}).content.decode()
    assert "Buscar publicaciones" in html
    assert "Escriba lo que busca" in html
    assert 'action="/es/search/"' in html
    missing = client.get("/es/no-such-page/")
    assert missing.status_code == 404
    assert "Página no encontrada" in missing.content.decode()
    # Links on a Spanish page stay in Spanish.
    assert 'href="/es/archive/"' in html and 'href="/es/contact/"' in html

"""A writer translates a published English release into Spanish in a real browser; a release
authority clears and publishes the translation on its own; readers get each version in its
language, both free of axe violations."""

import importlib

import pytest
from django.apps import apps

from articles import roles
from articles.models import Article, ArticleStatus, Clearance, Quote, RichText
from tests.browser.conftest import wait_for_release_proof
from tests.factories import ArticleFactory, PersonFactory, UserFactory
from tests.signing_in import browser_sign_in

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editorial_roles(transactional_db):
    importlib.import_module("articles.migrations.0004_create_roles").create_roles(apps, None)


def log_in(browser, live_server, user):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    browser_sign_in(page, live_server.url, user, PASSWORD)
    return page


def test_translate_edit_clear_publish(
    live_server, browser, assert_no_axe_violations, editorial_roles
):
    writer = UserFactory(username="translator", roles=[roles.WRITER])
    authority = UserFactory(username="authority", roles=[roles.RELEASE_AUTHORITY])
    source = ArticleFactory(
        headline="Engineers open a clinic in Yaviza",
        slug="engineers-open-a-clinic-in-yaviza",
        summary="A rural clinic opens in Darién.",
    )
    RichText.objects.create(
        parent=source, region="body", ordering=10, text="<p>The clinic opened on Monday.</p>"
    )
    speaker = PersonFactory(
        service="U.S. Army", rank="Sgt. 1st Class", given_name="Ana", family_name="Ruiz"
    )
    Quote.objects.create(
        parent=source, region="body", ordering=20, speaker=speaker, text="We built it together."
    )

    page = log_in(browser, live_server, writer)
    page.goto(live_server.url + f"/admin/articles/article/{source.pk}/change/")
    page.click(".object-tools a >> text=Translate")
    assert_no_axe_violations(page, context="#content-main")
    page.click("input[type=submit][value='Make the translation']")
    page.wait_for_selector(".messagelist")
    draft = Article.objects.get(language="es")
    assert page.url.endswith(f"/admin/articles/article/{draft.pk}/change/")
    source_texts = page.locator("textarea.translation-source")
    assert source_texts.first.input_value() == "The clinic opened on Monday."
    assert source_texts.first.get_attribute("lang") == "en"
    page.fill("#id_headline", "Ingenieros abren una clínica en Yaviza")
    page.fill("#id_slug", "ingenieros-abren-una-clinica-en-yaviza")
    page.fill("#id_summary", "Abre una clínica rural en Darién.")
    page.fill("#id_articles_quote_set-0-text", "La construimos juntos.")
    editor = page.locator(".ProseMirror:visible").first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("La clínica abrió el lunes.")
    # The translator puts the quote first: each block keeps its own source beside it.
    quote = page.locator("#articles_quote_set-0")
    quote.locator(".block-move-up").focus()
    page.keyboard.press("Enter")
    assert page.locator("#block-order-status").inner_text() == "Moved to position 1 of 2."
    page.click("input[name=_continue]")
    page.wait_for_selector("#workflow-heading")
    quote_source = page.locator("#articles_quote_set-0 textarea.translation-source")
    assert quote_source.input_value().startswith("“We built it together.”")
    text_source = page.locator("#articles_richtext_set-0 textarea.translation-source")
    assert text_source.input_value() == "The clinic opened on Monday."
    page.click(".workflow-actions a >> text=Submit for review")
    page.click("input[type=submit][value='Submit for review']")
    page.wait_for_selector(".messagelist")
    page.goto(live_server.url + f"/admin/articles/article/{draft.pk}/side-by-side/")
    source_cells = page.locator("td[lang=en]").all_inner_texts()
    translated_cells = page.locator("td[lang=es]").all_inner_texts()
    assert "We built it together." in source_cells[4] and "juntos" in translated_cells[4]
    assert "Monday" in source_cells[5] and "La clínica abrió el lunes." in translated_cells[5]
    assert_no_axe_violations(page, context="#content-main")
    page.context.close()

    page = log_in(browser, live_server, authority)
    page.goto(live_server.url + f"/admin/articles/article/{draft.pk}/change/")
    page.click(".workflow-actions a >> text=Clear for release")
    wait_for_release_proof(page)
    for box in page.locator("input[name=checklist]").all():
        box.check()
    for box in page.locator("input[name=acknowledged_warnings]").all():
        box.check()
    page.click("input[type=submit][value='Clear for release']")
    page.wait_for_selector(".messagelist")
    page.click(".workflow-actions a >> text=Publish or schedule")
    page.check("input[name=when][value=now]")
    page.click("input[type=submit][value='Publish or schedule']")
    page.wait_for_selector(".messagelist")
    page.context.close()

    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED
    assert Clearance.objects.get(article=draft).language == "es"

    for url, language, heading in (
        (source.get_absolute_url(), "en", "Engineers open a clinic in Yaviza"),
        (draft.get_absolute_url(), "es", "Ingenieros abren una clínica en Yaviza"),
    ):
        for width in (390, 1280):
            reader = browser.new_context(viewport={"width": width, "height": 900}).new_page()
            reader.goto(live_server.url + url)
            assert reader.locator("h1").inner_text() == heading
            assert reader.locator("article.newsroom-article").get_attribute("lang") == language
            assert_no_axe_violations(reader)
            reader.context.close()
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + draft.get_absolute_url())
    assert "Sargento de Primera Clase del Ejército de EE. UU. Ana Ruiz" in reader.content()
    # The language switcher leads to the other version of this release.
    reader.click("a[hreflang=en]")
    assert reader.locator("h1").inner_text() == "Engineers open a clinic in Yaviza"
    reader.context.close()


def test_an_english_only_release_on_the_spanish_site_is_accessible(
    live_server, browser, assert_no_axe_violations, transactional_db
):
    article = ArticleFactory(headline="Divers recover a buoy near Colón")
    for width in (390, 1280):
        reader = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        reader.goto(f"{live_server.url}/es/releases/{article.slug}/")
        notice = reader.locator(".newsroom-language-notice").inner_text()
        assert "Disponible solo en inglés" in notice
        assert reader.locator("article.newsroom-article").get_attribute("lang") == "en"
        assert_no_axe_violations(reader)
        reader.context.close()

"""Releases in English and Spanish: each version its own release, cleared on its own, and the
public site, sitemap, JSON-LD, feeds and search following the real versions."""

import datetime
import json
import re

import pytest
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone

from articles.admin.blocks import BlockForm as TranslatableBlockForm
from articles.checks import refresh_release_checks, release_check_warnings
from articles.models import (
    ArticleStatus,
    Clearance,
    ImageBlock,
    InitiativeTable,
    InitiativeTableRow,
    PersonRole,
    Quote,
    RichText,
    Transcript,
    TranscriptTurn,
)
from articles.translations import bring_in_step, link_versions, side_by_side, translate
from articles.workflow import transitions
from articles.workflow.gates import clearance_checklist
from tests.admin_forms import article_post_data
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)
from tests.searching import searchable

pytestmark = pytest.mark.django_db


def head_of(html):
    return html.split("</head>")[0]


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def bilingual_pair(**fields):
    """A published English release and its published Spanish translation."""
    english = ArticleFactory(
        headline="Engineers open a clinic in Yaviza",
        slug="engineers-open-a-clinic-in-yaviza",
        **fields,
    )
    RichText.objects.create(
        parent=english, region="body", ordering=10, text="<p>The clinic opened on Monday.</p>"
    )
    spanish = translate(article=english, user=UserFactory(), language="es")
    spanish.headline = "Ingenieros abren una clínica en Yaviza"
    spanish.slug = "ingenieros-abren-una-clinica-en-yaviza"
    spanish.status = ArticleStatus.PUBLISHED
    spanish.save()
    return english, spanish


# --- Translate: a new draft with the same structure -----------------------------------------


def test_translate_makes_a_draft_in_the_other_language_with_the_same_structure():
    source = ArticleFactory(status=ArticleStatus.PUBLISHED)
    speaker = PersonFactory()
    initiative = InitiativeFactory()
    photo = ImageFactory()
    RichText.objects.create(parent=source, region="body", ordering=10, text="<p>Words.</p>")
    Quote.objects.create(parent=source, region="body", ordering=20, speaker=speaker, text="Hi")
    table = InitiativeTable.objects.create(
        parent=source, region="body", ordering=30, caption="Courses", headings=["Course", "Weeks"]
    )
    InitiativeTableRow.objects.create(table=table, initiative=initiative, cells=["6"])
    ImageBlock.objects.create(parent=source, region="body", ordering=40, image=photo)
    source.people.add(speaker)

    draft = translate(article=source, user=UserFactory(), language="es")

    assert draft.status == ArticleStatus.DRAFT and draft.language == "es"
    assert draft.translation_group == source.translation_group
    assert draft.translation_source == source and draft.slug != source.slug
    assert Quote.objects.get(parent=draft).speaker == speaker
    copied = InitiativeTable.objects.get(parent=draft)
    assert [(row.initiative, row.cells) for row in copied.rows.all()] == [(initiative, ["6"])]
    assert ImageBlock.objects.get(parent=draft).image == photo
    assert list(draft.people.all()) == [speaker]
    # The source is untouched, and a second Spanish version is refused.
    assert RichText.objects.filter(parent=source).count() == 1
    with pytest.raises(Exception, match="already has a version in"):
        translate(article=source, user=UserFactory(), language="es")


def test_each_block_keeps_its_own_source_when_the_translator_reorders_adds_and_removes():
    source = ArticleFactory()
    for ordering, text in ((10, "First."), (20, "Second."), (30, "Third.")):
        RichText.objects.create(parent=source, region="body", ordering=ordering, text=text)
    draft = translate(article=source, user=UserFactory(), language="es")
    first, second, third = RichText.objects.filter(parent=draft).order_by("ordering")
    first.text, second.text, second.ordering = "<p>Primero.</p>", "<p>Segundo.</p>", 5
    first.save()
    second.save()
    third.delete()
    added = RichText.objects.create(parent=draft, region="body", ordering=40, text="Nuevo.")

    blocks = side_by_side(source, draft)[4:]

    assert [(source_lines, lines) for _label, source_lines, lines in blocks] == [
        (["Second."], ["Segundo."]),
        (["First."], ["Primero."]),
        ([], ["Nuevo."]),
        (["Third."], []),
    ]
    assert "not in the translation" in str(blocks[3][0])
    # The form of each block shows its own source beside it, and none beside the new one.
    BlockForm = modelform_factory(RichText, form=TranslatableBlockForm, fields=["text"])
    assert BlockForm(instance=second).fields["source_text"].initial == "Second."
    assert BlockForm(instance=first).fields["source_text"].initial == "First."
    assert BlockForm(instance=added).fields["source_text"].initial is None


def test_linked_versions_are_paired_by_place_once_then_keep_their_pairs():
    english, spanish = ArticleFactory(), ArticleFactory(language="es")
    for ordering, text in ((10, "Monday."), (20, "Tuesday.")):
        RichText.objects.create(parent=english, region="body", ordering=ordering, text=text)
    for ordering, text in ((10, "Lunes."), (20, "Martes.")):
        RichText.objects.create(parent=spanish, region="body", ordering=ordering, text=text)

    link_versions(article=spanish, source=english)
    RichText.objects.filter(parent=spanish, text="Martes.").update(ordering=5)

    assert [(then, now) for _label, then, now in side_by_side(english, spanish)[4:]] == [
        (["Tuesday."], ["Martes."]),
        (["Monday."], ["Lunes."]),
    ]


def test_each_version_is_published_after_its_own_clearance(writer, authority):
    english = ArticleFactory(
        status=ArticleStatus.IN_REVIEW,
        release_at=timezone.now() + datetime.timedelta(days=1),
        created_by=writer,
    )
    spanish = translate(article=english, user=writer, language="es")
    spanish.headline = "Socios completan el curso de selva"
    spanish.save()
    transitions.submit_for_review(article=spanish, user=writer)
    for version in (english, spanish):
        version.refresh_from_db()
        with pytest.raises(Exception, match=r"[Cc]lear"):
            transitions.publish(article=version, user=authority)
        transitions.clear(article=version, user=authority, checklist=clearance_checklist())
        transitions.publish(article=version, user=authority)
    assert sorted(Clearance.objects.values_list("article", "language")) == sorted(
        [(english.pk, "en"), (spanish.pk, "es")]
    )
    english.refresh_from_db()
    spanish.refresh_from_db()
    assert english.is_live and spanish.is_live


# --- The public pages ---------------------------------------------------------------------


def test_an_english_only_release_on_the_spanish_site_is_marked_english(client):
    article = ArticleFactory(headline="Divers recover a buoy near Colón")
    html = client.get(f"/es/releases/{article.slug}/").content.decode()
    assert '<html lang="es">' in html
    assert '<article class="newsroom-article" lang="en">' in html
    assert "Disponible solo en inglés" in html
    head = head_of(html)
    assert '<meta name="robots" content="noindex">' in head
    assert "hreflang" not in head
    # Its own address in English is indexed, still without a pair.
    english = client.get(article.get_absolute_url()).content.decode()
    assert "noindex" not in head_of(english) and "hreflang" not in head_of(english)
    assert "Available only" not in english


def test_a_spanish_only_release_on_the_english_site_is_marked_spanish(client):
    article = ArticleFactory(headline="Buzos recuperan una boya", language="es")
    assert article.get_absolute_url() == f"/es/releases/{article.slug}/"
    html = client.get(f"/releases/{article.slug}/").content.decode()
    assert '<article class="newsroom-article" lang="es">' in html
    assert "Available only in Spanish" in html
    assert '<meta name="robots" content="noindex">' in head_of(html)


def test_both_versions_pair_with_hreflang_and_the_switcher_goes_to_the_other(client):
    english, spanish = bilingual_pair()
    html = client.get(english.get_absolute_url()).content.decode()
    head = head_of(html)
    es_url = f"http://testserver/es/releases/{spanish.slug}/"
    en_url = f"http://testserver/releases/{english.slug}/"
    assert f'<link rel="alternate" hreflang="es" href="{es_url}">' in head
    assert f'<link rel="alternate" hreflang="en" href="{en_url}">' in head
    assert f'<link rel="alternate" hreflang="x-default" href="{en_url}">' in head
    assert f'<a href="{es_url}" lang="es" hreflang="es">Español</a>' in html
    spanish_html = client.get(spanish.get_absolute_url()).content.decode()
    assert "Ingenieros abren una clínica" in spanish_html
    assert "Disponible solo" not in spanish_html
    assert f'<link rel="alternate" hreflang="en" href="{en_url}">' in head_of(spanish_html)
    assert f'<a href="{en_url}" lang="en" hreflang="en">English</a>' in spanish_html


def test_the_other_languages_slug_redirects_to_the_right_version(client):
    english, spanish = bilingual_pair()
    response = client.get(f"/es/releases/{english.slug}/")
    assert response.status_code == 302 and response["Location"] == spanish.get_absolute_url()
    response = client.get(f"/releases/{spanish.slug}/")
    assert response.status_code == 302 and response["Location"] == english.get_absolute_url()


def test_a_draft_translation_changes_nothing_for_readers(client):
    english = ArticleFactory()
    translate(article=english, user=UserFactory(), language="es")
    html = client.get(f"/es/releases/{english.slug}/").content.decode()
    assert "Disponible solo en inglés" in html
    assert "hreflang" not in head_of(html)


def test_lists_show_each_release_once_in_the_readers_language(client):
    english, spanish = bilingual_pair()
    only_english = ArticleFactory(headline="Medics train in Darién")
    spanish_list = client.get("/es/releases/").content.decode()
    assert spanish.headline in spanish_list and english.headline not in spanish_list
    card = f'<h2 class="usa-card__heading" lang="en"><a href="/es/releases/{only_english.slug}/">'
    assert card in spanish_list
    english_list = client.get("/releases/").content.decode()
    assert english.headline in english_list and spanish.headline not in english_list


def test_sitemap_pairs_only_real_versions(client):
    english, spanish = bilingual_pair()
    alone = ArticleFactory()
    xml = client.get("/sitemap-releases.xml").content.decode()
    es_url = f"http://testserver/es/releases/{spanish.slug}/"
    en_url = f"http://testserver/releases/{english.slug}/"
    entry = re.search(rf"<url><loc>{re.escape(en_url)}</loc>(.*?)</url>", xml, re.S).group(1)
    assert f'<xhtml:link rel="alternate" hreflang="es" href="{es_url}"' in entry
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{en_url}"' in entry
    assert f"<loc>{es_url}</loc>" in xml
    lone = re.search(rf"<url><loc>[^<]*{alone.slug}/</loc>(.*?)</url>", xml, re.S).group(1)
    assert "xhtml:link" not in lone
    assert f"/es/releases/{alone.slug}/" not in xml


def test_json_ld_names_the_language_and_the_translation(client):
    english, spanish = bilingual_pair()
    source = json_ld(client.get(english.get_absolute_url()).content.decode())
    assert source["inLanguage"] == "en"
    assert source["workTranslation"] == [
        {
            "@type": "NewsArticle",
            "@id": f"http://testserver/es/releases/{spanish.slug}/",
            "url": f"http://testserver/es/releases/{spanish.slug}/",
            "inLanguage": "es",
        }
    ]
    translation = json_ld(client.get(spanish.get_absolute_url()).content.decode())
    assert translation["inLanguage"] == "es"
    assert (
        translation["translationOfWork"]["@id"] == f"http://testserver{english.get_absolute_url()}"
    )
    assert "workTranslation" not in translation


def test_feeds_carry_the_releases_of_their_language(client):
    english, spanish = bilingual_pair()
    english_feed = client.get(reverse("feeds:all_rss")).content.decode()
    assert english.headline in english_feed and spanish.headline not in english_feed
    spanish_feed = client.get("/es/feeds/releases/rss/").content.decode()
    assert spanish.headline in spanish_feed and english.headline not in spanish_feed
    assert "<language>es</language>" in spanish_feed


def test_quotes_print_ranks_in_the_release_language(client):
    english, spanish = bilingual_pair()
    speaker = PersonFactory(
        service="U.S. Army", rank="Sgt. 1st Class", given_name="Ana", family_name="Ruiz"
    )
    for version in (english, spanish):
        Quote.objects.create(parent=version, region="body", ordering=20, speaker=speaker, text="Sí")
    spanish_html = client.get(spanish.get_absolute_url()).content.decode()
    assert "Sargento de Primera Clase del Ejército de EE. UU. Ana Ruiz" in spanish_html
    english_html = client.get(english.get_absolute_url()).content.decode()
    assert "U.S. Army Sgt. 1st Class Ana Ruiz" in english_html


# --- Staying in step --------------------------------------------------------------------------


def test_an_earlier_rank_and_title_print_in_the_release_language(client):
    spanish = ArticleFactory(
        language="es", release_at=timezone.now() - datetime.timedelta(days=400)
    )
    speaker = PersonFactory(
        service="U.S. Army",
        rank="Maj.",
        given_name="Inés",
        family_name="Calderón",
        title="a battalion commander",
        title_es="comandante de batallón",
    )
    PersonRole.objects.create(
        person=speaker,
        service="U.S. Army",
        rank="Capt.",
        title_en="a company commander",
        title_es="comandante de compañía",
        held_until=timezone.localdate() - datetime.timedelta(days=100),
    )
    spanish.byline_people.add(speaker)
    Quote.objects.create(
        parent=spanish, region="body", ordering=10, speaker=speaker, text="Seguimos juntos."
    )
    transcript = Transcript.objects.create(parent=spanish, region="body", ordering=20)
    TranscriptTurn.objects.create(transcript=transcript, speaker=speaker, text="<p>Gracias.</p>")
    then = "Capitán del Ejército de EE. UU. Inés Calderón, comandante de compañía"

    html = client.get(spanish.get_absolute_url()).content.decode()

    assert html.count(then) == 2  # the quote and the transcript turn
    assert "By" not in html and "Por <a" in html and ">Capitán Inés Calderón</a>" in html
    assert "company commander" not in html and "batallón" not in html
    author = json_ld(html)["author"][0]
    assert (author["honorificPrefix"], author["jobTitle"]) == ("Capitán", "comandante de compañía")
    quote, transcript = client.get(
        reverse("api:release-detail", kwargs={"slug": spanish.slug})
    ).json()["body"]
    assert quote["attribution"] == then and transcript["turns"][0]["heading"] == then


def test_earlier_titles_are_edited_in_both_languages_with_the_person(admin_client):
    person = PersonFactory()
    PersonRole.objects.create(
        person=person,
        rank="Capt.",
        title_es="jefa de pelotón",
        held_until=datetime.date(2025, 1, 1),
    )
    html = admin_client.get(reverse("admin:articles_person_change", args=[person.pk])).content
    assert b'name="roles-0-title_en"' in html
    assert re.search(rb'name="roles-0-title_es"[^>]*value="jefa de pelot\xc3\xb3n"', html)


def test_a_source_edit_after_translation_is_a_warning_with_the_diff():
    english, spanish = bilingual_pair()
    assert not [w for w in release_check_warnings(spanish) if w.code == "translation-out-of-step"]
    block = RichText.objects.get(parent=english)
    block.text = "<p>The clinic opened on Tuesday.</p>"
    block.save()
    warnings = [w for w in release_check_warnings(spanish) if w.code == "translation-out-of-step"]
    assert len(warnings) == 1
    assert "− The clinic opened on Monday." in warnings[0].message
    assert "+ The clinic opened on Tuesday." in warnings[0].message
    bring_in_step(article=spanish)
    refresh_release_checks(article=spanish)
    assert not [w for w in release_check_warnings(spanish) if w.code == "translation-out-of-step"]


def test_a_corrected_source_shows_a_pending_correction_on_its_translation(client, editor):
    english, spanish = bilingual_pair()
    assert "Corrección pendiente" not in client.get(spanish.get_absolute_url()).content.decode()
    transitions.correct(article=english, user=editor, note="Fixes the opening day.")
    html = client.get(spanish.get_absolute_url()).content.decode()
    assert "Corrección pendiente en este idioma" in html
    assert '<q lang="en">Fixes the opening day.</q>' in html
    bring_in_step(article=spanish)
    assert "Corrección pendiente" not in client.get(spanish.get_absolute_url()).content.decode()


# --- Search ---------------------------------------------------------------------------------


def test_a_spanish_search_stems_spanish_words(client):
    release = ArticleFactory(headline="Concluye el entrenamiento de selva", language="es")
    searchable(release)
    html = client.get("/es/search/", {"q": "entrenamientos"}).content.decode()
    assert "Concluye el" in html and "entrenamiento" in html
    # Only Spanish rules make one word of these (English stemming keeps them apart).
    html = client.get("/es/search/", {"q": "entrenando"}).content.decode()
    assert "Concluye el" in html


# --- The admin ------------------------------------------------------------------------------


def test_translate_and_side_by_side_in_the_admin(admin_client):
    source = ArticleFactory(status=ArticleStatus.PUBLISHED, release_at=timezone.now())
    RichText.objects.create(parent=source, region="body", ordering=10, text="<p>Words.</p>")
    change = admin_client.get(reverse("admin:articles_article_change", args=[source.pk]))
    assert reverse("admin:articles_article_translate", args=[source.pk]) in change.content.decode()
    response = admin_client.post(
        reverse("admin:articles_article_translate", args=[source.pk]), {"language": "es"}
    )
    draft = source.translations.get()
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    page = admin_client.get(reverse("admin:articles_article_side_by_side", args=[draft.pk]))
    html = page.content.decode()
    assert '<td lang="en"><p>Words.</p></td>' in html
    assert '<td lang="es"><p>Words.</p></td>' in html
    form = admin_client.get(response["Location"]).content.decode()
    assert "This is the spanish translation of" in form
    # Each block shows the source's block beside it, read-only, to translate from.
    assert re.search(r'<textarea[^>]*lang="en"[^>]*>\s*Words\.</textarea>', form)
    assert "Source text (English)" in form


def test_two_versions_in_one_language_are_a_field_error():
    english = ArticleFactory()
    spanish = translate(article=english, user=UserFactory(), language="es")
    spanish.language = "en"
    with pytest.raises(Exception, match="version in that language already"):
        spanish.full_clean()


def test_release_times_of_versions_are_their_own():
    english = ArticleFactory()
    spanish = translate(article=english, user=UserFactory(), language="es")
    spanish.release_at = english.release_at + datetime.timedelta(hours=2)
    spanish.save()
    english.refresh_from_db()
    assert english.release_at != spanish.release_at


# --- Import ---------------------------------------------------------------------------------

SPANISH_RELEASE = """\
Ingenieros terminan una clínica en Darién

YAVIZA, Panamá —

La clínica abrió el lunes con la ayuda de la comunidad y de los ingenieros del batallón.

“La construimos junto con la comunidad”, dijo la Sargento Primero del Ejército de EE. UU. \
Ana Ruiz, ingeniera de combate del Batallón de Ingenieros 536.
"""


def test_a_spanish_text_imports_as_a_spanish_release_and_offers_the_link(admin_client):
    speaker = PersonFactory(given_name="Ana", family_name="Ruiz")
    english = ArticleFactory(headline="Engineers finish clinic in Darién")
    english.people.add(speaker)
    response = admin_client.post(
        reverse("admin:articles_article_import"), {"text": SPANISH_RELEASE}, follow=True
    )
    imported = english.__class__.objects.exclude(pk=english.pk).get()
    assert imported.language == "es"
    link = reverse("admin:articles_article_link", args=[imported.pk, english.pk])
    assert f'<a href="{link}">link them</a>' in response.content.decode()
    linked = admin_client.post(link)
    assert linked.status_code == 302
    imported.refresh_from_db()
    assert imported.translation_group == english.translation_group
    assert imported.translation_source == english


def test_a_spanish_release_names_organizations_in_spanish(client):
    english, spanish = bilingual_pair()
    organization = OrganizationFactory(name="National Border Service")
    organization.name_es = "Servicio Nacional de Fronteras"
    organization.save()
    for version in (english, spanish):
        version.organizations.add(organization)
    spanish_html = client.get(spanish.get_absolute_url()).content.decode()
    assert "Servicio Nacional de Fronteras" in spanish_html
    english_html = client.get(english.get_absolute_url()).content.decode()
    assert "National Border Service" in english_html
    assert "Servicio Nacional de Fronteras" not in english_html


def test_marking_a_translation_in_step_in_the_admin(admin_client):
    english, spanish = bilingual_pair()
    block = RichText.objects.get(parent=english)
    block.text = "<p>The clinic opened on Tuesday.</p>"
    block.save()
    url = reverse("admin:articles_article_in_step", args=[spanish.pk])
    assert "Mark as in step with the source" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    spanish.refresh_from_db()
    assert "The clinic opened on Tuesday." in spanish.source_text
    assert not [w for w in release_check_warnings(spanish) if w.code == "translation-out-of-step"]


def test_a_published_release_keeps_its_language_and_address(admin_client):
    article = ArticleFactory(language="es")
    data = article_post_data(
        fields={
            "language": "en",
            "loaded_version": str(article.edit_version),
            "headline": article.headline,
            "slug": article.slug,
            "correction_note": "Fixes a typo.",
        }
    )
    admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    article.refresh_from_db()
    assert article.language == "es"
    assert article.get_absolute_url() == f"/es/releases/{article.slug}/"

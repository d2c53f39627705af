"""The release cache: a release page's own content is rendered once per version of the release,
every change the page can show renews that version, and only the edited release renders anew.

The page cache is off in these tests, so every request reaches the view: what differs between
two requests is whether the release's content came from the release cache.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.models import (
    Article,
    Correction,
    Image,
    ImageBlock,
    InitiativeTable,
    PersonRole,
    Quote,
    RichText,
    Transcript,
    TranscriptTurn,
)
from articles.workflow import transitions
from public import release_cache, release_lookup
from public.rendering import render_release
from tests.counting import queries_for
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    add_blocks,
    release_in_state,
)

pytestmark = pytest.mark.django_db

# A release page whose content and related releases come from the release cache: the release
# itself (with its versions and its topics').
FROM_CACHE_QUERIES = 1


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


@pytest.fixture
def release(no_page_cache):
    """A published release that shows a bit of everything a release page can show."""
    article = release_in_state("published", hero_image=ImageFactory(credit="Photo by Spc. Ada"))
    speaker = PersonFactory(given_name="Maria", family_name="Castillo", rank="Maj.")
    RichText.objects.create(parent=article, region="body", ordering=10, text="<p>First words</p>")
    Quote.objects.create(
        parent=article, region="body", ordering=20, speaker=speaker, text="We crossed."
    )
    add_blocks(article, 4, start=30)
    article.organizations.add(OrganizationFactory(name="Joint Task Force Bravo"))
    article.byline_people.add(PersonFactory(given_name="Lee", family_name="Author"))
    article.tags.add("river")
    return article


def test_a_release_page_renders_its_content_once(client, release):
    url = release.get_absolute_url()
    client.get(ArticleFactory().get_absolute_url())  # one-off queries of a first request
    first = queries_for(client, url)
    assert queries_for(client, url) == FROM_CACHE_QUERIES < first
    assert "We crossed." in page(client, release)


def test_release_pages_cost_the_same_queries_with_3_or_300_blocks(client, no_page_cache):
    photo = ImageFactory()
    short, long = ArticleFactory(hero_image=photo), ArticleFactory(hero_image=photo)
    add_blocks(short, 3)
    add_blocks(long, 300)
    client.get(ArticleFactory().get_absolute_url())
    rendered = [queries_for(client, article.get_absolute_url()) for article in (short, long)]
    from_cache = [queries_for(client, article.get_absolute_url()) for article in (short, long)]
    assert rendered[0] == rendered[1]
    assert from_cache == [FROM_CACHE_QUERIES, FROM_CACHE_QUERIES]
    assert page(client, long).count('class="newsroom-figure"') == 75 + 1  # images and hero


def _block_text(article):
    block = RichText.objects.get(parent=article, text="<p>First words</p>")
    block.text = "<p>Rewritten words</p>"
    block.save()
    return "Rewritten words"


def _block_deleted(article):
    ImageBlock.objects.filter(parent=article).delete()
    Quote.objects.filter(parent=article).delete()
    return None, "We crossed."


def _speaker_renamed(article):
    speaker = Quote.objects.get(parent=article, text="We crossed.").speaker
    speaker.family_name = "Castellón"
    speaker.save()
    return "Castellón"


def _speaker_rank_then(article):
    # The speaker was a captain until tomorrow: the quote keeps the rank of its release date.
    speaker = Quote.objects.get(parent=article, text="We crossed.").speaker
    PersonRole.objects.create(
        person=speaker, rank="Capt.", held_until=timezone.localdate() + datetime.timedelta(days=1)
    )
    return "Capt. Maria Castillo"


def _initiative_in_table(article):
    initiative = InitiativeTable.objects.get(parent=article).rows.get().initiative
    initiative.name = "Darién Partnership"
    initiative.save()
    return "Darién Partnership"


def _image_credit(article):
    image = article.hero_image
    image.credit = "Photo by Sgt. Bo"
    image.save()
    return "Photo by Sgt. Bo"


def _organization_renamed(article):
    organization = article.organizations.get()
    organization.name = "Joint Task Force Charlie"
    organization.save()
    return "Joint Task Force Charlie"


def _tag_added(article):
    article.tags.add("jungle warfare")
    return "jungle warfare"


def _tag_renamed(article):
    tag = article.tags.get(slug="river")
    tag.name = "River crossings"
    tag.save()
    return "River crossings"


def _contact_added(article):
    article.media_contacts.add(PersonFactory(family_name="Pressdesk", is_press_contact=True))
    return "Pressdesk"


def _contacts_organization_renamed(article):
    contact = PersonFactory(is_press_contact=True)
    article.media_contacts.add(contact)
    contact.organization.name = "Public Affairs Office South"
    contact.organization.save()
    return "Public Affairs Office South"


def _author_renamed(article):
    author = article.byline_people.get()
    author.family_name = "Writer"
    author.save()
    return "Lee Writer"


def _corrected(article):
    editor = UserFactory(roles=[roles.EDITOR])
    transitions.correct(article=article, user=editor, note="The crossing was on Tuesday.")
    return "The crossing was on Tuesday."


def _correction_edited(article):
    Correction.objects.create(article=article, note="First note.", created_by=UserFactory())
    correction = Correction.objects.get(article=article)
    correction.note = "Second note."
    correction.save()
    return "Second note."


def _transcript_turn_edited(article):
    transcript = Transcript.objects.create(parent=article, region="body", ordering=900)
    turn = TranscriptTurn.objects.create(
        transcript=transcript, role="moderator", text="<p>Good morning.</p>"
    )
    page_text = "Good afternoon, everyone."
    turn.text = f"<p>{page_text}</p>"
    turn.save()
    return page_text


def _headline(article):
    article.headline = "A new headline"
    article.save()
    return "<h1>A new headline</h1>"


@pytest.mark.parametrize(
    "change",
    [
        _block_text,
        _block_deleted,
        _speaker_renamed,
        _speaker_rank_then,
        _initiative_in_table,
        _image_credit,
        _organization_renamed,
        _tag_added,
        _tag_renamed,
        _contact_added,
        _contacts_organization_renamed,
        _author_renamed,
        _corrected,
        _correction_edited,
        _transcript_turn_edited,
        _headline,
    ],
    ids=lambda change: change.__name__.strip("_"),
)
def test_each_change_a_release_page_shows_renews_its_content(client, release, change):
    before = page(client, release)
    assert queries_for(client, release.get_absolute_url()) == FROM_CACHE_QUERIES
    expected = change(release)
    after = page(client, release)
    if isinstance(expected, tuple):
        _, gone = expected
        assert gone in before and gone not in after
    else:
        assert expected not in before and expected in after


def test_renaming_a_transcript_speaker_renews_the_release(client, release):
    speaker = PersonFactory(given_name="Rosa", family_name="Vega", rank="Col.")
    transcript = Transcript.objects.create(parent=release, region="body", ordering=910)
    TranscriptTurn.objects.create(transcript=transcript, speaker=speaker, text="<p>Hello.</p>")
    assert "Col. Rosa Vega, " in page(client, release)
    speaker.family_name = "Vega-Ruiz"
    speaker.save()
    assert "Col. Rosa Vega-Ruiz, " in page(client, release)


def test_an_edit_renders_only_the_edited_release_anew(client, release):
    other = release_in_state("published")
    add_blocks(other, 4)
    page(client, release)
    page(client, other)
    other.headline = "Only this one changed"
    other.save()
    assert queries_for(client, release.get_absolute_url()) == FROM_CACHE_QUERIES
    assert queries_for(client, other.get_absolute_url()) > FROM_CACHE_QUERIES


def test_related_releases_are_read_fresh_on_every_render(client, release):
    assert "Related releases" not in page(client, release)
    newer = release_in_state("published", headline="Second river crossing")
    newer.tags.add("river")
    assert "Second river crossing" in page(client, release)
    transitions.withdraw(
        article=newer, user=UserFactory(roles=[roles.RELEASE_AUTHORITY]), reason="Postponed."
    )
    assert "Second river crossing" not in page(client, release)


def test_content_cached_by_a_reader_during_an_edit_is_dropped_at_commit(
    client, release, rf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        release.headline = "Committed headline"
        release.save()
        # A reader's request ran between the save and the commit: it still saw the old row
        # and stored that content under the version the save had just given the release.
        release_cache.page(
            rf.get(release.get_absolute_url()), release, lambda: {"before": "stale"}, variant=""
        )
    assert "Committed headline" in page(client, release)


def test_a_staff_preview_leaves_the_public_content_alone(client, release, client_for):
    # A preview renders without JSON-LD and with "noindex": stored as the public content, it
    # would take both from the public page.
    staff = client_for(UserFactory(roles=[roles.WRITER]))
    preview = staff.get(reverse("admin:articles_article_preview", args=[release.pk]))
    assert preview.status_code == 200 and "application/ld+json" not in preview.content.decode()
    assert "application/ld+json" in page(client, release)


def test_the_release_cache_can_be_switched_off(client, release, settings):
    page(client, release)
    settings.RELEASE_CACHE_ENABLED = False
    assert queries_for(client, release.get_absolute_url()) > FROM_CACHE_QUERIES


def test_a_hero_photo_replaced_and_deleted_during_a_render_leaves_the_page_without_it(
    release, settings, rf
):
    """The release is read, then its content: a photo swapped out and deleted in between
    must not break the page."""
    settings.RELEASE_CACHE_ENABLED = False
    read_first = release_lookup.release_with_public_page(release.slug)
    Article.objects.filter(pk=release.pk).update(hero_image=None)
    Image.objects.filter(pk=read_first.hero_image_id).delete()
    response = render_release(rf.get(release.get_absolute_url()), read_first)
    assert response.status_code == 200
    assert release.headline in response.content.decode()
    assert "Photo by Spc. Ada" not in response.content.decode()


def test_a_translation_released_on_schedule_appears_on_its_source_page(client, release):
    """Nothing is saved when a scheduled version's time comes: the stored page must still
    follow which versions are out."""
    spanish = ArticleFactory(
        language="es",
        translation_group=release.translation_group,
        headline="Buzos recuperan una boya",
        release_at=timezone.now() + datetime.timedelta(hours=1),
    )
    alternate = '<link rel="alternate" hreflang="es"'
    assert alternate not in page(client, release)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        html = page(client, release)
    assert f'{alternate} href="http://testserver/es/' in html and spanish.slug in html


def test_a_release_page_names_its_own_address_whatever_the_query(client, release):
    url = release.get_absolute_url()
    client.get(f"{url}?page=2&utm_source=mail")
    for address in (url, f"{url}?page=2"):
        html = client.get(address).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in html


@pytest.fixture
def related(release):
    """A second published release sharing the tag "river" with `release`."""
    other = release_in_state("published", headline="Second river crossing")
    other.tags.add("river")
    return other


def test_a_release_that_loses_the_shared_topic_leaves_the_related_releases(
    client, release, related
):
    assert "Second river crossing" in page(client, release)
    related.tags.remove("river")
    assert "Second river crossing" not in page(client, release)


def test_a_release_whose_organizations_are_cleared_leaves_the_related_releases(client, release):
    other = release_in_state("published", headline="Bravo convoy arrives")
    other.organizations.add(*release.organizations.all())
    assert "Bravo convoy arrives" in page(client, release)
    other.organizations.clear()
    assert "Bravo convoy arrives" not in page(client, release)


def test_a_related_release_s_new_headline_and_its_deletion_show_at_once(client, release, related):
    assert "Second river crossing" in page(client, release)
    related.headline = "Third river crossing"
    related.save()
    assert "Third river crossing" in page(client, release)
    related.delete()
    assert "Third river crossing" not in page(client, release)


def test_a_related_release_scheduled_for_later_appears_at_its_time(client, release):
    start = timezone.now()
    later = release_in_state(
        "published",
        headline="Night river crossing",
        release_at=start + datetime.timedelta(seconds=30),
    )
    later.tags.add("river")
    with time_machine.travel(start, tick=False):
        assert "Night river crossing" not in page(client, release)
    # Its time has come, well within the related releases' longest life (60 s).
    with time_machine.travel(start + datetime.timedelta(seconds=40), tick=False):
        assert "Night river crossing" in page(client, release)


def test_an_edit_elsewhere_leaves_the_related_releases_of_a_release_cached(
    client, release, related
):
    unrelated = release_in_state("published")
    page(client, release)
    unrelated.headline = "Nothing in common"
    unrelated.save()
    assert queries_for(client, release.get_absolute_url()) == FROM_CACHE_QUERIES

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, ArticleStatus, Person, PersonRole
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_organization_cannot_become_its_own_ancestor():
    command = OrganizationFactory(name="Southern Command")
    task_force = OrganizationFactory(name="Joint Task Force", parent=command)
    battalion = OrganizationFactory(name="1st Battalion", parent=task_force)

    command.parent = battalion
    with pytest.raises(ValidationError) as error:
        command.full_clean()
    assert "parent" in error.value.message_dict
    assert "cannot be placed under itself" in error.value.message_dict["parent"][0]

    command.parent = command
    with pytest.raises(ValidationError):
        command.full_clean()


def test_organization_hierarchy_lists_ancestors_nearest_first():
    command = OrganizationFactory()
    task_force = OrganizationFactory(parent=command)
    battalion = OrganizationFactory(parent=task_force)
    assert list(battalion.ancestors()) == [task_force, command]


def test_initiative_end_before_start_is_an_error_at_end_date():
    initiative = InitiativeFactory.build(
        start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert list(error.value.message_dict) == ["end_date"]


def test_image_needs_alt_text_unless_decorative():
    image = ImageFactory.build(alt_text="")
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "alt_text" in error.value.message_dict
    image.is_decorative = True
    image.full_clean()
    assert image.alt == ""


def test_image_records_its_dimensions():
    image = ImageFactory()
    assert (image.width, image.height) == (40, 30)


def test_published_excludes_drafts_future_and_withdrawn():
    visible = ArticleFactory()
    ArticleFactory(status=ArticleStatus.DRAFT)
    ArticleFactory(status=ArticleStatus.CLEARED)
    ArticleFactory(status=ArticleStatus.WITHDRAWN)
    ArticleFactory(release_at=timezone.now() + datetime.timedelta(minutes=5))
    ArticleFactory(release_at=None)
    assert list(Article.objects.published()) == [visible]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {
                "service": "U.S. Army",
                "rank": "Sgt. 1st Class",
                "given_name": "Travis",
                "family_name": "Quinn",
                "title": "a senior instructor with the Jungle Operations Training Course",
            },
            "U.S. Army Sgt. 1st Class Travis Quinn, "
            "a senior instructor with the Jungle Operations Training Course",
        ),
        (
            {
                "service": "U.S. Air Force",
                "rank": "Senior Airman",
                "given_name": "Dana",
                "family_name": "Cole",
                "title": "",
            },
            "U.S. Air Force Senior Airman Dana Cole",
        ),
        (
            {
                "service": "",
                "rank": "Minister",
                "given_name": "Marta",
                "family_name": "Ortega",
                "title": "Panama's minister of public security",
            },
            "Minister Marta Ortega, Panama's minister of public security",
        ),
        (
            {
                "service": "",
                "rank": "",
                "given_name": "Luis",
                "family_name": "Pérez",
                "title": "spokesperson for the border service",
            },
            "Luis Pérez, spokesperson for the border service",
        ),
    ],
)
def test_attribution_in_ap_style(fields, expected):
    assert Person(**fields).attribution() == expected


def test_attribution_uses_the_rank_held_on_the_release_date():
    person = PersonFactory(
        service="U.S. Army", rank="Sgt. 1st Class", given_name="Jo", family_name="Park", title=""
    )
    PersonRole.objects.create(
        person=person, service="U.S. Army", rank="Staff Sgt.", held_until=datetime.date(2026, 3, 1)
    )
    PersonRole.objects.create(
        person=person, service="U.S. Army", rank="Sgt.", held_until=datetime.date(2025, 6, 1)
    )
    assert person.attribution(as_of=datetime.date(2025, 1, 10)) == "U.S. Army Sgt. Jo Park"
    assert person.attribution(as_of=datetime.date(2026, 2, 1)) == "U.S. Army Staff Sgt. Jo Park"
    assert person.attribution(as_of=datetime.date(2026, 9, 1)) == (
        "U.S. Army Sgt. 1st Class Jo Park"
    )


def test_kind_labels_follow_the_language_on_releases_and_their_links():
    from django.utils.translation import override

    from public.topics import Topic

    related = Topic(kind="release", name="Exercise ends", slug="exercise-ends", detail="statement")
    with override("es"):
        assert Article(kind="statement").get_kind_display() == "Declaración"
        assert related.get_kind_display() == "Declaración"
    assert related.get_kind_display() == "Statement"


def test_a_kind_no_longer_offered_shows_as_stored_instead_of_failing():
    # A release page lists related releases by kind; one stored under a kind since dropped from
    # the choices must not take the page down.
    from public.topics import Topic

    assert Article(kind="speech").get_kind_display() == "speech"
    assert Topic(kind="release", name="Old", slug="old", detail="speech").get_kind_display() == (
        "speech"
    )


def test_a_quote_read_alone_looks_its_speakers_past_rank_up_once(django_assert_num_queries):
    # The desk's preview reads quotes without the role annotation; the body's attribution and
    # the JSON-LD's creator both need the rank held on the release date.
    from articles.models import Quote
    from tests.factories import ArticleFactory

    person = PersonFactory(
        service="U.S. Army", rank="Sgt. 1st Class", given_name="Jo", family_name="Park", title=""
    )
    PersonRole.objects.create(
        person=person, service="U.S. Army", rank="Staff Sgt.", held_until=datetime.date(2026, 3, 1)
    )
    release = ArticleFactory(
        release_at=timezone.make_aware(datetime.datetime(2026, 2, 1, 12)),
    )
    Quote.objects.create(parent=release, region="main", ordering=10, speaker=person, text="Ready.")
    quote = Quote.objects.select_related("speaker", "parent").get()
    with django_assert_num_queries(1):
        assert quote.attribution == "U.S. Army Staff Sgt. Jo Park"
        assert quote.speaker_role.rank == "Staff Sgt."

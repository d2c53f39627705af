"""Shared records (people, earlier ranks, organizations, initiatives, photos) under the policy of
docs/workflow.md: tried through the admin with the four roles and hand-made POSTs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.images import services
from articles.models import (
    Article,
    ArticleStatus,
    Correction,
    Image,
    ImageBlock,
    ImagePurge,
    InitiativeTable,
    InitiativeTableRow,
    Person,
    PersonRole,
    Quote,
    StateChange,
    WorkflowAction,
)
from tests import image_files
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    InitiativeFactory,
    OrganizationFactory,
    PersonFactory,
    png_bytes,
)
from tests.shared_records import (
    add_url,
    change_url,
    delete_url,
    record_post_data,
    through_the_workflow,
)
from tests.test_seo import json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def public_page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


# --- Hole 1: photos ----------------------------------------------------------------------


def test_a_writer_cannot_put_another_photo_on_a_live_release(client_for, writer, media_root):
    hero = ImageFactory(title="Bridge crossing")
    release = through_the_workflow(hero_image=hero)
    original = hero.file.name
    client = client_for(writer)

    page = client.get(change_url(hero)).content.decode()
    assert release.headline in page
    assert "only an editor can make it" in page

    response = client.post(
        change_url(hero),
        {
            **record_post_data(hero),
            "file": SimpleUploadedFile("other.png", png_bytes(color=(200, 0, 0))),
        },
    )
    assert response.status_code == 403
    hero.refresh_from_db()
    assert hero.file.name == original
    assert hero.file.storage.exists(original)


def test_nobody_replaces_the_file_of_a_cleared_photo_and_is_told_what_to_do(
    client_for, editor, site_admin, media_root
):
    hero = ImageFactory(title="Bridge crossing")
    through_the_workflow(hero_image=hero, publish=False)
    hero.refresh_from_db()
    assert hero.cleared_at is not None
    original = hero.file.name
    for user in (editor, site_admin):
        client = client_for(user)
        page = client.get(change_url(hero)).content.decode()
        assert "its file can no longer be replaced" in page
        assert reverse("admin:articles_image_add") in page  # the way out: a new photo
        client.post(
            change_url(hero),
            {
                **record_post_data(hero),
                "change_reason": "Better crop.",
                "file": SimpleUploadedFile("other.png", png_bytes(color=(200, 0, 0))),
            },
        )
        hero.refresh_from_db()
        assert hero.file.name == original
    # Nor through the service, whatever calls it.
    hero.file = ContentFile(png_bytes(color=(0, 200, 0)), name="script.png")
    with pytest.raises(ValidationError, match="can no longer be replaced"):
        services.save_image(image=hero)


def test_a_photo_no_clearance_covers_may_be_replaced_and_its_old_file_is_kept(
    client_for, writer, media_root, django_capture_on_commit_callbacks
):
    photo = ImageFactory(title="Draft photo")
    ArticleFactory(status=ArticleStatus.DRAFT, hero_image=photo)
    old = photo.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(writer).post(
            change_url(photo),
            {**record_post_data(photo), "file": SimpleUploadedFile("new.png", png_bytes())},
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.file.name != old
    assert photo.earlier_files == [old]
    assert photo.file.storage.exists(old)


def test_a_cleared_photo_is_deleted_only_by_an_audited_purge(
    client_for, editor, site_admin, media_root, django_capture_on_commit_callbacks
):
    photo = ImageFactory(title="Gate at dawn")
    release = through_the_workflow(hero_image=photo)
    block_release = through_the_workflow()
    ImageBlock.objects.create(parent=block_release, region="body", ordering=10, image=photo)
    files = [photo.file.name, *(r.file.name for r in photo.renditions.all())]

    # An editor may not delete it: the confirmation page says why and deletes nothing.
    page = client_for(editor).post(delete_url(photo), {"post": "yes"}).content.decode()
    assert release.headline in page
    assert Image.objects.filter(pk=photo.pk).exists()
    # Nor purge it.
    purge = reverse("admin:articles_image_purge", args=[photo.pk])
    assert client_for(editor).post(purge, {"reason": "x"}).status_code == 403

    site = client_for(site_admin)
    assert "Purge everywhere" in site.get(change_url(photo)).content.decode()
    refused = site.post(purge, {"reason": ""})
    assert "Say why the photo must go" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = site.post(purge, {"reason": "Shows the guard post layout."})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=photo.pk).exists()
    assert not any(photo.file.storage.exists(name) for name in files)
    record = ImagePurge.objects.get()
    assert record.reason == "Shows the guard post layout."
    assert {entry["id"] for entry in record.releases} == {release.pk, block_release.pk}
    for each in (release, block_release):
        entry = StateChange.objects.get(article=each, action=WorkflowAction.PHOTO_PURGED)
        assert (entry.user, entry.comment) == (site_admin, "Shows the guard post layout.")
    release.refresh_from_db()
    assert release.hero_image is None
    assert not ImageBlock.objects.filter(parent=block_release).exists()


def test_purge_is_refused_by_the_service_without_the_permission(editor, media_root):
    photo = ImageFactory()
    with pytest.raises(Exception, match="Only a site administrator"):
        services.purge_image(image=photo, user=editor, reason="Because.")


# --- Hole 1: people, organizations, initiatives -----------------------------------------


def quoted_release(person):
    release = through_the_workflow()
    Quote.objects.create(parent=release, region="body", ordering=10, speaker=person, text="Hi")
    release.byline_people.add(person)
    return release


def test_renaming_a_quoted_person_needs_an_editor_a_reason_and_a_correction(
    client, client_for, writer, editor
):
    person = PersonFactory(given_name="Dana", family_name="Ortiz")
    first, second = quoted_release(person), quoted_release(person)

    # A writer may not: 403, nothing changes.
    response = client_for(writer).post(
        change_url(person), record_post_data(person, family_name="Ortega")
    )
    assert response.status_code == 403

    editor_client = client_for(editor)
    response = editor_client.post(
        change_url(person), record_post_data(person, family_name="Ortega")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why you change it" in page
    assert "changes words that published releases print" in page
    assert first.headline in page and second.headline in page
    person.refresh_from_db()
    assert person.family_name == "Ortiz"

    response = editor_client.post(
        change_url(person),
        record_post_data(
            person,
            family_name="Ortega",
            change_reason="The name was misspelled in the directory.",
            correction_note="An earlier version misspelled the name of Dana Ortega.",
        ),
    )
    assert response.status_code == 302
    for release in (first, second):
        correction = Correction.objects.get(article=release)
        assert correction.note == "An earlier version misspelled the name of Dana Ortega."
        audit = StateChange.objects.get(article=release, action=WorkflowAction.RECORD_CHANGED)
        assert "The name was misspelled in the directory." in audit.comment
        assert audit.user == editor
        assert "Corrections" in public_page(client, release)


def test_a_promotion_keeps_old_releases_as_they_were_everywhere(client, client_for, editor):
    person = PersonFactory(rank="Capt.", given_name="Lee", family_name="Moss", title="")
    first_unit = person.organization
    release = quoted_release(person)
    second_unit = OrganizationFactory(name="Joint Task Force South")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    response = client_for(editor).post(
        change_url(person),
        record_post_data(
            person,
            rank="Maj.",
            organization=second_unit,
            change_reason="Promoted and reassigned.",
            roles=[
                {
                    "service": person.service,
                    "rank": "Capt.",
                    "title": "",
                    "organization": first_unit,
                    "held_until": yesterday,
                }
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.rank == "Maj."
    assert not Correction.objects.filter(article=release).exists()

    page = public_page(client, release)
    byline = page[page.index('class="newsroom-byline"') :][:400]
    assert "Capt. Lee Moss" in byline and "Maj." not in byline
    data = json_ld(page)
    assert data["author"][0]["honorificPrefix"] == "Capt."
    assert data["author"][0]["affiliation"]["name"] == first_unit.name
    creator = data["hasPart"][0]["creator"]
    assert creator["honorificPrefix"] == "Capt."
    assert creator["affiliation"]["name"] == first_unit.name
    feed = client.get(reverse("feeds:all_rss")).content.decode()
    assert "Capt. Lee Moss" in feed


def test_rewording_a_spanish_earlier_title_needs_a_correction_of_spanish_releases(
    client_for, editor
):
    person = PersonFactory(rank="Maj.", given_name="Lía", family_name="Brenes")
    role = PersonRole.objects.create(
        person=person,
        rank="Capt.",
        title_en="a company commander",
        title_es="comandante de compañía",
        held_until=datetime.date.today(),
    )
    release = through_the_workflow(language="es")
    Quote.objects.create(parent=release, region="body", ordering=10, speaker=person, text="Hola")
    data = record_post_data(person, change_reason="A better title.")
    data["roles-0-title_es"] = "jefa de compañía"

    response = client_for(editor).post(change_url(person), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "changes words that published releases print" in page and release.headline in page
    role.refresh_from_db()
    assert role.title_es == "comandante de compañía"


def test_a_writer_cannot_make_someone_a_press_contact(client, client_for, writer, editor):
    data = record_post_data(
        PersonFactory.build(slug="outsider", organization=None),
        is_press_contact=True,
        email="outsider@example.org",
        phone="+1 555 0100",
    )
    page = client_for(writer).post(add_url(Person), data).content.decode()
    assert "is an editor&#x27;s decision" in page or "is an editor's decision" in page
    assert not Person.objects.filter(slug="outsider").exists()
    assert "outsider@example.org" not in client.get(reverse("public:contact")).content.decode()

    assert client_for(editor).post(add_url(Person), data).status_code == 302
    assert Person.objects.get(slug="outsider").is_press_contact


def test_an_organizations_website_and_an_initiatives_name_need_an_editor(
    client_for, writer, editor
):
    unit = OrganizationFactory(website="https://unit.example.mil")
    program = InitiativeFactory(name="River Crossing Course")
    release = through_the_workflow()
    release.organizations.add(unit)
    table = InitiativeTable.objects.create(
        parent=release, region="body", ordering=10, caption="Courses", headings=["Course", "Aim"]
    )
    InitiativeTableRow.objects.create(table=table, initiative=program, cells=["Safety"])

    writer_client = client_for(writer)
    changed = record_post_data(unit, website="https://elsewhere.example.com")
    assert writer_client.post(change_url(unit), changed).status_code == 403
    renamed = record_post_data(program, name="Other Course")
    assert writer_client.post(change_url(program), renamed).status_code == 403

    editor_client = client_for(editor)
    page = editor_client.post(change_url(program), renamed).content.decode()
    assert "changes words that published releases print" in page
    response = editor_client.post(
        change_url(unit), {**changed, "change_reason": "The unit moved its site."}
    )
    assert response.status_code == 302
    # The website is not printed in the release: no correction, but on the record.
    assert not Correction.objects.filter(article=release).exists()
    assert StateChange.objects.filter(
        article=release, action=WorkflowAction.RECORD_CHANGED, user=editor
    ).exists()


def test_a_cleared_release_whose_words_change_goes_back_to_review(client_for, editor):
    person = PersonFactory(title="an engineer")
    release = through_the_workflow(publish=False)
    Quote.objects.create(parent=release, region="body", ordering=10, speaker=person, text="Hi")
    response = client_for(editor).post(
        change_url(person),
        record_post_data(person, title="a senior engineer", change_reason="New post."),
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == ArticleStatus.IN_REVIEW
    assert StateChange.objects.filter(article=release, action=WorkflowAction.REOPENED).exists()


# --- The role × shared-record matrix -----------------------------------------------------

RECORDS = {
    "person": (PersonFactory, lambda release, record: release.people.add(record)),
    "organization": (
        OrganizationFactory,
        lambda release, record: release.organizations.add(record),
    ),
    "initiative": (InitiativeFactory, lambda release, record: release.initiatives.add(record)),
    "image": (
        ImageFactory,
        lambda release, record: ImageBlock.objects.create(
            parent=release, region="body", ordering=10, image=record
        ),
    ),
}
CHANGES = {
    "person": {"bio": "Leads the engineering section."},
    "organization": {"description": "Engineers and medics."},
    "initiative": {"summary": "Joint training."},
    "image": {"title": "River crossing, archive copy"},
}
ADDS = {
    "person": lambda: record_post_data(PersonFactory.build(slug="new-person", organization=None)),
    "organization": lambda: record_post_data(OrganizationFactory.build(slug="new-unit")),
    "initiative": lambda: record_post_data(InitiativeFactory.build(slug="new-program")),
    "image": lambda: {
        **record_post_data(ImageFactory.build(title="New photo")),
        "file": SimpleUploadedFile("new.jpg", image_files.camera_jpeg()),
    },
}
# (role, used by) -> what happens to an add, a change and a delete
EXPECTED = {
    ("writer", "draft"): ("saved", "saved", "forbidden"),
    ("writer", "published"): ("saved", "forbidden", "forbidden"),
    ("editor", "draft"): ("saved", "saved", "deleted"),
    ("editor", "published"): ("saved", "needs a reason", "refused"),
    ("authority", "draft"): ("forbidden", "forbidden", "forbidden"),
    ("authority", "published"): ("forbidden", "forbidden", "forbidden"),
}


@pytest.mark.parametrize("kind", RECORDS)
@pytest.mark.parametrize(("role", "used_by"), EXPECTED)
def test_role_by_shared_record_matrix(request, client_for, media_root, kind, role, used_by):
    user = request.getfixturevalue(role)
    factory, link = RECORDS[kind]
    record = factory()
    release = through_the_workflow() if used_by == "published" else ArticleFactory(status="draft")
    link(release, record)
    model = type(record)
    client = client_for(user)
    add, change, delete = EXPECTED[(role, used_by)]

    before = model.objects.count()
    response = client.post(add_url(model), ADDS[kind]())
    if add == "saved":
        assert response.status_code == 302, response.content.decode()[:2000]
        assert model.objects.count() == before + 1
    else:
        assert response.status_code == 403

    changes = CHANGES[kind]
    response = client.post(change_url(record), record_post_data(record, **changes))
    field, value = next(iter(changes.items()))
    stored = model.objects.get(pk=record.pk)
    if change == "saved":
        assert response.status_code == 302
        assert getattr(stored, field) == value
    elif change == "needs a reason":
        assert "Say why you change it" in response.content.decode()
        assert getattr(stored, field) != value
        response = client.post(
            change_url(record),
            record_post_data(record, change_reason="Updated by the office.", **changes),
        )
        assert response.status_code == 302, response.context["errors"]
        assert getattr(model.objects.get(pk=record.pk), field) == value
        assert StateChange.objects.filter(
            article=release, action=WorkflowAction.RECORD_CHANGED
        ).exists()
    else:
        assert response.status_code == 403
        assert getattr(stored, field) != value

    response = client.post(delete_url(record), {"post": "yes"})
    exists = model.objects.filter(pk=record.pk).exists()
    if delete == "deleted" and kind == "image":
        # A body image holds its photo (PROTECT) in any state: remove the block first.
        assert exists
    elif delete == "deleted":
        assert response.status_code == 302
        assert not exists
    elif delete == "refused":
        assert response.status_code == 200
        assert release.headline in response.content.decode()
        assert exists
    else:
        assert response.status_code == 403
        assert exists
    assert Article.objects.filter(pk=release.pk).exists()

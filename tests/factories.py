import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import models
from articles.images.services import save_image


def png_bytes(width=40, height=30, color=(0, 94, 162)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user; `roles=["Writer", …]` puts them in those groups (from the migration)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = factory.Sequence(lambda n: f"Officer{n}")
    last_name = "Diaz"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.mil")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, names):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"Task Force {n}")
    abbreviation = factory.Sequence(lambda n: f"TF-{n}")
    slug = factory.Sequence(lambda n: f"task-force-{n}")
    kind = models.OrganizationKind.MILITARY_UNIT
    country = "US"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    service = "U.S. Army"
    rank = "Staff Sgt."
    given_name = factory.Sequence(lambda n: f"Alex{n}")
    family_name = "Rivera"
    slug = factory.Sequence(lambda n: f"alex-rivera-{n}")
    title = "an instructor with the Jungle Warfare School"
    organization = factory.SubFactory(OrganizationFactory)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Initiative

    name = factory.Sequence(lambda n: f"Border Patrol Course {n}")
    slug = factory.Sequence(lambda n: f"border-patrol-course-{n}")
    summary = "Joint training for border units."


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Image

    title = factory.Sequence(lambda n: f"Photo {n}")
    alt_text = "Soldiers crossing a river on a rope bridge"
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="photo.png"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As an upload through the admin: stripped, stored, renditions made.
        return save_image(image=model_class(*args, **kwargs))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    headline = factory.Sequence(lambda n: f"Partners complete jungle course {n}")
    slug = factory.Sequence(lambda n: f"partners-complete-jungle-course-{n}")
    summary = "Forty students finished the course."
    dateline = "PANAMA CITY, Panama"
    status = models.ArticleStatus.PUBLISHED
    release_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


def add_blocks(article, count, *, start=10):
    """Give `article` `count` body blocks cycling through every block type."""
    speaker = PersonFactory()
    image = ImageFactory()
    initiative = InitiativeFactory()
    for index in range(count):
        ordering = start + 10 * index
        kind = index % 4
        if kind == 0:
            models.RichText.objects.create(
                parent=article, region="body", ordering=ordering, text=f"<p>Paragraph {index}</p>"
            )
        elif kind == 1:
            models.Quote.objects.create(
                parent=article,
                region="body",
                ordering=ordering,
                speaker=speaker,
                text=f"Words {index}",
            )
        elif kind == 2:
            table = models.InitiativeTable.objects.create(
                parent=article,
                region="body",
                ordering=ordering,
                caption=f"Table {index}",
                headings=["Initiative", "Objectives"],
            )
            models.InitiativeTableRow.objects.create(
                table=table, initiative=initiative, cells=[f"Objective {index}"]
            )
        else:
            models.ImageBlock.objects.create(
                parent=article, region="body", ordering=ordering, image=image
            )


def release_in_state(state, **fields):
    """A release as if it had gone through the workflow to `state`: one of draft, in-review,
    cleared, scheduled, published, withdrawn. Cleared and later states carry a clearance."""
    now = timezone.now()
    status = {"scheduled": models.ArticleStatus.PUBLISHED}.get(state, state)
    release_at = (
        now + datetime.timedelta(days=1)
        if state in ("draft", "in-review", "cleared", "scheduled")
        else now - datetime.timedelta(hours=1)
    )
    article = ArticleFactory(status=status, **{"release_at": release_at, **fields})
    if state not in ("draft", "in-review"):
        models.Clearance.objects.create(
            article=article, cleared_by=UserFactory(), checklist=["Checked."]
        )
    return article

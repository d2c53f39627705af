from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from newsroom.slug_urls import slug_url

from .base import TimestampedModel


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class InitiativeQuerySet(models.QuerySet):
    def with_release_count(self):
        return self.annotate(release_count=models.Count("articles", distinct=True))

    def public(self, *, now=None):
        """Initiatives a published release names (at `now`, the present unless given); one kept
        for an embargoed release stays hidden."""
        from .articles import Article
        from .blocks import InitiativeTableRow

        published = Article.objects.published(now=now).values("pk")
        return self.filter(
            models.Q(
                pk__in=Article.initiatives.through.objects.filter(article__in=published).values(
                    "initiative"
                )
            )
            | models.Q(
                pk__in=InitiativeTableRow.objects.filter(table__parent__in=published).values(
                    "initiative"
                )
            )
        )


class Initiative(TimestampedModel):
    """A program, exercise or line of effort that releases report on."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIVE,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    lead_organization = models.ForeignKey(
        "articles.Organization",
        verbose_name=_("lead organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_initiatives",
    )
    partners = models.ManyToManyField(
        "articles.Organization",
        verbose_name=_("partner organizations"),
        blank=True,
        related_name="partner_initiatives",
    )
    tags = TaggableManager(_("tags"), blank=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("public:initiative", self.slug)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": _("The end date is before the start date (%(start)s).")
                    % {"start": self.start_date.isoformat()}
                }
            )

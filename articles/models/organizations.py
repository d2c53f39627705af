from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .base import TimestampedModel


class OrganizationKind(models.TextChoices):
    MILITARY_UNIT = "military", _("Military unit")
    MINISTRY = "ministry", _("Ministry or agency")
    SECURITY_FORCE = "security", _("Police or security force")
    OTHER = "other", _("Other")


class OrganizationQuerySet(models.QuerySet):
    def with_release_count(self):
        return self.annotate(release_count=models.Count("articles", distinct=True))


class Organization(TimestampedModel):
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=40, blank=True, help_text=_("For example: JSCG-P")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )
    country = CountryField(_("country"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), blank=True)
    logo = models.ForeignKey(
        "articles.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def get_absolute_url(self):
        return reverse("articles:organization", kwargs={"slug": self.slug})

    def ancestors(self):
        """Parents from the nearest upwards; stops at a cycle instead of looping forever."""
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            yield node
            node = node.parent

    def clean(self):
        if self.parent_id is None:
            return
        if self.pk is not None and (
            self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors())
        ):
            raise ValidationError(
                {
                    "parent": _(
                        "%(parent)s is part of %(name)s already; an organization cannot be "
                        "placed under itself or one of its own sub-organizations."
                    )
                    % {"parent": self.parent, "name": self.name}
                }
            )

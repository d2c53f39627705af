from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from newsroom.slug_urls import slug_url

from .base import TimestampedModel


class OrganizationKind(models.TextChoices):
    MILITARY_UNIT = "military", _("Military unit")
    MINISTRY = "ministry", _("Ministry or agency")
    SECURITY_FORCE = "security", _("Police or security force")
    OTHER = "other", _("Other")


# How many levels of parent organizations a public organization makes public too.
PUBLIC_DEPTH = 4


class OrganizationQuerySet(models.QuerySet):
    def with_release_count(self):
        return self.annotate(release_count=models.Count("articles", distinct=True))

    def public(self, *, now=None):
        """Organizations a published release names, with their people's and initiatives'
        organizations, and the parents of all those (up to PUBLIC_DEPTH levels up), at `now`
        (the present unless given).

        A unit created for an embargoed announcement stays off the site until it is out.
        """
        from .articles import Article
        from .initiatives import Initiative
        from .people import Person

        published = Article.objects.published(now=now).values("pk")
        initiatives = Initiative.objects.public(now=now)
        named = (
            models.Q(
                pk__in=Article.organizations.through.objects.filter(article__in=published).values(
                    "organization"
                )
            )
            | models.Q(pk__in=Person.objects.public(now=now).values("organization"))
            | models.Q(pk__in=initiatives.values("lead_organization"))
            | models.Q(
                pk__in=Initiative.partners.through.objects.filter(
                    initiative__in=initiatives.values("pk")
                ).values("organization")
            )
        )
        level = Organization.objects.filter(named).values("pk")
        reach = models.Q(pk__in=level)
        for _level in range(PUBLIC_DEPTH):
            level = Organization.objects.filter(pk__in=level).values("parent")
            reach |= models.Q(pk__in=level)
        return self.filter(reach)


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
        return slug_url("public:organization", self.slug)

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

from django.conf import settings
from django.db import models
from django.db.models.functions import JSONObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.ranks import name_with_rank, rank_in
from newsroom.slug_urls import slug_url

from .articles import Article
from .base import TimestampedModel

# Each translated field has a column per language (articles/translation.py): the earlier
# role's subquery reads them all, so the role prints in whichever language renders it.
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def held_on(roles, day):
    """Of a person's earlier ranks and titles (PersonRole), the one held on `day` (a date);
    None when the current rank and title apply (or no day is known yet)."""
    if day is None:
        return None
    earlier = [role for role in roles if role.held_until >= day]
    return min(earlier, key=lambda role: role.held_until, default=None)


def role_held_on(person_ref, day_ref):
    """A subquery: the earlier rank, title and organization a person held on a day, as JSON
    (see PersonRole.from_json); NULL when the current ones apply. `person_ref` and `day_ref`
    name the outer query's person id and date."""
    return models.Subquery(
        PersonRole.objects.filter(
            person=models.OuterRef(person_ref), held_until__gte=models.OuterRef(day_ref)
        )
        .order_by("held_until")
        # Plain values: modeltranslation would add every field's columns to the subquery; the
        # JSON names each language's column itself.
        .rewrite(False)
        .values(
            role=JSONObject(
                service="service",
                rank="rank",
                **{f"title_{code}": f"title_{code}" for code in LANGUAGE_CODES},
                organization_id="organization_id",
                **{
                    f"organization_name_{code}": f"organization__name_{code}"
                    for code in LANGUAGE_CODES
                },
                organization_abbreviation="organization__abbreviation",
                organization_slug="organization__slug",
            )
        )[:1]
    )


class PersonQuerySet(models.QuerySet):
    def with_release_count(self):
        return self.annotate(release_count=models.Count("articles", distinct=True))

    def press_contacts(self):
        return self.filter(is_press_contact=True)

    def public(self, *, one=False, now=None):
        """People a published release names (quoted, related or author) and press contacts,
        at `now` (the present unless given).

        Someone added for a draft or an embargoed release stays off the site until it is out.
        Pass `one=True` to look up a single person (by slug): then each condition is an EXISTS
        on that person's own links, a few index lookups, where the form for a whole list reads
        the links of every published release once (≈ 190 ms at 100,000 releases for one person).
        """
        from .blocks import Quote

        published = Article.objects.published(now=now)
        named_by = [
            (Article.people.through.objects, "person", "article"),
            (Article.byline_people.through.objects, "person", "article"),
            (Quote.objects, "speaker", "parent"),
        ]
        condition = models.Q(is_press_contact=True)
        for links, person, article in named_by:
            if one:
                condition |= models.Exists(
                    links.filter(**{person: models.OuterRef("pk")}).filter(
                        models.Exists(published.filter(pk=models.OuterRef(article)))
                    )
                )
            else:
                condition |= models.Q(
                    pk__in=links.filter(**{f"{article}__in": published.values("pk")}).values(person)
                )
        return self.filter(condition)

    def credited_on(self, article, day):
        """The article's authors and media contacts in one query, flagged is_author/is_contact,
        each with the role they held on `day` (the release date; see role_held_on).

        Selected by id from the article's own links first: filtering every person on the two
        flags took 43 ms with 10,000 people."""
        authors = Article.byline_people.through.objects.filter(article=article)
        contacts = Article.media_contacts.through.objects.filter(article=article)
        return (
            self.filter(pk__in=authors.values("person").union(contacts.values("person")))
            .annotate(
                is_author=models.Exists(authors.filter(person=models.OuterRef("pk"))),
                is_contact=models.Exists(contacts.filter(person=models.OuterRef("pk"))),
                release_day=models.Value(day, output_field=models.DateField()),
            )
            .annotate(role_then=role_held_on("pk", "release_day"))
            .select_related("organization")
        )


class Person(TimestampedModel):
    """Someone who is quoted, writes releases or answers the press.

    Rank, title and organization are the current ones; earlier ones live in PersonRole so an
    archived release keeps the attribution it was published with.
    """

    service = models.CharField(
        _("service"),
        max_length=80,
        blank=True,
        help_text=_("Written before the rank in attributions, e.g. “U.S. Army”."),
    )
    rank = models.CharField(
        _("rank or honorific"),
        max_length=80,
        blank=True,
        help_text=_("As written in releases: “Sgt. 1st Class”, “Senior Airman”, “Minister”."),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_(
            "As it follows the name in a release, e.g. “a senior instructor with the "
            "Jungle Operations Training Course”."
        ),
    )
    organization = models.ForeignKey(
        "articles.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    bio = models.TextField(_("short bio"), blank=True)
    portrait = models.ForeignKey(
        "articles.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_press_contact = models.BooleanField(_("press contact"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name_with_rank()

    def name_with_rank(self, role=None):
        """“Sgt. 1st Class Jane Doe”, with the rank of `role` (a PersonRole) when given."""
        held = role or self
        rank = rank_in(get_language(), held.rank, service=held.service)
        return " ".join(part for part in (rank, self.full_name) if part)

    @property
    def held_role(self):
        """The earlier PersonRole a role_held_on() annotation (`role_then`) found for its day;
        None for the current rank and title."""
        data = getattr(self, "role_then", None)
        return PersonRole.from_json(self, data) if data else None

    @property
    def name_then(self):
        """The name with the rank held on the day the query asked about (bylines)."""
        return self.name_with_rank(self.held_role)

    @property
    def organization_then(self):
        """The organization on that day: the earlier role's, else the current one."""
        role = self.held_role
        return role.organization if role and role.organization_id else self.organization

    def get_absolute_url(self):
        return slug_url("public:person", self.slug)

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    def role_on(self, day):
        """The rank and title this person held on `day` (a date), or None for the current ones.

        Uses the prefetched `roles` when present, so rendering many quotes costs no extra query.
        """
        return None if day is None else held_on(self.roles.all(), day)

    def attribution(self, as_of=None, *, role=None):
        """AP-style name with rank and title: “U.S. Army Sgt. 1st Class Jane Doe, a …”, in the
        active language (a release renders in its own): ranks from articles.ranks.

        `role` is the PersonRole held on the day when the caller has it already (see
        Quote.speaker_role); otherwise it is looked up for `as_of`.
        """
        role = role or self.role_on(as_of) or self
        name = name_with_rank(
            get_language(), rank=role.rank, service=role.service, name=self.full_name
        )
        return f"{name}, {role.title}" if role.title else name


class PersonRole(models.Model):
    """A rank and title someone held until a date: attributions in older releases use it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    service = models.CharField(_("service"), max_length=80, blank=True)
    rank = models.CharField(_("rank or honorific"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "articles.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_until = models.DateField(
        _("held until"), help_text=_("The last day this rank and title applied.")
    )

    class Meta:
        ordering = ["-held_until"]
        verbose_name = _("earlier rank and title")
        verbose_name_plural = _("earlier ranks and titles")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "held_until"], name="one_role_per_person_and_day"
            )
        ]

    def __str__(self):
        return f"{self.rank} {self.person.full_name}".strip()

    @classmethod
    def from_json(cls, person, data):
        """The role a role_held_on() annotation read, with its organization, without a query."""
        from .organizations import Organization

        organization = None
        if data.get("organization_id"):
            organization = Organization(
                pk=data["organization_id"],
                **{f"name_{code}": data[f"organization_name_{code}"] for code in LANGUAGE_CODES},
                abbreviation=data["organization_abbreviation"] or "",
                slug=data["organization_slug"],
            )
        return cls(
            person=person,
            service=data["service"],
            rank=data["rank"],
            **{f"title_{code}": data[f"title_{code}"] for code in LANGUAGE_CODES},
            organization=organization,
        )

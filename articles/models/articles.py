import uuid

from content_editor.models import Region
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from newsroom.slug_urls import slug_url
from public.versions import with_release_version

from .base import TimestampedModel


class ArticleKind(models.TextChoices):
    PRESS_RELEASE = "press-release", _("Press release")
    NEWS_STORY = "news-story", _("News story")
    STATEMENT = "statement", _("Statement")
    READOUT = "readout", _("Readout")
    TRANSCRIPT = "transcript", _("Transcript")
    MEDIA_ADVISORY = "media-advisory", _("Media advisory")
    FACT_SHEET = "fact-sheet", _("Fact sheet")

    @classmethod
    def label_of(cls, value):
        """The translated label of the kind `value`; the value itself for one no longer listed.
        Django's get_FOO_display() builds and translates every kind's label to find one, and a
        release page shows kinds several times (its own in the header, Open Graph and JSON-LD,
        its related releases')."""
        try:
            return str(cls(value).label)
        except ValueError:
            return value


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in-review", _("In review")
    CLEARED = "cleared", _("Cleared")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """The one definition of what the public may see: released, and its time has come
        (at `now`, the present unless given)."""
        return self.filter(status=ArticleStatus.PUBLISHED, release_at__lte=now or timezone.now())

    def with_public_page(self, *, now=None):
        """Releases whose URL answers: the published ones, and withdrawn ones (with a notice),
        at `now` (the present unless given).

        Lists, feeds, sitemaps and search use published(): a withdrawn release keeps its
        address so links to it explain what happened, but it is listed nowhere.
        """
        return self.filter(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN],
            release_at__lte=now or timezone.now(),
        )

    def for_language(self, language, *, now=None):
        """Each release once for readers of `language`: its version in that language where one
        is published (at `now`, the present unless given), else the version there is (shown
        marked as being in its own language)."""
        in_language = self.model.objects.published(now=now).filter(
            translation_group=models.OuterRef("translation_group"), language=language
        )
        return self.filter(models.Q(language=language) | ~models.Exists(in_language))

    def versions_of(self, article):
        """The other language versions of `article` (any state)."""
        return self.filter(translation_group=article.translation_group).exclude(pk=article.pk)

    def with_list_relations(self):
        """Releases for a list: each card (and thumbnail) comes from public.card_cache, built
        at the release's version, which this reads in the list's own query."""
        return with_release_version(self)

    # --- The desk (staff only) ----------------------------------------------------------

    def scheduled(self):
        """Published for a release time still to come: public at that time, by itself."""
        return self.filter(status=ArticleStatus.PUBLISHED, release_at__gt=timezone.now())

    def embargoed(self):
        """Not public yet, with an active embargoed preview link journalists can open."""
        from .workflow import EmbargoLink

        now = timezone.now()
        return self.filter(
            Q(status=ArticleStatus.CLEARED) | Q(status=ArticleStatus.PUBLISHED, release_at__gt=now),
            Exists(EmbargoLink.objects.active().filter(article=OuterRef("pk"))),
        )

    def failing_checks(self):
        """Releases still in the office's hands whose release checks found errors."""
        return self.filter(check_report__error_count__gt=0).exclude(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN]
        )

    def with_latest_state_change(self):
        """Annotates `latest_action`, `latest_comment`, `latest_by_id` and `latest_at`: the
        last line of each release's audit log (a returned draft carries the comment there)."""
        from .workflow import StateChange

        latest = StateChange.objects.filter(article=OuterRef("pk")).order_by("-at", "-pk")
        return self.annotate(
            latest_action=Subquery(latest.values("action")[:1]),
            latest_comment=Subquery(latest.values("comment")[:1]),
            latest_by_id=Subquery(latest.values("user")[:1]),
            latest_at=Subquery(latest.values("at")[:1]),
        )


class Article(TimestampedModel):
    """A release: anything the office puts out under its name."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.PRESS_RELEASE
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ArticleStatus.choices,
        default=ArticleStatus.DRAFT,
        db_index=True,
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the release is written in."),
    )
    # The versions of one release in different languages share a group; each is its own
    # release with its own body, checks, revisions, workflow and clearance.
    translation_group = models.UUIDField(
        _("translation group"), default=uuid.uuid4, editable=False, db_index=True
    )
    translation_source = models.ForeignKey(
        "self",
        verbose_name=_("translated from"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="translations",
    )
    # The source's text (headline, summary, body as comparable lines) when this translation
    # was made or last brought in step: a later change of the source shows as a diff.
    source_text = models.JSONField(_("source text translated"), default=list, editable=False)
    source_synced_at = models.DateTimeField(
        _("brought in step with the source"), null=True, blank=True, editable=False
    )
    headline = models.CharField(_("headline"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=250,
        unique=True,
        error_messages={"unique": _("Another release already uses this slug; change it.")},
    )
    subheadline = models.CharField(_("subheadline"), max_length=300, blank=True)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for lists, feeds and social cards."),
    )
    dateline = models.CharField(
        _("dateline"), max_length=120, blank=True, help_text=_("For example: PANAMA CITY, Panama")
    )
    byline_people = models.ManyToManyField(
        "articles.Person",
        verbose_name=_("authors"),
        blank=True,
        related_name="authored_articles",
    )
    byline_text = models.CharField(
        _("byline text"),
        max_length=200,
        blank=True,
        help_text=_("Used when there is no author to pick, e.g. “Courtesy Story”."),
    )
    release_at = models.DateTimeField(
        _("release date and time"),
        null=True,
        blank=True,
        help_text=_(
            "When the release becomes public. The release authority confirms or changes it "
            "when publishing."
        ),
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    hero_image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("hero photo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tags = TaggableManager(_("tags"), blank=True)
    organizations = models.ManyToManyField(
        "articles.Organization",
        verbose_name=_("related organizations"),
        blank=True,
        related_name="articles",
    )
    people = models.ManyToManyField(
        "articles.Person",
        verbose_name=_("related people"),
        blank=True,
        related_name="articles",
        help_text=_("People quoted in the body are added automatically."),
    )
    initiatives = models.ManyToManyField(
        "articles.Initiative",
        verbose_name=_("related initiatives"),
        blank=True,
        related_name="articles",
        help_text=_("Initiatives in the body's tables are added automatically."),
    )
    media_contacts = models.ManyToManyField(
        "articles.Person",
        verbose_name=_("media contacts"),
        blank=True,
        related_name="contact_for_articles",
        limit_choices_to={"is_press_contact": True},
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    edit_version = models.PositiveIntegerField(
        _("edit version"),
        default=1,
        editable=False,
        help_text=_("Goes up on every save; a form opened at an older version is stale."),
    )
    # Lets django-reversion keep the tags with each revision (TaggableManager isn't serialized).
    tagged_items = GenericRelation(TaggedItem)

    regions = [Region(key="body", title=_("Body"))]

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-release_at", "-pk"]
        get_latest_by = "release_at"
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "language"], name="one_version_per_language"
            )
        ]
        indexes = [
            models.Index(fields=["status", "-release_at"], name="article_public_idx"),
            # The home page's order (featured first): without it PostgreSQL sorted every
            # published release for each uncached home page (≈ 100 ms at 100,000).
            models.Index(
                fields=["status", "-is_featured", "-release_at", "-id"], name="article_home_idx"
            ),
        ]
        permissions = [
            ("submit_article", _("Can submit a release for review")),
            ("edit_submitted_article", _("Can edit a release after it was submitted")),
            ("return_article", _("Can return a release to draft with a comment")),
            ("clear_article", _("Can clear a release for publication")),
            ("publish_article", _("Can publish or schedule a cleared release")),
            ("withdraw_article", _("Can withdraw a published release")),
            ("correct_article", _("Can correct a published release")),
            ("share_embargoed_article", _("Can share embargoed previews")),
            (
                "change_released_record",
                _("Can change people, photos, organizations and initiatives that releases show"),
            ),
            ("manage_press_contacts", _("Can decide who is a press contact")),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        # Each version lives under its own language's address: /es/… for Spanish.
        with translation.override(self.language):
            return slug_url("public:article", self.slug)

    def clean(self):
        # The form does not carry the translation group, so Django would not check the
        # constraint; two versions in one language would fail at the database instead.
        if self.language and self.translation_group:
            same = Article.objects.versions_of(self).filter(language=self.language).first()
            if same is not None:
                raise ValidationError(
                    {
                        "language": _(
                            "“%(headline)s” is this release's version in that language "
                            "already; choose the language this text is written in."
                        )
                        % {"headline": same.headline}
                    }
                )

    def save(self, *args, **kwargs):
        # Optimistic locking: every save of an existing release makes forms opened before it
        # stale (see articles.workflow.editing).
        if not self._state.adding:
            self.edit_version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "edit_version"}
        super().save(*args, **kwargs)

    def get_kind_display(self):
        return ArticleKind.label_of(self.kind)

    @property
    def release_date(self):
        return timezone.localdate(self.release_at) if self.release_at else None

    @property
    def revised_at(self):
        """When the latest correction was published ("Updated"), or None.

        Reads `corrections.all()`, so prefetch corrections when listing many releases.
        """
        return max((correction.created_at for correction in self.corrections.all()), default=None)

    @property
    def is_live(self):
        """Published and its release time has come: what published() returns."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.release_at is not None
            and self.release_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Published for a release time still in the future."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.release_at is not None
            and self.release_at > timezone.now()
        )

    @property
    def state_label(self):
        """The status as an officer thinks of it: a future release is “Scheduled”."""
        if self.is_scheduled:
            return _("Scheduled")
        return self.get_status_display()

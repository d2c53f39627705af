from content_editor.models import Region
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .base import TimestampedModel


class ArticleKind(models.TextChoices):
    PRESS_RELEASE = "press-release", _("Press release")
    NEWS_STORY = "news-story", _("News story")
    STATEMENT = "statement", _("Statement")
    READOUT = "readout", _("Readout")
    TRANSCRIPT = "transcript", _("Transcript")
    MEDIA_ADVISORY = "media-advisory", _("Media advisory")
    FACT_SHEET = "fact-sheet", _("Fact sheet")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in-review", _("In review")
    CLEARED = "cleared", _("Cleared")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see: released, and its time has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, release_at__lte=timezone.now())

    def with_list_relations(self):
        return self.select_related("hero_image").prefetch_related("hero_image__renditions", "tags")


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
    release_at = models.DateTimeField(_("release date and time"), null=True, blank=True)
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

    regions = [Region(key="body", title=_("Body"))]

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-release_at", "-pk"]
        get_latest_by = "release_at"
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        indexes = [models.Index(fields=["status", "-release_at"], name="article_public_idx")]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def release_date(self):
        return timezone.localdate(self.release_at) if self.release_at else None

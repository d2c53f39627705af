"""Body blocks: one concrete model per block type (django-content-editor plugins).

Each block type renders with its function in public.body_html and loads with one query per
type (see get_queryset), whatever the number of blocks.
"""

from functools import cached_property
from itertools import zip_longest

from content_editor.models import create_plugin_base
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import TruncDate
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.richtext import RICH_TEXT_CONFIG, sanitize_rich_text

from .articles import Article
from .people import PersonRole, role_held_on

ArticlePlugin = create_plugin_base(Article)


class BodyBlock(ArticlePlugin):
    # In a translation, the source release's block this one translates: the translator may
    # reorder, add and remove blocks, and each keeps its own source beside it.
    source_block = models.ForeignKey(
        "self",
        verbose_name=_("source block"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class RichText(BodyBlock):
    text = ProseEditorField(_("text"), config=RICH_TEXT_CONFIG, sanitize=True, blank=True)

    class Meta:
        verbose_name = _("rich text")
        verbose_name_plural = _("rich text")

    def __str__(self):
        return self.get_text_excerpt()

    def save(self, *args, **kwargs):
        # The form field sanitizes too, but imports and scripts save through the ORM.
        self.text = sanitize_rich_text(self.text)
        super().save(*args, **kwargs)


class SpokenByMixin:
    """Something a Person said in a release, attributed as they were on the release date."""

    @cached_property
    def speaker_role(self):
        """The PersonRole the speaker held on the release date; None when it is the current one.
        Kept: the body's attribution and the JSON-LD's creator each ask for it."""
        if hasattr(self, "role_then"):
            return PersonRole.from_json(self.speaker, self.role_then) if self.role_then else None
        return self.speaker.role_on(self.release_date())

    @property
    def attribution(self):
        """The speaker as they were on the release date, not as they are today."""
        return self.speaker.attribution(role=self.speaker_role)


class Quote(SpokenByMixin, BodyBlock):
    speaker = models.ForeignKey(
        "articles.Person",
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="quotes",
    )
    text = models.TextField(_("words"), help_text=_("Without quotation marks."))
    context = models.CharField(
        _("context"),
        max_length=300,
        blank=True,
        help_text=_("For example: during the 2025 Central American Security Conference"),
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return self.text[:60]

    @classmethod
    def get_queryset(cls):
        # The rank and title each speaker held on the release date, read as a subquery of the
        # quotes' own query: the article page has a fixed budget of queries.
        return (
            cls.objects.select_related("speaker__organization")
            .annotate(release_day=TruncDate("parent__release_at"))
            .annotate(role_then=role_held_on("speaker", "release_day"))
            .order_by("ordering")
        )

    def release_date(self):
        return self.parent.release_date


class InitiativeTable(BodyBlock):
    caption = models.CharField(_("caption"), max_length=300)
    headings = models.JSONField(_("column headings"), default=list)

    class Meta:
        verbose_name = _("initiative table")
        verbose_name_plural = _("initiative tables")

    def __str__(self):
        return self.caption

    @classmethod
    def get_queryset(cls):
        return cls.objects.prefetch_related(
            models.Prefetch("rows", InitiativeTableRow.objects.select_related("initiative"))
        ).order_by("ordering")


class InitiativeTableRow(models.Model):
    """One row of an initiative table: an Initiative, then this release's text for it."""

    table = models.ForeignKey(InitiativeTable, on_delete=models.CASCADE, related_name="rows")
    initiative = models.ForeignKey(
        "articles.Initiative", on_delete=models.PROTECT, related_name="table_rows"
    )
    cells = models.JSONField(default=list)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return " | ".join([self.initiative.name, *self.cells])

    @property
    def labelled_cells(self):
        """(column heading, text) for the cells after the initiative, e.g. on its page."""
        return list(zip_longest(self.table.headings[1:], self.cells, fillvalue=""))


class ImageBlock(BodyBlock):
    image = models.ForeignKey(
        "articles.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    caption = models.TextField(
        _("caption"), blank=True, help_text=_("Leave empty to use the image's own caption.")
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return str(self.image)

    @classmethod
    def get_queryset(cls):
        # Renditions are fetched for all the page's photos together (views.prefetch_photos).
        return cls.objects.select_related("image").order_by("ordering")


class Transcript(BodyBlock):
    """A press conference or briefing as it was spoken: speaker turns, in order."""

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")

    def __str__(self):
        return str(capfirst(_("transcript")))

    @classmethod
    def get_queryset(cls):
        turns = (
            TranscriptTurn.objects.select_related("speaker")
            .annotate(release_day=TruncDate("transcript__parent__release_at"))
            .annotate(role_then=role_held_on("speaker", "release_day"))
        )
        return cls.objects.prefetch_related(models.Prefetch("turns", turns)).order_by("ordering")


class TurnRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    REPORTER = "reporter", _("Reporter")
    MODERATOR = "moderator", _("Moderator")


class TranscriptTurn(SpokenByMixin, models.Model):
    """One turn of a transcript: a person's words, a reporter's question or the moderator's."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="turns")
    role = models.CharField(
        _("role"), max_length=20, choices=TurnRole.choices, default=TurnRole.SPEAKER
    )
    speaker = models.ForeignKey(
        "articles.Person",
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="transcript_turns",
        null=True,
        blank=True,
        help_text=_("Who speaks; leave empty for a reporter or the moderator."),
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("As the transcript prints it, for example: Q, or a reporter and outlet."),
    )
    interpreted = models.BooleanField(_("through an interpreter"), default=False)
    text = ProseEditorField(_("words"), config=RICH_TEXT_CONFIG, sanitize=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("turn")
        verbose_name_plural = _("turns")

    def __str__(self):
        return str(self.speaker) if self.speaker_id else self.get_role_display()

    def save(self, *args, **kwargs):
        # The form field sanitizes too, but imports and scripts save through the ORM.
        self.text = sanitize_rich_text(self.text)
        super().save(*args, **kwargs)

    def clean(self):
        if self.role == TurnRole.SPEAKER and not self.speaker_id:
            raise ValidationError(
                {"speaker": _("Choose who speaks, or make the turn a reporter's.")}
            )

    def release_date(self):
        return self.transcript.parent.release_date

    @property
    def heading(self):
        """Who speaks, as the reader sees it: the person as of the release date, or the role."""
        if self.speaker_id:
            return self.attribution
        return self.label or self.get_role_display()


BODY_BLOCK_MODELS = [RichText, Quote, InitiativeTable, ImageBlock, Transcript]


def spoken_parts(blocks):
    """The quotes and the named speakers' transcript turns among `blocks`, in reading order:
    everything in a release credited to a Person."""
    for block in blocks:
        if isinstance(block, Quote):
            yield block
        elif isinstance(block, Transcript):
            yield from (turn for turn in block.turns.all() if turn.speaker_id)

"""Forms and inlines for body blocks in the content editor."""

from content_editor.admin import ContentEditorInline
from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import ImageBlock, InitiativeTable, Quote, RichText, Transcript
from articles.tables import format_rows, parse_headings, parse_rows
from articles.translations import block_text, language_name

from .media import photo_thumbnail
from .transcripts import turns_overview


class BlockForm(forms.ModelForm):
    """A body block's form; in a translation it shows the source block it was copied from
    beside it, read-only, to translate from (wherever the translator has moved it)."""

    source_text = forms.CharField(required=False, disabled=True, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source_block = self._source_block()
        if source_block is None:
            return
        field = self.fields["source_text"]
        lines = block_text(source_block)
        field.label = _("Source text (%(language)s)") % {
            "language": language_name(source_block.parent.language)
        }
        field.help_text = _("Translate this into the fields of this block.")
        field.widget = forms.Textarea(
            attrs={
                "readonly": True,
                "rows": min(max(len(lines), 2), 12),
                "lang": source_block.parent.language,
                "class": "vLargeTextField translation-source",
            }
        )
        field.initial = "\n".join(lines)

    def _source_block(self):
        block = self.instance
        if block.source_block_id is None:
            return None
        return (
            type(block)
            .objects.select_related("parent")
            .filter(pk=block.source_block_id, parent_id=block.parent.translation_source_id)
            .first()
        )


class QuoteForm(BlockForm):
    class Meta:
        model = Quote
        fields = ["speaker", "text", "context", "region", "ordering"]
        error_messages = {
            "speaker": {"required": _("Choose who said this; add the person first if needed.")},
            "text": {"required": _("Type the words that were said.")},
        }


class InitiativeTableForm(BlockForm):
    headings_text = forms.CharField(
        label=_("Column headings"),
        help_text=_("Separated by “|” or tabs; the first column lists the initiatives."),
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
    )
    rows_text = forms.CharField(
        label=_("Rows"),
        required=False,
        help_text=_(
            "One row per line: paste from a spreadsheet, or type “Initiative | text | text”. "
            "An initiative not found by name is created."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = InitiativeTable
        fields = ["caption", "region", "ordering"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        table = self.instance
        if table.pk:
            self.fields["headings_text"].initial = " | ".join(table.headings)
            self.fields["rows_text"].initial = format_rows(
                [row.initiative.name, *row.cells] for row in table.rows.all()
            )

    def clean_headings_text(self):
        return parse_headings(self.cleaned_data["headings_text"])

    def clean(self):
        cleaned = super().clean()
        headings = cleaned.get("headings_text")
        if headings:
            try:
                cleaned["rows"] = parse_rows(cleaned.get("rows_text", ""), len(headings))
            except forms.ValidationError as error:
                self.add_error("rows_text", error)
        return cleaned

    def save(self, commit=True):
        self.instance.headings = self.cleaned_data["headings_text"]
        return super().save(commit=commit)


RichTextInline = ContentEditorInline.create(model=RichText, form=BlockForm, icon="notes")
QuoteInline = ContentEditorInline.create(
    model=Quote, form=QuoteForm, icon="format_quote", autocomplete_fields=["speaker"]
)
InitiativeTableInline = ContentEditorInline.create(
    model=InitiativeTable, form=InitiativeTableForm, icon="table_chart"
)


class ImageBlockInline(ContentEditorInline):
    model = ImageBlock
    form = BlockForm
    icon = "image"
    autocomplete_fields = ["image"]
    readonly_fields = ["thumbnail"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("image")
            .prefetch_related("image__renditions")
        )

    @admin.display(description=_("Photo as chosen"))
    def thumbnail(self, block):
        """The chosen photo, small, so the officer sees which one it is (after saving)."""
        image = block.image if block.pk else None
        if image is None or not image.file:
            return _("Shown here once the release is saved with a photo chosen.")
        return format_html('<span class="block-thumbnail">{}</span>', photo_thumbnail(image, 200))


TranscriptInline = ContentEditorInline.create(
    model=Transcript,
    icon="forum",
    fields=["region", "ordering", "turns"],
    readonly_fields=["turns"],
    turns=admin.display(description=_("turns"))(turns_overview),
)

BODY_INLINES = [
    RichTextInline,
    QuoteInline,
    InitiativeTableInline,
    ImageBlockInline,
    TranscriptInline,
]

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleKind
from public.release_filters import ReleaseFilters

MAX_QUERY_LENGTH = 200


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SearchForm(forms.Form):
    """The search page's form: words, kind and a release-date range; all optional."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Use fewer words: a search can be at most %(limit_value)d characters "
                "(this one has %(show_value)d)."
            )
        },
    )
    kind = forms.ChoiceField(
        label=_("Type of release"),
        required=False,
        choices=[("", _("All types")), *ArticleKind.choices],
        error_messages={"invalid_choice": _("Choose a type of release from the list.")},
    )
    start = forms.DateField(
        label=_("Released on or after"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date like 2025-03-31.")},
    )
    end = forms.DateField(
        label=_("Released on or before"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date like 2025-03-31.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                _("This date is before the start date (%(start)s); swap them or change one.")
                % {"start": start.isoformat()},
            )
        return cleaned

    @property
    def filters(self):
        """The valid form's ReleaseFilters."""
        data = self.cleaned_data
        return ReleaseFilters(kind=data["kind"], start=data["start"], end=data["end"])

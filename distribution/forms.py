"""The subscription and manage forms. Both carry a signed, expiring form token (instead of a
CSRF cookie) and the subscription form a honeypot field people never see."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleKind
from public.filters import FACET, offered_choices

from . import tokens

EVERY_RELEASE = "all"
# The topics one can get alerts about, each under its heading in the select box.
TOPICS = {
    "organization": _("Organizations"),
    "initiative": _("Initiatives"),
    "tag": _("Tags"),
}


class FreshTokenInput(forms.HiddenInput):
    """Renders a new token each time the form is shown, also after an error (the one sent
    back may have expired)."""

    def format_value(self, value):
        return tokens.form_token()


class TokenForm(forms.Form):
    """Both forms: the signed token, and the language of the messages."""

    form_token = forms.CharField(widget=FreshTokenInput, required=False)
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=settings.LANGUAGES,
        widget=forms.Select(attrs={"class": "usa-select"}),
    )

    def clean_form_token(self):
        token = self.cleaned_data["form_token"]
        if not tokens.form_token_is_valid(token):
            raise forms.ValidationError(
                _("This form has expired or was sent too quickly. Check it and send it again."),
                code="token",
            )
        return token


def requested_topic(value):
    """(param, the public object) of an alerts value naming a topic ("tag:aviation", from a
    topic page's alerts link or a sent form), or None when it names none that is public."""
    param, _sep, slug = value.partition(":")
    found = FACET[param].find(slug) if param in TOPICS else None
    return (param, found) if found else None


def alert_choices(topic=None):
    """Every release, each kind, and the organizations, initiatives and tags the release lists'
    filters offer (public.filters: those named most in recent releases), grouped for the select
    box; with `topic` (requested_topic()) that topic too, whether offered or not. Offering every
    topic ever named would make the page grow with the archive (1,510 of them on 10,000
    releases)."""
    groups = [(EVERY_RELEASE, _("Every release"))]
    groups.append((_("Kinds"), [(f"kind:{value}", label) for value, label in ArticleKind.choices]))
    in_use = {FACET[topic[0]]: topic[1]} if topic else {}
    offered = offered_choices([FACET[param] for param in TOPICS], in_use)
    for facet, choices in offered.items():
        if choices:
            options = [(f"{facet.param}:{obj.slug}", str(obj)) for obj in choices]
            groups.append((TOPICS[facet.param], options))
    return groups


class SubscribeForm(TokenForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "usa-input"}),
    )
    alerts = forms.ChoiceField(
        label=_("Send me"),
        initial=EVERY_RELEASE,
        help_text=_(
            "The list offers the topics recent releases name most. For any other "
            "organization, initiative or tag, follow the “E-mail alerts” link on its page."
        ),
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    # The honeypot: hidden from people (and from screen readers); bots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        requested = self.data.get("alerts") if self.is_bound else self.initial.get("alerts")
        # Read once: a valid topic value is this one, which facet() then returns as it is.
        self._topic = requested_topic(requested or "")
        self.fields["alerts"].choices = alert_choices(self._topic)
        self.initial.setdefault("language", get_language())

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def facet(self):
        """None (every release) or {"kind"|"organization"|"initiative"|"tag": value}."""
        value = self.cleaned_data["alerts"]
        if value == EVERY_RELEASE:
            return None
        param, _sep, key = value.partition(":")
        if param == "kind":
            return {"kind": key}
        return {param: self._topic[1]}


class ManageForm(TokenForm):
    keep = forms.MultipleChoiceField(
        label=_("Keep these alerts"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "usa-checkbox__input"}),
    )

    def __init__(self, *args, subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        subscriptions = subscriber.subscriptions.confirmed().select_related(
            "organization", "initiative", "tag"
        )
        self.fields["keep"].choices = [(str(s.pk), s.label) for s in subscriptions]
        self.initial.setdefault("keep", [str(s.pk) for s in subscriptions])
        self.initial.setdefault("language", subscriber.language)

"""The public pages' format_html() escapes exactly as Django's does (public.html_format)."""

import pytest
from django.utils import html as django_html
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from public import html_format

VALUES = [
    '<script>alert("x")</script>',
    'Tom & Jerry\'s "quote"',
    mark_safe("<em>already safe</em>"),
    gettext_lazy("Search"),
    mark_safe(gettext_lazy("Search")),
    42,
    None,
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_value_goes_in_as_djangos_format_html_puts_it(value):
    with translation.override("es"):
        ours = html_format.format_html('<a title="{}">{}</a>', value, value)
        django = django_html.format_html('<a title="{}">{}</a>', value, value)
    assert ours == django
    assert isinstance(ours, SafeString)


def test_a_lazy_translation_is_written_in_the_active_language():
    with translation.override("es"):
        assert html_format.format_html("<p>{}</p>", gettext_lazy("Search")) == "<p>Buscar</p>"


def test_named_values_are_escaped_too():
    assert html_format.format_html("<b>{name}</b>", name="<i>") == "<b>&lt;i&gt;</b>"


def test_a_format_without_values_is_refused():
    with pytest.raises(TypeError):
        html_format.format_html("<p>nothing to format</p>")


def test_join_escapes_each_row_and_the_separator_as_djangos_does():
    rows = [("<a>", mark_safe("<b>")), ("&", "plain")]
    for separator in ("<hr>", mark_safe("<hr>")):
        ours = html_format.format_html_join(separator, "<li>{}{}</li>", rows)
        django = django_html.format_html_join(separator, "<li>{}{}</li>", rows)
        assert ours == django
        assert isinstance(ours, SafeString)
    mappings = [{"name": "<x>"}, {"name": "y"}]
    assert html_format.format_html_join("", "<i>{name}</i>", mappings) == (
        "<i>&lt;x&gt;</i><i>y</i>"
    )

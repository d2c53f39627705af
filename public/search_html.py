"""The search page's content (its heading, form, results and help) as HTML built in Python.

Written with format_html rather than a template, as the release's <article> is
(public.release_html): the template, with an include per form field, the pagination's and the
help's, looked each field's label, errors and value up through the bound form in variable
lookups and conditions; with the type options the view formatted for it, it cost 1.3 to 1.5 ms
of CPU per search of the benchmark ("bridge"), this 0.75 to 0.8 (the results' items, which
public.search_results writes, apart from both).
"""

import functools

from django.urls import reverse
from django.utils.formats import localize, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from articles.models import ArticleKind
from public.html_format import as_written, format_html, format_html_join

from . import search as site_search
from . import search_results
from .forms import MAX_QUERY_LENGTH
from .pagination_html import pagination


def content(request, *, form, query, page):
    """The page's content: `form` the SearchForm, `query` the parsed search (None when the form
    is invalid or unbound), `page` the page of results (highlighted search results, or releases
    listed by filters alone) or None for none."""
    searched = query is not None and query.text and page is not None
    return format_html(
        "\n<h1>{}</h1>\n{}\n\n{}",
        as_written(_("Search results for “%(text)s”"), text=query.text)
        if searched
        else as_written(_("Search releases")),
        _form(form),
        _below_form(request, form, query, page),
    )


def _form(form):
    return format_html(
        '<form method="get" action="{}" class="usa-form usa-form--large newsroom-search-form"'
        " novalidate>\n  {}"
        "{}\n"
        '  <div class="grid-row grid-gap">\n'
        '    <div class="tablet:grid-col-4">\n      {}\n    </div>\n'
        '    <div class="tablet:grid-col-4">{}</div>\n'
        '    <div class="tablet:grid-col-4">{}</div>\n'
        "  </div>\n"
        '  <button class="usa-button" type="submit">{}</button>\n'
        "</form>",
        reverse("public:search"),
        format_html(
            '<div class="usa-alert usa-alert--error usa-alert--slim" role="alert">\n'
            '    <div class="usa-alert__body"><p class="usa-alert__text">{}</p></div>\n'
            "  </div>\n  ",
            as_written(_("Check the fields marked below.")),
        )
        if form.errors
        else "",
        _input(form["q"], "search"),
        _kind_select(form["kind"]),
        _input(form["start"], "date"),
        _input(form["end"], "date"),
        as_written(_("Search")),
    )


def _input(field, input_type):
    """A text or date field of the form, with its label and errors."""
    value = field.value()
    return format_html(
        '<div class="usa-form-group{}">\n'
        '  <label class="usa-label" for="{}">{}</label>\n'
        "  {}\n"
        '  <input class="usa-input{}" id="{}" name="{}" type="{}" value="{}"{}{}>\n'
        "</div>\n",
        " usa-form-group--error" if field.errors else "",
        field.id_for_label,
        field.label,
        _errors(field),
        " usa-input--error" if field.errors else "",
        field.id_for_label,
        field.html_name,
        input_type,
        "" if value is None else value,
        format_html(' maxlength="{}"', MAX_QUERY_LENGTH) if input_type == "search" else "",
        _described_by_errors(field),
    )


def _kind_select(field):
    """The type of release, "All types" first, the chosen one selected."""
    chosen = field.value()
    return format_html(
        '<div class="usa-form-group{}">\n'
        '        <label class="usa-label" for="{}">{}</label>\n'
        "        {}\n"
        '        <select class="usa-select" id="{}" name="kind"{}>\n'
        '          <option value="">{}</option>\n'
        "          {}\n"
        "        </select>\n"
        "      </div>",
        " usa-form-group--error" if field.errors else "",
        field.id_for_label,
        field.label,
        _errors(field),
        field.id_for_label,
        _described_by_errors(field),
        as_written(_("All types")),
        mark_safe(
            "".join(
                selected if value == chosen else option
                for value, option, selected in _kind_options(get_language())
            )
        ),
    )


@functools.cache
def _kind_options(language):
    """[(kind, its <option>, the same selected)] in `language`: written once per language,
    as formatting the seven options with their translated labels cost a quarter of a
    millisecond on every search."""
    return [
        (
            value,
            format_html('<option value="{}">{}</option>', value, label),
            format_html('<option value="{}" selected>{}</option>', value, label),
        )
        for value, label in ArticleKind.choices
    ]


def _errors(field):
    return format_html_join(
        "",
        '<span class="usa-error-message" id="{}-error">{}</span>',
        ((field.auto_id, error) for error in field.errors),
    )


def _described_by_errors(field):
    if not field.errors:
        return ""
    return format_html(' aria-describedby="{}-error" aria-invalid="true"', field.auto_id)


def _below_form(request, form, query, page):
    """The results, or why there are none, and the help."""
    if page is not None:
        return _results(request, page)
    if form.is_bound and form.is_valid():
        return format_html(
            '<div class="usa-alert usa-alert--info margin-top-4" role="status">\n'
            '    <div class="usa-alert__body">\n'
            '      <h2 class="usa-alert__heading">{}</h2>\n'
            '      <p class="usa-alert__text">{}</p>\n'
            "    </div>\n  </div>\n  {}",
            *_nothing_to_search(query),
            _help(no_results=False),
        )
    if not form.is_bound:
        return _help(no_results=False)
    return ""


def _nothing_to_search(query):
    """(heading, text) of a valid form that searched for nothing."""
    if query.text:
        return (
            as_written(_("“%(text)s” has no words we can search for"), text=query.text),
            as_written(
                _(
                    "Very common words (like “the” or “and”) and punctuation are ignored. Try "
                    "a name, a place or a subject instead."
                )
            ),
        )
    return (
        as_written(_("Type what you are looking for")),
        as_written(
            _(
                "Enter a few words above, or choose a type of release or dates to list "
                "releases without words."
            )
        ),
    )


def _results(request, page):
    """How many releases were found, then the page's list and pagination, or the help."""
    paginator = page.paginator
    # Only a search counts up to a limit (search.Results); a list by filters alone counts all.
    if getattr(paginator, "is_capped", False):
        # For "More than 1,500 releases found": digits grouped as the language groups them.
        limit = number_format(site_search.MAX_RESULTS, force_grouping=True)
        found = format_html(
            '<h2 class="margin-top-4" id="results-heading">{}</h2>\n  <p>{}</p>',
            as_written(_("More than %(limit)s releases found"), limit=limit),
            as_written(
                _(
                    "Only the %(limit)s best matches are listed. Add words, or choose a type or "
                    "dates, to narrow the search."
                ),
                limit=limit,
            ),
        )
    else:
        found = format_html(
            '<h2 class="margin-top-4" id="results-heading">{}</h2>',
            as_written(
                ngettext(
                    "%(counter)s release found", "%(counter)s releases found", paginator.count
                ),
                counter=localize(paginator.count),
            ),
        )
    if not page.object_list:
        return format_html("\n  {}\n  {}\n", found, _help(no_results=True))
    return format_html(
        "\n  {}\n"
        '  <ol class="usa-list--unstyled newsroom-results" aria-labelledby="results-heading"'
        ' start="{}">\n    {}\n  </ol>\n  {}\n',
        found,
        localize(page.start_index()),
        search_results.items(request, page.object_list),
        pagination(request, page),
    )


def _help(*, no_results):
    """How to search (`no_results`: after a search that found nothing), and where to browse."""
    operators = format_html(
        "<li>{}</li>\n    <li>{}</li>",
        as_written(_("Put a phrase in quotation marks to find it exactly: “border patrol”.")),
        as_written(
            _("Use OR for either word, and a minus sign to leave a word out: training -cyber.")
        ),
    )
    return format_html(
        '<section class="margin-top-4" aria-labelledby="search-help">\n'
        '  <h2 id="search-help">{}</h2>\n'
        "  <ul>\n    <li>{}</li>\n    {}\n    {}\n  </ul>\n"
        '  <p>{} <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> ·'
        ' <a href="{}">{}</a></p>\n'
        "</section>\n",
        as_written(_("No releases match") if no_results else _("How to search")),
        as_written(
            _(
                "Search finds words in headlines, summaries, the text of releases, quotes, the "
                "names of the people quoted, and tags."
            )
        ),
        operators,
        format_html(
            "<li>{}</li>",
            as_written(
                _("Check the spelling, use fewer words, or remove the type and date filters.")
            ),
        )
        if no_results
        else "",
        as_written(_("Or browse:")),
        reverse("public:release_list"),
        as_written(_("all releases")),
        reverse("public:archive"),
        as_written(_("the archive by month")),
        reverse("public:organizations"),
        as_written(_("organizations")),
        reverse("public:initiatives"),
        as_written(_("initiatives")),
    )

"""A list's pagination (previous page, "Page 2 of 9", next page) as HTML built in Python.

Every paginated page shows it (lists of releases, people, a person's quotes, search results);
the template it was, with its two {% querystring %} and its translations, cost a search page
more than its heading and result count together.
"""

from django.template.defaulttags import querystring
from django.utils.translation import gettext as _

from public.html_format import format_html


def pagination(request, page):
    """The <nav> of `page` (django.core.paginator.Page), whose links keep the rest of the
    request's query string; nothing for a list of one page."""
    if not page.has_other_pages():
        return ""
    return format_html(
        '\n<nav aria-label="{}" class="usa-pagination">\n'
        '  <ul class="usa-pagination__list">\n'
        "    {}"
        '<li class="usa-pagination__item usa-pagination__page-no">\n'
        '      <span class="usa-pagination__button usa-current" aria-current="page">{}</span>\n'
        "    </li>\n"
        "    {}"
        "</ul>\n</nav>\n",
        _("Pages"),
        _link(request, page.previous_page_number(), "previous", "prev", _("Previous page"))
        if page.has_previous()
        else "",
        _("Page %(number)s of %(total)s")
        % {"number": page.number, "total": page.paginator.num_pages},
        _link(request, page.next_page_number(), "next", "next", _("Next page"))
        if page.has_next()
        else "",
    )


def _link(request, number, side, rel, label):
    return format_html(
        '<li class="usa-pagination__item usa-pagination__arrow">\n'
        '      <a href="{}" class="usa-pagination__link usa-pagination__{}-page" rel="{}">'
        '<span class="usa-pagination__link-text">{}</span></a>\n'
        "    </li>\n    ",
        # {% querystring page=… %} itself: given the query, the tag needs no template context.
        querystring(None, request.GET, page=number),
        side,
        rel,
        label,
    )

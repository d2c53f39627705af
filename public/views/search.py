"""The search page."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from public import frame_html, search_html, snippets
from public import search as site_search
from public.forms import SearchForm
from public.seo import PageMeta, paged

from .common import agency, paginate, readers_releases


def search(request):
    form = SearchForm(request.GET or None)
    page = query = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = form.filters
        query = site_search.parse(data["q"])
        if query.is_searchable and not query.ignores_every_word():
            # The page asked for is read with the count (search.Results).
            page = site_search.Results(query, filters, per_page=20).get_page(
                request.GET.get("page")
            )
        if page is not None:
            snippets.highlight(request, page.object_list, query)
        elif filters and not query.text:
            releases = site_search.filtered(readers_releases(), filters)
            page = paginate(request, releases.with_list_relations(), per_page=20)
    if page is not None and query and query.text:
        title = _("Search results for “%(query)s”") % {"query": query.text}
        description = _("Releases from the %(agency)s matching “%(query)s”.") % {
            "query": query.text,
            **agency(),
        }
    else:
        title = _("Search releases")
        description = (
            _("Search every release from the %(agency)s by words, type and release date.")
            % agency()
        )
    # Result pages are endless variations of one page: keep them out of search engines.
    meta = PageMeta(title=title, description=description, noindex=form.is_bound)
    content = search_html.content(request, form=form, query=query, page=page)
    return HttpResponse(frame_html.page(request, content=content, meta=paged(meta, page)))

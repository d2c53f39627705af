"""A page's Open Graph and Twitter card tags (link previews), from its PageMeta (public.seo).

Written with format_html rather than a template: every page renders them, and the template,
with its loops over the page's languages, article properties and tags, cost a third of the
page frame's render.
"""

from django.utils.safestring import mark_safe

from public.html_format import format_html, format_html_join

# Open Graph wants territory-qualified locales; the Spanish interface is written for the
# Americas, which Open Graph calls es_LA.
_OG_LOCALES = {"en": "en_US", "es": "es_LA"}


_TEXT_CARD = mark_safe('  <meta name="twitter:card" content="summary">\n')


def og_locale(language_code):
    return _OG_LOCALES.get(language_code, language_code)


def social_meta(request, *, meta, site_name, language, canonical_url, other_languages):
    """The <meta> tags of a page described by `meta` (a PageMeta), in `language`, at
    `canonical_url` (or none), whose `other_languages` are (code, name, address) triples."""
    return format_html(
        "\n"
        '  <meta property="og:site_name" content="{}">\n'
        '  <meta property="og:title" content="{}">\n'
        '  <meta property="og:description" content="{}">\n'
        '  <meta property="og:type" content="{}">\n'
        "{}"
        '  <meta property="og:locale" content="{}">\n'
        "{}{}{}{}"
        '  <meta name="twitter:title" content="{}">\n'
        '  <meta name="twitter:description" content="{}">\n',
        site_name,
        meta.title,
        meta.description,
        meta.og_type,
        format_html('  <meta property="og:url" content="{}">\n', canonical_url)
        if canonical_url
        else "",
        og_locale(language),
        format_html_join(
            "",
            '  <meta property="og:locale:alternate" content="{}">\n',
            ((og_locale(code),) for code, _name, _url in other_languages),
        ),
        format_html_join(
            "",
            '  <meta property="article:{}" content="{}">\n',
            meta.article.items(),
        ),
        format_html_join(
            "", '  <meta property="article:tag" content="{}">\n', ((tag,) for tag in meta.tags)
        ),
        _image(request, meta.image) if meta.image else _TEXT_CARD,
        meta.title,
        meta.description,
    )


def _image(request, image):
    url = request.build_absolute_uri(image.file.url)
    return format_html(
        '  <meta property="og:image" content="{}">\n'
        "{}{}"
        '  <meta name="twitter:card" content="summary_large_image">\n'
        '  <meta name="twitter:image" content="{}">\n'
        "{}",
        url,
        format_html(
            '  <meta property="og:image:width" content="{}">\n'
            '  <meta property="og:image:height" content="{}">\n',
            image.width,
            image.height,
        )
        if image.width
        else "",
        format_html('  <meta property="og:image:alt" content="{}">\n', image.alt)
        if image.alt
        else "",
        url,
        format_html('  <meta name="twitter:image:alt" content="{}">\n', image.alt)
        if image.alt
        else "",
    )

"""The release's own <article> (its header, photo, body, corrections and the lists of what it
names) as HTML built in Python, for the release page and its previews (public.rendering).

Written with format_html rather than a template: the release cache spares most requests this
render, but a release's first render after each change, and every staff preview, pays for it,
and the template with its includes cost half as much again (1.47 against 0.97 ms of CPU for the
benchmark's release, two photos included). The text is in the release's own language:
rendering.py renders it under translation.override(article.language).
"""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from public.body_html import body_html
from public.contact_card import contact_card
from public.html_format import format_html, format_html_join
from public.picture_html import figure
from public.time_element import time_element


def article_html(
    *,
    article,
    body,
    corrections,
    pending_corrections,
    topics,
    authors,
    contacts,
    photo_count,
    gallery_url,
):
    """The <article> of `article`: `body` its blocks (content_editor's Contents), `corrections`
    its corrections, oldest first, `pending_corrections` a translation's source's corrections
    it does not have yet, `topics` as public.topics.grouped() gives them, `authors` and
    `contacts` the people credited, `gallery_url` its photo gallery (None for none) with
    `photo_count` photos."""
    hero = article.hero_image
    return format_html(
        '<article class="newsroom-article" lang="{}">\n'
        "{}"
        "{}"
        '  <div class="newsroom-body usa-prose">\n    {}\n  </div>\n'
        "{}{}{}"
        "</article>\n",
        article.language,
        _header(article, corrections, pending_corrections, authors),
        format_html("  {}", figure(hero, caption=hero.caption, lazy=False)) if hero else "",
        body_html(body),
        _gallery_link(gallery_url, photo_count) if gallery_url else "",
        _corrections(corrections) if corrections else "",
        _footer(topics, contacts),
    )


def _header(article, corrections, pending_corrections, authors):
    return format_html(
        '  <header class="newsroom-article__header">\n'
        '    <p class="newsroom-kicker"><a href="{}">{}</a></p>\n'
        "    <h1>{}</h1>\n"
        "{}"
        '    <p class="newsroom-meta">\n      {}{} {}\n    </p>\n'
        "{}{}{}"
        "  </header>\n",
        reverse("public:kind", kwargs={"kind": article.kind}),
        article.get_kind_display(),
        article.headline,
        format_html('    <p class="usa-intro">{}</p>\n', article.subheadline)
        if article.subheadline
        else "",
        format_html('<span class="newsroom-dateline">{}</span> — ', article.dateline)
        if article.dateline
        else "",
        _("Released"),
        time_element(article.release_at, "DATETIME_FORMAT"),
        _updated(corrections[-1]) if corrections else "",
        format_html_join("", "{}", ((_pending(correction),) for correction in pending_corrections)),
        _byline(article, authors),
    )


def _updated(latest):
    return format_html(
        '    <p class="newsroom-updated">{} {} — <a href="#corrections">{}</a></p>\n',
        _("Updated"),
        time_element(latest.created_at, "DATETIME_FORMAT"),
        _("see the corrections"),
    )


def _pending(correction):
    source = correction.article
    notice = _(
        "Correction pending in this language: the original version of this release was "
        "corrected on %(date)s."
    ) % {"date": date_format(timezone.localtime(correction.created_at), "DATE_FORMAT")}
    return format_html(
        '    <div class="usa-alert usa-alert--warning usa-alert--slim '
        'newsroom-pending-correction">\n'
        '      <div class="usa-alert__body">\n'
        '        <p class="usa-alert__text">{}\n'
        '          <a href="{}" hreflang="{}">{}</a>: <q lang="{}">{}</q></p>\n'
        "      </div>\n"
        "    </div>\n",
        notice,
        source.get_absolute_url(),
        source.language,
        _("Read the corrected original"),
        source.language,
        correction.note,
    )


def _byline(article, authors):
    if authors:
        names = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((author.get_absolute_url(), author.name_then) for author in authors),
        )
        byline = format_html("{} {}", _("By"), names)
    elif article.byline_text:
        byline = article.byline_text
    else:
        return ""
    return format_html('    <p class="newsroom-byline">{}</p>\n', byline)


def _gallery_link(gallery_url, photo_count):
    label = ngettext(
        "View and download the photo",
        "View and download all %(counter)s photos",
        photo_count,
    ) % {"counter": photo_count}
    return format_html(
        '  <p class="newsroom-gallery-link"><a class="usa-link" href="{}">{}</a></p>\n',
        gallery_url,
        label,
    )


def _corrections(corrections):
    return format_html(
        '  <section class="newsroom-corrections" id="corrections" '
        'aria-labelledby="corrections-heading">\n'
        '    <h2 id="corrections-heading">{}</h2>\n'
        '    <ul class="usa-list">\n{}    </ul>\n'
        "  </section>\n",
        _("Corrections"),
        format_html_join(
            "",
            "      <li>{}: {}</li>\n",
            (
                (
                    time_element(correction.created_at, "DATETIME_FORMAT"),
                    linebreaksbr(correction.note, autoescape=True),
                )
                for correction in corrections
            ),
        ),
    )


def _footer(topics, contacts):
    return format_html(
        '  <footer class="newsroom-related">\n{}{}{}{}  </footer>\n',
        _topic_list(
            _("Tags"),
            "usa-list--unstyled newsroom-tags",
            ((tag.get_absolute_url(), tag.name) for tag in topics["tag"]),
            link='<li><a class="usa-tag newsroom-tag-link" href="{}">{}</a></li>',
        )
        if topics["tag"]
        else "",
        _topic_list(
            _("Organizations"),
            "newsroom-topic-list",
            ((item.get_absolute_url(), str(item)) for item in topics["organization"]),
        )
        if topics["organization"]
        else "",
        _topic_list(
            _("Initiatives"),
            "newsroom-topic-list",
            ((item.get_absolute_url(), item.name) for item in topics["initiative"]),
        )
        if topics["initiative"]
        else "",
        format_html(
            '    <h2>{}</h2>\n    <ul class="usa-list--unstyled newsroom-contacts">\n'
            "      {}\n    </ul>\n",
            _("Media contacts"),
            format_html_join("", "<li>{}</li>", ((contact_card(person),) for person in contacts)),
        )
        if contacts
        else "",
    )


def _topic_list(heading, list_class, links, *, link='<li><a href="{}">{}</a></li>'):
    """A heading and the list of (address, name) `links` under it, each written as `link`."""
    return format_html(
        '    <h2>{}</h2>\n    <ul class="{}">{}</ul>\n',
        heading,
        list_class,
        format_html_join("", link, links),
    )

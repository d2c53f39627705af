"""A release's body blocks as HTML, one function per block type, registered in BLOCK_HTML.

The release page, its feed item and its e-mail alert all show the body through body_html().
Written with format_html rather than a template per block: a release page renders ten blocks or
more, and an {% include %} per block, with its context and variable lookups, cost half as much
again (0.64 against 0.40 ms of CPU for the benchmark's ten blocks, a photo among them). Rich
text is sanitized when it is saved (articles.richtext), so it goes out as stored; everything
else is escaped.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.models import ImageBlock, InitiativeTable, Quote, RichText, Transcript
from public.html_format import format_html, format_html_join
from public.picture_html import figure


def body_html(body):
    """The HTML of `body`'s blocks (content_editor's Contents of a release), in order, one
    line each."""
    return format_html_join("\n", "{}", ((BLOCK_HTML[type(block)](block),) for block in body.body))


def _rich_text(block):
    return format_html(
        '<div class="newsroom-block newsroom-block--text">{}</div>', mark_safe(block.text)
    )


def _quote(block):
    return format_html(
        '<figure class="newsroom-block newsroom-quote">\n'
        "  <blockquote><p>“{}”</p></blockquote>\n"
        '  <figcaption>— <cite><a href="{}">{}</a></cite>{}</figcaption>\n'
        "</figure>",
        block.text,
        block.speaker.get_absolute_url(),
        block.attribution,
        format_html(", {}", block.context) if block.context else "",
    )


def _initiative_table(block):
    headings = block.headings
    rows = format_html_join(
        "",
        "\n      <tr>\n"
        '        <th scope="row" data-label="{}"><a href="{}">{}</a></th>\n'
        "        {}\n"
        "      </tr>",
        (
            (
                headings[0] if headings else "",
                row.initiative.get_absolute_url(),
                row.initiative.name,
                format_html_join("", '<td data-label="{}">{}</td>', row.labelled_cells),
            )
            for row in block.rows.all()
        ),
    )
    return format_html(
        '<div class="newsroom-block newsroom-table-wrap">\n'
        '  <table class="usa-table usa-table--borderless newsroom-table newsroom-table--stacked">\n'
        "    <caption>{}</caption>\n"
        "    <thead><tr>{}</tr></thead>\n"
        "    <tbody>{}\n"
        "    </tbody>\n"
        "  </table>\n"
        "</div>",
        block.caption,
        format_html_join("", '<th scope="col">{}</th>', ((heading,) for heading in headings)),
        rows,
    )


def _image(block):
    return figure(block.image, caption=block.caption or block.image.caption, lazy=True)


def _transcript(block):
    return format_html(
        '<section class="newsroom-block newsroom-transcript" aria-label="{}">{}\n</section>',
        _("Transcript"),
        format_html_join(
            "",
            '\n  <div class="newsroom-turn newsroom-turn--{}">\n'
            '    <p class="newsroom-turn__speaker"><strong>{}</strong>{}</p>\n'
            '    <div class="newsroom-turn__words">{}</div>\n'
            "  </div>",
            (
                (turn.role, _speaker(turn), _interpreted(turn), mark_safe(turn.text))
                for turn in block.turns.all()
            ),
        ),
    )


def _speaker(turn):
    if turn.speaker_id:
        return format_html('<a href="{}">{}</a>', turn.speaker.get_absolute_url(), turn.heading)
    return turn.heading


def _interpreted(turn):
    if not turn.interpreted:
        return ""
    return format_html(
        ' <span class="newsroom-turn__note">({})</span>', _("through an interpreter")
    )


BLOCK_HTML = {
    RichText: _rich_text,
    Quote: _quote,
    InitiativeTable: _initiative_table,
    ImageBlock: _image,
    Transcript: _transcript,
}

"""Lists typed with bullet characters instead of made with the editor's list button."""

import re

from django.utils.translation import gettext_lazy, ngettext

from articles.models import RichText

from ..registry import Flag, Severity, release_check

TYPED_BULLET = re.compile(r"^(?:[•·▪▫●○◦‣∙■□➢➤►–—]|[-*+](?=\s))\s*")


@release_check("typed-bullet", severity=Severity.WARNING, title=gettext_lazy("Typed bullet"))
def typed_bullets(document):
    bulleted = [
        line
        for block in document.blocks_of(RichText)
        for line in block.lines
        if TYPED_BULLET.match(line.text)
    ]
    for location, lines in document.runs(bulleted):
        bullet = TYPED_BULLET.match(lines[0].text).group().strip()
        yield Flag(
            location,
            ngettext(
                "This line starts with a typed “%(bullet)s”. Delete it and use the editor's "
                "bulleted list button, so screen readers announce a list.",
                "These %(count)d lines start with a typed “%(bullet)s”. Select them, press the "
                "editor's bulleted list button and delete the typed bullets, so screen readers "
                "announce a list.",
                len(lines),
            )
            % {"bullet": bullet, "count": len(lines)},
            subject=lines[0].text,
        )

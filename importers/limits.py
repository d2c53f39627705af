"""How much text one import reads: the cap that keeps an import within a web request."""

from django.utils.translation import gettext as _

from newsroom.numbers import grouped

from .errors import UnreadableRelease

# The most text one import reads (about 40,000 words, twenty times a long release; the same
# as the release checks' cap). Files may be larger (photos in a .docx, markup in a web page);
# their text may not. At this size an import takes a few seconds in the web request
# (bench/README.md); when a task queue runs background work, larger imports belong there.
MAX_TEXT_CHARACTERS = 250_000


def check_text_size(size: int) -> None:
    if size > MAX_TEXT_CHARACTERS:
        raise UnreadableRelease(
            _(
                "This has %(size)s characters of text; one import reads at most %(limit)s "
                "(about 40,000 words). Import the release on its own, or split a long "
                "transcript into several releases."
            )
            % grouped(size=size, limit=MAX_TEXT_CHARACTERS)
        )

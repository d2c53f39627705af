"""How much one import reads: the caps against hostile input, and the size above which an
upload is imported by the task queue instead of inside the web request."""

from django.utils.translation import gettext as _

from newsroom.numbers import grouped

from .errors import UnreadableRelease

# The most text one import reads (about 40,000 words, twenty times a long release; the same
# as the release checks' cap). Files may be larger (photos in a .docx, markup in a web page);
# their text may not. At this size an import takes a few seconds in the web request
# (bench/README.md).
MAX_TEXT_CHARACTERS = 250_000

# Uploads larger than this are imported by the task queue (importers.queued), the officer
# following on a status page: a Word file or PDF with photos in it. A file of this size or
# less, at the caps above, takes about a second of CPU (bench/README.md, issue 15).
QUEUE_ABOVE_BYTES = 1024 * 1024
# No upload is accepted above this, queued or not (refused before it is read).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


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

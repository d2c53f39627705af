"""Text out of a PDF release, with pypdf, under the same caps as the other formats.

Only the text layer is read (a scan has none, and the officer is told so). Layout extraction
keeps the blank line between paragraphs, which the plain-text reader then uses; runs of spaces
from justified lines are collapsed.
"""

from __future__ import annotations

import io
import logging
import re

from django.utils.translation import gettext as _

from .errors import UnreadableRelease

# A release is a few pages; hundreds are a report or a scanned book.
MAX_PAGES = 40

logger = logging.getLogger(__name__)


_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# A line at least this share of the longest line's length ran to the margin: it was wrapped.
WRAPPED_SHARE = 0.75


def _unwrap(lines: list[str]) -> str:
    """Lines a PDF wrapped at the margin joined again; short lines (a banner, a date, the end
    of a paragraph) end where they are."""
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joining = bool(line) and len(line) >= WRAPPED_SHARE * width
    return "\n".join(out).strip()


def read_pdf(data: bytes, *, max_chars: int) -> str:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableRelease(
                _("This PDF is protected by a password. Save an unprotected copy and upload it.")
            )
        if len(reader.pages) > MAX_PAGES:
            raise UnreadableRelease(
                _(
                    "This PDF has %(pages)d pages, more than any release (at most %(limit)d). "
                    "Upload the release on its own."
                )
                % {"pages": len(reader.pages), "limit": MAX_PAGES}
            )
        pages, size = [], 0
        for page in reader.pages:
            text = page.extract_text(extraction_mode="layout")
            size += len(text)
            if size > max_chars:
                raise UnreadableRelease(
                    _("This PDF holds far more text than a release. Upload the release on its own.")
                )
            pages.append(text)
    except UnreadableRelease:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # pypdf raises a range of errors on damaged files; none of them is the officer's to read
        logger.info("unreadable PDF: %r", exc)
        raise UnreadableRelease(
            _(
                "This PDF is damaged or uses a form we cannot read. Copy its text into a .txt file "
                "or a Word document and upload that."
            )
        ) from exc
    lines = [_SPACES.sub(" ", line).strip() for page in pages for line in page.splitlines()]
    text = _unwrap(lines)
    if not text:
        raise UnreadableRelease(
            _("This PDF has no text, only images (a scan). Copy the text into a document first.")
        )
    return text

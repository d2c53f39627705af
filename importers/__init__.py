"""Turning releases as they arrive from the field into a clean intermediate structure.

``parse_file`` / ``parse_text`` / ``parse_html`` / ``parse_docx`` read no database: they use
Django only for translated report messages and number formats, and return a ``ParsedRelease``.
``drafts.create_draft`` is the one step that touches models: it maps that onto a draft release.
"""

from .errors import UnreadableRelease
from .parse import MAX_BYTES, parse_docx, parse_file, parse_html, parse_text
from .structure import (
    ParsedOrganization,
    ParsedPerson,
    ParsedRelease,
    QuoteBlock,
    RichTextBlock,
    TableBlock,
)

__all__ = [
    "MAX_BYTES",
    "ParsedOrganization",
    "ParsedPerson",
    "ParsedRelease",
    "QuoteBlock",
    "RichTextBlock",
    "TableBlock",
    "UnreadableRelease",
    "parse_docx",
    "parse_file",
    "parse_html",
    "parse_text",
]

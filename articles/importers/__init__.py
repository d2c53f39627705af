"""Turning releases as they arrive from the field into a clean intermediate structure.

Pure Python (no Django): ``parse_file`` / ``parse_text`` / ``parse_html`` / ``parse_docx``
return a ``ParsedRelease`` that the admin maps onto draft models.
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

"""Entry points: text, Markdown, HTML, Word or PDF in, a ``ParsedRelease`` out.

Nothing here raises anything but ``UnreadableRelease``, whose message tells the officer what
to do. Input larger than ``max_bytes`` is refused before any parsing starts.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .assemble import assemble, text_size
from .docx_input import read_docx
from .errors import UnreadableRelease
from .html_input import read_html
from .limits import check_text_size
from .pdf_input import read_pdf
from .segments import Report
from .structure import ParsedRelease
from .text_input import read_text

MAX_BYTES = 2 * 1024 * 1024
# A long release has a few hundred lines; tens of thousands is a data dump or junk, and would
# only make the officer wait.
MAX_LINES = 20_000
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
DOCX_EXTENSIONS = (".docx",)
PDF_EXTENSIONS = (".pdf",)


def _megabytes(n: int) -> str:
    return _("%(size)s MB") % {"size": number_format(n / (1024 * 1024), decimal_pos=1)}


def check_file_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableRelease(
            _(
                "The file is %(size)s; releases can be at most %(limit)s. "
                "Remove images or attachments from it, or paste the text instead."
            )
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes)}
        )


def _check_lines(text: str) -> None:
    lines = max(text.count("\n"), text.count("\r")) + text.count("\x0b") + text.count("\x0c")
    if lines > MAX_LINES:
        raise UnreadableRelease(
            _(
                "This has %(lines)s lines, far more than any press release. Import the release "
                "on its own rather than a whole export or log."
            )
            % {"lines": number_format(lines, force_grouping=True)}
        )


def _check_text(text: str, max_bytes: int) -> None:
    check_file_size(len(text), max_bytes)
    if not text.strip():
        raise UnreadableRelease(_("The release is empty: paste or upload its text."))
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r")
    if controls > max(8, len(sample) // 20):
        raise UnreadableRelease(
            _(
                "This looks like a binary file, not text. Upload the release as .docx, .txt, .md "
                "or .html, or paste its text."
            )
        )


def _finish(release: ParsedRelease) -> ParsedRelease:
    if not release.headline and not release.blocks:
        raise UnreadableRelease(
            _(
                "No text was found in this release. If it is a scan or an image, copy the text "
                "into a document first."
            )
        )
    return release


def parse_text(text: str, *, max_bytes: int = MAX_BYTES) -> ParsedRelease:
    """Plain text or Markdown, as pasted from e-mail, Word or a web page."""
    _check_text(text, max_bytes)
    _check_lines(text)
    check_text_size(len(text))
    report = Report()
    return _finish(assemble(read_text(text, report), report, cleaned=True))


def parse_html(html: str, *, max_bytes: int = MAX_BYTES) -> ParsedRelease:
    """A saved web page or pasted HTML; scripts, navigation and banners are left out."""
    _check_text(html, max_bytes)
    report = Report()
    segments = read_html(html, report)
    check_text_size(text_size(segments))
    return _finish(assemble(segments, report))


def parse_docx(data: bytes, *, max_bytes: int = MAX_BYTES) -> ParsedRelease:
    """A Word .docx document."""
    if not data:
        raise UnreadableRelease(_("The file is empty: upload the release again."))
    check_file_size(len(data), max_bytes)
    report = Report()
    segments = read_docx(data, report)
    check_text_size(text_size(segments))
    return _finish(assemble(segments, report))


def parse_pdf(data: bytes, *, max_bytes: int = MAX_BYTES) -> ParsedRelease:
    """A PDF with a text layer (not a scan)."""
    if not data:
        raise UnreadableRelease(_("The file is empty: upload the release again."))
    check_file_size(len(data), max_bytes)
    if not data.startswith(b"%PDF"):
        raise UnreadableRelease(_("This file is not a PDF. Upload the release as it was sent."))
    return parse_text(read_pdf(data, max_chars=max_bytes), max_bytes=max_bytes)


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableRelease(
            _(
                "This is a Word document or another zip file, not text. If it is a Word "
                "document, upload it with its .docx name."
            )
        )
    if head.startswith(b"%PDF"):
        raise UnreadableRelease(
            _("This is a PDF, not text. Upload it with its .pdf name, or paste its text.")
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableRelease(
            _("This is an old Word (.doc) file. Open it in Word and save it as .docx.")
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableRelease(_("This UTF-16 text file is damaged; save it again.")) from exc
    sample = data[:20000]
    if sample.count(0) > max(4, len(sample) // 100):
        raise UnreadableRelease(
            _(
                "This looks like a binary file, not text. Upload the release as .docx, .txt, .md "
                "or .html, or paste its text."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableRelease(
            _(
                "The text encoding of this file could not be recognized. Save it as UTF-8 text "
                "(in Word: File › Save As › Plain Text › Unicode (UTF-8)) and upload it again."
            )
        ) from exc


def parse_file(name: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> ParsedRelease:
    """Dispatch on the file name's extension: .txt/.md, .html/.htm, .docx or .pdf."""
    lower = (name or "").lower().strip()
    if not data:
        raise UnreadableRelease(
            _("“%(name)s” is empty: upload the release again.") % {"name": name}
        )
    check_file_size(len(data), max_bytes)
    if lower.endswith(DOCX_EXTENSIONS):
        return parse_docx(data, max_bytes=max_bytes)
    if lower.endswith(PDF_EXTENSIONS):
        return parse_pdf(data, max_bytes=max_bytes)
    if lower.endswith(TEXT_EXTENSIONS):
        return parse_text(decode_text(data), max_bytes=max_bytes)
    if lower.endswith(HTML_EXTENSIONS):
        return parse_html(decode_text(data), max_bytes=max_bytes)
    if lower.endswith(".doc"):
        raise UnreadableRelease(
            _("“%(name)s” is an old Word (.doc) file. Open it in Word and save it as .docx.")
            % {"name": name}
        )
    raise UnreadableRelease(
        _(
            "“%(name)s” cannot be imported: use a .docx, .pdf, .txt, .md, .html or .htm file, "
            "or paste the text instead."
        )
        % {"name": name}
    )

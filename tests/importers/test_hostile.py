"""Hostile and broken input: a clean result or UnreadableRelease, never a crash.

No clock here: that every stage's work grows linearly with its input is proven by counting it
(tests/test_hostile_input.py), and the time at the caps is in bench/README.md.
"""

import io
import random
import string
import zipfile

import pytest

from importers import (
    MAX_BYTES,
    ParsedRelease,
    UnreadableRelease,
    parse_file,
    parse_html,
    parse_text,
)


def outcome(fn, *args, **kwargs):
    """The parsed release, or the UnreadableRelease that refused the input."""
    try:
        result = fn(*args, **kwargs)
    except UnreadableRelease as exc:
        result = exc
    assert isinstance(result, ParsedRelease | UnreadableRelease)
    return result


def test_deeply_nested_html_100k_levels():
    deep = "<div>" * 100_000 + "<p>Still readable at the bottom.</p>" + "</div>" * 100_000
    release = outcome(parse_html, "<h1>Deep Release Title</h1>" + deep, max_bytes=10**7)
    assert release.headline == "Deep Release Title"
    assert release.rich_text[0].html == "<p>Still readable at the bottom.</p>"


def test_deeply_nested_lists_are_capped():
    release = outcome(parse_html, "<h1>Deep List</h1>" + "<ul><li>level" * 20_000, max_bytes=10**7)
    html = release.rich_text[0].html
    assert html.count("<ul>") <= 7


def test_script_only_html():
    with pytest.raises(UnreadableRelease, match="No text was found"):
        parse_html("<script>alert(1)</script><style>p{}</style>")


def random_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + string.punctuation + "  “”‘’—–•·"
    lines, total = [], 0
    while total < size:
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(20, 300)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


@pytest.mark.parametrize("parse", [parse_text, parse_html])
def test_two_megabytes_of_junk(parse):
    junk = random_text(MAX_BYTES - 1000, seed=7)
    result = outcome(parse, junk)
    if isinstance(result, ParsedRelease):
        for block in result.rich_text:
            assert "<script" not in block.html


@pytest.mark.parametrize(
    "junk",
    [
        "a" * (MAX_BYTES - 10),
        "<" * (MAX_BYTES - 10),
        "“" * (MAX_BYTES - 10),
        '" a' * (MAX_BYTES // 3 - 10),
        "< td >x " * (MAX_BYTES // 8 - 10),
        "said U.S. Army Sgt. 1st Class " * (MAX_BYTES // 30 - 10),
        "Abc (DEF) " * (MAX_BYTES // 10 - 10),
        "[" * (MAX_BYTES - 10),
    ],
    ids=["letters", "lt", "quotes", "straight-quotes", "td", "ranks", "abbreviations", "brackets"],
)
def test_pathological_single_line(junk):
    outcome(parse_text, junk)


def test_html_with_absurd_tag_count_is_refused():
    with pytest.raises(UnreadableRelease, match="far more than any press release"):
        parse_html("a</x>" * 200_000)


def test_text_with_absurd_line_count_is_refused():
    with pytest.raises(UnreadableRelease, match="lines, far more than any press release"):
        parse_text("- x\n" * 100_000)


def test_nul_bytes_inside_text_are_removed():
    release = parse_text("Exercise in\x00 Panama\n\nThe unit\x00 arrived.\n")
    assert release.headline == "Exercise in Panama"
    assert release.rich_text[0].html == "<p>The unit arrived.</p>"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("release.txt", b"", "is empty"),
        ("release.txt", b"   \n\n  ", "is empty"),
        ("release.txt", b"\x00\x01\x02binary\x00" * 100, "binary file"),
        ("release.txt", b"PK\x03\x04rest", "Word document or another zip"),
        ("release.txt", b"%PDF-1.7 ...", "This is a PDF"),
        ("release.doc", b"\xd0\xcf\x11\xe0rest", "old Word"),
        ("release.pdf", b"%PDF-1.7", "PDF is damaged"),
        ("release.pdf", b"GIF89a not a pdf", "not a PDF"),
        ("release.exe", b"MZ", "cannot be imported"),
        ("release", b"text", "cannot be imported"),
        ("release.txt", b"\x81\x8d\x8f\x90\x9d" * 10, "encoding"),
    ],
)
def test_unreadable_files(name, data, message):
    with pytest.raises(UnreadableRelease, match=message):
        parse_file(name, data)


def test_size_limit_is_a_parameter():
    data = b"Title Line\n\n" + b"word " * 1000
    with pytest.raises(UnreadableRelease, match="releases can be at most"):
        parse_file("release.txt", data, max_bytes=1000)
    assert parse_file("release.txt", data, max_bytes=10_000).headline == "Title Line"
    with pytest.raises(UnreadableRelease, match="releases can be at most"):
        parse_text("x" * 101, max_bytes=100)


def test_unreadable_is_a_value_error():
    assert issubclass(UnreadableRelease, ValueError)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("release.txt", "Exercise in Panamá\n\nThe unit arrived.".encode()),
        ("release.md", "\ufeffExercise in Panamá\n\nThe unit arrived.".encode()),
        ("release.TXT", "Exercise in Panamá\n\nThe unit arrived.".encode("cp1252")),
        ("release.txt", "Exercise in Panamá\n\nThe unit arrived.".encode("utf-16")),
        ("release.htm", b"<h1>Exercise in Panam&aacute;</h1><p>The unit arrived.</p>"),
        ("release.html", "<h1>Exercise in Panamá</h1><p>The unit arrived.</p>".encode()),
    ],
)
def test_parse_file_dispatch_and_encodings(name, data):
    release = parse_file(name, data)
    assert release.headline == "Exercise in Panamá"
    assert release.rich_text[0].html == "<p>The unit arrived.</p>"


def test_damaged_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not really xml")
    with pytest.raises(UnreadableRelease, match="could not be read"):
        parse_file("release.docx", buffer.getvalue())


def test_windows_line_endings_count_once():
    release = parse_text("Title Of The Release\r\n\r\n" + "A short sentence.\r\n" * 12_000)
    assert release.headline == "Title Of The Release"

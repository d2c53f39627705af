"""Time the heaviest staff requests at their caps: importing a 2 MB file and checking a 2 MB
release, for shapes of text that once made the work quadratic.

    .venv/bin/python bench/hostile_input.py              # 2 MB: refused at the caps
    .venv/bin/python bench/hostile_input.py --uncapped   # 2 MB, caps lifted: the linear cost
    .venv/bin/python bench/hostile_input.py --megabytes 0.24   # just under the caps
    DATABASE_URL=postgres://… .venv/bin/python bench/hostile_input.py   (default: SQLite)

Prints one line per case: CPU seconds of this process (best of --repeat), which on a shared
machine say more than the wall clock (a busy neighbour stretches the latter several times);
with the default SQLite database the queries run in this process too. bench/README.md keeps
the figures. The suite proves the same work linear by counting it
(tests/test_hostile_input.py); this is where the clock is read.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Text shapes: the mixed one gives every check and import stage something to do.
SHAPES = {
    "mixed": (
        "The Joint Task Force (JTF) met the Border Service (SENAFRONT) and JTF-N ( ) teams. "
        "OUR PRIORITIES ARE CLEAR. Sgt. Maj. Col. U.S. A. B. said so.Then we left,quickly "
        "[insert date] TK xx {{ name }} << field >> {event} td > **bold** (Full Name)\n"
    ),
    "abbreviations": "Abc (DEF) ",
    "ranks": "said U.S. Army Sgt. 1st Class ",
    "prose": (
        "Forty students from four partner nations finished the jungle course on Friday, "
        "said Maj. Elena Ruiz, who led the instructors.\n"
    ),
}


def _setup(database_url):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    os.environ["DATABASE_URL"] = database_url
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _best(function, repeat):
    times = []
    for _attempt in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def _docx(text):
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument(
        "--uncapped", action="store_true", help="lift the text caps of imports and checks"
    )
    args = parser.parse_args()
    database_url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/hostile.sqlite3"
    _setup(database_url)
    if args.uncapped:
        from articles.checks import service
        from importers import limits

        limits.MAX_TEXT_CHARACTERS = service.MAX_CHECKED_CHARACTERS = 10**9

    from django.utils.html import escape

    from articles.checks import run_release_checks
    from articles.models import Article, ArticleStatus, RichText
    from importers import UnreadableRelease, parse_docx, parse_html, parse_text
    from importers.drafts import create_draft

    size = int(args.megabytes * 1024 * 1024) - 1024

    def text_of(shape):
        unit = SHAPES[shape]
        return unit * (size // len(unit.encode()))

    def attempt(function, *arguments):
        try:
            function(*arguments)
        except UnreadableRelease as refused:
            print(f"    refused: {str(refused)[:70]}…")

    print(f"{'case':<52} CPU seconds")
    for shape in SHAPES:
        text = text_of(shape)
        seconds = _best(lambda text=text: attempt(parse_text, text), args.repeat)
        print(f"{'import .txt, ' + shape:<52} {seconds:7.2f}")
    html = "<h1>Headline</h1>" + "".join(
        f"<p>{escape(line)}</p>" for line in text_of("mixed").splitlines()
    )
    html = html[:size]
    seconds = _best(lambda: attempt(parse_html, html), args.repeat)
    print(f"{'import .html, mixed':<52} {seconds:7.2f}")
    word = _docx(text_of("prose"))
    seconds = _best(lambda: attempt(parse_docx, word), args.repeat)
    print(f"{f'import .docx, prose ({len(word) / 1e6:.1f} MB file)':<52} {seconds:7.2f}")
    try:
        parsed = parse_text(text_of("prose"))
    except UnreadableRelease:
        parsed = None
    if parsed is not None:
        seconds = _best(lambda: create_draft(parsed), 1)
        print(f"{'draft from the parsed .txt (checks included), prose':<52} {seconds:7.2f}")

    for shape in SHAPES:
        article = Article.objects.create(
            status=ArticleStatus.DRAFT, headline=f"Check {shape}", slug=f"check-{shape}"
        )
        lines = text_of(shape).splitlines() or [text_of(shape)]
        RichText.objects.create(
            parent=article,
            region="body",
            ordering=10,
            text="".join(f"<p>{escape(line)}</p>" for line in lines),
        )
        seconds = _best(lambda article=article: run_release_checks(article), args.repeat)
        print(f"{f'check a {args.megabytes:g} MB release, ' + shape:<52} {seconds:7.2f}")


if __name__ == "__main__":
    main()

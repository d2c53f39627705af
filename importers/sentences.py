"""Where a sentence ends, knowing that "U.S.", "Sgt." and "Lt. Col." do not end one."""

import re

from .ranks import CIVILIAN_TITLES, COMMON_ABBREVIATIONS, MILITARY_RANKS, SPANISH_RANKS


def _rank_abbreviations() -> frozenset[str]:
    words = set()
    for table in (MILITARY_RANKS, CIVILIAN_TITLES, SPANISH_RANKS):
        for canonical, variants in table.items():
            for form in (canonical, *variants):
                words.update(w[:-1] for w in form.split() if w.endswith("."))
    return frozenset(words)


ABBREVIATIONS = COMMON_ABBREVIATIONS | _rank_abbreviations()

# A terminal mark, any closing quotes or brackets, then the end or a space.
_CANDIDATE = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.’'\-]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` belongs to an abbreviation rather than ending a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    word = m.group(1)
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John Q. Public"
        return True
    # dotted abbreviations: "U.S", "U.N", "a.m"
    return "." in word and all(len(part) <= 2 for part in word.split(".") if part)


def sentence_ends(text: str, start: int = 0):
    """Yield the index just past each sentence end in ``text`` from ``start``."""
    for m in _CANDIDATE.finditer(text, start):
        mark = m.group(0)
        if (
            mark[0] == "."
            and len(mark.rstrip("”’\"')]")) == 1
            and _is_abbreviation(text, m.start())
        ):
            # "U.S. Army" is no sentence end; "in the U.S. The" is, but we cannot tell them
            # apart without grammar, so an abbreviation ends a sentence only before a quote mark.
            rest = text[m.end() :].lstrip()
            if not rest.startswith(("“", '"')):
                continue
        yield m.end()


def first_sentence_end(text: str, start: int = 0) -> int:
    """Index just past the first sentence end at or after ``start``, else ``len(text)``."""
    return next(sentence_ends(text, start), len(text))


def count_sentences(text: str) -> int:
    ends = list(sentence_ends(text))
    tail = text[ends[-1] :].strip() if ends else text.strip()
    return len(ends) + (1 if tail else 0)

"""The Flesch–Kincaid grade level of a release, for the Plain Writing Act.

    grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59

(Kincaid, Fishburne, Rogers and Chissom, 1975, the formula the U.S. armed forces adopted for
technical manuals.) The result is the U.S. school grade a reader needs; lower is easier.

textstat is not used: for English it downloads the CMU dictionary through NLTK at run time,
which a server without internet access cannot do. Syllables come from pyphen's English
hyphenation patterns (the fallback textstat itself uses), raised to the number of vowel groups
where hyphenation misses a syllable ("Panama" hyphenates as two pieces but has three). Both are
estimates; the grade is a guide for the officer, not a measurement to the decimal.
"""

import functools
import re

import pyphen

from .text import sentences, words

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@functools.cache
def _hyphenator():
    return pyphen.Pyphen(lang="en_US")


def syllables(word):
    word = word.casefold()
    if not any(character.isalpha() for character in word):
        # A number reads as at least one syllable per digit group ("2025" is one word).
        return 1
    by_hyphenation = len(_hyphenator().positions(word)) + 1
    groups = _VOWEL_GROUPS.findall(word)
    by_vowels = len(groups)
    # A final silent "e" ("course", "make") is not a syllable; "-le" ("capable") is.
    if word.endswith("e") and not word.endswith("le") and by_vowels > 1 and groups[-1] == "e":
        by_vowels -= 1
    return max(by_hyphenation, by_vowels, 1)


def reading_grade(lines):
    """Flesch–Kincaid grade of the prose in `lines` (strings), or None when there is none."""
    sentence_count = word_count = syllable_count = 0
    for line in lines:
        for sentence in sentences(line):
            found = words(sentence)
            if not found:
                continue
            sentence_count += 1
            word_count += len(found)
            syllable_count += sum(syllables(word) for word in found)
    if not word_count:
        return None
    grade = 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59
    return round(max(grade, 0.0), 1)

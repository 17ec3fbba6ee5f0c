"""A small Flesch-Kincaid grade level, for checking that the app's words are easy to read.

No dependency: textstat wants data it downloads, and the formula is three lines. Syllables
are counted with a vowel-group rule that knows about a silent "e" and the common "-es" and
"-ed" endings. It is a rough guide, right for most plain words and a syllable out on some
long ones, which is close enough to compare texts.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# A sentence ends at . ! or ? followed by a space, a line break or the end of the text.
# Line breaks between paragraphs or list items end a sentence too.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """About how many syllables ``word`` has; at least one.

    A number counts one syllable per digit ("6" is one, "999" is three).
    """
    word = word.lower().replace("’", "'")
    if word.isdigit():
        return len(word)
    word = word.split("'")[0]  # "can't" -> "can", "you're" -> "you"
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return 1
    count = len(_VOWEL_GROUP.findall(word))
    if count > 1:
        if word.endswith("e") and not word.endswith(("ee", "ye")):
            # "make" has one syllable, but "table" keeps its "-ble" sound.
            syllabic_le = word.endswith("le") and len(word) > 2 and word[-3] not in "aeiouy"
            if not syllabic_le:
                count -= 1
        elif word.endswith("es") and len(word) > 3:
            # "bones" has one syllable; "boxes", "places" and "washes" have two.
            before = word[-3]
            if before not in "aeiouysxzcg" and not word.endswith(("ches", "shes")):
                count -= 1
        elif word.endswith("ed") and len(word) > 3 and word[-3] not in "aeioutd":
            # "stopped" has one syllable; "started" and "needed" have two.
            count -= 1
    return max(count, 1)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences in ``text``; text with words but no full stop is one sentence."""
    pieces = [piece for piece in _SENTENCE_END.split(text) if words(piece)]
    return max(len(pieces), 1)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade: about the US school year a reader needs."""
        if self.words == 0:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def readability(text: str) -> Readability:
    found = words(text)
    return Readability(len(found), sentence_count(text), sum(syllables(w) for w in found))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text``."""
    return readability(text).grade

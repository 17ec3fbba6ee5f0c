"""The words the app shows about safety, and the built-in exercises, read at about age 12.

Grades are Flesch-Kincaid, from ``readability.py``: each text at most grade 8, and the mean
of a group at most grade 6.5.
"""

from __future__ import annotations

import pytest

from readability import grade, readability, sentence_count, syllables
from sciatica_coach.core import safety
from sciatica_coach.core.library import load_library

MAX_GRADE = 8.0
MAX_MEAN_GRADE = 6.5


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("the", 1),
        ("make", 1),
        ("while", 1),
        ("table", 2),
        ("people", 2),
        ("knee", 1),
        ("agree", 2),
        ("stopped", 1),
        ("started", 2),
        ("bones", 1),
        ("boxes", 2),
        ("exercise", 3),
        ("tomorrow", 3),
        ("can't", 1),
        ("6", 1),
        ("999", 3),
    ],
)
def test_syllables_are_counted_by_vowel_groups(word: str, count: int) -> None:
    assert syllables(word) == count


def test_sentences_end_at_a_full_stop_or_a_blank_line() -> None:
    assert sentence_count("Rest now. Then try again tomorrow.") == 2
    assert sentence_count("One part\n\nAnother part") == 2
    assert sentence_count("A heading with no full stop") == 1
    assert sentence_count("Call 999, or 112 in Europe.") == 1


# Worked by hand: grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59.
def test_a_very_plain_sentence_is_below_grade_one() -> None:
    # 6 words, 6 syllables, 1 sentence: 2.34 + 11.8 - 15.59 = -1.45
    assert readability("The cat sat on the mat.").syllables == 6
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45, abs=0.01)


def test_a_plain_instruction_is_about_grade_two() -> None:
    # 8 words, 10 syllables (ex-er-cise is 3): 3.12 + 14.75 - 15.59 = 2.28
    assert grade("Stop this exercise if your leg pain spreads.") == pytest.approx(2.28, abs=0.01)


def test_two_short_sentences_are_about_grade_three() -> None:
    # 6 words, 2 sentences, 9 syllables (a-gain 2, to-mor-row 3): 1.17 + 17.7 - 15.59 = 3.28
    assert grade("Rest now. Then try again tomorrow.") == pytest.approx(3.28, abs=0.01)


def test_long_clinical_words_score_far_above_school_age() -> None:
    assert grade("Physiotherapists recommend individualised rehabilitation programmes.") > 12


def test_no_words_is_grade_zero() -> None:
    assert grade("") == 0.0


def assert_easy_to_read(texts: dict[str, str]) -> None:
    grades = {name: grade(text) for name, text in texts.items()}
    too_hard = {name: round(g, 1) for name, g in grades.items() if g > MAX_GRADE}
    assert not too_hard, f"above grade {MAX_GRADE}: {too_hard}"
    mean = sum(grades.values()) / len(grades)
    assert mean <= MAX_MEAN_GRADE, f"mean grade {mean:.1f} is above {MAX_MEAN_GRADE}"


def library_texts() -> dict[str, str]:
    library = load_library(None)
    texts: dict[str, str] = {}
    for exercise in library.exercises.values():
        for n, cue in enumerate(exercise.cues):
            texts[f"{exercise.id} cue {n + 1}"] = cue
        for n, caution in enumerate(exercise.cautions):
            texts[f"{exercise.id} caution {n + 1}"] = caution
        if exercise.easier:
            texts[f"{exercise.id} easier"] = exercise.easier
        if exercise.harder:
            texts[f"{exercise.id} harder"] = exercise.harder
    for routine in library.routines.values():
        texts[f"routine {routine.id}"] = routine.description
    return texts


def test_the_built_in_exercises_and_routines_are_easy_to_read() -> None:
    assert_easy_to_read(library_texts())


def safety_texts() -> dict[str, str]:
    texts = {
        "disclaimer": safety.DISCLAIMER,
        "reassurance": safety.REASSURANCE,
        "report footer": safety.REPORT_FOOTER,
        "stop advice": safety.STOP_ADVICE,
    }
    for n, item in enumerate(safety.CHECK_FIRST):
        texts[f"check first {n + 1}"] = item
    for tier in safety.RED_FLAG_TIERS:
        texts[f"{tier.code} heading"] = tier.heading
        texts[f"{tier.code} action"] = tier.action
        for n, item in enumerate(tier.items):
            texts[f"{tier.code} {n + 1}"] = item
    for n, item in enumerate(safety.STOP_RULES):
        texts[f"stop rule {n + 1}"] = item
    for reason in safety.SHEET_REASONS:
        if reason.advice is None:
            continue
        advice = reason.advice
        parts = {"now": advice.now, "get help": advice.get_help, "next time": advice.next_time}
        for part, items in parts.items():
            for n, item in enumerate(items):
                texts[f"{reason.code} {part} {n + 1}"] = item.replace("{exercise}", "the bridge")
    return texts


def test_the_safety_text_and_stop_advice_are_easy_to_read() -> None:
    assert_easy_to_read(safety_texts())

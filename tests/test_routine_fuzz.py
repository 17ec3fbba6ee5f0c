"""Random and mutated routine documents: loading reports problems, it never crashes."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routine_factory import routine_doc
from sciatica_coach.core.catalog import RoutineError, load_routine_file, parse_routine
from sciatica_coach.core.timeline import expand_routine

FIELD_NAMES = st.sampled_from(
    [
        "id",
        "name",
        "group",
        "position",
        "mode",
        "hold",
        "reps",
        "tempo",
        "sets",
        "rest",
        "rest_after",
        "sides",
        "level",
        "cues",
        "cautions",
        "equipment",
        "image",
        "exercise",
        "block",
        "target_minutes",
        "prepare",
        "switch",
        "description",
        "bogus",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELD_NAMES, inner, max_size=5),
    max_leaves=12,
)


def check_never_crashes(document: Any) -> None:
    try:
        routine = parse_routine(document, {}, label="fuzz.toml")
    except RoutineError as error:
        assert error.problems, "a refusal must say why"
        assert all(str(p).startswith("fuzz.toml") for p in error.problems)
        return
    timeline = expand_routine(routine)
    assert timeline.total_seconds >= 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(FIELD_NAMES, VALUES, max_size=8))
def test_random_documents_never_raise_anything_but_routine_error(document: dict[str, Any]) -> None:
    check_never_crashes(document)


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = routine_doc({"exercise": "bridge", "sets": 2, "sides": "both"})
    target = draw(st.sampled_from(["routine", "exercise", "block"]))
    table: dict[str, Any] = {
        "routine": document,
        "exercise": document["exercise"][0],
        "block": document["block"][0],
    }[target]
    for _ in range(draw(st.integers(1, 3))):
        key = draw(FIELD_NAMES | st.sampled_from(sorted(table)))
        if draw(st.booleans()) and key in table:
            del table[key]
        else:
            table[key] = draw(VALUES)
    return document


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_mutated_routines_never_raise_anything_but_routine_error(document: dict[str, Any]) -> None:
    check_never_crashes(document)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes_in_a_file_are_reported(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "random.toml"
    path.write_bytes(raw)
    try:
        load_routine_file(path, {}, label="random.toml")
    except RoutineError as error:
        assert str(error).startswith("random.toml")
    else:  # pragma: no cover - only if the bytes happen to be a valid routine
        tomllib.loads(raw.decode())

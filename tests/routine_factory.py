"""Small routines built in code, so tests say exactly what they exercise."""

from __future__ import annotations

from typing import Any

from sciatica_coach.core.catalog import Routine, parse_routine


def exercise_table(ex_id: str = "bridge", **fields: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": ex_id,
        "name": ex_id.replace("_", " ").capitalize(),
        "group": "core",
        "position": "lying on back",
        "mode": "hold",
        "hold": 20,
        "sets": 1,
        "rest": 10,
        "rest_after": 20,
        "cues": ["Breathe out", "Keep it slow", "Stop if pain spreads"],
    }
    if fields.get("mode") == "reps":
        del table["hold"]
        table["reps"] = 10
    table.update(fields)
    return table


def routine_doc(
    *blocks: dict[str, Any], exercises: list[dict[str, Any]] | None = None, **fields: Any
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": "test-routine",
        "name": "Test routine",
        "exercise": exercises if exercises is not None else [exercise_table()],
        "block": list(blocks) or [{"exercise": "bridge"}],
    }
    document.update(fields)
    return document


def make_routine(
    *blocks: dict[str, Any], exercises: list[dict[str, Any]] | None = None, **fields: Any
) -> Routine:
    return parse_routine(routine_doc(*blocks, exercises=exercises, **fields), {}, label="test.toml")

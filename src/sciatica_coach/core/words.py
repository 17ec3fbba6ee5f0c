"""How a session's outcome is put into words, the same on every screen, paper and terminal.

The session outcome and the place a session was stopped are worded here once, so the end
screen, History, the printed summary, the progress report and the command line agree
("Stopped during Single knee to chest after 8 s: pain spreading").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sciatica_coach.core.records import (
    COMPLETED,
    IN_PROGRESS,
    INTERRUPTED,
    STEP_STOPPED,
    STOPPED,
    SessionRecord,
    StepRecord,
)
from sciatica_coach.core.safety import EARLY, stop_reason


def describe_duration(seconds: float) -> str:
    """``18 s``, ``10 min 15 s``, ``1 h 5 min``: a length of time in words, whole seconds."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def outcome_label(status: str, reason_code: str | None) -> str:
    """``Completed``, ``Stopped: pain spreading``, ``Stopped early`` or ``Not finished``."""
    if status == COMPLETED:
        return "Completed"
    if status == STOPPED:
        reason = stop_reason(reason_code)
        return "Stopped early" if reason is EARLY else f"Stopped: {reason.short}"
    if status == INTERRUPTED:
        return "Not finished"
    if status == IN_PROGRESS:
        return "In progress"
    return status


def stopped_step(record: SessionRecord, steps: Sequence[StepRecord]) -> StepRecord | None:
    """The logged step the session was stopped in, if it was stopped and that is known."""
    if record.status != STOPPED or record.stop_step is None:
        return None
    return next((step for step in steps if step.step_index == record.stop_step), None)


def provoking_exercise(record: SessionRecord, steps: Sequence[StepRecord]) -> str | None:
    """The exercise under way when the session was stopped, or the one just before the rest
    or side switch it was stopped in."""
    stop = stopped_step(record, steps)
    if stop is None:
        return None
    if stop.exercise_name:
        return stop.exercise_name
    earlier = [s for s in steps if s.step_index < stop.step_index and s.exercise_name]
    return earlier[-1].exercise_name if earlier else None


def stop_place(record: SessionRecord, steps: Sequence[StepRecord]) -> str:
    """``during Single knee to chest after 8 s``; empty when the place is not known."""
    stop = stopped_step(record, steps)
    if stop is None:
        return ""
    name = provoking_exercise(record, steps)
    if stop.kind == "work" and name:
        if stop.status != STEP_STOPPED:  # stopped while repeating a set already done
            return f"during {name} (repeating a set)"
        reps = f", {stop.reps_done} of {stop.reps_planned} reps" if stop.reps_done else ""
        return f"during {name} after {describe_duration(stop.actual_seconds)}{reps}"
    if stop.kind == "prepare":
        return "while getting ready"
    if stop.kind == "switch" and name:
        return f"while switching sides in {name}"
    if name:
        return f"in the rest after {name}"
    return ""


def outcome_line(record: SessionRecord, steps: Sequence[StepRecord]) -> str:
    """The outcome with where a stop happened: ``Stopped during Bridge after 8 s: sharp pain``."""
    place = stop_place(record, steps)
    if not place:
        return outcome_label(record.status, record.stop_reason)
    reason = stop_reason(record.stop_reason)
    ending = "" if reason is EARLY else f": {reason.short}"
    return f"Stopped {place}{ending}"


def terminal_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to print to a terminal: control and bidi-format characters (escape
    sequences, carriage returns, a right-to-left override) are shown as ``\\x1b``-style
    escapes instead of acting on the screen. Names come from files anyone could have written."""

    def shown(char: str) -> str:
        if char == "\n" and keep_newlines:
            return char
        if unicodedata.category(char) in ("Cc", "Cf"):
            code = ord(char)
            return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        return char

    return "".join(shown(char) for char in text)

"""Every piece of wording built from data, the same on every screen, paper and terminal.

Dates, times of day, lengths of time, pain scores, plans and a session's outcome are put
into words here once, so the end screen, History, Today, the printed summary and progress
report and the command line agree ("Stopped during Single knee to chest after 8 s: pain
spreading"; "Mon 6 May 2024"; "5 → 3"). Month and day names are spelt out here rather than
taken from the C locale, so the words read the same everywhere and can be translated in
this one place. Safety wording lives beside it, in `safety`.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from sciatica_coach.core.records import (
    COMPLETED,
    IN_PROGRESS,
    INTERRUPTED,
    STEP_STOPPED,
    STOPPED,
    PainCheck,
    SessionRecord,
    StepRecord,
)
from sciatica_coach.core.safety import EARLY, reach_label, stop_reason

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_coach.core.catalog import Dose, Exercise, Prescription, Routine
    from sciatica_coach.core.coaching import ExerciseFlag
    from sciatica_coach.core.symptom_stats import ReachTrend
    from sciatica_coach.core.timeline import Step

DASH = "–"  # an en dash: ranges and a missing score
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- dates and times of day ------------------------------------------------------------------


def long_date(day: date) -> str:
    """``Mon 6 May 2024``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def month_name(day: date) -> str:
    """``May``: the short name of ``day``'s month."""
    return MONTHS[day.month - 1]


def short_date(day: date) -> str:
    """``6 May``."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def month_year(day: date) -> str:
    """``6 May 2024``."""
    return f"{short_date(day)} {day.year}"


def day_heading(day: date) -> str:
    """``Wednesday 2 December``: a day in the week the user is living in."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def date_range(start: date, end: date) -> str:
    """``1 Jan – 31 Dec 2024``, or with both years when they differ."""
    if start.year == end.year:
        return f"{short_date(start)} {DASH} {short_date(end)} {end.year}"
    return f"{short_date(start)} {start.year} {DASH} {short_date(end)} {end.year}"


def local_time(session: SessionRecord, moment: datetime) -> datetime:
    """``moment`` on the clock of the place the session was done."""
    return moment.astimezone(timezone(timedelta(minutes=session.utc_offset_minutes)))


def clock(session: SessionRecord, moment: datetime) -> str:
    """``08:15``: the wall-clock time where the session was done."""
    return local_time(session, moment).strftime("%H:%M")


def when_text(session: SessionRecord) -> str:
    """``Tue 4 Mar 2025  08:15``: when a session started, as the user saw the clock."""
    return f"{long_date(session.local_date)}  {clock(session, session.started_at)}"


# --- lengths of time -----------------------------------------------------------------------------


def describe_duration(seconds: float) -> str:
    """``45 s``, ``12 min 5 s``, ``1 h``, ``3 h 15 min``: a length of time in words."""
    total = max(0, round(seconds))
    if total < 60:
        return f"{total} s"
    minutes, rest = divmod(total, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def minutes_seconds(seconds: float) -> str:
    """``12:05``: minutes and seconds, rounded to the nearest second (``m:ss``)."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _whole_seconds_up(seconds: float) -> int:
    # A countdown shows 1 until it reaches 0; the tolerance keeps float noise from a tick
    # that lands a hair past a whole second from showing the second above.
    return max(0, math.ceil(seconds - 1e-3))


def countdown(seconds: float) -> str:
    """``1:05`` for a minute and more, plain seconds below, rounded up as a countdown reads."""
    whole = _whole_seconds_up(seconds)
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return str(whole)


def time_left(seconds: float) -> str:
    """``12:05``: always ``m:ss``, rounded up the same way as `countdown`, so the two agree."""
    return minutes_seconds(_whole_seconds_up(seconds))


def seconds_text(value: float) -> str:
    """``12 s``, ``2.5 s``: a short measured time."""
    return f"{value:.0f} s" if value >= 10 or value.is_integer() else f"{value:.1f} s"


# --- counts, plans and pain ----------------------------------------------------------------------


def plural(count: int, word: str) -> str:
    """``1 session``, ``3 sessions``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def percent(ratio: float) -> str:
    return f"{round(ratio * 100)}%"


def plan_text(sessions_per_week: int, weekdays: Collection[int]) -> str:
    """``5 sessions a week`` or ``on Mon, Wed, Fri``."""
    if weekdays:
        return "on " + ", ".join(WEEKDAYS[day] for day in sorted(weekdays))
    return f"{plural(sessions_per_week, 'session')} a week"


# --- reminders, the calendar and the spoken cues ---------------------------------------------


def time_of_day(at: time) -> str:
    """``18:00``: a reminder's time, on the 24-hour clock as the settings page shows it."""
    return at.strftime("%H:%M")


def plan_days_text(weekdays: Collection[int], at: time) -> str:
    """``Mon, Wed, Fri at 18:00``."""
    return ", ".join(WEEKDAYS[day] for day in sorted(weekdays)) + f" at {time_of_day(at)}"


def calendar_event_title(routine_name: str | None) -> str:
    """The calendar event's title: ``Exercises: Gentle start`` or ``Sciatica exercises``."""
    return f"Exercises: {routine_name}" if routine_name else "Sciatica exercises"


def reminder_title(kind: str) -> str:
    """The notification's heading; a nudge or a snoozed reminder says it comes again."""
    return "Time for your exercises" if kind == "first" else "Still time for your exercises"


def reminder_body(routine_name: str | None, minutes: int | None) -> str:
    """``Gentle start, about 12 min. A few minutes now helps your back tomorrow.``"""
    what = routine_name or "Your routine"
    length = f", about {minutes} min" if minutes else ""
    return f"{what}{length}. A few minutes now helps your back tomorrow."


def start_label(routine_name: str | None) -> str:
    """The notification's and tray's start button: ``Start Gentle start``."""
    return f"Start {routine_name}" if routine_name else "Start today's routine"


SNOOZE_LABEL = "In 30 minutes"
NOT_TODAY_LABEL = "Not today"

# What the voice says for each cue kind of the engine (core.engine.CUE_*) that needs no step.
SPOKEN_CUES = {"rest": "Rest", "halfway": "Halfway", "done": "Session done"}


def spoken_detail(step: Step) -> str:
    """``Set 1 of 2, left side, hold 20 seconds``: the step's details from the screen, said."""
    parts = []
    if step.set_count > 1:
        parts.append(f"Set {step.set_number} of {step.set_count}")
    if step.side:
        parts.append(f"{step.side} side")
    if step.reps is not None:
        parts.append(f"{step.reps} reps" + (" each side" if step.alternating else ""))
    else:
        parts.append(f"hold {step.seconds:g} seconds")
    return ", ".join(parts)


def spoken_cue(kind: str, step: Step | None, count: int | None = None) -> str:
    """What the voice says for a cue (see core.engine): the exercise's name and dose at the
    start of a work step, ``Switch to the left side``, ``Rest``, ``3``, ``Halfway``, a rep's
    number, ``Session done``; "" for a cue that is not said."""
    if kind in SPOKEN_CUES:
        return SPOKEN_CUES[kind]
    if kind in ("tick", "rep"):
        return str(count) if count is not None else ""
    if step is None:
        return ""
    if kind == "switch":
        return f"Switch to the {step.side} side" if step.side else "Switch sides"
    if kind == "start" and step.exercise is not None:
        return f"{step.exercise.name}. {spoken_detail(step)}"
    return ""


def pain_pair(before: PainCheck | None, after: PainCheck | None, which: str) -> str:
    """``5 → 3`` for ``which`` ("back" or "leg"), with a dash for a skipped check-in."""
    first = DASH if before is None else str(getattr(before, which))
    last = DASH if after is None else str(getattr(after, which))
    return f"{first} → {last}"


def pain_change(before: PainCheck | None, after: PainCheck | None, which: str) -> str:
    """``4 → 2  (easier)``: the pair with a word on the direction; ``not recorded`` when
    neither check-in was answered."""
    if before is None and after is None:
        return "not recorded"
    shown = pain_pair(before, after, which)
    if before is not None and after is not None:
        first, last = getattr(before, which), getattr(after, which)
        if last < first:
            shown += "  (easier)"
        elif last > first:
            shown += "  (worse)"
    return shown


def mean_pain(value: float | None) -> str:
    """``4.5``: an average pain score to one decimal, or a dash when there is none."""
    return DASH if value is None else f"{value:.1f}"


def mean_pain_pair(before: float | None, after: float | None) -> str:
    """``4.5 → 3.0``: average scores before and after, or a dash when neither exists."""
    if before is None and after is None:
        return DASH
    return f"{mean_pain(before)} → {mean_pain(after)}"


# --- exercises ----------------------------------------------------------------------------------

LEVEL_WORDS = {1: "gentle", 2: "moderate", 3: "demanding"}
DIRECTION_WORDS = {
    "neutral": "Neutral",
    "flexion": "Flexion (bending forward)",
    "extension": "Extension (arching back)",
    "rotation": "Rotation (twisting)",
    "neural": "Neural (nerve glide or stretch)",
    "flexion_and_extension": "Flexion and extension",
}


def _sentence_case(value: str) -> str:
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]


def group_words(group: str) -> str:
    """``Mobility``: an exercise group as a heading."""
    return _sentence_case(group)


def position_words(position: str) -> str:
    """``Lying on back``: a starting position as a label."""
    return _sentence_case(position)


def level_words(level: int) -> str:
    """``1 gentle``, ``3 demanding``."""
    word = LEVEL_WORDS.get(level)
    return f"{level} {word}" if word else str(level)


def direction_words(direction: str) -> str:
    """``Flexion (bending forward)``: which way an exercise moves the spine, said plainly."""
    return DIRECTION_WORDS.get(direction) or _sentence_case(direction)


def equipment_words(equipment: Sequence[str]) -> str:
    """``mat, chair`` or ``no equipment``."""
    return ", ".join(equipment) if equipment else "no equipment"


def dose_words(dose: Dose) -> str:
    """``2 × hold 20 s, left and right``, ``10 reps each side``: how much of an exercise."""
    if dose.mode == "hold":
        amount = f"hold {dose.hold:g} s"
    else:
        amount = f"{dose.reps} reps" + (" each side" if dose.sides == "alternating" else "")
    sets = f"{dose.sets} × " if dose.sets > 1 else ""
    sides = ", left and right" if dose.sides == "both" else ""
    return f"{sets}{amount}{sides}"


def instructions(exercise: Exercise, *, easier: bool = False, harder: bool = False) -> str:
    """The cues as a bulleted list. In the easier version, the starting position and then
    how to make it easier, which is what the user follows instead; in the harder version,
    every cue and then what to add."""
    if easier and exercise.easier:
        lines = [exercise.cues[0], f"Easier: {exercise.easier}"]
    elif harder and exercise.harder:
        lines = [*exercise.cues, f"Harder: {exercise.harder}"]
    else:
        lines = list(exercise.cues)
    return "\n".join(f"\u2022  {line}" for line in lines)


SPINE_WAYS = {"flexion": "Bending forward", "extension": "Leaning back"}
LEG_ANSWER_WORDS = {"better": "better", "same": "the same", "worse": "worse"}


def direction_warnings(spinal_direction: str, marked: Collection[str]) -> list[str]:
    """``Leaning back may make your leg worse: try it gently or skip it.`` for each way of
    moving the exercise uses that the symptom profile marks."""
    ways = (
        ("flexion", "extension")
        if spinal_direction == "flexion_and_extension"
        else (spinal_direction,)
    )
    return [
        f"{SPINE_WAYS[way]} may make your leg worse: try it gently or skip it."
        for way in ways
        if way in marked and way in SPINE_WAYS
    ]


def decision_note(suggestion_text: str, decision: str) -> str:
    """``Noted: you took "Keep the same routine..."``, under the suggestion cards."""
    if decision == "accepted":
        return f'Noted: you took "{suggestion_text}"'
    return f'Noted: set aside "{suggestion_text}"'


def leg_question(exercise_name: str) -> str:
    """The question in the rest after an exercise."""
    return f"How is your leg after {exercise_name}?"


def leg_answer(exercise_name: str, response: str) -> str:
    """``Leg after Bridge: worse. Noted.``"""
    return f"Leg after {exercise_name}: {LEG_ANSWER_WORDS.get(response, response)}. Noted."


def first_caution(exercise: Exercise) -> str:
    """``Take care: ...``, the caution that matters most, for under the cues; empty when
    the exercise has none."""
    return f"Take care: {exercise.cautions[0]}" if exercise.cautions else ""


def all_cautions(exercise: Exercise) -> str:
    """Every caution as a bulleted list under a heading, for the Take care view."""
    if not exercise.cautions:
        return "Take care: this exercise has no cautions of its own. The usual stop rules apply."
    items = "\n".join(f"\u2022  {caution}" for caution in exercise.cautions)
    return f"Take care:\n{items}"


def plan_cautions(routine: Routine) -> list[str]:
    """For a printed plan: each exercise of ``routine`` once, in order, with every caution
    and its easier and harder versions, one indented line each."""
    texts = []
    seen: set[str] = set()
    for block in routine.blocks:
        exercise = block.exercise
        if exercise.id in seen:
            continue
        seen.add(exercise.id)
        lines = [f"{exercise.name}:"]
        lines += [f"  - {caution}" for caution in exercise.cautions]
        if exercise.easier:
            lines.append(f"  Easier: {exercise.easier}")
        if exercise.harder:
            lines.append(f"  Harder: {exercise.harder}")
        texts.append("\n".join(lines))
    return texts


# --- the user's own routines: marks and copies -----------------------------------------------


def worse_lately(flag: ExerciseFlag) -> str:
    """``Leg worse 2 of 3 times lately``: under a flagged exercise on a routine page."""
    return f"Leg worse {flag.worse} of {plural(flag.answered, 'time')} lately"


def leave_out_label(exercise_name: str) -> str:
    """``Leave Single knee to chest out of this routine``."""
    return f"Leave {exercise_name} out of this routine"


def leave_out_question(routine: Routine, exercise_name: str, target: Path) -> str:
    """What leaving an exercise out will write, said before it is written."""
    if routine.builtin:
        return (
            f"This writes your own copy of {routine.name}, without {exercise_name}, to\n"
            f"{target}\n\nYour copy is used in place of the built-in routine. "
            "Delete that file to go back to the built-in."
        )
    return (
        f"This takes {exercise_name} out of your routine file\n{target}\n\n"
        f"The version before is kept beside it as {target.name}.previous."
    )


def leave_out_done(routine_name: str, exercise_name: str) -> str:
    """``Your copy of Gentle start now leaves out Single knee to chest.``"""
    return f"Your copy of {routine_name} now leaves out {exercise_name}."


def copy_comment(routine_name: str, exercise_name: str, day: date) -> str:
    """The comment at the top of the user's copy of a built-in routine."""
    return (
        f"Your copy of the built-in {routine_name}, without {exercise_name} "
        f"({long_date(day)}).\nDelete this file to go back to the built-in routine."
    )


def left_out_comment(exercise_name: str, day: date) -> str:
    """The comment added at the top of the user's routine file when an exercise is left out."""
    return f"{exercise_name} left out ({long_date(day)})."


def shown_count(shown: int, total: int, word: str) -> str:
    """``12 of 33 exercises``, or ``33 exercises`` when every one is shown."""
    if shown == total:
        return plural(total, word)
    return f"{shown} of {plural(total, word)}"


# --- a session's outcome -------------------------------------------------------------------------


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


# --- symptoms over time: how far down the leg, the traffic light, suggestions ------------------

LIGHT_WORDS = {"green": "leg settled", "amber": "stirred up", "red": "worse or spreading"}
DECISION_WORDS = {"accepted": "Taken", "dismissed": "Set aside", None: "Not answered"}


def reach_words(reach: str | None) -> str:
    """``below the knee``: how far down the leg, inside a sentence; a dash when unknown."""
    label = reach_label(reach)
    return label[:1].lower() + label[1:] if label else DASH


def reach_trend_text(trend: ReachTrend | None) -> str:
    """One line on how far down the leg symptoms reached before sessions, then and now,
    and what the change means: moving up towards the back is the good direction."""
    if trend is None:
        return (
            "No answers yet about how far down the leg your symptoms reach. "
            "The check-in before each session asks."
        )
    start = "How far down the leg before sessions: "
    first, last = reach_words(trend.first), reach_words(trend.last)
    if trend.direction is None:
        return f"{start}{first} on {long_date(trend.first_date)}, the only answer so far."
    if trend.direction == "same":
        return f"{start}{first} at the start of this period and now."
    changed = f"{start}{first} at the start of this period, {last} now."
    if trend.direction == "up":
        return f"{changed} Moving up towards the back is a good sign."
    return (
        f"{changed} Moving further down the leg: if it stays there, "
        "tell your physiotherapist or doctor."
    )


def light_label(colour: str) -> str:
    """``Amber: stirred up``: a session's traffic light in words."""
    return f"{colour.capitalize()}: {LIGHT_WORDS.get(colour, colour)}"


def light_legend() -> str:
    """``Green: leg settled; Amber: stirred up; Red: worse or spreading``."""
    return "; ".join(light_label(colour) for colour in LIGHT_WORDS)


def decision_words(decision: str | None) -> str:
    """``Taken``, ``Set aside`` or ``Not answered``: what the user did with a suggestion."""
    return DECISION_WORDS.get(decision, decision or DECISION_WORDS[None])


def self_check_line(direction: str, answer: str) -> str:
    """``Leaning back: moved up towards my back``: one self-check answer, for a list."""
    movement = MOVEMENT_WORDS.get(direction, direction).capitalize()
    return f"{movement}: {SELF_CHECK_ANSWER_WORDS.get(answer, answer).lower()}"


# --- the symptom profile and its self-check -------------------------------------------------

# What eases the leg: the answer's name, and one line saying what it means.
EASES_WORDS = {
    "bending_forward": (
        "Bending forward",
        "Sitting, or leaning forward on something, eases my leg.",
    ),
    "leaning_back": (
        "Leaning back",
        "Standing tall, walking or lying on my front eases my leg.",
    ),
    "neither": ("Neither", "Both ways feel about the same to my leg."),
    "not_sure": ("Not sure", "I have not noticed yet. The self-check can help."),
}
# The self-check's movements, as the user does them.
MOVEMENT_WORDS = {"extension": "leaning back", "flexion": "bending forward"}
SELF_CHECK_ANSWER_WORDS = {
    "up": "Moved up towards my back",
    "same": "Stayed the same",
    "down": "Spread further down my leg",
}


def eases_label(code: str) -> str:
    """``Leaning back``: the name of an answer to "what eases your leg?"."""
    return EASES_WORDS.get(code, (_sentence_case(code), ""))[0]


def eases_explanation(code: str) -> str:
    """The one line under an answer to "what eases your leg?"."""
    return EASES_WORDS.get(code, ("", ""))[1]


def profile_saved_on(day: date) -> str:
    """``You last saved this on Mon 2 Mar 2026.``"""
    return f"You last saved this on {long_date(day)}."


def self_check_findings(answers: Mapping[str, str], order: Sequence[str]) -> list[str]:
    """What the self-check found, one sentence per movement, in the order they were done:
    ``Leaning back moved your symptoms up towards your back. That is usually a good sign.``
    A movement left out because the check stopped says so."""
    found: list[str] = []
    for direction in order:
        movement = MOVEMENT_WORDS.get(direction, direction)
        said = _sentence_case(movement)
        answer = answers.get(direction)
        if answer == "up":
            found.append(
                f"{said} moved your symptoms up towards your back. That is usually a good sign."
            )
        elif answer == "same":
            found.append(f"{said} left your symptoms where they were.")
        elif answer == "down":
            found.append(
                f"{said} made your symptoms spread further down your leg. The app will mark "
                f"exercises that need {movement}."
            )
        elif "down" in answers.values():
            found.append(f"You stopped before {movement}, as you should. Leave it for today.")
    if not answers:
        found.append("You stopped before trying either way, so the check found nothing.")
    return found


def self_check_hint(answers: Mapping[str, str], eases: str) -> str:
    """A nudge when the check found one way that helps and the answer to "what eases your
    leg?" does not say so yet; an empty string otherwise. The choice stays the user's."""
    helped = [d for d, answer in answers.items() if answer == "up"]
    if len(helped) != 1 or "down" in answers.values():
        return ""
    choice = {"extension": "leaning_back", "flexion": "bending_forward"}.get(helped[0])
    if choice is None or choice == eases:
        return ""
    return (
        f"If {MOVEMENT_WORDS[helped[0]]} often eases your leg on other days too, you can "
        f"choose “{eases_label(choice)}” under “What eases your leg?”."
    )


# --- a clinician's prescription ---------------------------------------------------------------

SIDE_WORDS = {"left": "Left leg", "right": "Right leg", "both": "Both legs"}


def prescription_line(prescription: Prescription, today: date) -> str:
    """``From Dr Ann Lee, review on Mon 3 Jun 2024`` for Today; once the review date has
    passed it says so, and to ask before going on. Empty when there is nothing to say."""
    who = f"From {prescription.prescribed_by}" if prescription.prescribed_by else ""
    review = prescription.review_date
    if review is None:
        return who
    if prescription.review_passed(today):
        ask = f"ask {prescription.prescribed_by}" if prescription.prescribed_by else "ask"
        lead = f"{who}. " if who else ""
        return (
            f"{lead}The review date, {long_date(review)}, has passed: {ask} whether to go "
            "on with this routine."
        )
    return f"{who}, review on {long_date(review)}" if who else f"Review on {long_date(review)}"


def affected_side_words(prescription: Prescription) -> str:
    """``Left leg: exercises done on both sides start on the left``."""
    side = prescription.affected_side
    if side is None:
        return ""
    if side == "both":
        return SIDE_WORDS[side]
    if prescription.affected_side_only:
        return f"{SIDE_WORDS[side]}: exercises done on one side are done on the {side} only"
    return f"{SIDE_WORDS[side]}: exercises done on both sides start on the {side}"


def prescription_facts(prescription: Prescription) -> list[tuple[str, str]]:
    """Each field of the prescription that is filled in, as (label, words), in the order a
    clinician writes them."""
    facts = [
        ("Prescribed by", prescription.prescribed_by),
        ("Contact", prescription.contact),
        ("Given on", long_date(prescription.given_on) if prescription.given_on else ""),
        ("Review on", long_date(prescription.review_date) if prescription.review_date else ""),
        ("Affected side", affected_side_words(prescription)),
        (
            "Sessions a week",
            str(prescription.sessions_per_week) if prescription.sessions_per_week else "",
        ),
        ("Notes", prescription.notes),
    ]
    return [(label, words) for label, words in facts if words]


def sided_dose_words(dose: Dose, prescription: Prescription | None) -> str:
    """`dose_words`, with the prescription's affected side: ``hold 20 s, left side first``."""
    words = dose_words(dose)
    side = prescription.affected_side if prescription else None
    if dose.sides != "both" or prescription is None or side not in ("left", "right"):
        return words
    plain = words.removesuffix(", left and right")
    if prescription.affected_side_only:
        return f"{plain}, {side} side only"
    return f"{plain}, {side} side first"

"""Every piece of wording built from data, the same on every screen, paper and terminal.

Dates, times of day, lengths of time, pain scores, plans and a session's outcome are put
into words here once, so the end screen, History, Today, the printed summary and progress
report and the command line agree ("Stopped during Single knee to chest after 8 s: pain
spreading"; "Mon 6 May 2024"; "5 → 3"). Month and day names are spelt out here rather than
taken from the C locale, so the words read the same everywhere and can be translated in
this one place. Safety wording lives beside it, in `safety`.

Every word goes through ``i18n``: ``_`` and ``ngettext`` for the words, and in a language
other than English, Babel's CLDR data for month and day names, date order and the decimal
mark. English is the source language and is spelt out here, so it needs no Babel.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from sciatica_coach.core.library_text import shown_exercise_name
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
from sciatica_coach.i18n import N_, _, language, ngettext, number, pgettext, short_number
from sciatica_coach.i18n import day_names as _day_names
from sciatica_coach.i18n import month_names as _month_names

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_coach.core.catalog import Dose, Exercise, Prescription, Routine
    from sciatica_coach.core.coaching import ExerciseFlag
    from sciatica_coach.core.symptom_stats import ReachTrend
    from sciatica_coach.core.timeline import Step

DASH = "–"  # an en dash: ranges and a missing score
# English dates spelt out (CLDR's "en"); other languages take theirs from Babel.
# i18n: not words (English dates only)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (  # i18n: not words (English dates only)
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
# i18n: not words (English dates only)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# i18n: not words (English dates only)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- dates and times of day ------------------------------------------------------------------


def _english() -> bool:
    return language() == "en"


def weekday_name(weekday: int) -> str:
    """``Monday`` (``Montag`` in German): a day of the week in full, Monday being 0."""
    return WEEKDAY_NAMES[weekday] if _english() else _day_names("wide")[weekday]


def weekday_short(weekday: int) -> str:
    """``Mon`` (``Mo.`` in German): a day of the week, Monday being 0."""
    return WEEKDAYS[weekday] if _english() else _day_names("abbreviated")[weekday]


def long_date(day: date) -> str:
    """``Mon 6 May 2024`` (``Mo., 6. Mai 2024``)."""
    if not _english():
        return _locale_date(day, "yMMMEd")
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _locale_date(day: date, skeleton: str) -> str:
    from sciatica_coach.i18n import date_skeleton

    return date_skeleton(day, skeleton)


def month_name(day: date) -> str:
    """``May``: the short name of ``day``'s month."""
    return MONTHS[day.month - 1] if _english() else _month_names("abbreviated")[day.month - 1]


def short_date(day: date) -> str:
    """``6 May`` (``6. Mai``)."""
    if not _english():
        return _locale_date(day, "MMMd")  # i18n: not words (a CLDR skeleton)
    return f"{day.day} {MONTHS[day.month - 1]}"


def month_year(day: date) -> str:
    """``6 May 2024``."""
    if not _english():
        return _locale_date(day, "yMMMd")
    return f"{short_date(day)} {day.year}"


def day_heading(day: date) -> str:
    """``Wednesday 2 December`` (``Mittwoch, 2. Dezember``): a day in the week the user is
    living in."""
    if not _english():
        from sciatica_coach.i18n import date_pattern

        # Translators: a CLDR date pattern (weekday, day, month), e.g. "EEEE, d. MMMM".
        return date_pattern(day, pgettext("date pattern", "EEEE d MMMM"))
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
        return _("{seconds} s").format(seconds=total)
    minutes, rest = divmod(total, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        if minutes:
            return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
        return _("{hours} h").format(hours=hours)
    if rest:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    return _("{minutes} min").format(minutes=minutes)


def minutes_seconds(seconds: float) -> str:
    """``12:05``: minutes and seconds, rounded to the nearest second (``m:ss``)."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def whole_seconds_left(seconds: float) -> int:
    """The whole seconds a countdown of ``seconds`` shows: rounded up, so it shows 1 until it
    reaches 0 (with a millisecond's tolerance, so float noise from a tick that lands a hair
    past a whole second does not show the second above)."""
    return max(0, math.ceil(seconds - 1e-3))


def countdown(seconds: float) -> str:
    """``1:05`` for a minute and more, plain seconds below, rounded up as a countdown reads."""
    whole = whole_seconds_left(seconds)
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return str(whole)


def time_left(seconds: float) -> str:
    """``12:05``: always ``m:ss``, rounded up the same way as `countdown`, so the two agree."""
    return minutes_seconds(whole_seconds_left(seconds))


def seconds_text(value: float) -> str:
    """``12 s``, ``2.5 s``: a short measured time."""
    shown = number(value, 0 if value >= 10 or value.is_integer() else 1)
    return _("{seconds} s").format(seconds=shown)


# --- counts, plans and pain ----------------------------------------------------------------------


# Each counted word as a whole phrase, so a language can put the number where it belongs.
_COUNTED = {
    "session": lambda n: ngettext("{count} session", "{count} sessions", n),
    "week": lambda n: ngettext("{count} week", "{count} weeks", n),
    "day": lambda n: ngettext("{count} day", "{count} days", n),
    "time": lambda n: ngettext("{count} time", "{count} times", n),
    "exercise": lambda n: ngettext("{count} exercise", "{count} exercises", n),
    "step": lambda n: ngettext("{count} step", "{count} steps", n),
    "routine": lambda n: ngettext("{count} routine", "{count} routines", n),
}


def plural(count: int, word: str) -> str:
    """``1 session``, ``3 sessions`` (``3 Einheiten``); ``word`` is the English singular."""
    counted = _COUNTED.get(word)
    if counted is not None:
        return str(counted(count)).format(count=count)
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def percent(ratio: float) -> str:
    from sciatica_coach.i18n import percent as locale_percent

    return locale_percent(ratio)


def weekday_list(weekdays: Collection[int]) -> str:
    """``Mon, Wed, Fri``."""
    return ", ".join(weekday_short(day) for day in sorted(weekdays))


def plan_text(sessions_per_week: int, weekdays: Collection[int]) -> str:
    """``5 sessions a week`` or ``on Mon, Wed, Fri``."""
    if weekdays:
        return _("on {days}").format(days=weekday_list(weekdays))
    return ngettext("{count} session a week", "{count} sessions a week", sessions_per_week).format(
        count=sessions_per_week
    )


# --- reminders, the calendar and the spoken cues ---------------------------------------------


def time_of_day(at: time) -> str:
    """``18:00``: a reminder's time, on the 24-hour clock as the settings page shows it."""
    return at.strftime("%H:%M")


def plan_days_text(weekdays: Collection[int], at: time) -> str:
    """``Mon, Wed, Fri at 18:00``."""
    return _("{days} at {time}").format(days=weekday_list(weekdays), time=time_of_day(at))


def calendar_event_title(routine_name: str | None) -> str:
    """The calendar event's title: ``Exercises: Gentle start`` or ``Sciatica exercises``."""
    if routine_name:
        return _("Exercises: {routine}").format(routine=routine_name)
    return _("Sciatica exercises")


def reminder_title(kind: str) -> str:
    """The notification's heading; a nudge or a snoozed reminder says it comes again."""
    return _("Time for your exercises") if kind == "first" else _("Still time for your exercises")


def reminder_body(routine_name: str | None, minutes: int | None) -> str:
    """``Gentle start, about 12 min. A few minutes now helps your back tomorrow.``"""
    what = routine_name or _("Your routine")
    length = _(", about {minutes} min").format(minutes=minutes) if minutes else ""
    return _("{routine}{length}. A few minutes now helps your back tomorrow.").format(
        routine=what, length=length
    )


def start_label(routine_name: str | None) -> str:
    """The notification's and tray's start button: ``Start Gentle start``."""
    if routine_name:
        return _("Start {routine}").format(routine=routine_name)
    return _("Start today's routine")


# Translate these with `_` where they are shown (or call snooze_label / not_today_label).
SNOOZE_LABEL = N_("In 30 minutes")
NOT_TODAY_LABEL = N_("Not today")


def snooze_label() -> str:
    return _(SNOOZE_LABEL)


def not_today_label() -> str:
    return _(NOT_TODAY_LABEL)


# What the voice says for each cue kind of the engine (core.engine.CUE_*) that needs no step.
SPOKEN_CUES = {"rest": N_("Rest"), "halfway": N_("Halfway"), "done": N_("Session done")}


def side_name(side: str) -> str:
    """``left side``: a step's side, as the ring, the voice and the printed plan say it."""
    return {"left": _("left side"), "right": _("right side")}.get(side, side)


def side_words(side: str) -> str:
    """``left`` or ``right`` in the current language, inside a sentence."""
    return {"left": _("left"), "right": _("right")}.get(side, side)


def spoken_detail(step: Step) -> str:
    """``Set 1 of 2, left side, hold 20 seconds``: the step's details from the screen, said."""
    parts = []
    if step.set_count > 1:
        parts.append(
            _("Set {number} of {count}").format(number=step.set_number, count=step.set_count)
        )
    if step.side:
        parts.append(side_name(step.side))
    if step.reps is not None:
        if step.alternating:
            parts.append(_("{reps} reps each side").format(reps=step.reps))
        else:
            parts.append(_("{reps} reps").format(reps=step.reps))
    else:
        parts.append(_("hold {seconds} seconds").format(seconds=short_number(step.seconds)))
    return ", ".join(parts)


def spoken_cue(kind: str, step: Step | None, count: int | None = None) -> str:
    """What the voice says for a cue (see core.engine): the exercise's name and dose at the
    start of a work step, ``Switch to the left side``, ``Rest``, ``3``, ``Halfway``, a rep's
    number, ``Session done``; "" for a cue that is not said."""
    if kind in SPOKEN_CUES:
        return _(SPOKEN_CUES[kind])
    if kind in ("tick", "rep"):
        return str(count) if count is not None else ""
    if step is None:
        return ""
    if kind == "switch":
        if step.side == "left":
            return _("Switch to the left side")
        if step.side == "right":
            return _("Switch to the right side")
        return _("Switch sides")
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
        return _("not recorded")
    shown = pain_pair(before, after, which)
    if before is not None and after is not None:
        first, last = getattr(before, which), getattr(after, which)
        if last < first:
            shown += "  " + _("(easier)")
        elif last > first:
            shown += "  " + _("(worse)")
    return shown


def mean_pain(value: float | None) -> str:
    """``4.5``: an average pain score to one decimal, or a dash when there is none."""
    return DASH if value is None else number(value, 1)


def mean_pain_pair(before: float | None, after: float | None) -> str:
    """``4.5 → 3.0``: average scores before and after, or a dash when neither exists."""
    if before is None and after is None:
        return DASH
    return f"{mean_pain(before)} → {mean_pain(after)}"


# --- exercises ----------------------------------------------------------------------------------

LEVEL_WORDS = {1: N_("gentle"), 2: N_("moderate"), 3: N_("demanding")}
DIRECTION_WORDS = {
    "neutral": N_("Neutral"),
    "flexion": N_("Flexion (bending forward)"),
    "extension": N_("Extension (arching back)"),
    "rotation": N_("Rotation (twisting)"),
    "neural": N_("Neural (nerve glide or stretch)"),
    "flexion_and_extension": N_("Flexion and extension"),
}
# The catalog's groups, starting positions and equipment, as the library's filters show them.
GROUP_WORDS = {
    "mobility": N_("Mobility"),
    "strength": N_("Strength"),
    "balance": N_("Balance"),
    "core": N_("Core"),
}
POSITION_WORDS = {
    "seated": N_("Seated"),
    "lying on back": N_("Lying on back"),
    "lying on front": N_("Lying on front"),
    "side-lying": N_("Side-lying"),
    "hands and knees": N_("Hands and knees"),
    "kneeling": N_("Kneeling"),
    "standing": N_("Standing"),
}
EQUIPMENT_WORDS = {
    "broom handle or dowel": N_("broom handle or dowel"),
    "light weights (later)": N_("light weights (later)"),
    "chair or counter": N_("chair or counter"),
    "chair or wall": N_("chair or wall"),
    "strap (optional)": N_("strap (optional)"),
    "chair": N_("chair"),
    "comfortable shoes": N_("comfortable shoes"),
    "counter or chair": N_("counter or chair"),
    "counter or corner": N_("counter or corner"),
    "counter": N_("counter"),
    "low step or stair": N_("low step or stair"),
    "handrail": N_("handrail"),
    "mat": N_("mat"),
    "cushion (optional)": N_("cushion (optional)"),
    "pillow (optional)": N_("pillow (optional)"),
    "pillow": N_("pillow"),
    "small pillow": N_("small pillow"),
    "towel or strap": N_("towel or strap"),
    "sturdy chair": N_("sturdy chair"),
    "wall": N_("wall"),
}


def _sentence_case(value: str) -> str:
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]


def group_words(group: str) -> str:
    """``Mobility``: an exercise group as a heading."""
    return _(GROUP_WORDS[group]) if group in GROUP_WORDS else _sentence_case(group)


def position_words(position: str) -> str:
    """``Lying on back``: a starting position as a label."""
    return _(POSITION_WORDS[position]) if position in POSITION_WORDS else _sentence_case(position)


def level_words(level: int) -> str:
    """``1 gentle``, ``3 demanding``."""
    word = LEVEL_WORDS.get(level)
    return f"{level} {_(word)}" if word else str(level)


def direction_words(direction: str) -> str:
    """``Flexion (bending forward)``: which way an exercise moves the spine, said plainly."""
    words = DIRECTION_WORDS.get(direction)
    return _(words) if words else _sentence_case(direction)


def equipment_words(equipment: Sequence[str]) -> str:
    """``mat, chair`` or ``no equipment``."""
    if not equipment:
        return _("no equipment")
    return ", ".join(
        _(EQUIPMENT_WORDS[item]) if item in EQUIPMENT_WORDS else item for item in equipment
    )


def dose_words(dose: Dose) -> str:
    """``2 × hold 20 s, left and right``, ``10 reps each side``: how much of an exercise."""
    if dose.mode == "hold":
        amount = _("hold {seconds} s").format(seconds=short_number(dose.hold or 0))
    elif dose.sides == "alternating":
        amount = _("{reps} reps each side").format(reps=dose.reps)
    else:
        amount = _("{reps} reps").format(reps=dose.reps)
    sets = f"{dose.sets} × " if dose.sets > 1 else ""
    sides = _(", left and right") if dose.sides == "both" else ""
    return f"{sets}{amount}{sides}"


def instructions(exercise: Exercise, *, easier: bool = False, harder: bool = False) -> str:
    """The cues as a bulleted list. In the easier version, the starting position and then
    how to make it easier, which is what the user follows instead; in the harder version,
    every cue and then what to add."""
    if easier and exercise.easier:
        lines = [exercise.cues[0], _("Easier: {text}").format(text=exercise.easier)]
    elif harder and exercise.harder:
        lines = [*exercise.cues, _("Harder: {text}").format(text=exercise.harder)]
    else:
        lines = list(exercise.cues)
    return "\n".join(f"\u2022  {line}" for line in lines)


SPINE_WAYS = {"flexion": N_("Bending forward"), "extension": N_("Leaning back")}
LEG_ANSWER_WORDS = {"better": N_("better"), "same": N_("the same"), "worse": N_("worse")}


def direction_warnings(spinal_direction: str, marked: Collection[str]) -> list[str]:
    """``Leaning back may make your leg worse: try it gently or skip it.`` for each way of
    moving the exercise uses that the symptom profile marks."""
    ways = (
        ("flexion", "extension")
        if spinal_direction == "flexion_and_extension"
        else (spinal_direction,)
    )
    return [
        _("{way} may make your leg worse: try it gently or skip it.").format(way=_(SPINE_WAYS[way]))
        for way in ways
        if way in marked and way in SPINE_WAYS
    ]


def decision_note(suggestion_text: str, decision: str) -> str:
    """``Noted: you took "Keep the same routine..."``, under the suggestion cards."""
    if decision == "accepted":
        return _('Noted: you took "{suggestion}"').format(suggestion=suggestion_text)
    return _('Noted: set aside "{suggestion}"').format(suggestion=suggestion_text)


def leg_question(exercise_name: str) -> str:
    """The question in the rest after an exercise."""
    return _("How is your leg after {exercise}?").format(exercise=exercise_name)


def leg_answer(exercise_name: str, response: str) -> str:
    """``Leg after Bridge: worse. Noted.``"""
    answer = LEG_ANSWER_WORDS.get(response)
    return _("Leg after {exercise}: {answer}. Noted.").format(
        exercise=exercise_name, answer=_(answer) if answer else response
    )


def first_caution(exercise: Exercise) -> str:
    """``Take care: ...``, the caution that matters most, for under the cues; empty when
    the exercise has none."""
    if not exercise.cautions:
        return ""
    return _("Take care: {caution}").format(caution=exercise.cautions[0])


def all_cautions(exercise: Exercise) -> str:
    """Every caution as a bulleted list under a heading, for the Take care view."""
    if not exercise.cautions:
        return _("Take care: this exercise has no cautions of its own. The usual stop rules apply.")
    items = "\n".join(f"\u2022  {caution}" for caution in exercise.cautions)
    return _("Take care:") + f"\n{items}"


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
            lines.append("  " + _("Easier: {text}").format(text=exercise.easier))
        if exercise.harder:
            lines.append("  " + _("Harder: {text}").format(text=exercise.harder))
        texts.append("\n".join(lines))
    return texts


# --- the user's own routines: marks and copies -----------------------------------------------


def worse_lately(flag: ExerciseFlag) -> str:
    """``Leg worse 2 of 3 times lately``: under a flagged exercise on a routine page."""
    return ngettext(
        "Leg worse {worse} of {count} time lately",
        "Leg worse {worse} of {count} times lately",
        flag.answered,
    ).format(worse=flag.worse, count=flag.answered)


def leave_out_label(exercise_name: str) -> str:
    """``Leave Single knee to chest out of this routine``."""
    return _("Leave {exercise} out of this routine").format(exercise=exercise_name)


def leave_out_question(routine: Routine, exercise_name: str, target: Path) -> str:
    """What leaving an exercise out will write, said before it is written."""
    if routine.builtin:
        return _(
            "This writes your own copy of {routine}, without {exercise}, to\n"
            "{target}\n\nYour copy is used in place of the built-in routine. "
            "Delete that file to go back to the built-in."
        ).format(routine=routine.name, exercise=exercise_name, target=target)
    return _(
        "This takes {exercise} out of your routine file\n{target}\n\n"
        "The version before is kept beside it as {name}.previous."
    ).format(exercise=exercise_name, target=target, name=target.name)


def leave_out_done(routine_name: str, exercise_name: str) -> str:
    """``Your copy of Gentle start now leaves out Single knee to chest.``"""
    return _("Your copy of {routine} now leaves out {exercise}.").format(
        routine=routine_name, exercise=exercise_name
    )


def copy_comment(routine_name: str, exercise_name: str, day: date) -> str:
    """The comment at the top of the user's copy of a built-in routine."""
    return _(
        "Your copy of the built-in {routine}, without {exercise} "
        "({date}).\nDelete this file to go back to the built-in routine."
    ).format(routine=routine_name, exercise=exercise_name, date=long_date(day))


def left_out_comment(exercise_name: str, day: date) -> str:
    """The comment added at the top of the user's routine file when an exercise is left out."""
    return _("{exercise} left out ({date}).").format(exercise=exercise_name, date=long_date(day))


def shown_count(shown: int, total: int, word: str) -> str:
    """``12 of 33 exercises``, or ``33 exercises`` when every one is shown."""
    if shown == total:
        return plural(total, word)
    return _("{shown} of {total}").format(shown=shown, total=plural(total, word))


# --- a session's outcome -------------------------------------------------------------------------


def outcome_label(status: str, reason_code: str | None) -> str:
    """``Completed``, ``Stopped: pain spreading``, ``Stopped early`` or ``Not finished``."""
    if status == COMPLETED:
        return _("Completed")
    if status == STOPPED:
        reason = stop_reason(reason_code)
        if reason is EARLY:
            return _("Stopped early")
        return _("Stopped: {reason}").format(reason=_(reason.short))
    if status == INTERRUPTED:
        return _("Not finished")
    if status == IN_PROGRESS:
        return _("In progress")
    return status


def stopped_step(record: SessionRecord, steps: Sequence[StepRecord]) -> StepRecord | None:
    """The logged step the session was stopped in, if it was stopped and that is known."""
    if record.status != STOPPED or record.stop_step is None:
        return None
    return next((step for step in steps if step.step_index == record.stop_step), None)


def provoking_step(record: SessionRecord, steps: Sequence[StepRecord]) -> StepRecord | None:
    """The exercise step under way when the session was stopped, or the one just before the
    rest or side switch it was stopped in."""
    stop = stopped_step(record, steps)
    if stop is None:
        return None
    if stop.exercise_id or stop.exercise_name:
        return stop
    earlier = [s for s in steps if s.step_index < stop.step_index and s.exercise_name]
    return earlier[-1] if earlier else None


def provoking_exercise(record: SessionRecord, steps: Sequence[StepRecord]) -> str | None:
    """The name of the exercise the session was stopped in (see `provoking_step`)."""
    step = provoking_step(record, steps)
    return shown_exercise_name(step.exercise_id, step.exercise_name) if step is not None else None


def stop_place(record: SessionRecord, steps: Sequence[StepRecord]) -> str:
    """``during Single knee to chest after 8 s``; empty when the place is not known."""
    stop = stopped_step(record, steps)
    if stop is None:
        return ""
    name = provoking_exercise(record, steps)
    if stop.kind == "work" and name:
        if stop.status != STEP_STOPPED:  # stopped while repeating a set already done
            return _("during {exercise} (repeating a set)").format(exercise=name)
        reps = ""
        if stop.reps_done:
            reps = _(", {done} of {planned} reps").format(
                done=stop.reps_done, planned=stop.reps_planned
            )
        return _("during {exercise} after {time}{reps}").format(
            exercise=name, time=describe_duration(stop.actual_seconds), reps=reps
        )
    if stop.kind == "prepare":
        return _("while getting ready")
    if stop.kind == "switch" and name:
        return _("while switching sides in {exercise}").format(exercise=name)
    if name:
        return _("in the rest after {exercise}").format(exercise=name)
    return ""


def outcome_line(record: SessionRecord, steps: Sequence[StepRecord]) -> str:
    """The outcome with where a stop happened: ``Stopped during Bridge after 8 s: sharp pain``."""
    place = stop_place(record, steps)
    if not place:
        return outcome_label(record.status, record.stop_reason)
    reason = stop_reason(record.stop_reason)
    if reason is EARLY:
        return _("Stopped {place}").format(place=place)
    return _("Stopped {place}: {reason}").format(place=place, reason=_(reason.short))


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

LIGHT_WORDS = {
    "green": N_("leg settled"),
    "amber": N_("stirred up"),
    "red": N_("worse or spreading"),
}
LIGHT_NAMES = {"green": N_("Green"), "amber": N_("Amber"), "red": N_("Red")}
DECISION_WORDS = {"accepted": N_("Taken"), "dismissed": N_("Set aside"), None: N_("Not answered")}


def reach_words(reach: str | None) -> str:
    """``below the knee``: how far down the leg, inside a sentence; a dash when unknown.
    German keeps the label's capital (Oberschenkel, Po, Fuß are nouns)."""
    label = reach_label(reach)
    if not label:
        return DASH
    return label[:1].lower() + label[1:] if _english() else label


def reach_trend_text(trend: ReachTrend | None) -> str:
    """One line on how far down the leg symptoms reached before sessions, then and now,
    and what the change means: moving up towards the back is the good direction."""
    if trend is None:
        return _(
            "No answers yet about how far down the leg your symptoms reach. "
            "The check-in before each session asks."
        )
    start = _("How far down the leg before sessions:") + " "
    first, last = reach_words(trend.first), reach_words(trend.last)
    if trend.direction is None:
        return start + _("{reach} on {date}, the only answer so far.").format(
            reach=first, date=long_date(trend.first_date)
        )
    if trend.direction == "same":
        return start + _("{reach} at the start of this period and now.").format(reach=first)
    changed = start + _("{first} at the start of this period, {last} now.").format(
        first=first, last=last
    )
    if trend.direction == "up":
        return f"{changed} " + _("Moving up towards the back is a good sign.")
    return f"{changed} " + _(
        "Moving further down the leg: if it stays there, tell your physiotherapist or doctor."
    )


def light_label(colour: str) -> str:
    """``Amber: stirred up``: a session's traffic light in words."""
    name = LIGHT_NAMES.get(colour)
    words = LIGHT_WORDS.get(colour)
    return f"{_(name) if name else colour.capitalize()}: {_(words) if words else colour}"


def light_legend() -> str:
    """``Green: leg settled; Amber: stirred up; Red: worse or spreading``."""
    return "; ".join(light_label(colour) for colour in LIGHT_WORDS)


def decision_words(decision: str | None) -> str:
    """``Taken``, ``Set aside`` or ``Not answered``: what the user did with a suggestion."""
    words = DECISION_WORDS.get(decision)
    if words is None:
        return decision or _(DECISION_WORDS[None])
    return _(words)


def self_check_line(direction: str, answer: str) -> str:
    """``Leaning back: moved up towards my back``: one self-check answer, for a list."""
    movement = _sentence_case(_movement(direction))
    said = SELF_CHECK_ANSWER_WORDS.get(answer)
    answered = _(said) if said else answer
    return f"{movement}: {answered[:1].lower()}{answered[1:]}"


def _movement(direction: str) -> str:
    words = MOVEMENT_WORDS.get(direction)
    return _(words) if words else direction


# --- the symptom profile and its self-check -------------------------------------------------

# What eases the leg: the answer's name, and one line saying what it means.
EASES_WORDS = {
    "bending_forward": (
        N_("Bending forward"),
        N_("Sitting, or leaning forward on something, eases my leg."),
    ),
    "leaning_back": (
        N_("Leaning back"),
        N_("Standing tall, walking or lying on my front eases my leg."),
    ),
    "neither": (N_("Neither"), N_("Both ways feel about the same to my leg.")),
    "not_sure": (N_("Not sure"), N_("I have not noticed yet. The self-check can help.")),
}
# The self-check's movements, as the user does them.
MOVEMENT_WORDS = {"extension": N_("leaning back"), "flexion": N_("bending forward")}
SELF_CHECK_ANSWER_WORDS = {
    "up": N_("Moved up towards my back"),
    "same": N_("Stayed the same"),
    "down": N_("Spread further down my leg"),
}


def eases_label(code: str) -> str:
    """``Leaning back``: the name of an answer to "what eases your leg?"."""
    words = EASES_WORDS.get(code)
    return _(words[0]) if words else _sentence_case(code)


def eases_explanation(code: str) -> str:
    """The one line under an answer to "what eases your leg?"."""
    words = EASES_WORDS.get(code)
    return _(words[1]) if words else ""


def profile_saved_on(day: date) -> str:
    """``You last saved this on Mon 2 Mar 2026.``"""
    return _("You last saved this on {date}.").format(date=long_date(day))


def self_check_findings(answers: Mapping[str, str], order: Sequence[str]) -> list[str]:
    """What the self-check found, one sentence per movement, in the order they were done:
    ``Leaning back moved your symptoms up towards your back. That is usually a good sign.``
    A movement left out because the check stopped says so."""
    found: list[str] = []
    for direction in order:
        movement = _movement(direction)
        said = _sentence_case(movement)
        answer = answers.get(direction)
        if answer == "up":
            found.append(
                _(
                    "{movement} moved your symptoms up towards your back. "
                    "That is usually a good sign."
                ).format(movement=said)
            )
        elif answer == "same":
            found.append(_("{movement} left your symptoms where they were.").format(movement=said))
        elif answer == "down":
            found.append(
                _(
                    "{movement} made your symptoms spread further down your leg. The app will "
                    "mark exercises that need {movement_lower}."
                ).format(movement=said, movement_lower=movement)
            )
        elif "down" in answers.values():
            found.append(
                _("You stopped before {movement}, as you should. Leave it for today.").format(
                    movement=movement
                )
            )
    if not answers:
        found.append(_("You stopped before trying either way, so the check found nothing."))
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
    return _(
        "If {movement} often eases your leg on other days too, you can "
        "choose “{choice}” under “What eases your leg?”."
    ).format(movement=_movement(helped[0]), choice=eases_label(choice))


# --- a clinician's prescription ---------------------------------------------------------------

SIDE_WORDS = {"left": N_("Left leg"), "right": N_("Right leg"), "both": N_("Both legs")}


def prescription_line(prescription: Prescription, today: date) -> str:
    """``From Dr Ann Lee, review on Mon 3 Jun 2024`` for Today; once the review date has
    passed it says so, and to ask before going on. Empty when there is nothing to say."""
    by = prescription.prescribed_by
    who = _("From {clinician}").format(clinician=by) if by else ""
    review = prescription.review_date
    if review is None:
        return who
    if prescription.review_passed(today):
        lead = f"{who}. " if who else ""
        if by:
            return lead + _(
                "The review date, {date}, has passed: ask {clinician} whether to go "
                "on with this routine."
            ).format(date=long_date(review), clinician=by)
        return lead + _(
            "The review date, {date}, has passed: ask whether to go on with this routine."
        ).format(date=long_date(review))
    if who:
        return _("{who}, review on {date}").format(who=who, date=long_date(review))
    return _("Review on {date}").format(date=long_date(review))


def affected_side_words(prescription: Prescription) -> str:
    """``Left leg: exercises done on both sides start on the left``."""
    side = prescription.affected_side
    if side is None:
        return ""
    if side == "both":
        return _(SIDE_WORDS[side])
    if prescription.affected_side_only:
        return _("{leg}: exercises done on one side are done on the {side} only").format(
            leg=_(SIDE_WORDS[side]), side=side_words(side)
        )
    return _("{leg}: exercises done on both sides start on the {side}").format(
        leg=_(SIDE_WORDS[side]), side=side_words(side)
    )


def prescription_facts(prescription: Prescription) -> list[tuple[str, str]]:
    """Each field of the prescription that is filled in, as (label, words), in the order a
    clinician writes them."""
    facts = [
        (_("Prescribed by"), prescription.prescribed_by),
        (_("Contact"), prescription.contact),
        (_("Given on"), long_date(prescription.given_on) if prescription.given_on else ""),
        (_("Review on"), long_date(prescription.review_date) if prescription.review_date else ""),
        (_("Affected side"), affected_side_words(prescription)),
        (
            _("Sessions a week"),
            str(prescription.sessions_per_week) if prescription.sessions_per_week else "",
        ),
        (_("Notes"), prescription.notes),
    ]
    return [(label, words) for label, words in facts if words]


def sided_dose_words(dose: Dose, prescription: Prescription | None) -> str:
    """`dose_words`, with the prescription's affected side: ``hold 20 s, left side first``."""
    words = dose_words(dose)
    side = prescription.affected_side if prescription else None
    if dose.sides != "both" or prescription is None or side not in ("left", "right"):
        return words
    plain = words.removesuffix(_(", left and right"))
    if prescription.affected_side_only:
        return _("{dose}, {side} side only").format(dose=plain, side=side_words(side))
    return _("{dose}, {side} side first").format(dose=plain, side=side_words(side))


def saved_where(path: Path) -> str:
    """``Saved morning.toml in /home/ann/.local/share/sciatica-coach/routines.``"""
    return _("Saved {file} in {folder}.").format(file=path.name, folder=path.parent)


def import_done(added: int, steps: int, already: int, source: object) -> str:
    """``Imported 3 sessions (41 steps) from paper.csv; 1 already in the log …``."""
    line = _("Imported {sessions} ({steps} steps) from {source}").format(
        sessions=plural(added, "session"), steps=steps, source=source
    )
    if already:
        line += _("; {count} already in the log were left as they were").format(count=already)
    return line


def import_refused(source: object) -> str:
    return _("{source}: nothing was imported; fix the rows above and try again").format(
        source=source
    )


def calendar_text(weeks: int, days_exercised: int, lights: Sequence[str]) -> str:
    """The calendar in one sentence for a screen reader: ``Last 52 weeks: you exercised on
    40 days. After sessions: 30 green, 8 amber, 2 red.``"""
    said = _("Last {weeks} weeks: you exercised on {days}.").format(
        weeks=weeks, days=plural(days_exercised, "day")
    )
    if not lights:
        return said
    counts = _("After sessions: {green} green, {amber} amber, {red} red.").format(
        green=lights.count("green"), amber=lights.count("amber"), red=lights.count("red")
    )
    return f"{said} {counts}"

"""The HTML of the printed session summary and progress report (plain Python, no Qt).

Everything that came from the user or from a file (notes, routine and exercise names, ids) goes
through `escape` or `text_block`, so it prints as text and can never become markup, a link or
an image. Images are named by `ADHERENCE_CHART`, `PAIN_CHART` and `thumbnail_name`; the
renderer supplies those images and nothing else. The HTML keeps to what Qt's rich-text engine
lays out: tables for layout, simple CSS, font sizes in points and spacing in pixels.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence
from datetime import date, timedelta

from sciatica_coach.core.coaching import WORSE_FLAG_COUNT, WORSE_FLAG_DAYS
from sciatica_coach.core.records import SessionRecord, WeeklyPlan
from sciatica_coach.core.safety import reach_label
from sciatica_coach.core.symptoms import SymptomProfile
from sciatica_coach.core.words import (
    DASH,
    WEEKDAYS,
    clock,
    date_range,
    decision_words,
    eases_label,
    long_date,
    mean_pain_pair,
    outcome_label,
    percent,
    plan_text,
    reach_trend_text,
    seconds_text,
    self_check_line,
    short_date,
)
from sciatica_coach.core.words import describe_duration as duration
from sciatica_coach.report.progress_report import ProgressReport
from sciatica_coach.report.summary import ExerciseLine, SessionSummary

APP_NAME = "Sciatica Coach"
SUMMARY_TITLE = "Exercise session summary"
REPORT_TITLE = "Exercise progress report"
ADHERENCE_CHART = "chart:adherence"
PAIN_CHART = "chart:pain"
# Widths in CSS pixels (1/96 inch); the body of an A4 or Letter page is about 650 wide.
CHART_SIZE = (640, 215)
# A summary must fit one page: the more exercises, the smaller their pictures.
THUMBNAIL_ASPECT = 1024 / 360  # the illustrations' start-and-end sheet
THUMBNAIL_HEIGHTS = (54, 36)  # largest and smallest, in CSS pixels
COMPACT_THUMBNAIL_HEIGHTS = (40, 26)
THUMBNAIL_ROOM = 470  # height shared by the exercise rows on a Letter page

MINUS = "−"

# Ink for paper, always on white: not ui/colours.py, whose colours follow the screen's light or
# dark palette (and the report may not import the UI). report/charts.py and the page painter
# use the same ink and muted grey for the figures and footers.
INK = "#1d2b36"
MUTED = "#5f6b76"
ACCENT = "#1f6f69"
RULE = "#d3dade"
SHADE = "#eef3f3"

# Qt's rich text takes cell padding in px only and ignores font-size on headings; the
# renderer sizes headings itself (paint.HEADING_POINTS).
CSS = f"""
body {{ color: {INK}; }}
h1 {{ color: {INK}; margin-top: 0px; margin-bottom: 2px; }}
h2 {{ color: {ACCENT}; margin-top: 20px; margin-bottom: 6px; }}
h3 {{ color: {MUTED}; margin-top: 9px; margin-bottom: 1px; }}
p {{ margin-top: 0px; margin-bottom: 5px; }}
p.note {{ margin-bottom: 2px; }}
p.suggestion {{ margin-bottom: 9px; }}
.sub {{ color: {MUTED}; font-size: 10.5pt; margin-bottom: 12px; }}
.caption {{ color: {MUTED}; font-size: 8.5pt; margin-top: 3px; }}
.muted {{ color: {MUTED}; }}
.small {{ font-size: 8.5pt; }}
.label {{ color: {MUTED}; font-size: 7.5pt; }}
.figure {{ font-size: 13pt; font-weight: 600; color: {INK}; }}
table.facts td {{ background-color: {SHADE}; padding: 9px 12px 10px 12px; vertical-align: top; }}
table.grid {{ border-collapse: collapse; }}
table.grid th {{ font-size: 8pt; font-weight: 600; color: {MUTED}; text-align: left;
  padding: 3px 6px 4px 6px; border-bottom: 1px solid #9aa6ad; }}
table.grid td {{ padding: 5px 6px 5px 6px; border-bottom: 0.6px solid {RULE};
  vertical-align: middle; }}
table.days td {{ padding: 2px 0px 2px 0px; text-align: center; font-size: 9pt; }}
.nowrap {{ white-space: nowrap; }}
table.compact td {{ padding: 2px 6px 2px 6px; }}
"""


# --- escaping and formatting -------------------------------------------------------------------


def escape(text: str) -> str:
    """Text for an HTML element or attribute: <, >, &, and both quotes become entities."""
    return html.escape(text, quote=True)


def text_block(text: str) -> str:
    """User text with its line breaks kept, escaped."""
    lines = text.strip().splitlines()
    return "<br />".join(escape(line) for line in lines)


def outcome(session: SessionRecord) -> str:
    """The outcome without the steps (where a stop happened is not known from the row)."""
    return outcome_label(session.status, session.stop_reason)


def _document(body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8" /><style type="text/css">{CSS}</style></head>'
        f"<body>{body}</body></html>"
    )


def _fact(label: str, figure: str, detail: str = "", width: int = 25) -> str:
    extra = f'<br /><span class="muted small">{detail}</span>' if detail else ""
    return (
        f'<td width="{width}%"><span class="label">{escape(label.upper())}</span><br />'
        f'<span class="figure">{figure}</span>{extra}</td>'
    )


# --- session summary -------------------------------------------------------------------------


def session_summary_html(
    summary: SessionSummary, *, thumbnails: Collection[int] = (), compact: bool = False
) -> str:
    """The one-page summary; ``thumbnails`` holds the indexes of exercises that have a picture
    (named by `thumbnail_name`). ``compact`` has smaller pictures and tighter rows, for a
    session too long to fit a page otherwise."""
    session = summary.session
    when = long_date(session.local_date) + ", " + clock(session, session.started_at)
    if session.ended_at is not None and clock(session, session.ended_at) != clock(
        session, session.started_at
    ):
        when += f"{DASH}{clock(session, session.ended_at)}"
    done = sum(line.done_steps for line in summary.exercises)
    planned = session.planned_work_steps or sum(line.planned_steps for line in summary.exercises)
    skipped = sum(line.skipped_steps for line in summary.exercises)
    parts = [
        f"<h1>{SUMMARY_TITLE}</h1>",
        f'<p class="sub">{escape(when)} &nbsp;·&nbsp; {escape(session.routine_name)}</p>',
        '<table class="facts" width="100%" cellspacing="0"><tr>',
        _fact("Routine", escape(session.routine_name), width=30),
        _fact(
            "Time exercising",
            duration(session.active_seconds),
            f"about {duration(round(session.planned_seconds / 60) * 60)} planned"
            if session.planned_seconds >= 30
            else "",
            width=24,
        ),
        _fact("Outcome", escape(summary.outcome or outcome(session)), width=24),
        _fact(
            "Exercise sets done",
            f"{done} of {planned}" if planned else DASH,
            (f"{skipped} skipped" if skipped else "none skipped") if planned else "none recorded",
            width=22,
        ),
        "</tr></table>",
        "<h2>Exercises</h2>",
        _exercise_table(summary.exercises, thumbnails, compact),
        '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top: 6px;"><tr>',
        f'<td width="55%">{_pain_section(session)}</td><td width="6%"></td>',
        f'<td width="39%">{_week_section(summary)}</td>',
        "</tr></table>",
        _notes_section(session),
    ]
    return _document("".join(parts))


def thumbnail_name(index: int) -> str:
    return f"thumb:{index}"


def thumbnail_size(exercises: int, *, compact: bool = False) -> tuple[int, int]:
    """Width and height of the pictures in a summary listing this many exercises."""
    largest, smallest = COMPACT_THUMBNAIL_HEIGHTS if compact else THUMBNAIL_HEIGHTS
    height = max(smallest, min(largest, THUMBNAIL_ROOM // max(1, exercises) - 14))
    return round(height * THUMBNAIL_ASPECT), height


def planned_text(line: ExerciseLine) -> str:
    """'2 × 30 s hold, each side', '1 × 10 reps': sets × dose, as clinicians write it."""
    if line.reps is not None:
        text = f"{line.set_count} × {line.reps} reps" + (" each side" if line.alternating else "")
    elif line.hold_seconds is not None:
        text = f"{line.set_count} × {seconds_text(line.hold_seconds)} hold"
    else:
        text = f"{line.set_count} set{'s' if line.set_count != 1 else ''}"
    if len(line.sides) > 1:
        text += ", each side"
    return text


def done_text(line: ExerciseLine) -> str:
    text = f"{line.done_steps} of {line.planned_steps}"
    if line.held_seconds is not None:
        held = seconds_text(line.held_seconds)
        text += f'<br /><span class="muted small">avg {held}</span>'
    elif line.reps_done is not None:
        text += f'<br /><span class="muted small">{line.reps_done} reps</span>'
    if line.easier_steps:
        easier = "easier" if line.easier_steps == line.done_steps else f"{line.easier_steps} easier"
        text += f'<br /><span class="muted small">{easier}</span>'
    return text


def _exercise_table(
    lines: tuple[ExerciseLine, ...], thumbnails: Collection[int], compact: bool
) -> str:
    if not lines:
        return '<p class="muted">No exercise steps were recorded for this session.</p>'
    width, height = thumbnail_size(len(lines), compact=compact)
    rows = [
        f'<table class="grid{" compact" if compact else ""}" width="100%"><thead><tr>',
        f'<th width="{width + 14}">Picture</th><th>Exercise</th>',
        '<th width="28%">Planned (sets × dose)</th><th width="11%" align="right">Sets done</th>',
        '<th width="10%" align="right">Skipped</th></tr></thead>',
    ]
    for index, line in enumerate(lines):
        picture = (
            f'<img src="{thumbnail_name(index)}" width="{width}" height="{height}" />'
            if index in thumbnails
            else ""
        )
        missed = str(line.skipped_steps) if line.skipped_steps else DASH
        if line.not_reached:
            missed += f'<br /><span class="muted small">{line.not_reached} not reached</span>'
        caution = f'<br /><span class="muted small">{escape(line.caution)}</span>'
        rows.append(
            f"<tr><td>{picture}</td><td><b>{escape(line.name)}</b>"
            f"{caution if line.caution else ''}</td>"
            f"<td>{escape(planned_text(line))}</td>"
            f'<td align="right">{done_text(line)}</td><td align="right">{missed}</td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def _pain_section(session: SessionRecord) -> str:
    before, after = session.pain_before, session.pain_after
    if before is None and after is None:
        return '<h2>Pain</h2><p class="muted">No pain check-in was recorded.</p>'

    def score(check: object, which: str) -> str:
        value = getattr(check, which, None)
        return DASH if value is None else str(value)

    def change(which: str) -> str:
        first = getattr(before, which, None)
        last = getattr(after, which, None)
        if first is None or last is None or first == last:
            return "no change" if first is not None and first == last else DASH
        word = "easier" if last < first else "worse"
        sign = MINUS if last < first else "+"
        return f"{sign}{abs(last - first)} ({word})"

    rows = [
        "<h2>Pain (0 = none, 10 = worst)</h2>",
        '<table class="grid" width="100%"><thead><tr><th></th><th align="right">Before</th>',
        '<th align="right">After</th><th align="right">Change</th></tr></thead>',
    ]
    for which, label in (("back", "Back"), ("leg", "Leg")):
        rows.append(
            f'<tr><td>{label}</td><td align="right">{score(before, which)}</td>'
            f'<td align="right">{score(after, which)}</td>'
            f'<td align="right">{change(which)}</td></tr>'
        )
    reach_before = reach_label(before.reach if before else None) or DASH
    reach_after = reach_label(after.reach if after else None) or DASH
    if reach_before != DASH or reach_after != DASH:
        rows.append(
            f'<tr><td>Symptoms reach</td><td align="right">{escape(reach_before)}</td>'
            f'<td align="right">{escape(reach_after)}</td><td></td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def _week_section(summary: SessionSummary) -> str:
    week = summary.week
    end = week.week_start + timedelta(days=6)
    cells = "".join(
        f'<td style="color: {ACCENT if done else "#9aa6ad"};">{"✓" if done else "·"}</td>'
        for done in summary.week_days
    )
    names = "".join(f'<td class="label">{day}</td>' for day in WEEKDAYS)
    return (
        "<h2>This week</h2>"
        f"<p>{_week_progress(week.sessions_done, week.planned)}</p>"
        f'<p class="muted small">{short_date(week.week_start)} {DASH} {short_date(end)} '
        f"{end.year}</p>"
        f'<table class="days" width="100%"><tr>{names}</tr><tr>{cells}</tr></table>'
    )


def _week_progress(done: int, planned: int) -> str:
    if done >= planned:
        sessions = f"session{'s' if done != 1 else ''}"
        return f"<b>{done}</b> {sessions} done: the plan of {planned} is met"
    return f"<b>{done} of {planned}</b> planned sessions done ({percent(done / planned)})"


def _notes_section(session: SessionRecord) -> str:
    notes = [
        ("Before the session", session.pain_before.note if session.pain_before else ""),
        ("Session notes", session.notes),
        ("After the session", session.pain_after.note if session.pain_after else ""),
    ]
    written = [(label, text) for label, text in notes if text.strip()]
    if not written:
        return ""
    parts = ["<h2>Notes</h2>"]
    for label, text in written:
        parts.append(f'<h3>{label}</h3><p class="note">{text_block(text)}</p>')
    return "".join(parts)


# --- progress report -------------------------------------------------------------------------


def progress_report_html(report: ProgressReport) -> str:
    """The progress report; the charts are the images `ADHERENCE_CHART` and `PAIN_CHART`."""
    width, height = CHART_SIZE
    done, minutes = report.sessions_done, report.minutes
    per_session = f"{duration(minutes * 60 / done)} a session on average" if done else ""
    plan = f" &nbsp;·&nbsp; Plan: {escape(plans_text(report.plans))}" if report.plans else ""
    parts = [
        f"<h1>{REPORT_TITLE}</h1>",
        f'<p class="sub">{escape(date_range(report.start, report.end))}{plan}</p>',
        '<table class="facts" width="100%" cellspacing="0"><tr>',
        _fact("Sessions done", *_sessions_figure(report), width=21),
        _fact("Time exercising", duration(minutes * 60), per_session, width=23),
        _fact(
            "Exercise sets done",
            percent(report.completion) if report.completion is not None else DASH,
            "of the sets in the sessions logged",
            width=22,
        ),
        _pain_fact(report),
        "</tr></table>",
        "<h2>Sessions per week</h2>",
        f'<p><img src="{ADHERENCE_CHART}" width="{width}" height="{height}" /></p>',
        f'<p class="caption">{_adherence_caption(report)}</p>',
        "<h2>Pain trend</h2>",
        f'<p><img src="{PAIN_CHART}" width="{width}" height="{height}" /></p>',
        '<p class="caption">Weekly averages of the check-ins before and after each session, '
        "0 = no pain, 10 = worst imaginable. Gaps are weeks without a check-in.</p>",
        '<h2 style="page-break-before: always;">Week by week</h2>',
        _week_table(report),
        _skipped_section(report),
        _stop_section(report),
        _safety_stops_section(report),
        _profile_section(report),
        _flags_section(report),
        _suggestions_section(report),
        _report_notes(report),
    ]
    return _document("".join(parts))


def plans_text(plans: Sequence[tuple[date, WeeklyPlan]]) -> str:
    """'5 sessions a week', or each plan with the week it began: '3 sessions a week; from
    3 Mar 2025, 5 sessions a week'."""
    if not plans:
        return DASH
    first, *later = plans
    text = plan_text(first[1].sessions_per_week, first[1].weekdays)
    for monday, plan in later:
        text += f"; from {short_date(monday)} {monday.year}, "
        text += plan_text(plan.sessions_per_week, plan.weekdays)
    return text


def _sessions_figure(report: ProgressReport) -> tuple[str, str]:
    """The headline: sessions done against those planned, counted from the user's start."""
    done, planned = report.sessions_done, report.sessions_planned
    if not planned:
        started = report.started_on
        why = "started after this period" if started and started > report.end else "not started"
        return DASH, why
    detail = f"{percent(done / planned)} of the plan"
    if report.started_within and report.started_on is not None:
        detail += f"<br />since starting on {short_date(report.started_on)}"
    return f"{done} of {planned}", detail


def _adherence_caption(report: ProgressReport) -> str:
    text = (
        "A session counts when it was completed or stopped by a safety rule. "
        "Weeks run Monday to Sunday; the first and last week are counted in full."
    )
    if len(report.plans) > 1:
        text += " Each week is measured against the plan in effect on its Sunday."
    if report.started_within and report.started_on is not None:
        text += f" Weeks before {long_date(report.started_on)}, the start, are not counted."
    return text


def _pain_fact(report: ProgressReport) -> str:
    change = report.pain_change
    label = "Pain before sessions"
    if change is None:
        return _fact(label, DASH, "too few check-ins to compare", width=34)
    figure = f"Back {mean_pain_pair(change.back_first, change.back_last)}"
    detail = (
        f"Leg {mean_pain_pair(change.leg_first, change.leg_last)}<br />"
        f"average of the first and last {change.sessions} check-ins"
    )
    return _fact(label, figure, detail, width=34)


def _week_table(report: ProgressReport) -> str:
    """A row for each week counted; weeks before the user started would only be empty rows."""
    weeks = report.counted_weeks
    if not weeks:
        return '<p class="muted">No weeks to show: exercise had not started in this period.</p>'
    rows = []
    if report.started_within:
        rows.append(
            f'<p class="muted small">From the week of {long_date(weeks[0].week_start)}, '
            "when exercise started.</p>"
        )
    rows += [
        '<table class="grid" width="100%"><thead><tr><th>Week starting</th>',
        '<th align="right">Sessions</th><th align="right">Planned</th>',
        '<th align="right">Plan met</th><th align="right">Minutes</th>',
        '<th align="right">Back pain<br />before → after</th>',
        '<th align="right">Leg pain<br />before → after</th></tr></thead>',
    ]
    for week in weeks:
        rows.append(
            f'<tr><td class="nowrap">{long_date(week.week_start)}</td>'
            f'<td align="right">{week.sessions_done}</td><td align="right">{week.planned}</td>'
            f'<td align="right">{percent(week.adherence)}</td>'
            f'<td align="right">{week.minutes:.0f}</td>'
            f'<td align="right">{mean_pain_pair(week.back_before, week.back_after)}</td>'
            f'<td align="right">{mean_pain_pair(week.leg_before, week.leg_after)}</td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def _skipped_section(report: ProgressReport) -> str:
    if not report.skipped:
        return '<h2>Most skipped exercises</h2><p class="muted">No exercise was skipped.</p>'
    rows = [
        '<h2>Most skipped exercises</h2><table class="grid" width="100%"><tr>',
        '<th width="46%">Exercise</th><th align="right">Sets skipped</th>',
        '<th align="right">Sets offered</th><th align="right">Share skipped</th></tr>',
    ]
    for item in report.skipped:
        rows.append(
            f'<tr><td>{escape(item.name)}</td><td align="right">{item.skipped}</td>'
            f'<td align="right">{item.planned}</td>'
            f'<td align="right">{percent(item.skipped / item.planned)}</td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def _stop_section(report: ProgressReport) -> str:
    if not report.stop_reasons:
        return '<h2>Sessions ended early</h2><p class="muted">Every session was completed.</p>'
    rows = [
        '<h2>Sessions ended early</h2><table class="grid" width="100%"><tr>',
        '<th>Reason</th><th align="right">Sessions</th></tr>',
    ]
    for label, count in report.stop_reasons:
        rows.append(f'<tr><td>{escape(label)}</td><td align="right">{count}</td></tr>')
    rows.append("</table>")
    if report.stopped_during:
        rows.append(
            '<h3>Exercise under way when a symptom stopped the session</h3><table class="grid" '
            'width="100%"><tr><th>Exercise</th><th>Reason</th><th align="right">Times</th></tr>'
        )
        for exercise, why, count in report.stopped_during:
            rows.append(
                f"<tr><td>{escape(exercise)}</td><td>{escape(why)}</td>"
                f'<td align="right">{count}</td></tr>'
            )
        rows.append("</table>")
    return "".join(rows)


def _report_notes(report: ProgressReport) -> str:
    """Notes as paragraphs, not table rows: Qt splits a tall table row across pages untidily,
    while paragraphs break cleanly between lines."""
    if not report.notes:
        return '<h2>Notes</h2><p class="muted">No notes were written in this period.</p>'
    parts = ["<h2>Notes</h2>"]
    for note in report.notes:
        head = f"{long_date(note.local_date)} · {note.routine_name} · {note.label}"
        parts.append(f'<h3>{escape(head)}</h3><p class="note">{text_block(note.text)}</p>')
    return "".join(parts)


# --- symptoms: the profile, flagged exercises, suggestions and safety stops --------------------

SELF_CHECK_ORDER = ("extension", "flexion")  # as the self-check does them: lean back first


def _nothing(heading: str, message: str) -> str:
    return f'<h2>{heading}</h2><p class="muted">{escape(message)}</p>'


def _safety_stops_section(report: ProgressReport) -> str:
    if not report.safety_stops:
        return _nothing("Safety stops", "No session was stopped for a safety reason.")
    rows = [
        '<h2>Safety stops</h2><table class="grid" width="100%"><tr>',
        '<th width="22%">Date</th><th width="36%">Reason</th><th>Stopped during</th></tr>',
    ]
    for stop in report.safety_stops:
        rows.append(
            f'<tr><td class="nowrap">{long_date(stop.local_date)}</td>'
            f"<td>{escape(stop.reason)}</td>"
            f"<td>{escape(stop.exercise or DASH)}"
            f'<br /><span class="muted small">{escape(stop.routine_name)}</span></td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def self_check_lines(profile: SymptomProfile) -> list[str]:
    """One line per movement tried, in the order the self-check does them."""
    return [
        self_check_line(d, profile.self_check[d])
        for d in SELF_CHECK_ORDER
        if d in profile.self_check
    ]


def _profile_table(profile: SymptomProfile, heading: str) -> str:
    checks = self_check_lines(profile) or ["Not done"]
    return (
        f"<h3>{escape(heading)}</h3>"
        '<table class="grid" width="100%">'
        f'<tr><td width="30%">How far down the leg</td>'
        f"<td>{escape(reach_label(profile.reach) or 'Not answered')}</td></tr>"
        f"<tr><td>What eases the leg</td><td>{escape(eases_label(profile.eases))}</td></tr>"
        f"<tr><td>Self-check</td><td>{'<br />'.join(escape(c) for c in checks)}</td></tr>"
        "</table>"
    )


def _profile_section(report: ProgressReport) -> str:
    parts = ["<h2>Symptom profile</h2>", f"<p>{escape(reach_trend_text(report.reach_trend))}</p>"]
    if report.profiles:
        for n, profile in enumerate(report.profiles):
            when = f"Saved {long_date(profile.local_date)}"
            parts.append(_profile_table(profile, when + (" (in use)" if n == 0 else "")))
    elif report.profile_before is not None:
        before = report.profile_before
        parts.append(
            _profile_table(
                before,
                f"Saved {long_date(before.local_date)}, before this period, and in use during it",
            )
        )
    else:
        parts.append('<p class="muted">No symptom profile has been saved.</p>')
    return "".join(parts)


def _flags_section(report: ProgressReport) -> str:
    if not report.flags:
        return _nothing(
            "Exercises flagged",
            f"No exercise made the leg worse {WORSE_FLAG_COUNT} or more times within "
            f"{WORSE_FLAG_DAYS} days.",
        )
    rows = [
        "<h2>Exercises flagged</h2>",
        f'<p class="muted small">The leg was worse after these {WORSE_FLAG_COUNT} or more '
        f"times within {WORSE_FLAG_DAYS} days.</p>",
        '<table class="grid" width="100%">',
    ]
    for line in report.flags:
        rows.append(
            f"<tr><td>{escape(line.flag.text)}</td>"
            f'<td width="38%" class="muted">in the {WORSE_FLAG_DAYS} days to '
            f"{long_date(line.until)}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _suggestions_section(report: ProgressReport) -> str:
    """One paragraph each, date and answer first: a table row would split untidily across
    a page, and a heading of its own could be left behind at the foot of one."""
    if not report.suggestions:
        return _nothing("Suggestions", "The coach made no suggestions in this period.")
    parts = ["<h2>Suggestions</h2>"]
    for item in report.suggestions:
        head = f"{long_date(item.local_date)} · {decision_words(item.decision)}"
        parts.append(
            f'<p class="suggestion"><b>{escape(head)}</b><br />{escape(item.text)}'
            f'<br /><span class="muted small">Why: {escape(item.reason)}</span></p>'
        )
    return "".join(parts)

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
from sciatica_coach.core.library_text import shown_routine_name
from sciatica_coach.core.records import SessionRecord, WeeklyPlan
from sciatica_coach.core.safety import reach_label
from sciatica_coach.core.symptoms import SymptomProfile
from sciatica_coach.core.words import (
    DASH,
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
    weekday_short,
)
from sciatica_coach.core.words import describe_duration as duration
from sciatica_coach.i18n import N_, _, ngettext, pgettext
from sciatica_coach.report.progress_report import ProgressReport
from sciatica_coach.report.summary import ExerciseLine, SessionSummary

APP_NAME = "Sciatica Coach"  # i18n: not words (the program's name)
SUMMARY_TITLE = N_("Exercise session summary")
REPORT_TITLE = N_("Exercise progress report")
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
BR = "<br />"  # i18n: not words (markup)

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
    return BR.join(escape(line) for line in lines)


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

# Markup the sections share (no words in them).
# i18n: not words (markup)
FACTS_TABLE = '<table class="facts" width="100%" cellspacing="0"><tr>'
# i18n: not words (markup)
GRID_TABLE = '<table class="grid" width="100%">'
# i18n: not words (markup)
SIDE_BY_SIDE = '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top: 6px;"><tr>'


def _h2(heading: str) -> str:
    return f"<h2>{escape(heading)}</h2>"


def _muted(message: str) -> str:
    return f'<p class="muted">{escape(message)}</p>'


def _small(text: str) -> str:
    return f'<br /><span class="muted small">{text}</span>'


def _th(text: str, *, width: str = "", right: bool = False) -> str:
    """A table heading cell holding ``text`` (already escaped)."""
    size = f' width="{width}"' if width else ""
    align = ' align="right"' if right else ""  # i18n: not words (markup)
    return f"<th{size}{align}>{text}</th>"


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
    about = _("about {duration} planned").format(
        duration=duration(round(session.planned_seconds / 60) * 60)
    )
    if not planned:
        sets_detail = _("none recorded")
    elif skipped:
        sets_detail = _("{count} skipped").format(count=skipped)
    else:
        sets_detail = _("none skipped")
    sets = _("{done} of {planned}").format(done=done, planned=planned) if planned else DASH
    routine = shown_routine_name(session.routine_id, session.routine_name)
    parts = [
        f"<h1>{escape(_(SUMMARY_TITLE))}</h1>",
        f'<p class="sub">{escape(when)} &nbsp;·&nbsp; {escape(routine)}</p>',
        FACTS_TABLE,
        _fact(_("Routine"), escape(routine), width=30),
        _fact(
            _("Time exercising"),
            duration(session.active_seconds),
            about if session.planned_seconds >= 30 else "",
            width=24,
        ),
        _fact(_("Outcome"), escape(summary.outcome or outcome(session)), width=24),
        _fact(_("Exercise sets done"), sets, sets_detail, width=22),
        "</tr></table>",
        _h2(_("Exercises")),
        _exercise_table(summary.exercises, thumbnails, compact),
        SIDE_BY_SIDE,
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
        if line.alternating:
            text = _("{sets} × {reps} reps each side")
        else:
            text = _("{sets} × {reps} reps")
        text = text.format(sets=line.set_count, reps=line.reps)
    elif line.hold_seconds is not None:
        text = _("{sets} × {hold} hold").format(
            sets=line.set_count, hold=seconds_text(line.hold_seconds)
        )
    else:
        text = ngettext("{count} set", "{count} sets", line.set_count).format(count=line.set_count)
    if len(line.sides) > 1:
        text = _("{dose}, each side").format(dose=text)
    return text


def done_text(line: ExerciseLine) -> str:
    text = _("{done} of {planned}").format(done=line.done_steps, planned=line.planned_steps)
    if line.held_seconds is not None:
        text += _small(escape(_("avg {time}").format(time=seconds_text(line.held_seconds))))
    elif line.reps_done is not None:
        text += _small(escape(_("{reps} reps").format(reps=line.reps_done)))
    if line.easier_steps:
        if line.easier_steps == line.done_steps:
            easier = _("easier")
        else:
            easier = _("{count} easier").format(count=line.easier_steps)
        text += _small(escape(easier))
    return text


def _exercise_table(
    lines: tuple[ExerciseLine, ...], thumbnails: Collection[int], compact: bool
) -> str:
    if not lines:
        return _muted(_("No exercise steps were recorded for this session."))
    width, height = thumbnail_size(len(lines), compact=compact)
    rows = [
        f'<table class="grid{" compact" if compact else ""}" width="100%"><thead><tr>',
        _th(escape(_("Picture")), width=f"{width + 14}"),
        _th(escape(_("Exercise"))),
        _th(escape(_("Planned (sets × dose)")), width="28%"),
        _th(escape(_("Sets done")), width="11%", right=True),
        # A narrow column: its heading may need shorter words than elsewhere.
        _th(escape(pgettext("narrow column", "Skipped")), width="10%", right=True),
        "</tr></thead>",
    ]
    for index, line in enumerate(lines):
        picture = (
            f'<img src="{thumbnail_name(index)}" width="{width}" height="{height}" />'
            if index in thumbnails
            else ""
        )
        missed = str(line.skipped_steps) if line.skipped_steps else DASH
        if line.not_reached:
            missed += _small(escape(_("{count} not reached").format(count=line.not_reached)))
        caution = _small(escape(line.caution))
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
        return _h2(_("Pain")) + _muted(_("No pain check-in was recorded."))

    def score(check: object, which: str) -> str:
        value = getattr(check, which, None)
        return DASH if value is None else str(value)

    def change(which: str) -> str:
        first = getattr(before, which, None)
        last = getattr(after, which, None)
        if first is None or last is None or first == last:
            return escape(_("no change")) if first is not None and first == last else DASH
        word = _("(easier)") if last < first else _("(worse)")
        sign = MINUS if last < first else "+"
        return escape(f"{sign}{abs(last - first)} {word}")

    rows = [
        _h2(_("Pain (0 = none, 10 = worst)")),
        GRID_TABLE + "<thead><tr><th></th>",
        _th(escape(_("Before")), right=True),
        _th(escape(_("After")), right=True),
        _th(escape(_("Change")), right=True),
        "</tr></thead>",
    ]
    for which, label in (("back", pgettext("pain", "Back")), ("leg", pgettext("pain", "Leg"))):
        rows.append(
            f'<tr><td>{escape(label)}</td><td align="right">{score(before, which)}</td>'
            f'<td align="right">{score(after, which)}</td>'
            f'<td align="right">{change(which)}</td></tr>'
        )
    reach_before = reach_label(before.reach if before else None) or DASH
    reach_after = reach_label(after.reach if after else None) or DASH
    if reach_before != DASH or reach_after != DASH:
        reach = escape(_("Symptoms reach"))
        rows.append(
            f'<tr><td>{reach}</td><td align="right">{escape(reach_before)}</td>'
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
    names = "".join(f'<td class="label">{escape(weekday_short(day))}</td>' for day in range(7))
    return (
        _h2(_("This week")) + f"<p>{_week_progress(week.sessions_done, week.planned)}</p>"
        f'<p class="muted small">{short_date(week.week_start)} {DASH} {short_date(end)} '
        f"{end.year}</p>"
        f'<table class="days" width="100%"><tr>{names}</tr><tr>{cells}</tr></table>'
    )


def _week_progress(done: int, planned: int) -> str:
    if done >= planned:
        return ngettext(
            "{done} session done: the plan of {planned} is met",
            "{done} sessions done: the plan of {planned} is met",
            done,
        ).format(done=f"<b>{done}</b>", planned=planned)
    done_of_planned = _("{done} of {planned}").format(done=done, planned=planned)
    return _("{done_of_planned} planned sessions done ({percent})").format(
        done_of_planned=f"<b>{done_of_planned}</b>", percent=percent(done / planned)
    )


def _notes_section(session: SessionRecord) -> str:
    notes = [
        (_("Before the session"), session.pain_before.note if session.pain_before else ""),
        (_("Session notes"), session.notes),
        (_("After the session"), session.pain_after.note if session.pain_after else ""),
    ]
    written = [(label, text) for label, text in notes if text.strip()]
    if not written:
        return ""
    parts = [_h2(_("Notes"))]
    for label, text in written:
        parts.append(f'<h3>{escape(label)}</h3><p class="note">{text_block(text)}</p>')
    return "".join(parts)


# --- progress report -------------------------------------------------------------------------


def progress_report_html(report: ProgressReport) -> str:
    """The progress report; the charts are the images `ADHERENCE_CHART` and `PAIN_CHART`."""
    width, height = CHART_SIZE
    done, minutes = report.sessions_done, report.minutes
    per_session = (
        _("{duration} a session on average").format(duration=duration(minutes * 60 / done))
        if done
        else ""
    )
    plan = (
        " &nbsp;·&nbsp; " + escape(_("Plan: {plan}").format(plan=plans_text(report.plans)))
        if report.plans
        else ""
    )
    pain_caption = _(
        "Weekly averages of the check-ins before and after each session, "
        "0 = no pain, 10 = worst imaginable. Gaps are weeks without a check-in."
    )
    week_by_week = escape(_("Week by week"))
    parts = [
        f"<h1>{escape(_(REPORT_TITLE))}</h1>",
        f'<p class="sub">{escape(date_range(report.start, report.end))}{plan}</p>',
        FACTS_TABLE,
        _fact(_("Sessions done"), *_sessions_figure(report), width=21),
        _fact(_("Time exercising"), duration(minutes * 60), escape(per_session), width=23),
        _fact(
            _("Exercise sets done"),
            percent(report.completion) if report.completion is not None else DASH,
            escape(_("of the sets in the sessions logged")),
            width=22,
        ),
        _pain_fact(report),
        "</tr></table>",
        _h2(_("Sessions per week")),
        f'<p><img src="{ADHERENCE_CHART}" width="{width}" height="{height}" /></p>',
        f'<p class="caption">{_adherence_caption(report)}</p>',
        _h2(_("Pain trend")),
        f'<p><img src="{PAIN_CHART}" width="{width}" height="{height}" /></p>',
        f'<p class="caption">{escape(pain_caption)}</p>',
        f'<h2 style="page-break-before: always;">{week_by_week}</h2>',
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
        text = _("{earlier}; from {date}, {plan}").format(
            earlier=text,
            date=f"{short_date(monday)} {monday.year}",
            plan=plan_text(plan.sessions_per_week, plan.weekdays),
        )
    return text


def _sessions_figure(report: ProgressReport) -> tuple[str, str]:
    """The headline: sessions done against those planned, counted from the user's start."""
    done, planned = report.sessions_done, report.sessions_planned
    if not planned:
        started = report.started_on
        if started and started > report.end:
            return DASH, escape(_("started after this period"))
        return DASH, escape(_("not started"))
    detail = escape(_("{percent} of the plan").format(percent=percent(done / planned)))
    if report.started_within and report.started_on is not None:
        since = _("since starting on {date}").format(date=short_date(report.started_on))
        detail += BR + escape(since)
    return _("{done} of {planned}").format(done=done, planned=planned), detail


def _adherence_caption(report: ProgressReport) -> str:
    text = _(
        "A session counts when it was completed or stopped by a safety rule. "
        "Weeks run Monday to Sunday; the first and last week are counted in full."
    )
    if len(report.plans) > 1:
        text += " " + _("Each week is measured against the plan in effect on its Sunday.")
    if report.started_within and report.started_on is not None:
        text += " " + _("Weeks before {date}, the start, are not counted.").format(
            date=long_date(report.started_on)
        )
    return escape(text)


def _pain_fact(report: ProgressReport) -> str:
    change = report.pain_change
    label = _("Pain before sessions")
    if change is None:
        return _fact(label, DASH, escape(_("too few check-ins to compare")), width=34)
    back = mean_pain_pair(change.back_first, change.back_last)
    leg = mean_pain_pair(change.leg_first, change.leg_last)
    average = ngettext(
        "average of the first and last {count} check-ins",
        "average of the first and last {count} check-ins",
        change.sessions,
    ).format(count=change.sessions)
    figure = escape(_("Back {scores}").format(scores=back))
    detail = escape(_("Leg {scores}").format(scores=leg)) + BR + escape(average)
    return _fact(label, figure, detail, width=34)


def _week_table(report: ProgressReport) -> str:
    """A row for each week counted; weeks before the user started would only be empty rows."""
    weeks = report.counted_weeks
    if not weeks:
        return _muted(_("No weeks to show: exercise had not started in this period."))
    rows = []
    if report.started_within:
        started = _("From the week of {date}, when exercise started.").format(
            date=long_date(weeks[0].week_start)
        )
        rows.append(f'<p class="muted small">{escape(started)}</p>')
    change = escape(_("before → after"))
    rows += [
        GRID_TABLE + "<thead><tr>",
        _th(escape(_("Week starting"))),
        _th(escape(_("Sessions")), right=True),
        _th(escape(_("Planned")), right=True),
        _th(escape(_("Plan met")), right=True),
        _th(escape(_("Minutes")), right=True),
        _th(escape(_("Back pain")) + BR + change, right=True),
        _th(escape(_("Leg pain")) + BR + change, right=True),
        "</tr></thead>",
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
    heading = _h2(_("Most skipped exercises"))
    if not report.skipped:
        return heading + _muted(_("No exercise was skipped."))
    rows = [
        heading,
        GRID_TABLE + "<tr>",
        _th(escape(_("Exercise")), width="46%"),
        _th(escape(_("Sets skipped")), right=True),
        _th(escape(_("Sets offered")), right=True),
        _th(escape(_("Share skipped")), right=True),
        "</tr>",
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
    heading = _h2(_("Sessions ended early"))
    if not report.stop_reasons:
        return heading + _muted(_("Every session was completed."))
    rows = [
        heading,
        GRID_TABLE + "<tr>",
        _th(escape(_("Reason"))),
        _th(escape(_("Sessions")), right=True),
        "</tr>",
    ]
    for label, count in report.stop_reasons:
        rows.append(f'<tr><td>{escape(label)}</td><td align="right">{count}</td></tr>')
    rows.append("</table>")
    if report.stopped_during:
        under_way = escape(_("Exercise under way when a symptom stopped the session"))
        rows += [
            f"<h3>{under_way}</h3>{GRID_TABLE}<tr>",
            _th(escape(_("Exercise"))),
            _th(escape(_("Reason"))),
            _th(escape(_("Times")), right=True),
            "</tr>",
        ]
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
        return _h2(_("Notes")) + _muted(_("No notes were written in this period."))
    parts = [_h2(_("Notes"))]
    for note in report.notes:
        head = f"{long_date(note.local_date)} · {note.routine_name} · {note.label}"
        parts.append(f'<h3>{escape(head)}</h3><p class="note">{text_block(note.text)}</p>')
    return "".join(parts)


# --- symptoms: the profile, flagged exercises, suggestions and safety stops --------------------

SELF_CHECK_ORDER = ("extension", "flexion")  # as the self-check does them: lean back first


def _nothing(heading: str, message: str) -> str:
    return _h2(heading) + _muted(message)


def _safety_stops_section(report: ProgressReport) -> str:
    if not report.safety_stops:
        return _nothing(_("Safety stops"), _("No session was stopped for a safety reason."))
    rows = [
        _h2(_("Safety stops")),
        GRID_TABLE + "<tr>",
        _th(escape(_("Date")), width="22%"),
        _th(escape(_("Reason")), width="36%"),
        _th(escape(_("Stopped during"))),
        "</tr>",
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
    checks = self_check_lines(profile) or [_("Not done")]
    reach = reach_label(profile.reach) or _("Not answered")
    rows = (
        (_("How far down the leg"), escape(reach)),
        (_("What eases the leg"), escape(eases_label(profile.eases))),
        (_("Self-check"), BR.join(escape(c) for c in checks)),
    )
    first = ' width="30%"'  # i18n: not words (markup)
    cells = [
        f"<tr><td{first if n == 0 else ''}>{escape(label)}</td><td>{value}</td></tr>"
        for n, (label, value) in enumerate(rows)
    ]
    return f"<h3>{escape(heading)}</h3>" + GRID_TABLE + "".join(cells) + "</table>"


def _profile_section(report: ProgressReport) -> str:
    parts = [_h2(_("Symptom profile")), f"<p>{escape(reach_trend_text(report.reach_trend))}</p>"]
    if report.profiles:
        for n, profile in enumerate(report.profiles):
            saved = long_date(profile.local_date)
            if n == 0:
                when = _("Saved {date} (in use)").format(date=saved)
            else:
                when = _("Saved {date}").format(date=saved)
            parts.append(_profile_table(profile, when))
    elif report.profile_before is not None:
        before = report.profile_before
        when = _("Saved {date}, before this period, and in use during it").format(
            date=long_date(before.local_date)
        )
        parts.append(_profile_table(before, when))
    else:
        parts.append(_muted(_("No symptom profile has been saved.")))
    return "".join(parts)


def _flags_section(report: ProgressReport) -> str:
    if not report.flags:
        return _nothing(
            _("Exercises flagged"),
            _("No exercise made the leg worse {count} or more times within {days} days.").format(
                count=WORSE_FLAG_COUNT, days=WORSE_FLAG_DAYS
            ),
        )
    worse = _("The leg was worse after these {count} or more times within {days} days.").format(
        count=WORSE_FLAG_COUNT, days=WORSE_FLAG_DAYS
    )
    rows = [
        _h2(_("Exercises flagged")),
        f'<p class="muted small">{escape(worse)}</p>',
        GRID_TABLE,
    ]
    for line in report.flags:
        until = _("in the {days} days to {date}").format(
            days=WORSE_FLAG_DAYS, date=long_date(line.until)
        )
        rows.append(
            f"<tr><td>{escape(line.flag.text)}</td>"
            f'<td width="38%" class="muted">{escape(until)}</td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def _suggestions_section(report: ProgressReport) -> str:
    """One paragraph each, date and answer first: a table row would split untidily across
    a page, and a heading of its own could be left behind at the foot of one."""
    if not report.suggestions:
        return _nothing(_("Suggestions"), _("The coach made no suggestions in this period."))
    parts = [_h2(_("Suggestions"))]
    for item in report.suggestions:
        head = f"{long_date(item.local_date)} · {decision_words(item.decision)}"
        why = escape(_("Why: {reason}").format(reason=item.reason))
        parts.append(
            f'<p class="suggestion"><b>{escape(head)}</b><br />{escape(item.text)}'
            f'<br /><span class="muted small">{why}</span></p>'
        )
    return "".join(parts)

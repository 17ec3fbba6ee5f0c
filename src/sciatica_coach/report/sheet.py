"""The printable exercise sheet: a routine on paper, as a physiotherapist would hand it over.

For each exercise its start and end pictures, the dose, the cues and the caution that matters
most; then a tick grid for four weeks of planned days, the prescription, and the safety
footer the page painter puts on every page. A built-in routine fits on two pages: when the
roomy layout runs over, a tighter one (smaller pictures, cues on one line) is used.

`sheet_html` is plain text building (every word from a file is escaped); `sheet_document`
adds the pictures and needs a QGuiApplication, like the other printed documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QImage

from sciatica_coach.core import outputs
from sciatica_coach.core.catalog import Exercise, Routine
from sciatica_coach.core.records import WeeklyPlan
from sciatica_coach.core.timeline import expand_routine
from sciatica_coach.core.words import (
    first_caution,
    level_words,
    prescription_facts,
    short_date,
    sided_dose_words,
    weekday_short,
)
from sciatica_coach.i18n import N_, _
from sciatica_coach.illustrations.qt_pictures import illustration_image, user_picture_image
from sciatica_coach.report.documents import THUMBNAIL_SCALE, write_document_pdf
from sciatica_coach.report.html import CSS, escape, text_block
from sciatica_coach.report.paint import ReportDocument

SHEET_TITLE = N_("Exercise sheet")
PAGE_LIMIT = 2
WEEKS = 4
PICTURE_ASPECT = 1024 / 360  # the illustrations' start-and-end sheet
PICTURE_HEIGHTS = {False: 70, True: 46}  # CSS pixels: roomy, compact
GRID_INTRO = N_("Tick a box each day you do the routine.")
EXTRA_CSS = """
table.sheet td { padding: 5px 6px 6px 6px; border-bottom: 0.6px solid #d3dade;
  vertical-align: top; }
table.ticks td { border: 0.8px solid #5f6b76; padding: 5px 4px 5px 4px; text-align: center;
  font-size: 8pt; }
table.ticks th { font-size: 8pt; color: #5f6b76; padding: 2px 4px 2px 4px; }
td.planned { background-color: #eef3f3; }
"""


@dataclass(frozen=True)
class SheetOptions:
    """What beside the routine goes on the sheet: the day the tick grid starts (it starts on
    that week's Monday) and the user's weekly plan, whose weekdays are shaded."""

    start: date
    plan: WeeklyPlan | None = None


def picture_name(index: int) -> str:
    return f"sheet:{index}"


def picture_size(compact: bool) -> tuple[int, int]:
    height = PICTURE_HEIGHTS[compact]
    return round(height * PICTURE_ASPECT), height


def sheet_html(routine: Routine, options: SheetOptions, *, compact: bool = False) -> str:
    """The sheet's HTML; pictures are named `picture_name` for each block in order."""
    minutes = round(expand_routine(routine).total_seconds / 60)
    parts = [f"<h1>{escape(routine.name)}</h1>"]
    sub = _("About {minutes} minutes · level {level}").format(
        minutes=minutes, level=level_words(routine.level)
    )
    parts.append(f'<p class="sub">{escape(sub)}</p>')
    if routine.description and not compact:
        parts.append(f"<p>{text_block(routine.description)}</p>")
    parts.append(_exercises(routine, compact))
    parts.append(_tick_grid(routine, options))
    if routine.prescription is not None:
        parts.append(_prescription(routine))
    return (
        f'<html><head><meta charset="utf-8" /><style type="text/css">{CSS}{EXTRA_CSS}</style>'
        f"</head><body>{''.join(parts)}</body></html>"
    )


def _exercises(routine: Routine, compact: bool) -> str:
    width, height = picture_size(compact)
    rows = ['<table class="sheet" width="100%">']
    for index, block in enumerate(routine.blocks):
        exercise = block.exercise
        dose = sided_dose_words(block.dose, routine.prescription)
        cues = _cues(exercise, compact)
        caution = (
            f'<p class="muted small">{escape(first_caution(exercise))}</p>'
            if exercise.cautions
            else ""
        )
        rows.append(
            f'<tr><td width="{width + 12}"><img src="{picture_name(index)}" width="{width}" '
            f'height="{height}" /></td><td><p><b>{index + 1}. {escape(exercise.name)}</b>'
            f" &nbsp;·&nbsp; {escape(dose)}</p>{cues}{caution}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _cues(exercise: Exercise, compact: bool) -> str:
    if compact:
        return f'<p class="small">{" · ".join(escape(cue) for cue in exercise.cues)}</p>'
    return "".join(f'<p class="small">• {escape(cue)}</p>' for cue in exercise.cues)


def grid_start(day: date) -> date:
    """The Monday of ``day``'s week: the grid's first row."""
    return day - timedelta(days=day.weekday())


def _tick_grid(routine: Routine, options: SheetOptions) -> str:
    monday = grid_start(options.start)
    planned = options.plan.weekdays if options.plan is not None else frozenset()
    per_week = None
    if routine.prescription is not None and routine.prescription.sessions_per_week:
        per_week = routine.prescription.sessions_per_week
    elif options.plan is not None:
        per_week = options.plan.sessions_per_week
    aim = " " + _("Aim for {count} a week.").format(count=per_week) if per_week else ""
    shaded = " " + _("Shaded days are the days you planned.") if planned else ""
    heading, week_of = escape(_("Four weeks")), escape(_("Week of"))
    rows = [
        f"<h2>{heading}</h2>",
        f"<p>{escape(_(GRID_INTRO) + aim + shaded)}</p>",
        f'<table class="ticks" width="100%"><tr><th align="left">{week_of}</th>',
    ]
    rows += [f"<th>{escape(weekday_short(day))}</th>" for day in range(7)]
    rows.append("</tr>")
    for week in range(WEEKS):
        first = monday + timedelta(weeks=week)
        cells = [f'<td align="left" width="16%">{escape(short_date(first))}</td>']
        for offset in range(7):
            day = first + timedelta(days=offset)
            mark = ' class="planned"' if offset in planned else ""
            cells.append(f"<td{mark}>{day.day}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    rows.append("</table>")
    return "".join(rows)


def _prescription(routine: Routine) -> str:
    assert routine.prescription is not None
    facts = prescription_facts(routine.prescription)
    if not facts:
        return ""
    heading = escape(_("Your prescription"))
    rows = [f"<h2>{heading}</h2>", '<table class="grid" width="100%">']
    for label, words in facts:
        rows.append(
            f'<tr><td width="22%" class="muted">{escape(label)}</td><td>{text_block(words)}</td>'
            "</tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def sheet_document(
    routine: Routine, options: SheetOptions, *, printed_on: date | None = None
) -> ReportDocument:
    """The sheet ready to print or save, its pictures drawn."""
    images: dict[str, QImage] = {}
    width, height = picture_size(False)
    for index, block in enumerate(routine.blocks):
        images[picture_name(index)] = exercise_picture(block.exercise, width, height)
    return ReportDocument(
        html=sheet_html(routine, options),
        title=f"{_(SHEET_TITLE)} · {routine.name}",
        printed_on=printed_on or options.start,
        images=images,
        pdf_title=f"{_(SHEET_TITLE)}: {routine.name}",
        page_limit=PAGE_LIMIT,
        alternatives=(sheet_html(routine, options, compact=True),),
    )


def exercise_picture(exercise: Exercise, width: int, height: int) -> QImage:
    """The start and end pictures on white, drawn sharp for paper: the user's own picture
    when their routine names one, else the built-in illustration, else the grey stand-in."""
    scaled = round(width * THUMBNAIL_SCALE), round(height * THUMBNAIL_SCALE)
    if exercise.image is not None:
        own = user_picture_image(exercise.image, *scaled)
        if own is not None:
            return own
    return illustration_image(exercise.illustration or exercise.id, *scaled)


def write_sheet_pdf(
    routine: Routine,
    path: Path,
    options: SheetOptions,
    *,
    paper: str | None = None,
    printed_on: date | None = None,
) -> int:
    """Write the sheet as a private PDF, all or nothing; the number of pages.

    Raises ReportError or OutputError (see `write_document_pdf`).
    """
    outputs.check_target(path)
    document = sheet_document(routine, options, printed_on=printed_on)
    return write_document_pdf(document, path, paper)

"""Printed session summaries and progress reports, read back with a real PDF reader."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from report_history import HOSTILE_NOTE, write_history
from sciatica_coach.cli import main
from sciatica_coach.core import paths
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import ExerciseTotals, PainCheck, StepRecord, WeeklyPlan
from sciatica_coach.core.timeline import WORK, expand_routine
from sciatica_coach.report import html
from sciatica_coach.report.progress_report import gather_progress
from sciatica_coach.report.summary import summarise_session

LONDON = ZoneInfo("Europe/London")
NOTE = 'Tight after sitting <img src=file:///etc/passwd> & it\'s "better" <b>now</b>'
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo (poppler-utils) are not installed; CI installs them",
)
# One QApplication for every test, so the CLI's headless start-up reuses it.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


MONDAY_MORNING = datetime(2024, 5, 6, 9, 30, tzinfo=LONDON)


def gentle_session(
    log: SessionLog,
    library: Library,
    *,
    stop_after: int | None = None,
    skip: int = 7,
    start: datetime = MONDAY_MORNING,
) -> int:
    """Gentle start, by default on Mon 6 May 2024 at 09:30 London time; the 8th work step
    (single knee to chest, right side, first set) is skipped. With ``stop_after``, the session
    stops (pain spreading) after that many steps.
    """
    timeline = expand_routine(library.routines["gentle-start"])
    session_id = log.start_session(
        "gentle-start", "Gentle start", timeline.total_seconds, timeline.work_steps, start
    )
    log.record_pain(session_id, PainCheck("before", 5, 7, "Stiff this morning", "thigh"), start)
    at = start
    work_index = 0
    for step in timeline.steps[:stop_after]:
        skipped = step.kind == WORK and work_index == skip
        at += timedelta(seconds=2 if skipped else step.seconds)
        log.record_step(
            session_id,
            StepRecord(
                step_index=step.index,
                kind=step.kind,
                exercise_id=step.exercise.id if step.kind == WORK and step.exercise else None,
                exercise_name=step.exercise.name if step.kind == WORK and step.exercise else None,
                set_number=step.set_number,
                set_count=step.set_count,
                side=step.side,
                planned_seconds=step.seconds,
                actual_seconds=2.0 if skipped else step.seconds,
                reps_planned=step.reps if step.kind == WORK else None,
                reps_done=step.reps if step.kind == WORK and not skipped else None,
                status="skipped" if skipped else "done",
                ended_at=at,
            ),
        )
        work_index += step.kind == WORK
    log.set_notes(session_id, NOTE)
    if stop_after is None:
        log.record_pain(session_id, PainCheck("after", 3, 4, "", "buttock"), at)
        log.finish_session(session_id, "completed", at, (at - start).total_seconds())
    else:
        log.finish_session(
            session_id, "stopped", at, (at - start).total_seconds(), "pain_spreading"
        )
    return session_id


def pdf_text(pdf: Path, page: int | None = None, *, layout: bool = True) -> str:
    """The text as pdftotext reads it, ligatures spelled out; ``layout`` keeps the columns."""
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    result = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return unicodedata.normalize("NFKC", result.stdout)


def pdf_words(pdf: Path) -> str:
    """The text in reading order with runs of white space made single spaces, so a name
    wrapped inside a table cell still reads as one phrase."""
    return " ".join(pdf_text(pdf, layout=False).split())


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


# --- HTML, plain Python ---------------------------------------------------------------------


def test_report_html_and_data_modules_import_no_qt() -> None:
    code = (
        "import sys\n"
        "from sciatica_coach.report import html, progress_report, summary\n"
        "from sciatica_coach.core import csv_io\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_user_text_is_escaped_so_a_note_cannot_become_an_image(
    log: SessionLog, library: Library
) -> None:
    session_id = gentle_session(log, library)
    log.set_notes(session_id, NOTE + "\nsecond line")
    markup = html.session_summary_html(summarise_session(log, library, session_id))
    assert "<img src=file" not in markup and "<b>now</b>" not in markup
    assert (
        "Tight after sitting &lt;img src=file:///etc/passwd&gt; &amp; it&#x27;s "
        "&quot;better&quot; &lt;b&gt;now&lt;/b&gt;<br />second line"
    ) in markup
    report = html.progress_report_html(gather_progress(log, date(2024, 5, 1), date(2024, 5, 31)))
    assert "<img src=file" not in report and "&lt;img src=file:///etc/passwd&gt;" in report


def test_dates_durations_and_plans_read_the_same_in_every_locale() -> None:
    assert html.long_date(date(2024, 5, 6)) == "Mon 6 May 2024"
    assert html.date_range(date(2024, 1, 1), date(2024, 12, 31)) == "1 Jan – 31 Dec 2024"
    assert html.date_range(date(2023, 12, 4), date(2024, 2, 25)) == "4 Dec 2023 – 25 Feb 2024"
    assert [html.duration(s) for s in (45, 600, 725, 3600, 11_700)] == [
        "45 s",
        "10 min",
        "12 min 5 s",
        "1 h",
        "3 h 15 min",
    ]
    assert html.plan_text(5, frozenset()) == "5 sessions a week"
    assert html.plan_text(3, frozenset({0, 2, 4})) == "on Mon, Wed, Fri"


def test_summary_lists_each_exercise_planned_against_done(
    log: SessionLog, library: Library
) -> None:
    summary = summarise_session(log, library, gentle_session(log, library))
    names = [line.name for line in summary.exercises]
    assert names == [
        "Seated nerve glide",
        "Pelvic tilt",
        "Knee rocks",
        "Glute bridge",
        "Single knee to chest",
        "Easy walk",
    ]
    knee = summary.exercises[4]
    assert knee.sides == ("left", "right") and knee.hold_seconds == 20
    assert (knee.planned_steps, knee.done_steps, knee.skipped_steps) == (4, 3, 1)
    assert html.planned_text(knee) == "2 × 20 s hold, each side"
    assert summary.week.sessions_done == 1 and summary.week.planned == 5
    assert summary.week_days == (True, False, False, False, False, False, False)


def test_a_stopped_session_lists_what_it_never_reached(log: SessionLog, library: Library) -> None:
    summary = summarise_session(log, library, gentle_session(log, library, stop_after=6))
    reached = [line for line in summary.exercises if line.not_reached == 0]
    assert [line.name for line in reached] == ["Seated nerve glide", "Pelvic tilt"]
    assert summary.exercises[-1].not_reached == summary.exercises[-1].planned_steps
    assert summary.week.sessions_done == 1  # stopped by a safety rule still counts


def test_a_session_of_an_unknown_routine_is_summarised_from_its_steps(
    log: SessionLog, library: Library
) -> None:
    session_id = gentle_session(log, library)
    other = Library(library.exercises, {}, [])
    summary = summarise_session(log, other, session_id)
    assert [line.name for line in summary.exercises][:2] == ["Seated nerve glide", "Pelvic tilt"]
    assert summary.exercises[0].planned_steps == 2


def test_exercise_totals_put_the_most_skipped_first(log: SessionLog, library: Library) -> None:
    gentle_session(log, library, skip=0)
    gentle_session(log, library, skip=0, start=MONDAY_MORNING + timedelta(days=1))
    totals = log.exercise_totals(date(2024, 5, 1), date(2024, 5, 31))
    assert totals[0] == ExerciseTotals("seated_nerve_glide", "Seated nerve glide", 2, 2)
    assert ExerciseTotals("glute_bridge", "Glute bridge", 4, 0) in totals  # 2 sets a session
    assert log.exercise_totals(date(2024, 6, 1), date(2024, 6, 30)) == []


def test_progress_figures_match_the_history_written(log: SessionLog, library: Library) -> None:
    facts = write_history(log, library, date(2024, 1, 1), date(2024, 12, 31))
    report = gather_progress(log, date(2024, 1, 1), date(2024, 12, 31))
    assert len(report.weeks) == 53 and report.sessions_planned == 265
    assert report.sessions_done == facts.adherent
    assert report.sessions_logged == len(facts.session_ids)
    assert sum(count for _, count in report.stop_reasons) == facts.stopped
    assert len(report.notes) == facts.notes
    assert report.pain_change is not None
    assert report.pain_change.back_last < report.pain_change.back_first
    assert report.skipped and report.skipped[0].skipped >= report.skipped[-1].skipped


# --- counted from the start, each week by its own plan ----------------------------------------

RANGE_65_WEEKS = (date(2024, 1, 1), date(2025, 3, 30))  # Monday 1 Jan 2024 to a Sunday
STARTED = date(2025, 1, 22)  # a Wednesday in the 56th of those weeks


def started_ten_weeks_before_the_end(log: SessionLog, library: Library) -> None:
    """Plan 2 a week from Wed 22 Jan 2025; three sessions, in the first and third week."""
    log.set_plan(WeeklyPlan(2), STARTED)
    for day in (STARTED, STARTED + timedelta(days=1), STARTED + timedelta(weeks=2)):
        gentle_session(log, library, start=datetime.combine(day, MONDAY_MORNING.timetz()))


def test_a_user_who_started_ten_weeks_into_the_range_is_judged_on_those_ten(
    log: SessionLog, library: Library
) -> None:
    started_ten_weeks_before_the_end(log, library)
    report = gather_progress(log, *RANGE_65_WEEKS)
    assert len(report.weeks) == 65 and len(report.counted_weeks) == 10
    assert report.counted_weeks[0].week_start == date(2025, 1, 20)
    assert (report.sessions_done, report.sessions_planned) == (3, 20)
    assert report.started_on == STARTED and report.started_within
    assert report.plans == ((date(2025, 1, 20), WeeklyPlan(2)),)
    markup = html.progress_report_html(report)
    assert "3 of 20" in markup and "15% of the plan" in markup
    assert "since starting on 22 Jan" in markup


def test_a_plan_changed_from_3_to_5_judges_earlier_weeks_by_3_and_later_by_5(
    log: SessionLog, library: Library
) -> None:
    log.set_plan(WeeklyPlan(3), date(2024, 4, 1))
    gentle_session(log, library, start=datetime(2024, 4, 2, 9, tzinfo=LONDON))
    gentle_session(log, library, start=datetime(2024, 4, 16, 9, tzinfo=LONDON))
    log.set_plan(WeeklyPlan(5), date(2024, 4, 17))  # a Wednesday: that week is judged by 5
    report = gather_progress(log, date(2024, 4, 1), date(2024, 5, 5))
    assert [week.planned for week in report.weeks] == [3, 3, 5, 5, 5]
    assert report.sessions_planned == 21
    assert report.plans == ((date(2024, 4, 1), WeeklyPlan(3)), (date(2024, 4, 15), WeeklyPlan(5)))
    # A session summary judges its week by the plan of that week, not today's.
    summary = summarise_session(log, library, log.sessions()[-1].id)
    assert (summary.week.sessions_done, summary.week.planned) == (1, 3)


@needs_poppler
def test_the_report_pdf_counts_from_the_start_and_names_each_plan(
    tmp_path: Path, data: Path, log: SessionLog, library: Library
) -> None:
    started_ten_weeks_before_the_end(log, library)
    log.set_plan(WeeklyPlan(3, frozenset({0, 2, 4})), date(2025, 3, 5))
    out = tmp_path / "long.pdf"
    first, last = (day.isoformat() for day in RANGE_65_WEEKS)
    assert cli(data, "report", "--from", first, "--to", last, "--pdf", str(out)) == 0
    text = pdf_words(out)
    for expected in (
        "1 Jan 2024 – 30 Mar 2025",
        "Plan: 2 sessions a week; from 3 Mar 2025, on Mon, Wed, Fri",
        "3 of 24",  # 6 weeks of 2, then 4 weeks of 3 (Mon, Wed, Fri)
        "since starting on 22 Jan",
        "Weeks before Wed 22 Jan 2025, the start, are not counted.",
        "Mon 20 Jan 2025",
    ):
        assert expected in text, expected
    assert "Mon 13 Jan 2025" not in text and "Mon 1 Jan 2024" not in text
    rows = [line.split() for line in pdf_text(out).splitlines() if "2025" in line]
    planned = {" ".join(row[:4]): row[5] for row in rows if row[0] == "Mon" and len(row) > 6}
    assert planned["Mon 24 Feb 2025"] == "2" and planned["Mon 3 Mar 2025"] == "3"


@needs_poppler
def test_report_since_i_started_from_the_command_line(
    tmp_path: Path,
    data: Path,
    log: SessionLog,
    library: Library,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "since.pdf"
    assert cli(data, "report", "--from", "start", "--pdf", str(out)) == 1
    assert capsys.readouterr().err.strip() == (
        "No sessions logged yet: there is nothing to report."
    )
    started_ten_weeks_before_the_end(log, library)
    assert cli(data, "report", "--from", "start", "--to", "2025-03-30", "--pdf", str(out)) == 0
    assert capsys.readouterr().out.startswith(
        f"Wrote {out}: progress from 2025-01-22 to 2025-03-30"
    )
    text = pdf_words(out)
    assert "22 Jan – 30 Mar 2025" in text and "3 of 20" in text
    assert "since starting" not in text  # the range begins at the start: nothing left out


# --- paper --------------------------------------------------------------------------------


def test_paper_follows_the_locale_with_an_override() -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from sciatica_coach.report.paint import default_paper, page_size, paper_for_territory

    assert [paper_for_territory(code) for code in ("US", "CA", "MX", "PH")] == ["letter"] * 4
    assert [paper_for_territory(code) for code in ("GB", "DE", "AU", "IN", "")] == ["a4"] * 5
    assert default_paper(QLocale("en_US")) == "letter"
    assert default_paper(QLocale("fr_CA")) == "letter"
    assert default_paper(QLocale("en_GB")) == "a4"
    assert default_paper(QLocale("C")) == "a4"
    assert page_size("letter").id() == QPageSize.PageSizeId.Letter
    assert page_size("A4").id() == QPageSize.PageSizeId.A4
    with pytest.raises(ValueError, match="use a4 or letter"):
        page_size("legal")


# --- PDFs through the command line ----------------------------------------------------------


@needs_poppler
def test_summary_pdf_shows_the_session_with_its_note_as_text(
    tmp_path: Path, data: Path, log: SessionLog, library: Library
) -> None:
    session_id = gentle_session(log, library)
    out = tmp_path / "summary.pdf"
    assert cli(data, "summary", "last", "--pdf", str(out), "--paper", "a4") == 0
    text = pdf_words(out)
    for expected in (
        "Sciatica Coach",
        "Exercise session summary",
        "Mon 6 May 2024, 09:30",
        "Gentle start",
        "Pelvic tilt",
        "Single knee to chest",
        "Knee rocks",
        "Seated nerve glide",
        "2 × 20 s hold, each side",
        "Completed",
        "Stiff this morning",
        'Tight after sitting <img src=file:///etc/passwd> & it\'s "better" <b>now</b>',
        "not medical advice",
        "Page 1 of 1",
    ):
        assert expected in text, expected
    back = next(line for line in pdf_text(out).splitlines() if line.strip().startswith("Back "))
    assert back.split()[1:4] == ["5", "3", "−2"]
    assert pdf_pages(out) == 1
    by_id = tmp_path / "by-id.pdf"
    assert cli(data, "summary", str(session_id), "--pdf", str(by_id)) == 0
    assert "Mon 6 May 2024" in pdf_text(by_id)


@needs_poppler
def test_a_pdf_shows_no_image_it_was_not_given(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from sciatica_coach.report.documents import write_document_pdf
    from sciatica_coach.report.paint import ReportDocument

    picture = tmp_path / "secret.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(picture))
    markup = f'<p>before <img src="file://{picture}" width="40" height="40" /> after</p>'
    out = tmp_path / "sealed.pdf"
    write_document_pdf(ReportDocument(markup, "Test", date(2024, 5, 6)), out, "a4")
    listed = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    sizes = [(line.split()[3], line.split()[4]) for line in listed[2:]]
    assert ("40", "40") not in sizes  # the header icon is drawn as vectors, not an image
    assert "before after" in pdf_words(out)


@needs_poppler
def test_one_year_report_has_figures_page_numbers_and_clean_breaks(
    tmp_path: Path, data: Path, log: SessionLog, library: Library
) -> None:
    facts = write_history(log, library, date(2024, 1, 1), date(2024, 12, 31))
    out = tmp_path / "year.pdf"
    args = ("report", "--from", "2024-01-01", "--to", "2024-12-31", "--pdf", str(out))
    assert cli(data, *args, "--paper", "a4") == 0
    pages = pdf_pages(out)
    assert pages == expected_year_pages()
    text = pdf_words(out)
    for expected in (
        "Exercise progress report",
        "1 Jan – 31 Dec 2024",
        "Plan: 5 sessions a week",
        f"{facts.adherent} of 265",
        "Sessions per week",
        "Pain trend",
        "Week by week",
        "Mon 1 Jan 2024",
        "Mon 30 Dec 2024",
        "Most skipped exercises",
        "Sessions ended early",
        "Pain spreading down the leg",
        HOSTILE_NOTE,
    ):
        assert expected in text, expected
    headings = ("Week by week", "Most skipped exercises", "Sessions ended early", "Notes")
    for page in range(1, pages + 1):
        lines = [line.strip() for line in pdf_text(out, page).splitlines() if line.strip()]
        assert lines[0].startswith("Sciatica Coach")
        assert lines[0].endswith("Exercise progress report · 1 Jan – 31 Dec 2024")
        assert any(f"Page {page} of {pages}" in line for line in lines[-4:])
        body = [line for line in lines[1:-4] if "Made with Sciatica Coach" not in line]
        assert body[-1] not in headings, f"page {page} ends with a heading"
    assert "Week by week" not in pdf_text(out, 1)  # the charts page stands alone


def expected_year_pages() -> int:
    """Five A4 pages with DejaVu Sans (what CI installs): charts, three of tables, notes."""
    from PySide6.QtGui import QFontDatabase

    if "DejaVu Sans" not in QFontDatabase.families():
        pytest.skip("page count is pinned for DejaVu Sans, which is not installed")
    return 5


@needs_poppler
def test_three_month_report_in_letter_size(
    tmp_path: Path, data: Path, log: SessionLog, library: Library
) -> None:
    write_history(log, library, date(2024, 1, 1), date(2024, 12, 31))
    out = tmp_path / "quarter.pdf"
    args = ("report", "--from", "2024-04-01", "--to", "2024-06-30", "--pdf", str(out))
    assert cli(data, *args, "--paper", "letter") == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "612 x 792 pts (letter)" in info
    text = pdf_words(out)
    assert "1 Apr – 30 Jun 2024" in text and "of 65" in text
    assert "Mon 1 Jan 2024" not in text and "Mon 24 Jun 2024" in text


@needs_poppler
def test_the_commands_run_headless_with_no_display(tmp_path: Path, data: Path) -> None:
    with SessionLog(data / paths.DATABASE_NAME) as writing:
        gentle_session(writing, load_library(None))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = tmp_path / "headless.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "sciatica_coach", "--data-dir", str(data), "summary", "--pdf", out],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}: session 1 of 2024-05-06, 1 page")
    assert "Gentle start" in pdf_text(out)


def test_summary_and_report_explain_bad_input_in_one_line(
    tmp_path: Path, data: Path, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.pdf")
    assert cli(data, "summary", "--pdf", out) == 1
    assert cli(data, "report", "--from", "2024-01-01", "--to", "2024-02-01", "--pdf", out) == 1
    with SessionLog(data / paths.DATABASE_NAME) as writing:
        gentle_session(writing, library)
    assert cli(data, "summary", "42", "--pdf", out) == 2
    assert cli(data, "summary", "latest", "--pdf", out) == 2
    assert cli(data, "summary", "--pdf", str(tmp_path / "no" / "x.pdf")) == 2
    assert cli(data, "report", "--from", "2024-05-01", "--to", "2024-04-01", "--pdf", out) == 2
    assert cli(data, "report", "--from", "May 1", "--pdf", out) == 2
    assert cli(data, "summary") == 2  # --pdf is required
    lines = capsys.readouterr().err.splitlines()
    assert lines[:7] == [
        "No sessions logged yet: there is nothing to summarise.",
        "No sessions logged yet: there is nothing to report.",
        "no session 42 in the log (see: sciatica-coach history)",
        "not a session id: 'latest' (use a number or 'last')",
        f"{tmp_path / 'no' / 'x.pdf'}: the folder {tmp_path / 'no'} does not exist",
        "--to 2024-04-01 is before --from 2024-05-01",
        "sciatica-coach report: argument --from: not a date (YYYY-MM-DD): 'May 1' (see --help)",
    ]
    assert len(lines) == 8 and not Path(out).exists()


def test_export_then_import_into_an_empty_folder_then_export_is_identical(
    tmp_path: Path, data: Path, log: SessionLog, library: Library
) -> None:
    gentle_session(log, library)
    gentle_session(log, library, stop_after=6, start=MONDAY_MORNING + timedelta(days=2))
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert cli(data, "export", "--csv", str(first)) == 0
    fresh = tmp_path / "fresh"
    assert cli(fresh, "import", "--csv", str(first)) == 0
    assert cli(fresh, "export", "--csv", str(second)) == 0
    assert first.read_bytes() == second.read_bytes()
    assert cli(fresh, "import", "--csv", str(first)) == 0  # again: nothing is duplicated
    with SessionLog(fresh / paths.DATABASE_NAME) as reread:
        assert [s.status for s in reread.sessions()] == ["stopped", "completed"]


def test_import_reports_each_problem_and_imports_nothing(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "paper.csv"
    bad.write_text(
        "started_at,routine_id,pain_before_back,pain_before_leg\n"
        "2024-03-01T08:15,gentle-start,4,6\n"
        "2024-03-02T08:15,gentle-start,12,6\n",
        encoding="utf-8",
    )
    assert cli(data, "import", "--csv", str(bad)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{bad}: line 3, column 3 (pain_before_back): must be a whole number from 0 to 10, "
        "not '12'",
        f"{bad}: nothing was imported; fix the rows above and try again",
    ]
    with SessionLog(data / paths.DATABASE_NAME) as reread:
        assert reread.sessions() == []
    assert cli(data, "import", "--csv", str(tmp_path / "missing.csv")) == 2


# --- printing from the app -------------------------------------------------------------------


def test_date_range_dialog_offers_common_spans_and_refuses_a_backwards_range(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    from sciatica_coach.ui.printing import DateRangeDialog

    dialog = DateRangeDialog(date(2024, 6, 30))
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (date(2024, 4, 8), date(2024, 6, 30))
    assert dialog.quick.currentText() == "Last 12 weeks"
    dialog.quick.setCurrentIndex(0)
    assert dialog.chosen() == (date(2024, 6, 3), date(2024, 6, 30))
    dialog.start.setDate(QDate(2024, 1, 1))
    assert dialog.quick.currentText() == "Last 6 months"  # 182 days ending today
    dialog.start.setDate(QDate(2024, 1, 2))
    assert dialog.quick.currentText() == "Custom"
    dialog.end.setDate(QDate(2023, 12, 1))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.problem.text() == "The last day is before the first."


def test_date_range_dialog_offers_since_i_started(qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    from sciatica_coach.ui.printing import DateRangeDialog

    dialog = DateRangeDialog(date(2024, 6, 30), started=date(2024, 5, 8))
    qtbot.addWidget(dialog)
    labels = [dialog.quick.itemText(n) for n in range(dialog.quick.count())]
    assert labels[-2:] == ["Since I started", "Custom"]
    dialog.quick.setCurrentIndex(labels.index("Since I started"))
    assert dialog.chosen() == (date(2024, 5, 8), date(2024, 6, 30))
    dialog.start.setDate(QDate(2024, 5, 9))
    assert dialog.quick.currentText() == "Custom"
    dialog.start.setDate(QDate(2024, 5, 8))  # typed in by hand: still recognised
    assert dialog.quick.currentText() == "Since I started"
    never_started = DateRangeDialog(date(2024, 6, 30))
    qtbot.addWidget(never_started)
    assert never_started.quick.findText("Since I started") == -1


def test_the_print_preview_opens_offscreen_and_paints_the_summary(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, log: SessionLog, library: Library
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sciatica_coach.report import paint
    from sciatica_coach.ui import printing

    painted: list[int] = []

    def counting(document: paint.ReportDocument, device: object) -> int:
        pages = paint.paint_document(document, device)  # type: ignore[arg-type]
        painted.append(pages)
        return pages

    def close_when_painted() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not painted:
            QTimer.singleShot(20, close_when_painted)
            return
        dialog.reject()

    monkeypatch.setattr(printing, "paint_document", counting)
    session_id = gentle_session(log, library)
    QTimer.singleShot(0, close_when_painted)
    assert printing.print_session(None, log, library, session_id) is False  # closed unprinted
    assert painted and painted[0] == 1


@needs_poppler
def test_a_printer_gets_the_same_pages_as_the_pdf(
    tmp_path: Path, log: SessionLog, library: Library
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from sciatica_coach.report.documents import progress_report_document
    from sciatica_coach.report.paint import paint_document
    from sciatica_coach.ui.printing import new_printer

    write_history(log, library, date(2024, 4, 1), date(2024, 6, 30))
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    document = progress_report_document(log, date(2024, 4, 1), date(2024, 6, 30))
    pages = paint_document(document, printer)
    assert pdf_pages(out) == pages >= 2
    text = pdf_words(out)
    assert "Exercise progress report" in text and f"Page {pages} of {pages}" in text


def test_save_as_pdf_asks_for_a_name_and_adds_the_extension(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    log: SessionLog,
    library: Library,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from sciatica_coach.ui import file_actions, printing

    offered: list[str] = []

    def choose(parent: object, title: str, suggested: str, kinds: str) -> tuple[str, str]:
        offered.append(Path(suggested).name)
        return str(tmp_path / f"choice-{len(offered)}"), kinds

    warnings: list[str] = []
    told: list[tuple[Path, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    monkeypatch.setattr(
        printing, "show_warning", lambda parent, title, text, *icon: warnings.append(text)
    )
    monkeypatch.setattr(
        file_actions, "tell_saved", lambda parent, path, what="": told.append((path, what))
    )
    session_id = gentle_session(log, library)
    saving = printing.save_session_pdf(None, log, library, session_id)
    assert saving is not None
    with qtbot.waitSignal(saving.done) as summary_saved:
        pass
    assert summary_saved.args == [tmp_path / "choice-1.pdf"]
    offered_start: list[date | None] = []

    def ask(parent: object, today: date, started: date | None = None) -> tuple[date, date]:
        offered_start.append(started)
        return date(2024, 5, 1), date(2024, 5, 31)

    monkeypatch.setattr(printing, "ask_date_range", ask)
    saving = printing.save_progress_report_pdf(None, log)
    assert saving is not None
    with qtbot.waitSignal(saving.done) as report_saved:
        pass
    assert report_saved.args == [tmp_path / "choice-2.pdf"]
    assert offered_start == [date(2024, 5, 6)]  # the first session: "Since I started"
    assert offered == [
        "sciatica-coach-session-2024-05-06.pdf",
        "sciatica-coach-progress-2024-05-01-to-2024-05-31.pdf",
    ]
    assert told == [
        (tmp_path / "choice-1.pdf", "Session summary saved"),
        (tmp_path / "choice-2.pdf", "Progress report saved"),
    ]
    assert (tmp_path / "choice-1.pdf").read_bytes().startswith(b"%PDF")
    assert printing.save_session_pdf(None, log, library, 99) is None
    assert warnings and "There is no session 99" in warnings[0]

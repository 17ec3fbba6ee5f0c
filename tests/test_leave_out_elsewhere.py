"""'Leave this out' from the stop advice and from History's detail, as from the Routines page."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from command_line import exported_csv
from flow_helpers import App
from sciatica_coach.core import paths, safety
from sciatica_coach.core.library import load_library
from sciatica_coach.core.records import StepRecord
from sciatica_coach.ui.file_actions import export_history, import_history
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.stop import StopAdvicePage

LIBRARY = load_library(None)
GENTLE = LIBRARY.routines["gentle-start"]
KNEE_HUG = LIBRARY.exercises["single_knee_to_chest"]


def test_the_advice_offers_to_leave_the_exercise_out(qtbot: QtBot) -> None:
    page = StopAdvicePage()
    qtbot.addWidget(page)
    page.show_advice(safety.PAIN_SPREADING, KNEE_HUG.name)
    assert page.offer_leave_out(GENTLE, KNEE_HUG.name)
    assert page.leave_out_button.text() == f"Leave {KNEE_HUG.name} out of this routine"
    with qtbot.waitSignal(page.leave_out_requested) as emitted:
        page.leave_out_button.click()
    assert emitted.args == ["gentle-start", "single_knee_to_chest"]
    page.show_advice(safety.PAIN_SPREADING, None)
    assert page.leave_out_button.isHidden()


def test_leaving_out_after_a_stop_writes_the_copy_and_says_so(app: App) -> None:
    window = app.window
    window.routines.confirm_leave_out = lambda _question: True
    window.leave_out_of("gentle-start", "single_knee_to_chest")
    mine = window.context.library.find("gentle-start")
    assert mine is not None and not mine.builtin
    assert mine.source == paths.user_routines_dir(window.context.data) / "gentle-start.toml"
    assert "single_knee_to_chest" not in [b.exercise.id for b in mine.blocks]
    assert KNEE_HUG.name in window.routines.notice.text()


def test_history_offers_it_for_a_session_stopped_during_an_exercise(app: App) -> None:
    window = app.window
    log = window.context.log
    now = window.context.now()
    started = now - timedelta(hours=2)
    session_id = log.start_session(GENTLE.id, GENTLE.name, 600, 12, started)
    log.record_step(
        session_id,
        StepRecord(
            step_index=3,
            kind="work",
            exercise_id="single_knee_to_chest",
            exercise_name=KNEE_HUG.name,
            set_number=1,
            set_count=2,
            side="left",
            planned_seconds=20,
            actual_seconds=8,
            reps_planned=None,
            reps_done=None,
            status="stopped",
            ended_at=started + timedelta(minutes=1),
        ),
    )
    log.finish_session(
        session_id, "stopped", started + timedelta(minutes=1), 60, "pain_spreading", 3
    )
    window.show_page(Page.HISTORY)
    history = window.history_page.content()
    assert history.select_session(session_id)
    assert history.leave_out_button.isVisible()
    window.routines.confirm_leave_out = lambda _question: True
    history.leave_out_button.click()
    mine = window.context.library.find("gentle-start")
    assert mine is not None and not mine.builtin


# --- File > Export history as CSV / Import history: the command line's rules and words --------


def test_export_and_import_say_what_the_command_line_says(app: App, tmp_path: Path) -> None:
    backup = exported_csv(tmp_path)
    log = app.window.context.log
    done, message = import_history(log, backup)
    assert done and message == f"Imported 1 session (0 steps) from {backup}"
    again, message = import_history(log, backup)
    assert again and message.endswith("; 1 already in the log were left as they were")
    out = tmp_path / "mine.csv"
    assert export_history(log, out) == f"Wrote {out}: 1 sessions, 1 rows"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_bad_backup_imports_nothing_and_names_the_row(app: App, tmp_path: Path) -> None:
    backup = exported_csv(tmp_path)
    text = backup.read_text()
    backup.write_text(text.replace("completed", "finished"))
    log = app.window.context.log
    done, message = import_history(log, backup)
    assert not done
    assert message.endswith(f"{backup}: nothing was imported; fix the rows above and try again")
    assert "line 2" in message
    assert log.sessions() == []

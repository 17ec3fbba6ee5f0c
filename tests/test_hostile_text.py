"""Names and notes from a user's files and log are shown as text, never as markup.

A routine file whose names, cues and description are HTML, and a log whose routine names and
notes are HTML, go through every page of the real main window: Today, Routines, Progress,
History, and a session from its check-in through the player, the stop sheet and the advice
to the end screen, plus the message boxes that name a session. After each stage every widget
is walked; wherever a hostile string is shown it must read literally (an ``<img>`` that Qt
renders would load a file from outside the data folder).
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from sciatica_coach.core import paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, StepRecord
from sciatica_coach.report import html as report_html
from sciatica_coach.report.progress_report import gather_progress
from sciatica_coach.report.summary import summarise_session
from sciatica_coach.ui.history import HistoryView
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.plain_text import plain_tooltip
from sciatica_coach.ui.session_flow import FlowState

# Each carries "/etc" so that text mangled past recognition is still noticed.
ROUTINE_NAME = '<img src="/etc/passwd"> <b>bold</b> routine &amp;'
EXERCISE_ONE = '<b>Bold</b> <img src="/etc/passwd"> lift'
EXERCISE_TWO = '<a href="file:///etc">link</a> &amp; glide'
DESCRIPTION = '<img src="/etc/passwd"> described <b>loudly</b> &lt;'
CUES = ("<b>Breathe</b> out /etc", '<img src="/etc/passwd">', "Keep &amp; slow <i>/etc</i>")
OTHERS = ("<i>Stop</i> if it hurts /etc", "<u>easier</u> /etc", "<s>harder</s> /etc")
LOGGED_ROUTINE = '<b>Logged</b> <img src="/etc/passwd"> &amp; session'
LOGGED_EXERCISE = '<img src="/etc/passwd"> logged stretch'
NOTE = '<img src="/etc/passwd"> note <a href="file:///etc">x</a> &amp;'
PAIN_NOTE = '<b>pain</b> note <img src="/etc/passwd">'
FILE_STEM = "<img src=mine.png> &amp; mine"  # no slash in a file name
HOSTILE = (
    ROUTINE_NAME,
    EXERCISE_ONE,
    EXERCISE_TWO,
    DESCRIPTION,
    *CUES,
    *OTHERS,
    LOGGED_ROUTINE,
    LOGGED_EXERCISE,
    NOTE,
    PAIN_NOTE,
    FILE_STEM,
)
MARKER = "/etc"
might_be_rich = GuiQt.mightBeRichText  # Qt's own test, as labels and tool tips apply it


def toml_text(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def hostile_routine() -> str:
    """A valid routine: prepare 5 s, exercise one held 20 s, rest 10 s, exercise two paced."""
    cues = ", ".join(toml_text(cue) for cue in CUES)
    cautions, easier, harder = OTHERS
    exercise = (
        '[[exercise]]\nid = {id}\nname = {name}\ngroup = "core"\n'
        'position = "lying on back"\n{dose}\nsets = 1\nrest = 5\nrest_after = 10\n'
        f"equipment = [{toml_text(easier)}]\ncues = [{cues}]\ncautions = [{toml_text(cautions)}]\n"
        f"easier = {toml_text(easier)}\nharder = {toml_text(harder)}\n"
    )
    return (
        f'id = "hostile"\nname = {toml_text(ROUTINE_NAME)}\ntarget_minutes = 1\n'
        f"description = {toml_text(DESCRIPTION)}\nprepare = 5\n\n"
        '[[block]]\nexercise = "hostile_one"\n\n[[block]]\nexercise = "hostile_two"\n\n'
        + exercise.format(
            id='"hostile_one"', name=toml_text(EXERCISE_ONE), dose='mode = "hold"\nhold = 20'
        )
        + "\n"
        + exercise.format(
            id='"hostile_two"',
            name=toml_text(EXERCISE_TWO),
            dose='mode = "reps"\nreps = 5\ntempo = 5',
        )
    )


def write_hostile_log(log: SessionLog) -> None:
    """Session 1: stopped in a hostile exercise, with hostile notes. Session 2: left running,
    so the next start offers to resume it."""
    start = datetime(2026, 2, 27, 18, 0, tzinfo=UTC)
    first = log.start_session("hostile", LOGGED_ROUTINE, 60, 2, start)
    log.record_pain(first, PainCheck("before", 4, 5, PAIN_NOTE), start)
    for index, (name, status) in enumerate(((LOGGED_EXERCISE, "done"), (EXERCISE_ONE, "skipped"))):
        log.record_step(
            first,
            StepRecord(
                index,
                "work",
                f"ex_{index}",
                name,
                1,
                1,
                None,
                20,
                20 if status == "done" else 4,
                None,
                None,
                status,
                start + timedelta(seconds=20 * (index + 1)),
            ),
        )
    log.record_step(
        first,
        StepRecord(
            2,
            "work",
            "ex_2",
            EXERCISE_TWO,
            1,
            1,
            None,
            20,
            6,
            None,
            None,
            "stopped",
            start + timedelta(seconds=50),
        ),
    )
    log.record_pain(first, PainCheck("after", 3, 4, PAIN_NOTE), start + timedelta(minutes=1))
    log.set_notes(first, NOTE)
    log.finish_session(first, "stopped", start + timedelta(minutes=1), 50, "pain_spreading", 2)
    second = log.start_session("hostile", LOGGED_ROUTINE, 60, 2, start + timedelta(days=1))
    assert second == 2


# --- what a widget shows -------------------------------------------------------------------


class SealedDocument(QTextDocument):
    """Renders markup the way a label would, but never reads a file for an image."""

    def loadResource(self, kind: int, name: QUrl) -> Any:
        return None


def as_shown(text: str, rich: bool) -> str:
    if not rich:
        return text
    document = SealedDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText:
        return False
    return fmt != Qt.TextFormat.AutoText or might_be_rich(label.text())


def texts_of(widget: QWidget) -> Iterator[tuple[str, str, str]]:
    """(what, the text as set, the text as a user sees it) for each text ``widget`` shows."""
    if isinstance(widget, QLabel):
        yield "text", widget.text(), as_shown(widget.text(), label_is_rich(widget))
    if isinstance(widget, QAbstractButton):
        yield "text", widget.text(), widget.text()  # buttons never render markup
    if isinstance(widget, QTextEdit):
        yield "document", widget.toHtml(), widget.toPlainText()
    # Tool tips and What's This are rich text whenever they look like it.
    for what, text in (("tool tip", widget.toolTip()), ("what's this", widget.whatsThis())):
        yield what, text, as_shown(text, might_be_rich(text))
    if widget.isWindow():
        yield "window title", widget.windowTitle(), widget.windowTitle()
    # A header shows its own labels, not the items of the model it shares with its table.
    view = isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView)
    if view and widget.model() is not None:
        model = widget.model()
        for row in range(model.rowCount(QModelIndex())):
            # A list model keeps columnCount private: step along until the index is invalid.
            for column in itertools.count():
                index = model.index(row, column, QModelIndex())
                if not index.isValid():
                    break
                display = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(display, str):  # item views paint their display text plainly
                    yield f"item {row},{column}", display, display
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield (
                        f"item {row},{column} tool tip",
                        tip,
                        as_shown(tip, might_be_rich(tip)),
                    )


def describe(widget: QWidget) -> str:
    """``RoutinesView.title``: the nearest view of ours and its attribute, where there is one."""
    name = widget.objectName() or type(widget).__name__
    owner = widget.parentWidget()
    while owner is not None and not type(owner).__module__.startswith("sciatica_coach"):
        owner = owner.parentWidget()
    if owner is None:
        return name
    attribute = next((key for key, value in vars(owner).items() if value is widget), name)
    return f"{type(owner).__name__}.{attribute}"


@dataclass
class Walk:
    """Every place a hostile string was found, and each one that did not read literally."""

    seen: list[str]
    wrong: list[str]

    def saw(self, fragment: str) -> bool:
        return any(fragment in place for place in self.seen)


def walk(*roots: QWidget) -> Walk:
    result = Walk([], [])
    widgets: list[QWidget] = []
    for root in roots:
        for widget in (root, *root.findChildren(QWidget)):
            if widget not in widgets:
                widgets.append(widget)
    for widget in widgets:
        for what, raw, shown in texts_of(widget):
            found = [
                h
                for h in HOSTILE
                if h in raw or html.escape(h) in raw or html.escape(h, quote=False) in raw
            ]
            if not found and MARKER not in raw:
                continue
            place = f"{describe(widget)} {what}: {raw[:60]!r}"
            result.seen.append(place)
            if not found or any(h not in shown for h in found):
                result.wrong.append(f"{place} is shown as {shown[:80]!r}")
    return result


class Audit:
    """Walks the app stage by stage, gathering every place markup was rendered, so one run
    lists them all."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.wrong: dict[str, str] = {}  # place -> the first stage it was seen in

    def stage(self, stage: str, *expected: str) -> None:
        """Walk the window and every top-level widget; the ``expected`` fragments name places
        that must show hostile text at this stage."""
        self.check(stage, walk(self.app.window, *QApplication.topLevelWidgets()), expected)

    def check(self, stage: str, result: Walk, expected: tuple[str, ...]) -> None:
        for place in result.wrong:
            self.wrong.setdefault(place, stage)
        for fragment in expected:
            assert result.saw(fragment), f"{stage}: no hostile text in {fragment}: {result.seen}"

    def next_dialog(self, stage: str, *expected: str) -> None:
        """When a modal dialog opens, walk it, then close it as Esc would."""

        def later() -> None:
            modal = QApplication.activeModalWidget()
            if modal is None:
                QTimer.singleShot(20, later)
                return
            try:
                self.dialogs.append(stage)
                self.check(stage, walk(modal), expected)
            finally:
                modal.close()

        self.dialogs: list[str] = []
        QTimer.singleShot(20, later)

    def report(self) -> str:
        return "\n".join(f"{stage}: {place}" for place, stage in self.wrong.items())


# --- the app over hostile files -------------------------------------------------------------


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    data = paths.ensure_private_dir(tmp_path / "data")
    routines = data / "routines"
    routines.mkdir()
    (routines / f"{FILE_STEM}.toml").write_text(hostile_routine())
    # A broken file too: its problems are listed under the routine list.
    (routines / "<b>broken &amp;.toml").write_text(f"name = {toml_text(ROUTINE_NAME)}\n")
    log = SessionLog(data / paths.DATABASE_NAME)
    write_hostile_log(log)
    log.close()
    yield from make_app(tmp_path, qtbot)


def run_to(app: App, seconds: float) -> None:
    """Run the player until ``seconds`` after the session started."""
    session = app.window.flow.session
    assert session is not None
    app.run(seconds - session.state().elapsed)


def test_every_page_shows_hostile_names_and_notes_as_text(app: App) -> None:
    window = app.window
    assert "hostile" in window.context.library.routines, window.context.library.problems

    audit = Audit(app)
    # The offer to resume the session left running names its routine.
    audit.next_dialog("resume question", "qt_msgbox_label")
    window.offer_resume()
    assert audit.dialogs == ["resume question"]

    window.show_page(Page.TODAY)
    audit.stage("Today", "TodayView")

    window.show_page(Page.ROUTINES)
    window.routines.select("hostile")
    audit.stage("Routines", "RoutinesView")
    assert window.routines.title.text() == ROUTINE_NAME
    assert window.routines.description.text() == DESCRIPTION

    window.show_page(Page.PROGRESS)
    audit.stage("Progress")

    window.show_page(Page.HISTORY)
    history = window.history_page.content()
    assert isinstance(history, HistoryView)
    assert history.select_session(1)
    audit.stage("History", "HistoryView")
    assert history.detail_title.text() == LOGGED_ROUTINE
    audit.next_dialog("delete question", "qt_msgbox_label")
    history.delete_selected()  # asks first, naming the session; Esc keeps it
    assert audit.dialogs == ["delete question"]
    assert not history.pending_deletes

    # A session of the hostile routine, from check-in to end screen, by keyboard.
    window.activateWindow()  # as the window manager does when a dialog closes
    app.qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.show_page(Page.TODAY)
    assert window.start_routine("hostile")
    audit.stage("before check-in")
    app.rate(5, 6)
    assert window.flow.state is FlowState.PLAYING
    player = window.flow.player
    run_to(app, 2)
    audit.stage("get ready", "PlayerView")
    run_to(app, 8)
    assert player.title_label.text() == EXERCISE_ONE
    audit.stage("first exercise", "PlayerView")
    run_to(app, 30)
    audit.stage("rest", "PlayerView")
    run_to(app, 38)
    assert player.title_label.text() == EXERCISE_TWO
    audit.stage("second exercise", "PlayerView")
    app.player_keys(Qt.Key.Key_S)
    audit.stage("stop sheet")
    app.keys("1")  # pain spreading: the advice names the exercise
    assert window.flow.state is FlowState.ADVICE
    audit.stage("advice", "StopAdvicePage")
    app.keys(Qt.Key.Key_Return)
    audit.stage("after check-in")
    app.rate(4, 5)
    assert window.flow.state is FlowState.END
    audit.stage("end screen", "FinishView")
    assert window.flow.finish.subheading.text().startswith(ROUTINE_NAME)

    window.flow.finish.home_button.click()
    audit.stage("Today after", "TodayView")
    window.show_page(Page.HISTORY)
    newest = app.log.sessions()[0]
    assert history.select_session(newest.id)
    audit.stage("History after", "HistoryView")
    assert not audit.wrong, "markup rendered:\n" + audit.report()


# --- the printed summary and report, already escaped ------------------------------------------


def test_reports_print_hostile_names_and_notes_as_text(app: App) -> None:
    log, library = app.window.context.log, load_library(app.window.context.data)
    summary = report_html.session_summary_html(summarise_session(log, library, 1))
    report = report_html.progress_report_html(
        gather_progress(log, date(2026, 2, 1), date(2026, 3, 2))
    )
    for markup, shown in ((summary, (LOGGED_ROUTINE, LOGGED_EXERCISE, NOTE)), (report, (NOTE,))):
        assert '<img src="/etc' not in markup and 'href="file' not in markup
        text = as_shown(markup, rich=True)
        for hostile in shown:
            assert hostile in text, f"{hostile!r} is not printed literally"
    assert EXERCISE_ONE in as_shown(report, rich=True), "skipped exercises are named"


def check_walk_self(make: Callable[[], QLabel]) -> Walk:
    """The walk itself: a label left in auto format is caught."""
    label = make()
    try:
        return walk(label)
    finally:
        label.deleteLater()


def test_the_walk_catches_a_label_that_renders_markup(qtbot: QtBot) -> None:
    def auto() -> QLabel:
        return QLabel(f"Your {ROUTINE_NAME}")

    def plain() -> QLabel:
        label = QLabel(f"Your {ROUTINE_NAME}")
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def escaped() -> QLabel:
        label = QLabel(f"<ul><li>{html.escape(EXERCISE_ONE)}</li></ul>")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    assert check_walk_self(auto).wrong
    assert not check_walk_self(plain).wrong and check_walk_self(plain).seen
    assert not check_walk_self(escaped).wrong and check_walk_self(escaped).seen


def test_a_tool_tip_reads_literally_whatever_it_holds() -> None:
    for text in (EXERCISE_ONE, "x &lt; y", "a &amp; b", "<b>two</b>\n<i>lines</i>", "Rest"):
        tip = plain_tooltip(text)
        assert as_shown(tip, might_be_rich(tip)) == text
    assert plain_tooltip("Rest") == "Rest", "ordinary text is left as it is"

"""Everyone can use it: every control by keyboard and with a name a screen reader says, the
player's buttons in the Tab order (the safety stops too), one list of keys behind the Help
dialog, the player's bindings and its key strip, the ring's value and each step announced."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

from flow_helpers import App
from sciatica_coach.core import engine
from sciatica_coach.ui.keys import PLAYER_KEYS, SECTIONS, key_strip, player_key
from sciatica_coach.ui.pages import NAVIGATION, Page
from sciatica_coach.ui.player import PlayerView
from sciatica_coach.ui.ring import CountdownRing
from sciatica_coach.ui.ring_accessible import ring_value
from sciatica_coach.ui.session_flow import FlowState
from sciatica_coach.ui.shortcuts_dialog import ShortcutsDialog, shortcuts_text

# Arrows, triangles, return and check marks: painted for the eye, never read aloud.
SYMBOLS = re.compile("[\u2190-\u21ff\u25a0-\u25ff\u2300-\u23ff\u2700-\u27bf]")


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader is given for ``widget`` (its own, its text or its label's)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def into_left_hold(app: App) -> PlayerView:
    app.start_by_keyboard(5, 6)
    app.run(5 + 3)
    player = app.window.flow.player
    assert player.title_label.text() == "Lying hamstring stretch"
    return player


def tab_to(app: App, target: QWidget, limit: int = 40) -> int:
    """Press Tab until ``target`` has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        app.keys(Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return presses
    raise AssertionError(f"Tab never reached {accessible_name(target)!r}")


# -- the one list of keys ----------------------------------------------------------------------


def test_every_player_key_in_the_list_is_bound_and_nothing_else(app: App) -> None:
    app.start_by_keyboard()
    player = app.window.flow.player
    bound = {
        shortcut.key().toString()
        for shortcut in player.findChildren(QShortcut)
        if shortcut.parent() is player
    }
    listed = {
        QKeySequence(sequence).toString()
        for key in PLAYER_KEYS
        if key.action != "focus"
        for sequence in key.keys
    }
    assert bound == listed


def test_the_help_dialog_lists_every_key_of_every_section(app: App) -> None:
    dialog = ShortcutsDialog(app.window)
    assert [table.rowCount() for table in dialog.tables] == [len(s.keys) for s in SECTIONS]
    shown = {dialog.tables[n].item(row, 0).text() for n in range(len(SECTIONS)) for row in range(2)}
    assert {"Space", "S or Esc", "Ctrl+P", "F1"} & shown
    assert "Stop the session and say why" in shortcuts_text()
    assert dialog.windowTitle() == "Keyboard shortcuts"
    dialog.close()


def test_f1_opens_the_keyboard_shortcuts(app: App) -> None:
    action = app.window.shortcuts_action
    assert action.shortcut() == QKeySequence(Qt.Key.Key_F1)
    help_menu = app.window.menuBar().actions()[-1].menu()
    assert help_menu is not None and action in help_menu.actions()


def test_the_key_strip_is_built_from_the_list(app: App) -> None:
    app.start_by_keyboard()
    strip = app.window.flow.player.keys_label
    assert strip.isVisible()
    assert strip.text() == key_strip()
    assert "Space pause" in strip.text() and "S or Esc stop" in strip.text()
    assert player_key("stop").keys == ("S", "Escape")


# -- the player by keyboard ----------------------------------------------------------------------


def test_tab_reaches_the_pain_stop_and_enter_presses_it(app: App) -> None:
    player = into_left_hold(app)
    tab_to(app, player.pain_button)
    app.keys(Qt.Key.Key_Return)
    assert app.window.flow.state is FlowState.ADVICE
    assert app.window.flow.session is not None
    assert app.window.flow.session.status == engine.STOPPED


def test_tab_reaches_stop_and_enter_opens_the_stop_sheet(app: App) -> None:
    player = into_left_hold(app)
    tab_to(app, player.stop_button)
    app.keys(Qt.Key.Key_Enter)
    assert app.window.flow.state is FlowState.STOP_SHEET


def test_space_pauses_even_when_a_button_has_the_focus(app: App) -> None:
    player = into_left_hold(app)
    session = app.window.flow.session
    assert session is not None
    tab_to(app, player.skip_button)
    app.keys(Qt.Key.Key_Space)
    assert session.status == engine.PAUSED
    assert player.title_label.text() == "Lying hamstring stretch", "Space did not skip"
    app.keys(Qt.Key.Key_Space)
    assert session.status == engine.RUNNING


def test_the_single_keys_work_while_a_button_has_the_focus(app: App) -> None:
    player = into_left_hold(app)
    tab_to(app, player.pause_button)
    app.keys(Qt.Key.Key_Right)  # skip the left side: into the switch
    assert player.title_label.text() == "Switch sides"
    app.keys(Qt.Key.Key_S)
    assert app.window.flow.state is FlowState.STOP_SHEET


def test_enter_presses_the_focused_button_and_otherwise_marks_reps_done(app: App) -> None:
    player = into_left_hold(app)
    session = app.window.flow.session
    assert session is not None
    tab_to(app, player.pause_button)
    app.keys(Qt.Key.Key_Return)
    assert session.status == engine.PAUSED
    app.keys(Qt.Key.Key_Space)
    app.run(10 + 3 + 10 + 8 + 0.05)
    assert player.title_label.text() == "Sit to stand"
    player.setFocus()  # the focus off the buttons, as at the start of a session
    app.run(20)
    app.keys(Qt.Key.Key_Return)
    assert player.title_label.text() == "Rest"


def test_a_click_leaves_enter_for_done(app: App, qtbot: object) -> None:
    player = into_left_hold(app)
    for button in (*player.session_buttons, player.pain_button, player.stop_button):
        assert button.focusPolicy() == Qt.FocusPolicy.TabFocus, accessible_name(button)


# -- the player with a screen reader -------------------------------------------------------------


def test_player_buttons_are_named_in_words(app: App) -> None:
    player = into_left_hold(app)
    buttons = [*player.findChildren(QPushButton)]
    names = {accessible_name(b) for b in buttons}
    assert {"Back", "Pause", "Skip", "Restart step", "Stop", "Stop: pain is spreading"} <= names
    for button in buttons:
        name = accessible_name(button)
        assert name and not SYMBOLS.search(name), name
    app.keys(Qt.Key.Key_Space)
    assert accessible_name(player.pause_button) == "Resume"


def test_the_ring_says_the_time_left_as_its_value(app: App) -> None:
    player = into_left_hold(app)
    ring = QAccessible.queryAccessibleInterface(player.ring)
    assert ring is not None
    assert ring.text(QAccessible.Text.Name) == "Time left"
    assert ring.text(QAccessible.Text.Value) == "7, left side"
    app.run(1)
    assert ring.text(QAccessible.Text.Value) == "6, left side"


def test_the_ring_counts_reps_by_name_at_the_users_own_pace(app: App) -> None:
    player = into_left_hold(app)
    app.run(7 + 3 + 10 + 8 + 0.05)
    ring = QAccessible.queryAccessibleInterface(player.ring)
    assert ring is not None
    assert ring.text(QAccessible.Text.Name) == "Reps"
    assert ring.text(QAccessible.Text.Value) == "5, reps"


def test_a_ring_on_its_own_has_a_value_from_its_words(qtbot: object) -> None:
    ring = CountdownRing()
    ring.show_time(0.5, "0:23", "right side")
    interface = QAccessible.queryAccessibleInterface(ring)
    assert interface is not None
    assert interface.text(QAccessible.Text.Value) == "0:23, right side"
    assert ring_value("✓", "Finished") == "Finished"


def test_each_new_step_is_announced_once(app: App) -> None:
    app.start_by_keyboard()
    player = app.window.flow.player
    assert player.announcements[-1] == (
        "Get ready. Start lying on back. Up next: Lying hamstring stretch — Left side, Hold 10 s"
    )
    app.run(5.05)
    assert player.announcements[-1] == "Lying hamstring stretch. Left side, Hold 10 s"
    app.run(1)
    assert len(player.announcements) == 2, "a tick of the clock is no new step"
    app.keys(Qt.Key.Key_Right)
    assert player.announcements[-1].startswith("Switch sides. Get ready for the right side")


@pytest.mark.parametrize("page", NAVIGATION, ids=lambda page: page.name)
def test_every_navigable_page_has_a_name_in_the_side_bar(app: App, page: Page) -> None:
    app.window.show_page(page)
    assert app.window.current_page is page


# -- every page by Tab -----------------------------------------------------------------------------


def tab_stops(root: QWidget) -> list[QWidget]:
    """The controls under ``root`` that Tab should reach: shown, enabled, taking Tab focus."""
    stops = []
    for widget in root.findChildren(QWidget):
        policy = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        if policy and widget.isVisible() and widget.isEnabled() and widget.focusProxy() is None:
            stops.append(widget)
    return stops


def walk_by_tab(app: App, limit: int = 400) -> list[QWidget]:
    """Press Tab until the focus comes back round; the controls it visited, in order."""
    seen: list[QWidget] = []
    for _ in range(limit):
        app.keys(Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if seen and focused is seen[0]:
            return seen
        if focused not in seen:
            seen.append(focused)
    raise AssertionError("Tab never came back round: a control keeps the Tab key")


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} {accessible_name(widget)!r}"


def assert_walkable(app: App, root: QWidget) -> list[QWidget]:
    visited = walk_by_tab(app)
    missed = [describe(w) for w in tab_stops(root) if w not in visited]
    assert not missed, f"Tab never reaches: {missed}"
    unnamed = [describe(w) for w in visited if not accessible_name(w).strip()]
    assert not unnamed, f"No name for a screen reader: {unnamed}"
    symbols = [describe(w) for w in visited if SYMBOLS.search(accessible_name(w))]
    assert not symbols, f"Symbols read aloud: {symbols}"
    return visited


@pytest.mark.parametrize("page", NAVIGATION, ids=lambda page: page.name)
def test_tab_reaches_every_control_of_each_page_and_each_has_a_name(app: App, page: Page) -> None:
    window = app.window
    window.show_page(page)
    window.nav.setFocus(Qt.FocusReason.TabFocusReason)
    visited = assert_walkable(app, window.centralWidget())
    assert window.nav in visited


def test_tab_reaches_every_control_of_the_check_in(app: App) -> None:
    assert app.window.start_routine("short")
    assert_walkable(app, app.window.centralWidget())


def test_tab_reaches_every_control_of_the_player_and_the_stop_sheet(app: App) -> None:
    into_left_hold(app)
    assert_walkable(app, app.window.centralWidget())
    app.keys(Qt.Key.Key_S)
    assert_walkable(app, app.window.centralWidget())


def test_tab_reaches_every_control_of_the_advice_after_a_pain_stop(app: App) -> None:
    player = into_left_hold(app)
    player.stop_for_pain()
    assert app.window.flow.state is FlowState.ADVICE
    assert_walkable(app, app.window.centralWidget())


# -- small screens ---------------------------------------------------------------------------------


def test_every_page_fits_800_by_600_before_and_after_progress(app: App) -> None:
    """Sizes are in device-independent pixels, so this is also a 1600x1200 screen at 200%."""
    window = app.window
    when = app.clock.local() - timedelta(days=1)
    session = app.log.start_session("gentle-start", "Gentle start", 615, 14, when)
    app.log.finish_session(session, "completed", when + timedelta(minutes=11), 615.0)
    window.resize(800, 600)
    pages = (*NAVIGATION, Page.PROGRESS, *NAVIGATION)
    for page in pages:
        window.show_page(page)
        hint = window.minimumSizeHint()
        assert hint.width() <= 800 and hint.height() <= 600, (page, hint.toTuple())
    player = into_left_hold(app)
    for state in ("player", "stop sheet", "advice"):
        hint = window.minimumSizeHint()
        assert hint.width() <= 800 and hint.height() <= 600, (state, hint.toTuple())
        if state == "player":
            app.keys(Qt.Key.Key_S)
        else:
            app.keys("1")  # pain spreading: the advice, with its two long buttons
    assert player.isHidden()
    assert window.width() <= 800 and window.height() <= 600


def test_a_focused_page_that_scrolls_shows_its_ring_inside_its_edge(app: App) -> None:
    """Today's page takes the focus on its way to its buttons; it fills the window, so its
    ring is drawn inside it, in the highlight colour, and only while it has the focus."""
    app.window.show_page(Page.TODAY)
    area = next(
        w for w in app.window.findChildren(QScrollArea) if w.isVisible() and w.hasFocus() is False
    )
    highlight = area.palette().color(QPalette.ColorRole.Highlight)

    def edge_colour() -> QColor:
        return area.grab().toImage().pixelColor(1, area.height() // 2)

    assert edge_colour() != highlight
    area.setFocus(Qt.FocusReason.TabFocusReason)
    app.qtbot.waitUntil(area.hasFocus)
    assert edge_colour() == highlight


def test_enter_presses_the_focused_button_on_a_page(app: App) -> None:
    """Tab to "Start here" on Today, then Enter: the check-in opens (Space did, Enter did not)."""
    app.window.show_page(Page.TODAY)
    button = app.window.today.start_here_button
    assert button.isVisible()
    tab_to(app, button)
    app.qtbot.keyClick(button, Qt.Key.Key_Return)
    app.qtbot.waitUntil(lambda: app.window.flow.state is FlowState.CHECK_IN_BEFORE)


def test_enter_on_a_disabled_or_unfocused_button_does_nothing(app: App) -> None:
    app.window.show_page(Page.TODAY)
    button = app.window.today.start_here_button
    tab_to(app, button)
    button.setEnabled(False)
    app.qtbot.keyClick(button, Qt.Key.Key_Return)
    app.qtbot.wait(50)
    assert app.window.flow.state is FlowState.IDLE

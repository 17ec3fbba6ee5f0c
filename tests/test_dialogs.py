"""The safety screen and the pain check-in, driven the way a user would: keys and clicks."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from sciatica_coach.core import safety as core_safety
from sciatica_coach.core.records import PainCheck
from sciatica_coach.ui import safety as ui_safety
from sciatica_coach.ui.checkin import PainCheckInDialog
from sciatica_coach.ui.colours import pain_colours
from sciatica_coach.ui.safety import (
    SafetyDialog,
    StopAdviceDialog,
    ensure_safety_acknowledged,
    safety_acknowledged,
)
from sciatica_coach.ui.settings_keys import ACK_KEY


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def answer_safety_screen(tick: bool) -> list[str]:
    """Once the modal safety screen is up, tick the box (or not) and press Continue or Quit.

    Returns a list that records what was seen, so a test can check the screen was shown.
    """
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SafetyDialog):
            QTimer.singleShot(10, answer)
            return
        try:
            assert dialog.acknowledge is not None
            seen.append("continue enabled" if dialog.continue_button.isEnabled() else "disabled")
            if tick:
                dialog.acknowledge.click()
                dialog.continue_button.click()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    return seen


def refuse_to_show(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_self: QDialog) -> int:
        raise AssertionError("the safety screen should not have been shown")

    monkeypatch.setattr(SafetyDialog, "exec", fail)


def shown_text(widget: QWidget) -> str:
    return "\n".join(html.unescape(label.text()) for label in widget.findChildren(QLabel))


# --- Safety screen -------------------------------------------------------------------------


def test_continue_is_disabled_until_the_box_is_ticked(qtbot) -> None:
    dialog = SafetyDialog(require_ack=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.acknowledge is not None
    assert not dialog.continue_button.isEnabled()
    qtbot.keyClick(dialog.acknowledge, Qt.Key.Key_Space)
    assert dialog.continue_button.isEnabled()
    qtbot.keyClick(dialog.acknowledge, Qt.Key.Key_Space)
    assert not dialog.continue_button.isEnabled()


def test_enter_does_not_get_past_the_safety_screen_unticked(qtbot) -> None:
    dialog = SafetyDialog(require_ack=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Return)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()


def test_closing_the_safety_screen_without_ticking_is_a_refusal(qtbot) -> None:
    dialog = SafetyDialog(require_ack=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.close()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_safety_screen_shows_every_red_flag_and_stop_rule(qtbot) -> None:
    dialog = SafetyDialog(require_ack=False)
    qtbot.addWidget(dialog)
    text = shown_text(dialog)
    assert core_safety.DISCLAIMER in text
    for tier in core_safety.RED_FLAG_TIERS:
        assert tier.heading in text
        assert tier.action in text
        for line in tier.items:
            assert line in text
    for line in core_safety.STOP_RULES + core_safety.CHECK_FIRST:
        assert line in text


def test_safety_screen_puts_the_most_urgent_tier_first_and_largest(qtbot) -> None:
    dialog = SafetyDialog(require_ack=False)
    qtbot.addWidget(dialog)
    dialog.show()
    boxes = dialog.tiers
    assert [box.tier for box in boxes] == list(core_safety.RED_FLAG_TIERS)
    tops = [box.y() for box in boxes]
    assert tops == sorted(tops)
    sizes = [box.heading.font().pointSizeF() for box in boxes]
    assert sizes[0] > sizes[1]


def test_help_copy_has_no_checkbox_and_closes(qtbot) -> None:
    dialog = SafetyDialog(require_ack=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.acknowledge is None
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_safety_text_is_at_least_13_points(qtbot) -> None:
    dialog = SafetyDialog(require_ack=True)
    qtbot.addWidget(dialog)
    for label in dialog.findChildren(QLabel):
        assert label.font().pointSizeF() >= 13
    assert dialog.acknowledge is not None
    assert dialog.acknowledge.font().pointSizeF() >= 13


def test_first_start_asks_and_stores_the_acknowledgement(qtbot, settings: QSettings) -> None:
    assert not safety_acknowledged(settings)
    seen = answer_safety_screen(tick=True)
    assert ensure_safety_acknowledged(settings)
    assert seen == ["disabled"]
    assert int(settings.value(ACK_KEY)) == core_safety.SAFETY_VERSION
    assert safety_acknowledged(settings)


def test_acknowledged_safety_screen_is_not_shown_again(
    qtbot, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_safety_screen(tick=True)
    assert ensure_safety_acknowledged(settings)
    refuse_to_show(monkeypatch)
    reopened = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert ensure_safety_acknowledged(reopened)


def test_quitting_the_safety_screen_stores_nothing(qtbot, settings: QSettings) -> None:
    seen = answer_safety_screen(tick=False)
    assert not ensure_safety_acknowledged(settings)
    assert seen == ["disabled"]
    assert settings.value(ACK_KEY) is None


def test_new_safety_wording_asks_again(
    qtbot, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.setValue(ACK_KEY, core_safety.SAFETY_VERSION)
    monkeypatch.setattr(core_safety, "SAFETY_VERSION", core_safety.SAFETY_VERSION + 1)
    assert ui_safety.safety.SAFETY_VERSION == core_safety.SAFETY_VERSION
    assert not safety_acknowledged(settings)
    seen = answer_safety_screen(tick=True)
    assert ensure_safety_acknowledged(settings)
    assert seen == ["disabled"]
    assert int(settings.value(ACK_KEY)) == core_safety.SAFETY_VERSION


def test_an_acknowledgement_of_the_first_wording_shows_the_new_screen_once(
    qtbot, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.setValue(ACK_KEY, 1)
    assert core_safety.SAFETY_VERSION >= 2
    assert not safety_acknowledged(settings)
    seen = answer_safety_screen(tick=True)
    assert ensure_safety_acknowledged(settings)
    assert seen == ["disabled"]
    refuse_to_show(monkeypatch)
    reopened = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert ensure_safety_acknowledged(reopened)


def test_garbled_stored_acknowledgement_counts_as_not_acknowledged(settings: QSettings) -> None:
    settings.setValue(ACK_KEY, "yes please")
    assert not safety_acknowledged(settings)


def test_stop_advice_shows_the_advice_and_red_flags_with_one_button(qtbot) -> None:
    dialog = StopAdviceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = shown_text(dialog)
    assert core_safety.STOP_ADVICE in text
    for line in core_safety.EMERGENCY.items:
        assert line in text
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- Pain check-in -------------------------------------------------------------------------


@pytest.fixture
def open_check_in(qtbot) -> Callable[..., PainCheckInDialog]:
    def make(moment: str = "before", **kwargs: object) -> PainCheckInDialog:
        dialog = PainCheckInDialog(moment, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def press(qtbot, dialog: PainCheckInDialog, *keys: str | Qt.Key) -> None:
    """Send each key to whatever has the keyboard focus in the dialog, as typing would."""
    for key in keys:
        target = dialog.focusWidget()
        assert target is not None
        qtbot.keyClick(target, key)


def test_focus_starts_on_the_back_pain_row(open_check_in) -> None:
    dialog = open_check_in()
    assert dialog.focusWidget() is dialog.back


def test_check_in_by_keyboard_gives_the_typed_answers(qtbot, open_check_in) -> None:
    dialog = open_check_in("before")
    press(qtbot, dialog, "4", Qt.Key.Key_Down, "7", Qt.Key.Key_Right)
    press(qtbot, dialog, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right)
    press(qtbot, dialog, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.focusWidget(), "worse after the drive")
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_check() == PainCheck(
        moment="before", back=4, leg=8, note="worse after the drive", reach="buttock"
    )


def test_one_then_zero_or_t_gives_ten(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    press(qtbot, dialog, "1", "0")
    assert dialog.back.value() == 10
    press(qtbot, dialog, Qt.Key.Key_Down, "T")
    assert dialog.leg.value() == 10
    press(qtbot, dialog, "0")
    assert dialog.leg.value() == 0


def test_arrows_stay_between_0_and_10(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    press(qtbot, dialog, Qt.Key.Key_Left)
    assert dialog.back.value() == 0
    press(qtbot, dialog, Qt.Key.Key_Left, "9", Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert dialog.back.value() == 10


def test_up_and_down_move_between_rows(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    press(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.leg
    press(qtbot, dialog, Qt.Key.Key_Down, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.note
    press(qtbot, dialog, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up)
    assert dialog.focusWidget() is dialog.back


def test_save_waits_for_both_pains(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    assert not dialog.save_button.isEnabled()
    press(qtbot, dialog, "3", Qt.Key.Key_Return)
    assert not dialog.save_button.isEnabled()
    assert dialog.isVisible()
    press(qtbot, dialog, Qt.Key.Key_Down, "2")
    assert dialog.save_button.isEnabled()
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.result_check() == PainCheck(moment="before", back=3, leg=2)


def test_skip_gives_no_check_in(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    press(qtbot, dialog, "3", Qt.Key.Key_Down, "5")
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert dialog.result_check() is None


def test_escape_gives_no_check_in(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    press(qtbot, dialog, "3", Qt.Key.Key_Down, "5", Qt.Key.Key_Escape)
    assert dialog.result_check() is None


def test_previous_values_are_preselected(qtbot, open_check_in) -> None:
    dialog = open_check_in("after", previous=(3, 6), previous_reach="below_knee")
    assert (dialog.back.value(), dialog.leg.value()) == (3, 6)
    assert dialog.save_button.isEnabled()
    press(qtbot, dialog, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Return)
    assert dialog.result_check() == PainCheck(moment="after", back=3, leg=5, reach="below_knee")


def test_note_is_kept_as_typed(qtbot, open_check_in) -> None:
    dialog = open_check_in(previous=(1, 1))
    qtbot.keyClicks(dialog.note, "<b>html</b> & more")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    check = dialog.result_check()
    assert check is not None
    assert check.note == "<b>html</b> & more"


def test_note_is_capped_at_500_characters(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    dialog.note.setText("x" * 600)
    assert len(dialog.note.text()) == 500


def test_clicking_numbers_and_reach(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    qtbot.mouseClick(dialog.back.group.button(2), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.leg.group.button(9), Qt.MouseButton.LeftButton)
    foot = dialog.reach.group.button(len(core_safety.LEG_REACH) - 1)
    qtbot.mouseClick(foot, Qt.MouseButton.LeftButton)
    assert dialog.reach.value() == "foot"
    qtbot.mouseClick(foot, Qt.MouseButton.LeftButton)
    assert dialog.reach.value() is None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result_check() == PainCheck(moment="before", back=2, leg=9)


def test_number_buttons_are_at_least_44_pixels(open_check_in) -> None:
    dialog = open_check_in()
    for button in dialog.back.group.buttons() + dialog.reach.group.buttons():
        assert button.width() >= 44 and button.height() >= 44


def test_selected_colour_runs_from_green_to_red() -> None:
    hues = [QColor(pain_colours(score)[0]).hueF() for score in range(11)]
    assert hues == sorted(hues, reverse=True)
    assert hues[0] > 0.25 > hues[10]


def test_unknown_moment_is_refused(qtbot) -> None:
    with pytest.raises(ValueError, match="before"):
        PainCheckInDialog("during")


def test_moving_down_a_small_window_scrolls_the_row_into_view(qtbot, open_check_in) -> None:
    dialog = open_check_in()
    dialog.resize(640, 420)
    qtbot.wait(10)
    press(qtbot, dialog, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.note
    viewport = dialog.scroll_area.viewport()
    top_left = dialog.note.mapTo(viewport, dialog.note.rect().topLeft())
    assert top_left.y() >= 0 and top_left.y() + dialog.note.height() <= viewport.height()


def test_leg_reach_and_stop_reasons_match_what_the_log_accepts() -> None:
    from sciatica_coach.core import records as log

    assert tuple(code for code, _label in core_safety.LEG_REACH) == log.SYMPTOM_REACH
    assert set(log.STOP_RULE_REASONS) <= set(core_safety.STOP_REASONS)


def test_an_acknowledgement_that_cannot_be_saved_says_so(qtbot, tmp_path, monkeypatch) -> None:
    from sciatica_coach.ui import plain_text

    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    settings = QSettings(str(blocker / "settings.ini"), QSettings.Format.IniFormat)
    shown: list[str] = []
    monkeypatch.setattr(plain_text, "show_warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(ui_safety.SafetyDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert ensure_safety_acknowledged(settings)
    assert shown and "could not be saved" in shown[0] and "asked to read this again" in shown[0]
    assert blocker.read_text() == "a file where a folder should be"

"""The coach in the window: the morning check-in, Today's "Start here" and suggestions, and
the suggestions on the end screen, driven by keyboard on a fake clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, StepRecord
from sciatica_coach.core.symptoms import LEANING_BACK, SymptomProfile
from sciatica_coach.ui.morning import MorningCheckPanel
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.session_flow import FlowState

# flow_helpers' clock starts on Monday 2 March 2026 at 09:00 UTC.
YESTERDAY = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


def logged_session(
    log: SessionLog,
    start: datetime,
    *,
    after: tuple[int, str] = (3, "thigh"),
    worse_after: bool = False,
    routine: tuple[str, str] = ("core-stability", "Core stability"),
    exercise: tuple[str, str] = ("dead_bug", "Dead bug"),
) -> int:
    """A finished session of one exercise with its pain checks."""
    session_id = log.start_session(routine[0], routine[1], 600, 1, start)
    log.record_pain(session_id, PainCheck("before", 2, 3, "", "thigh"), start)
    log.record_step(
        session_id,
        StepRecord(
            0,
            "work",
            exercise[0],
            exercise[1],
            1,
            1,
            None,
            60,
            60,
            None,
            None,
            "done",
            start + timedelta(minutes=1),
        ),
    )
    if worse_after:
        log.set_leg_response(session_id, 0, "worse")
    end = start + timedelta(minutes=10)
    log.record_pain(session_id, PainCheck("after", 2, after[0], "", after[1]), end)
    log.finish_session(session_id, "completed", end, 600)
    return session_id


def test_the_morning_after_asks_about_yesterday_and_keeps_the_answer(app: App) -> None:
    session_id = logged_session(app.log, YESTERDAY)
    window = app.window
    assert window.offer_morning_check()
    assert window.current_page is Page.MORNING and not window.nav.isVisible()
    panel = window.pages.currentWidget()
    assert isinstance(panel, MorningCheckPanel)
    assert not panel.save_button.isEnabled()
    app.keys("3", Qt.Key.Key_Down, "2", Qt.Key.Key_Down, "5", Qt.Key.Key_Return)
    check = app.log.morning_checks()[session_id]
    assert (check.compared, check.back, check.leg, check.reach) == ("worse", 2, 5, None)
    assert check.local_date == date(2026, 3, 2)
    assert window.current_page is Page.TODAY
    assert not window.offer_morning_check()  # asked once
    assert not window.today.morning_button.isVisible()


def test_escape_leaves_the_morning_check_for_later_and_today_still_offers_it(app: App) -> None:
    logged_session(app.log, YESTERDAY)
    window = app.window
    window.offer_morning_check()
    app.keys(Qt.Key.Key_Escape)
    assert window.current_page is Page.TODAY
    assert app.log.morning_checks() == {}
    assert window.today.morning_button.isVisible()
    window.today.morning_button.click()
    assert window.current_page is Page.MORNING


def test_no_morning_check_without_a_session_yesterday(app: App) -> None:
    logged_session(app.log, YESTERDAY - timedelta(days=1))
    assert not app.window.offer_morning_check()
    assert app.window.current_page is Page.TODAY


def test_today_offers_a_start_here_routine_with_its_reason(app: App) -> None:
    app.log.save_profile(
        SymptomProfile(datetime(2026, 3, 1, 9, tzinfo=UTC), date(2026, 3, 1), "thigh", LEANING_BACK)
    )
    today = app.window.today
    today.refresh(date(2026, 3, 2))
    assert today.start_here_button.text().startswith("Start here: Arching back")
    assert "leaning back eases your leg" in today.start_here_why.text()
    today.start_here_button.click()
    assert app.window.flow.state is FlowState.CHECK_IN_BEFORE


def test_taking_or_setting_aside_a_suggestion_on_today_is_logged(app: App) -> None:
    first = logged_session(app.log, YESTERDAY - timedelta(days=2), worse_after=True)
    second = logged_session(app.log, YESTERDAY, worse_after=True)
    today = app.window.today
    today.refresh(date(2026, 3, 2))
    cards = today.suggestions.cards
    assert [c.suggestion.rule for c in cards] == ["leave-out-worse-twice", "keep-after-amber"]
    assert "Dead bug: leg worse 2 of 2 times" in cards[0].reason.text()
    cards[1].take_button.click()
    noted = today.suggestions.noted
    assert noted.isVisible() and noted.text().startswith('Noted: you took "Keep the same')
    cards[0].later_button.click()
    assert noted.text().startswith('Noted: set aside "Consider leaving Dead bug')
    assert today.suggestions.isVisible() and today.suggestions.cards == []
    decided = {s.rule: s.decision for s in app.log.suggestions()}
    assert decided == {"leave-out-worse-twice": "dismissed", "keep-after-amber": "accepted"}
    assert all(s.session_id == second for s in app.log.suggestions())
    assert first != second
    today.refresh(date(2026, 3, 2))
    assert today.suggestions.cards == [] and not today.suggestions.isVisible()


def test_the_end_screen_shows_the_suggestions_after_a_session(app: App) -> None:
    # Symptoms reached further down after a session three days ago: red.
    logged_session(app.log, YESTERDAY - timedelta(days=2), after=(3, "foot"))
    assert app.window.start_routine("short")
    home, right = Qt.Key.Key_Home, Qt.Key.Key_Right
    app.keys("2", Qt.Key.Key_Down, "3", Qt.Key.Key_Down, home, right, right, Qt.Key.Key_Return)
    assert app.log.sessions()[0].pain_before.reach == "buttock"  # type: ignore[union-attr]
    app.player_keys(Qt.Key.Key_S)
    app.keys("5")  # tired or out of time
    # Afterwards they reach the foot: a second red within a week.
    app.keys("2", Qt.Key.Key_Down, "3", Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_Return)
    assert app.window.flow.state is FlowState.END
    finish = app.window.flow.finish
    cards = finish.suggestions.cards
    assert [card.suggestion.rule for card in cards][:2] == [
        "see-clinician-two-reds",
        "ease-off-after-red",
    ]
    assert finish.suggestions.isVisible()
    app.window.resize(800, 600)
    QApplication.processEvents()
    hint = app.window.minimumSizeHint()  # the cards scroll: the page still fits 800x600
    assert hint.width() <= 800 and hint.height() <= 600, hint.toTuple()
    cards[0].take_button.click()
    (seen,) = [s for s in app.log.suggestions() if s.rule == "see-clinician-two-reds"]
    assert seen.decision == "accepted"


def test_taking_leave_out_writes_the_users_copy_and_every_page_gets_it(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.ui import coach_actions

    told: list[str] = []
    monkeypatch.setattr(coach_actions, "show_warning", lambda _p, _t, text, *_: told.append(text))
    gentle = ("gentle-start", "Gentle start")
    for days in (2, 0):
        knee_rocks = ("knee_rocks", "Knee rocks")
        start = YESTERDAY - timedelta(days=days)
        logged_session(app.log, start, routine=gentle, exercise=knee_rocks, worse_after=True)
    today = app.window.today
    today.refresh(date(2026, 3, 2))
    (leave,) = [c for c in today.suggestions.cards if c.suggestion.kind == "leave_out"]
    assert leave.suggestion.exercise_id == "knee_rocks"
    leave.take_button.click()
    copy = app.window.context.data / "routines" / "gentle-start.toml"
    assert copy.is_file() and "knee_rocks" not in copy.read_text()
    routine = app.window.context.library.routines["gentle-start"]
    assert not routine.builtin and "knee_rocks" not in {b.exercise.id for b in routine.blocks}
    assert app.window.today.library is app.window.context.library
    assert told == [f"Your copy of Gentle start now leaves out Knee rocks. It is saved as {copy}."]


def test_answers_saved_on_first_start_move_start_here_at_once(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.ui import profile

    def answer_leaning_back(_settings: object, log: SessionLog, *_: object) -> bool:
        log.save_profile(
            SymptomProfile(
                datetime(2026, 3, 2, 9, tzinfo=UTC), date(2026, 3, 2), "thigh", LEANING_BACK
            )
        )
        return True

    monkeypatch.setattr(profile, "offer_profile_once", answer_leaning_back)
    assert app.window.today.start_here_button.text().startswith("Start here: Gentle start")
    assert app.window.offer_symptom_profile()
    assert app.window.today.start_here_button.text().startswith("Start here: Arching back")


def test_an_ampersand_in_a_routine_name_shows_on_todays_buttons_as_itself(
    tmp_path: Path, qtbot: QtBot
) -> None:
    routines = tmp_path / "data" / "routines"
    routines.mkdir(parents=True)
    (routines / "legs.toml").write_text(
        'id = "legs"\nname = "Legs & back"\n[[block]]\nexercise = "sit_to_stand"\n'
    )
    for app in make_app(tmp_path, qtbot):
        texts = [b.text() for b in app.window.today.findChildren(QPushButton)]
        assert any(t.startswith("Legs && back\n") for t in texts)
        assert not any(t.startswith("Legs & back") for t in texts)  # "& " would eat the space

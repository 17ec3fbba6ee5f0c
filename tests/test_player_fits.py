"""The player's words fit a small window: in German at 800x600, where exercise names wrap to
two lines, every cue of every exercise is on screen (smaller, never cut off)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from sciatica_coach import i18n
from sciatica_coach.core.timeline import WORK
from sciatica_coach.ui.fitting_label import SMALLEST_PIXELS, FittingLabel
from sciatica_coach.ui.session_flow import FlowState


@pytest.fixture
def german_app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    i18n.set_language("de")
    try:
        yield from make_app(tmp_path, qtbot)
    finally:
        i18n.set_language("en")


def text_height(label: FittingLabel, pixels: int) -> int:
    return label._height_at(pixels, label.contentsRect().width())


def test_every_cue_of_the_gentle_start_fits_at_800x600_in_german(german_app: App) -> None:
    app = german_app
    app.window.resize(800, 600)
    assert app.window.start_routine("gentle-start")
    app.rate(2, 2)
    player = app.window.flow.player
    cues = player.cues_label
    assert isinstance(cues, FittingLabel)
    seen: set[str] = set()
    for _press in range(200):  # the routine has fewer steps than this
        if app.window.flow.state is not FlowState.PLAYING or player.session is None:
            break
        step = player.session.current_step
        exercise = step.exercise if step is not None and step.kind == WORK else None
        if exercise is not None and exercise.id not in seen:
            seen.add(exercise.id)
            app.qtbot.wait(1)  # let the layout settle
            room = cues.contentsRect()
            assert room.height() > 0 and cues.text(), exercise.id
            assert text_height(cues, cues.fitted_pixels()) <= room.height(), exercise.id
            assert cues.fitted_pixels() >= SMALLEST_PIXELS
            assert cues.geometry().bottom() <= player.caution_label.geometry().top()
        player.skip()
    assert len(seen) >= 5


def test_with_room_the_cues_keep_their_full_size(german_app: App) -> None:
    app = german_app
    app.window.resize(1280, 800)
    assert app.window.start_routine("gentle-start")
    app.rate(2, 2)
    app.run(3)
    cues = app.window.flow.player.cues_label
    assert isinstance(cues, FittingLabel)
    app.qtbot.wait(1)
    assert cues.fitted_pixels() == cues._base_pixels

"""Small windows in German, whose words are long: at 800x600 every cue of every exercise is
on screen (smaller, never cut off), and Progress stacks its charts rather than scroll
sideways."""

from __future__ import annotations

import pytest

from flow_helpers import App
from sciatica_coach.core.timeline import WORK
from sciatica_coach.ui.fitting_label import SMALLEST_PIXELS, FittingLabel
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.progress import ChartsPage
from sciatica_coach.ui.session_flow import FlowState
from test_report import gentle_session


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


@pytest.mark.parametrize(("size", "two_columns"), [((800, 600), False), ((1280, 800), True)])
def test_progress_never_scrolls_sideways(
    german_app: App, size: tuple[int, int], two_columns: bool
) -> None:
    app = german_app
    gentle_session(app.log, app.window.context.library, start=app.clock.local())
    app.window.resize(*size)
    app.window.show_page(Page.PROGRESS)
    view = app.window.progress_page.content()
    app.qtbot.waitUntil(lambda: view.scroller.widget().width() > 0)
    app.qtbot.wait(50)  # the window's new size reaches the page
    charts = view.scroller.widget()
    assert isinstance(charts, ChartsPage)
    assert view.body.currentWidget() is view.scroller  # the charts, not "no sessions yet"
    assert charts.two_columns is two_columns
    assert view.scroller.horizontalScrollBar().maximum() == 0
    assert charts.width() <= view.scroller.viewport().width()

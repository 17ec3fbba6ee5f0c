"""The cheap paths the app takes to stay light (issue 17) show exactly what the costly ones did:
kept illustration frames, the ring's partial repaints, the player waking only when due."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from flow_helpers import App
from sciatica_coach.core import engine
from sciatica_coach.illustrations import render_svg
from sciatica_coach.illustrations.draw import ease
from sciatica_coach.illustrations.qt_pictures import paint_fitted
from sciatica_coach.ui.illustration import (
    FRAME_GRID,
    FRAMES_PER_MOVEMENT,
    IllustrationView,
    changed_rect,
    frame_index,
    frame_phase,
    seconds_to_next_frame,
)
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.player import LONGEST_POLL_MS, POLL_MS
from sciatica_coach.ui.progress import ProgressView
from sciatica_coach.ui.ring import CountdownRing
from sciatica_coach.ui.settings_keys import ANIMATED_KEY


def painted(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def drawn_directly(view: IllustrationView, exercise: str, phase: float) -> QImage:
    """The picture as the view drew it before frames were kept: the SVG straight onto the
    background the view stands on."""
    width = view.width()
    ratio = min(1.0, max(0.5, view.height() / width))
    svg = render_svg(exercise, phase, size=(480, round(480 * ratio)), mirrored=False)
    plain = QWidget()
    plain.resize(view.size())
    image = painted(plain)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    paint_fitted(painter, QRectF(view.rect()), QSvgRenderer(QByteArray(svg.encode("utf-8"))))
    painter.end()
    return image


def largest_difference(first: QImage, second: QImage) -> int:
    assert first.size() == second.size()
    worst = 0
    for y in range(0, first.height(), 2):
        for x in range(0, first.width(), 2):
            a, b = first.pixelColor(x, y), second.pixelColor(x, y)
            worst = max(worst, abs(a.red() - b.red()), abs(a.green() - b.green()))
    return worst


def test_a_kept_frame_shows_what_drawing_the_picture_directly_shows(qtbot: QtBot) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.resize(523, 401)  # an odd size, so the picture sits at a fraction of a pixel
    view.show_exercise("glute_bridge")
    view.set_phase(frame_phase(0.4))
    first = painted(view)
    view.set_phase(frame_phase(0.8))
    view.set_phase(frame_phase(0.4))  # copied from the kept frame this time
    again = painted(view)
    assert first == again
    assert largest_difference(first, drawn_directly(view, "glute_bridge", frame_phase(0.4))) <= 2


def test_frames_on_the_grid_are_drawn_once_and_kept_for_the_next_set(qtbot: QtBot) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.resize(480, 360)
    view.show_exercise("glute_bridge")
    for phase in (0.0, 0.25, 0.5, 0.75, 1.0, 0.75, 0.5):
        view.set_phase(frame_phase(phase))
    drawn = view.render_count
    view.show_exercise("glute_bridge")  # the next set of the same exercise
    for phase in (0.25, 0.5, 0.75, 1.0):
        view.set_phase(frame_phase(phase))
    assert view.render_count == drawn
    view.show_exercise("glute_bridge", mirrored=True)  # the other side is another picture
    view.set_phase(0.5)
    assert view.render_count > drawn


def test_phases_off_the_grid_are_drawn_as_before_and_not_kept(qtbot: QtBot) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.show_exercise("cat_camel")
    view.set_phase(0.333)
    view.set_phase(0.5)
    view.set_phase(0.333)
    assert view.drawn_phase == 0.333
    assert view.render_count == 4  # the start pose, 0.333, 0.5, 0.333 again


def test_frame_phase_is_within_half_a_frame_of_the_figure_s_movement() -> None:
    # The grid is even in the eased movement the picture shows: the figure at a snapped
    # phase stands within half a frame of where it would stand, and exactly on a frame.
    for n in range(1001):
        phase = n / 1000
        snapped = frame_phase(phase)
        assert snapped in FRAME_GRID
        assert abs(ease(snapped) - ease(phase)) <= 0.5 / FRAMES_PER_MOVEMENT + 1e-9
        frames_of_the_way = ease(snapped) * FRAMES_PER_MOVEMENT
        assert abs(frames_of_the_way - round(frames_of_the_way)) < 1e-9
    assert frame_phase(-0.2) == 0.0 and frame_phase(1.3) == 1.0
    steps = [b - a for a, b in itertools.pairwise(FRAME_GRID)]
    assert steps[0] > 3 * steps[FRAMES_PER_MOVEMENT // 2]  # the slow ends take longer


def test_the_next_frame_is_due_when_the_moving_phase_reaches_it() -> None:
    for phase, rate in ((0.0, 0.4), (0.3, 0.4), (0.5, -0.25), (0.97, 0.4), (0.02, -1.0)):
        wait = seconds_to_next_frame(phase, rate)
        before = frame_index(phase)
        if frame_index(min(1.0, max(0.0, phase + rate * 10))) == before:
            continue  # already at the last frame that way
        assert frame_index(phase + rate * max(0.0, wait - 1e-6)) == before
        assert frame_index(phase + rate * (wait + 1e-6)) == before + (1 if rate > 0 else -1)
    assert seconds_to_next_frame(0.4, 0.0) == float("inf")


def test_a_resize_draws_the_picture_again_at_the_new_size(qtbot: QtBot) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show_exercise("bird_dog")
    view.set_phase(0.5)
    view.resize(600, 300)
    view.set_phase(0.5)
    assert painted(view).size().width() == 600
    assert largest_difference(painted(view), drawn_directly(view, "bird_dog", 0.5)) <= 2


def test_the_ring_repainted_in_stretches_matches_one_painted_whole(qtbot: QtBot) -> None:
    stepped, whole = CountdownRing(), CountdownRing()
    for ring in (stepped, whole):
        qtbot.addWidget(ring)
        ring.resize(300, 300)
        ring.show()
    qtbot.waitExposed(stepped)
    stepped.show_time(0.0, "3", "of 10")
    stepped.repaint()
    for n in range(1, 40):
        stepped.show_time(n / 100, "3", "of 10")
        stepped.repaint()
    stepped.show_time(0.2, "3", "of 10")  # back, as Restart does
    whole.show_time(0.2, "3", "of 10")
    assert painted(stepped) == painted(whole)


def start_short_session(app: App, animated: bool) -> None:
    app.window.context.settings.setValue(ANIMATED_KEY, animated)
    app.start_by_keyboard()
    assert app.window.flow.session is not None


def test_the_player_wakes_for_the_next_second_not_ten_times_a_second(app: App) -> None:
    start_short_session(app, animated=False)
    player = app.window.flow.player
    app.run(5.05)  # into the first hold: 10 s, left side
    timer = player._timer
    assert timer.isActive() and timer.isSingleShot()
    assert POLL_MS < timer.interval() <= LONGEST_POLL_MS
    app.clock.now += 0.5
    player.refresh()
    # 4.45 s into the hold: the halfway cue is due in 0.55 s, the time left changes sooner.
    assert POLL_MS < timer.interval() <= 553


def test_a_moving_figure_keeps_the_ten_a_second_poll(app: App) -> None:
    start_short_session(app, animated=True)
    player = app.window.flow.player
    app.run(5.5)  # half a second into the hold: the figure is still easing in
    assert player._timer.interval() <= POLL_MS + 5
    app.run(3)  # eased in: it stands still at the end pose
    assert player._timer.interval() > POLL_MS


def test_a_moving_figure_wakes_the_player_once_for_each_new_frame(app: App) -> None:
    start_short_session(app, animated=True)
    player = app.window.flow.player
    app.run(5.0)  # the hold begins: the figure eases into the end pose over 2 s
    shown: list[int] = []
    wakes = 0
    while app.clock.now < 55.0 + 2.0:  # the timer's own schedule, wake by wake
        app.clock.now += player._timer.interval() / 1000
        player.refresh()
        wakes += 1
        phase = player.illustration.drawn_phase
        assert phase is not None
        shown.append(frame_index(phase))
    assert shown == sorted(shown) and shown[-1] == FRAMES_PER_MOVEMENT
    # At most ten frames a second, so the quick middle of this 2-s movement passes over
    # every other frame; hardly a wake shows nothing new (the time left's new second may).
    assert len(set(shown)) >= 16
    assert wakes <= len(set(shown)) + 3


def test_a_paused_or_finished_player_has_no_timer(app: App) -> None:
    start_short_session(app, animated=True)
    player = app.window.flow.player
    app.run(6)
    app.player_keys(Qt.Key.Key_Space)
    session = app.window.flow.session
    assert session is not None and session.status == engine.PAUSED
    assert not player._timer.isActive()
    app.player_keys(Qt.Key.Key_Space)
    assert player._timer.isActive()


def test_progress_shows_its_frame_first_and_its_charts_a_moment_later(app: App) -> None:
    window = app.window
    window.paint_pages_first = True
    window.show_page(Page.PROGRESS)
    assert window.current_page is Page.PROGRESS
    assert window.progress_page.built  # its frame and figures at once
    view = window.progress_page.content()
    assert isinstance(view, ProgressView) and not view.charts_drawn
    app.qtbot.waitUntil(lambda: view.charts_drawn, timeout=20000)
    window.show_page(Page.TODAY)
    window.show_page(Page.PROGRESS)  # built once: shown and read again at once
    assert window.progress_page.built


def test_pages_are_built_at_once_outside_the_app(app: App) -> None:
    app.window.show_page(Page.PROGRESS)
    assert app.window.progress_page.built


def test_changed_rect_is_the_box_around_every_changed_pixel(qtbot: QtBot) -> None:
    first = QPixmap(120, 80)
    first.fill(QColor("white"))
    second = QPixmap(first)
    assert changed_rect(first, second).isEmpty()
    painter = QPainter(second)
    painter.fillRect(QRect(10, 20, 1, 1), QColor(254, 255, 255))  # one pixel, barely changed
    painter.fillRect(QRect(70, 61, 3, 2), QColor("black"))
    painter.end()
    assert changed_rect(first, second) == QRect(10, 20, 63, 43)
    # Drawn at twice the density, a change of one device pixel still takes a whole pixel.
    dense_first, dense_second = QPixmap(240, 160), QPixmap(240, 160)
    for pixmap in (dense_first, dense_second):
        pixmap.fill(QColor("white"))
        pixmap.setDevicePixelRatio(2.0)
    painter = QPainter(dense_second)
    painter.scale(0.5, 0.5)  # device pixels
    painter.fillRect(QRect(21, 41, 1, 1), QColor("black"))
    painter.end()
    assert changed_rect(dense_first, dense_second) == QRect(10, 20, 1, 1)


class PaintedAreas(QObject):
    """Records the area each paint of a widget was asked to cover."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            rect = event.rect()
            self.areas.append(rect.width() * rect.height())
        return False


def test_a_new_frame_repaints_where_it_differs_and_the_screen_shows_the_whole_frame(
    qtbot: QtBot,
) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.resize(523, 401)
    view.show()
    qtbot.waitExposed(view)
    view.show_exercise("glute_bridge")
    while view.draw_ahead():
        pass
    QApplication.processEvents()
    areas = PaintedAreas()
    screen = view.screen()
    # Up the grid a frame at a time, back down skipping frames, as slow and fast polls do.
    steps = [*range(FRAMES_PER_MOVEMENT + 1), *range(FRAMES_PER_MOVEMENT, -1, -3)]
    for n in steps:
        view.set_phase(FRAME_GRID[n])
        view.installEventFilter(areas)  # the paints a new frame asks for, not the grabs below
        QApplication.processEvents()
        view.removeEventFilter(areas)
        on_screen = screen.grabWindow(view.winId()).toImage()
        assert on_screen.convertToFormat(QImage.Format.Format_ARGB32) == painted(view), n
    whole = view.width() * view.height()
    assert areas.areas and max(areas.areas) < whole * 0.6

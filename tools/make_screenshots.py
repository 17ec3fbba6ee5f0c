"""Screenshots of the follow-along screens for the README, at 1280x800 and 800x600.
``--language de`` takes them in German, ``--size 800x600`` at one size only, and
``--all-pages`` adds Routines, Progress, History and Preferences (to check nothing is cut off).
``--theme dark`` takes them in the dark theme and ``--scale 2`` at 200% (the size stays the
window's size in device-independent pixels; the pictures have twice as many).

Runs offscreen on a fake clock in a temporary data folder, so the pictures are the same
every time: Today (with a few logged sessions), the Exercise library, the check-in, the player
on a work step, a rest step and a self-paced step, the stop sheet, the advice after a pain
stop, the after check-in, and the end screens after a whole session and after a pain stop.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from sciatica_coach.core import paths, safety
from sciatica_coach.core.library import load_library
from sciatica_coach.core.records import PainCheck, StepRecord
from sciatica_coach.ui.app import AppContext, MainWindow, build_context, make_application
from sciatica_coach.ui.appearance import Appearance, Theme
from sciatica_coach.ui.exercise_library import ExerciseLibraryView
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.translation import use_language

SIZES = ((1280, 800), (800, 600))
ZONE = ZoneInfo("Europe/London")


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.wall = datetime(2026, 11, 25, 8, 30, tzinfo=ZONE)

    def __call__(self) -> float:
        return self.now

    def local(self) -> datetime:
        return self.wall + timedelta(seconds=self.now)


def seed_history(context: AppContext) -> None:
    """A few past sessions so Today has a week, a last session, a morning question and the
    coach's suggestions to show: the leg was worse after Knee rocks both times."""
    log = context.log
    for days_ago, leg in ((2, 5), (1, 4)):
        start = datetime(2026, 11, 25, 18, 0, tzinfo=ZONE) - timedelta(days=days_ago)
        session_id = log.start_session("gentle-start", "Gentle start", 615, 14, start)
        log.record_pain(session_id, PainCheck("before", 4, leg), start)
        rocks = StepRecord(4, "work", "knee_rocks", "Knee rocks", 1, 1, None, 60, 60, 10, 10,
                           "done", start + timedelta(minutes=4))  # fmt: skip
        log.record_step(session_id, rocks)
        log.set_leg_response(session_id, rocks.step_index, "worse")
        log.record_pain(session_id, PainCheck("after", 3, leg - 1), start)
        log.finish_session(session_id, "completed", start + timedelta(minutes=11), 615.0)


def save(widget: QWidget, folder: Path, name: str, size: tuple[int, int]) -> None:
    widget.resize(*size)
    for _ in range(3):  # a layout change can take a few rounds to reach every widget
        QApplication.processEvents()
    path = folder / f"{name}-{size[0]}x{size[1]}.png"
    widget.grab().save(str(path))
    print(path)


def run_until(window: MainWindow, clock: FakeClock, done: Callable[[], bool]) -> None:
    for _ in range(200_000):
        if done():
            return
        clock.now += 0.1
        window.flow.player.refresh()
    raise RuntimeError("the session never reached the state to photograph")


def answer(window: MainWindow, back: int, leg: int, reach: str | None = None) -> None:
    """Fill in the check-in on screen and save it, as the keyboard would."""
    panel = window.flow.check_in
    assert panel is not None
    panel.back.set_value(back)
    panel.leg.set_value(leg)
    panel.reach.set_value(reach)
    panel.save()


def fresh_window(scratch: str, clock: FakeClock) -> tuple[MainWindow, AppContext]:
    context = build_context(Path(scratch) / "data")
    context.clock = clock
    context.now = clock.local
    context.cue_player = None
    seed_history(context)
    window = MainWindow(context)
    window.confirm_quit = lambda: True
    window.show()
    return window, context


def shoot_library(
    window: MainWindow, clock: FakeClock, folder: Path, size: tuple[int, int]
) -> None:
    """The Exercise library on the cat-camel, its figure part way through the movement."""
    window.show_page(Page.LIBRARY)
    library = window.library_page.content()
    assert isinstance(library, ExerciseLibraryView)
    library.select("cat_camel")
    before = clock.now
    clock.now += 1.2
    library.advance()
    save(window, folder, "library", size)
    clock.now = before
    window.show_page(Page.TODAY)


def shoot_other_pages(window: MainWindow, folder: Path, size: tuple[int, int]) -> None:
    """Routines, Progress (after the seeded sessions), History and Preferences."""
    for page, name in (
        (Page.ROUTINES, "routines"),
        (Page.PROGRESS, "progress"),
        (Page.HISTORY, "history"),
    ):
        window.show_page(page)
        if page is Page.PROGRESS:
            window.progress_page.content()
        save(window, folder, name, size)
    preferences = window.show_preferences()
    preferences.resize(min(760, size[0] - 40), min(760, size[1] - 40))
    over_window(window, preferences, folder, "preferences", size)
    preferences.close()
    window.show_page(Page.TODAY)


def shoot(folder: Path, size: tuple[int, int], *, all_pages: bool = False) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock()
        window, context = fresh_window(scratch, clock)
        window.today.refresh(clock.local().date())
        save(window, folder, "today", size)
        shoot_library(window, clock, folder, size)
        if all_pages:
            shoot_other_pages(window, folder, size)

        window.start_routine("gentle-start")
        panel = window.flow.check_in
        assert panel is not None
        panel.back.set_value(4)
        panel.leg.set_value(6)
        panel.reach.set_value("thigh")
        save(window, folder, "checkin", size)
        panel.save()
        session = window.flow.session
        assert session is not None

        def at_step(kind: str, self_paced: bool = False, seconds_in: float = 0.0) -> bool:
            state = session.state()
            step = state.step
            return (
                step is not None
                and step.kind == kind
                and step.self_paced == self_paced
                and state.elapsed_in_step >= seconds_in
            )

        run_until(window, clock, lambda: at_step("work", seconds_in=20))
        save(window, folder, "player-work", size)
        window.flow.player.toggle_easier()
        save(window, folder, "player-easier", size)
        window.flow.player.toggle_easier()
        run_until(window, clock, lambda: at_step("rest", seconds_in=4))
        save(window, folder, "player-rest", size)
        run_until(window, clock, lambda: at_step("work", seconds_in=8))
        window.flow.open_stop_sheet()
        save(window, folder, "stop-sheet", size)
        window.flow.stop(safety.PAIN_SPREADING.code)
        save(window, folder, "stop-advice", size)
        window.flow.advice.continue_requested.emit()
        save(window, folder, "checkin-after", size)
        answer(window, 4, 7, "below_knee")
        save(window, folder, "end-pain-stop", size)
        window.close()
        context.log.close()

    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock()
        window, context = fresh_window(scratch, clock)
        own = paths.user_routines_dir(context.data)
        own.mkdir()
        (own / "legs.toml").write_text(
            'id = "legs"\nname = "Leg strength"\n[[block]]\nexercise = "sit_to_stand"\nsets = 1\n'
        )
        context.library = load_library(context.data)
        window.close()
        window = MainWindow(context)
        window.confirm_quit = lambda: True
        window.show()
        window.start_routine("legs")
        answer(window, 5, 4)
        session = window.flow.session
        assert session is not None
        run_until(
            window,
            clock,
            lambda: session.state().waiting_for_done and session.state().elapsed_in_step > 7,
        )
        save(window, folder, "player-self-paced", size)
        window.flow.player.mark_done()
        run_until(window, clock, lambda: not window.flow.session_running)
        answer(window, 3, 4)
        save(window, folder, "end", size)
        window.close()
        context.log.close()


def over_window(
    window: MainWindow, dialog: QWidget, folder: Path, name: str, size: tuple[int, int]
) -> None:
    """The dialog drawn in the middle of the window it opens over, as the user sees it, on
    a picture of ``size`` (a window that cannot shrink that far is cut off at the edge)."""
    QApplication.processEvents()
    behind = window.grab()
    ratio = behind.devicePixelRatio()  # 2 at --scale 2: sizes below are in logical pixels
    picture = QPixmap(round(size[0] * ratio), round(size[1] * ratio))
    picture.setDevicePixelRatio(ratio)
    shot = dialog.grab()
    shown = shot.deviceIndependentSize()
    painter = QPainter(picture)
    painter.drawPixmap(0, 0, behind)
    painter.fillRect(0, 0, size[0], size[1], QColor(0, 0, 0, 70))
    left = round((size[0] - shown.width()) / 2)
    top = round((size[1] - shown.height()) / 2)
    painter.drawPixmap(left, top, shot)
    painter.setPen(dialog.palette().color(QPalette.ColorRole.Mid))
    painter.drawRect(left - 1, top - 1, round(shown.width()) + 1, round(shown.height()) + 1)
    painter.end()
    path = folder / f"{name}-{size[0]}x{size[1]}.png"
    picture.save(str(path))
    print(path)


def shoot_profile(folder: Path, size: tuple[int, int]) -> None:
    """The symptom profile opened again three days after it was saved (with what the
    self-check found then), and the self-check's first movement, each over the main window
    at the size the dialog opens on a screen that big."""
    from sciatica_coach.core.symptoms import SymptomProfile
    from sciatica_coach.ui.profile import SymptomProfileDialog

    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock()
        window, context = fresh_window(scratch, clock)
        saved = clock.local() - timedelta(days=3)
        context.log.save_profile(
            SymptomProfile(
                saved, saved.date(), "thigh", "not_sure", {"extension": "up", "flexion": "same"}
            )
        )
        window.resize(*size)
        window.today.refresh(clock.local().date())
        dialog = SymptomProfileDialog(context.log, clock.local, window)
        dialog.resize(min(760, size[0] - 40), min(760, size[1] - 40))
        dialog.show()
        over_window(window, dialog, folder, "profile", size)
        dialog.start_check()
        dialog.next_check_step()
        over_window(window, dialog, folder, "profile-check-step", size)
        dialog.close()
        window.close()
        context.log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--language", default="en", help="en or de (default en)")
    parser.add_argument("--size", help="one size only, e.g. 800x600")
    parser.add_argument("--all-pages", action="store_true", help="Routines, Progress, History too")
    parser.add_argument("--theme", choices=[t.value for t in Theme], default=Theme.SYSTEM.value)
    parser.add_argument("--scale", type=float, default=1.0, help="2 for 200%%")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # read when the application is made
    app = make_application()
    use_language(app, args.language)
    Appearance(app).set_theme(args.theme)
    sizes = SIZES
    if args.size:
        width, height = (int(part) for part in args.size.lower().split("x"))
        sizes = ((width, height),)
    for size in sizes:
        shoot(args.out, size, all_pages=args.all_pages)
        shoot_profile(args.out, size)


if __name__ == "__main__":
    main()

"""Screenshots of the follow-along screens for the README, at 1280x800 and 800x600.

Runs offscreen on a fake clock in a temporary data folder, so the pictures are the same
every time: Today (with a few logged sessions), the player on a work step, a rest step and
a self-paced step, the pain check-in, and the end screen.
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

from PySide6.QtWidgets import QApplication, QWidget

from sciatica_coach.core import paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import PainCheck
from sciatica_coach.ui.app import AppContext, MainWindow, build_context, make_application
from sciatica_coach.ui.checkin import PainCheckInDialog

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
    """A few past sessions so Today has a week and a last session to show."""
    log = context.log
    for days_ago, leg in ((2, 5), (1, 4)):
        start = datetime(2026, 11, 25, 18, 0, tzinfo=ZONE) - timedelta(days=days_ago)
        session_id = log.start_session("gentle-start", "Gentle start", 615, 14, start)
        log.record_pain(session_id, PainCheck("before", 4, leg), start)
        log.record_pain(session_id, PainCheck("after", 3, leg - 1), start)
        log.finish_session(session_id, "completed", start + timedelta(minutes=11), 615.0)


def save(widget: QWidget, folder: Path, name: str, size: tuple[int, int]) -> None:
    widget.resize(*size)
    QApplication.processEvents()
    path = folder / f"{name}-{size[0]}x{size[1]}.png"
    widget.grab().save(str(path))
    print(path)


def run_until(window: MainWindow, clock: FakeClock, done: Callable[[], bool]) -> None:
    for _ in range(200_000):
        if done():
            return
        clock.now += 0.1
        window.player.refresh()
    raise RuntimeError("the session never reached the state to photograph")


def shoot(folder: Path, size: tuple[int, int]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock()
        context = build_context(Path(scratch) / "data")
        context.clock = clock
        context.now = clock.local
        context.cue_player = None
        seed_history(context)
        window = MainWindow(context)
        window.ask_pain = lambda moment, previous: PainCheck(moment, 4, 3)
        window.show()
        window.today.refresh(clock.local().date())
        save(window, folder, "today", size)

        window.start_routine("gentle-start")
        session = window.session
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
        run_until(window, clock, lambda: at_step("rest", seconds_in=4))
        save(window, folder, "player-rest", size)
        window.close()
        context.log.close()

    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock()
        context = build_context(Path(scratch) / "data")
        context.clock = clock
        context.now = clock.local
        context.cue_player = None
        own = paths.user_routines_dir(context.data)
        own.mkdir()
        (own / "legs.toml").write_text(
            'id = "legs"\nname = "Leg strength"\n[[block]]\nexercise = "sit_to_stand"\nsets = 1\n'
        )
        context.library = load_library(context.data)
        window = MainWindow(context)
        window.ask_pain = lambda moment, previous: PainCheck(
            moment, 5 if moment == "before" else 3, 4
        )
        window.show()
        window.start_routine("legs")
        session = window.session
        assert session is not None
        run_until(
            window,
            clock,
            lambda: session.state().waiting_for_done and session.state().elapsed_in_step > 7,
        )
        save(window, folder, "player-self-paced", size)
        window.player.mark_done()
        run_until(window, clock, lambda: window.session is None)
        save(window, folder, "end", size)
        window.close()
        context.log.close()

    dialog = PainCheckInDialog("before", None, previous=(4, 6))
    dialog.show()
    save(dialog, folder, "checkin", size)
    dialog.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    make_application()
    for size in SIZES:
        shoot(args.out, size)


if __name__ == "__main__":
    main()

"""CPU used by a real session running for a minute offscreen: the player's polling cost.

The app is built as it would be at start, a built-in routine is started with the real
monotonic clock, and the event loop runs for SECONDS. Process CPU time (all threads) is
read before and after; the figure is CPU seconds per minute of session.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer

from sciatica_coach.ui.app import build_main_window, make_application

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0


def main() -> None:
    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        window = build_main_window(Path(folder) / "data")
        window.resize(1280, 800)
        window.show()
        window.start_routine("gentle-start")
        assert window.flow.check_in is not None
        window.flow.check_in.skip_button.click()
        session = window.flow.session
        assert session is not None
        measured: dict[str, float] = {}

        def finish() -> None:
            measured["cpu"] = time.process_time() - cpu_before
            measured["wall"] = time.monotonic() - wall_before
            measured["step"] = session.state().index
            measured["renders"] = window.flow.player.illustration.render_count
            app.quit()

        cpu_before = time.process_time()
        wall_before = time.monotonic()
        QTimer.singleShot(int(SECONDS * 1000), finish)
        app.exec()
        cpu, wall = measured["cpu"], measured["wall"]
        print(
            f"session ran {wall:.1f} s to step {measured['step']:.0f} of "
            f"{len(session.timeline.steps)}; {measured['renders']:.0f} illustration frames"
        )
        print(f"CPU {cpu:.2f} s: {cpu / wall * 60:.2f} CPU seconds per minute of session")


if __name__ == "__main__":
    main()

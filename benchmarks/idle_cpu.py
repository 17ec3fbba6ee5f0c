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


TRAY = """
import sys, tempfile, time
from datetime import datetime, timedelta
from pathlib import Path
from PySide6.QtCore import QTimer
from sciatica_coach.ui import tray
from sciatica_coach.ui.app import build_main_window, make_application
from sciatica_coach.ui.settings_keys import TRAY_KEY

seconds = float(sys.argv[1])
tray.tray_available = lambda: True  # offscreen has no tray; the icon object is made anyway
app = make_application()
window = build_main_window(Path(tempfile.mkdtemp()) / "data")
window.context.settings.setValue(TRAY_KEY, True)
in_an_hour = (datetime.now() + timedelta(hours=1)).time().replace(second=0, microsecond=0)
window.context.log.set_reminder_times({day: in_an_hour for day in range(7)})
window.set_tray(True)
window.show()
window.close()  # to the tray
window.reminder_clock.check()
start = (time.process_time(), time.monotonic())

def finish():
    print(f"cpu {time.process_time() - start[0]}", flush=True)
    print(f"wall {time.monotonic() - start[1]}", flush=True)
    rss = next(l for l in open("/proc/self/status") if l.startswith("VmRSS:")).split()[1]
    print(f"rss {int(rss) / 1024:.1f}", flush=True)
    print(f"wait {min(w.total_seconds() for w in window.reminder_clock.waits)}", flush=True)
    print(f"hidden {int(not window.isVisible())}", flush=True)
    app.quit()

QTimer.singleShot(int(seconds * 1000), finish)
app.exec()
"""


def tray_idle(seconds: float = 60.0) -> bool:
    """CPU and RSS of the app idling in the tray with reminders armed an hour ahead
    (issue 14): CPU should be indistinguishable from zero, no timer under a minute."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", TRAY, str(seconds)], env=env, capture_output=True, text=True
    ).stdout
    got = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
    share = float(got["cpu"]) / float(got["wall"]) * 100
    wait = float(got["wait"])
    print(
        f"tray idle over {seconds:.0f} s: CPU {share:.3f}% of a core, RSS {got['rss']} MiB, "
        f"shortest reminder timer {wait:.0f} s, window hidden {got['hidden'].strip() == '1'}"
    )
    return share <= 0.1 and wait >= 60


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

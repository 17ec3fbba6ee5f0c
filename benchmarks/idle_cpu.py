"""CPU used while a session runs: a timed hold and paced reps, animation on and off, offscreen
and under a private X server when Xvfb is there.

Each case is a fresh app in a temporary data folder, 1280x800, running the real monotonic
clock through a session of the usual length: the exercise measured, then Gentle start.
Process CPU time (all threads) is read from the moment the work step starts, for SECONDS;
the figure is the share of one core. The preparation before it, where the player draws the
figure's frames ahead while it stands still, is printed beside it ("lead-in"), so that work
is seen, not hidden. "drawn/s" counts frames drawn while measuring (`render_count`), which is
0 when every frame was drawn in the lead-in, as it should be; frames shown are not counted.

    .venv/bin/python benchmarks/idle_cpu.py [SECONDS]
"""

from __future__ import annotations

import sys

from common import load_note, platform_env, platforms, run_child, value, verdict

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
# A 90-second hold (the figure eases in, then stays) and 10 reps paced at 6 s each.
CASES = (("timed hold", "prone_lying"), ("paced reps", "glute_bridge"))
LIMITS = {"on": 1.0, "off": 0.3}  # per cent of one core

SESSION = """
import dataclasses, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QTimer
from sciatica_coach.core.catalog import Block
from sciatica_coach.core.exercise_search import practice_routine
from sciatica_coach.core.timeline import WORK
from sciatica_coach.ui.app import build_main_window, make_application
from sciatica_coach.ui.settings_keys import ANIMATED_KEY

exercise_id, animated, seconds = sys.argv[1], sys.argv[2] == "on", float(sys.argv[3])
app = make_application()
window = build_main_window(Path(tempfile.mkdtemp()) / "data")
window.context.settings.setValue(ANIMATED_KEY, animated)
window.confirm_quit = lambda: True
window.resize(1280, 800)
window.show()
print("painted", flush=True)
library = window.context.library
exercise = library.exercises[exercise_id]
rest = library.routines["gentle-start"].blocks
routine = practice_routine(exercise)
window.start_practice(
    dataclasses.replace(routine, blocks=(Block(exercise=exercise, dose=exercise.dose), *rest))
)
window.flow.check_in.skip_button.click()
begun = (time.process_time(), time.monotonic())
session = window.flow.session
illustration = window.flow.player.illustration
start = {}

def finish():
    cpu = time.process_time() - start["cpu"]
    wall = time.monotonic() - start["wall"]
    assert session.state().step is start["step"], "the work step ended while measuring"
    print(f"cpu {cpu}", flush=True)
    print(f"wall {wall}", flush=True)
    print(f"frames {illustration.render_count - start['frames']}", flush=True)
    app.quit()

def wait_for_work():
    step = session.state().step
    if step is None or step.kind != WORK:
        QTimer.singleShot(20, wait_for_work)
        return
    start.update(cpu=time.process_time(), wall=time.monotonic(), step=step,
                 frames=illustration.render_count)
    print(f"lead_cpu {start['cpu'] - begun[0]}", flush=True)
    print(f"lead_wall {start['wall'] - begun[1]}", flush=True)
    QTimer.singleShot(int(seconds * 1000), finish)

wait_for_work()
app.exec()
"""


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


def main() -> int:
    print(f"session CPU over {SECONDS:.0f} s of a work step, 1280x800; {load_note()}")
    print(
        f"{'platform':<10}{'case':<13}{'animation':<11}{'CPU %':>7}{'drawn/s':>10}"
        f"{'lead-in CPU %':>15}"
    )
    passed = True
    for platform in platforms():
        with platform_env(platform) as env:
            for case, exercise in CASES:
                for animation in ("on", "off"):
                    _, lines = run_child(SESSION, exercise, animation, str(SECONDS), env=env)
                    wall = value(lines, "wall")
                    share = value(lines, "cpu") / wall * 100
                    rate = value(lines, "frames") / wall
                    lead = value(lines, "lead_cpu") / value(lines, "lead_wall") * 100
                    print(
                        f"{platform:<10}{case:<13}{animation:<11}{share:>7.2f}{rate:>10.1f}"
                        f"{lead:>15.2f}"
                    )
                    passed &= verdict(
                        f"session CPU, {case}, animation {animation}, {platform}",
                        f"{share:.2f}% of a core",
                        f"<= {LIMITS[animation]}%",
                        share <= LIMITS[animation],
                    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

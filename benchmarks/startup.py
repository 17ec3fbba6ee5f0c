"""Time to the first painted main window, against a bare PySide6 window of the same size.

The app starts as a user starts it (`run_app` over a data folder that has seen the safety
screen), each side in a fresh interpreter so imports count, offscreen and under a private X
server when Xvfb is there. The two sides alternate so a busy moment on the machine hits both;
the figure is the median ratio. A first round, not counted, fills the bytecode cache.

Beside them runs the least start of this window (common.LEAST_WINDOW: its frame straight from
PySide after the lock, the app log and the language), a yardstick for what the target leaves.

    .venv/bin/python benchmarks/startup.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from common import (
    APP_WINDOW,
    BARE_WINDOW,
    LEAST_WINDOW,
    load_note,
    platform_env,
    platforms,
    returning_user,
    run_child,
    verdict,
)

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 9
LIMIT = 1.3


def main() -> int:
    print(f"first paint at 1280x800, median of {ROUNDS} rounds; {load_note()}")
    passed = True
    for platform in platforms():
        with platform_env(platform) as env, tempfile.TemporaryDirectory() as folder:
            data = returning_user(Path(folder))
            bare_times: list[float] = []
            app_times: list[float] = []
            least_times: list[float] = []
            filled_ms: list[float] = []
            heavy = ""
            for round_number in range(ROUNDS + 1):
                bare, _ = run_child(BARE_WINDOW, env=env)
                least, _ = run_child(LEAST_WINDOW, str(data), env=env)
                app, lines = run_child(APP_WINDOW, str(data), "0", "-", env=env)
                heavy = next((line for line in lines if line.startswith("heavy")), heavy)
                if round_number:
                    bare_times.append(bare)
                    app_times.append(app)
                    least_times.append(least)
                    said = [line for line in lines if line.startswith("filled ")]
                    filled_ms.extend(float(line.split()[1]) for line in said)
            ratios = [a / b for a, b in zip(app_times, bare_times, strict=True)]
            ratio = statistics.median(ratios)
            # Today is painted with its heading first and reads the log just after: how
            # long after the first paint it was complete (reported, no target).
            filled = (
                f"; Today filled in {statistics.median(filled_ms):.0f} ms after that"
                if filled_ms
                else ""
            )
            print(
                f"{platform}: bare window {statistics.median(bare_times) * 1000:.0f} ms, "
                f"Sciatica Coach {statistics.median(app_times) * 1000:.0f} ms "
                f"(ratios {min(ratios):.2f}-{max(ratios):.2f}){filled}; "
                + heavy.replace("heavy", "charting libraries loaded:")
            )
            least_ratios = [a / b for a, b in zip(least_times, bare_times, strict=True)]
            print(
                f"{platform}: the least start of this window (common.LEAST_WINDOW) "
                f"{statistics.median(least_times) * 1000:.0f} ms, "
                f"{statistics.median(least_ratios):.2f}x a bare window (reported, no target)"
            )
            passed &= verdict(
                f"start-up, {platform}",
                f"{ratio:.2f}x a bare window",
                f"<= {LIMIT}x",
                ratio <= LIMIT,
            )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

"""Resident memory on Today after 10 s idle, against a bare PySide6 window idle as long; and
after visiting every page (reported, no target).

The app starts as a user starts it (`run_app`, offscreen, 1280x800) over a data folder that
has seen the safety screen, in a fresh interpreter; RSS is read from /proc/self/status.

    .venv/bin/python benchmarks/memory.py [IDLE_SECONDS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import (
    APP_WINDOW,
    BARE_WINDOW,
    load_note,
    platform_env,
    returning_user,
    run_child,
    value,
    verdict,
)

IDLE = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
LIMIT = 1.5


def main() -> int:
    print(f"resident memory after {IDLE:.0f} s idle, offscreen 1280x800; {load_note()}")
    with platform_env("offscreen") as env, tempfile.TemporaryDirectory() as folder:
        data = returning_user(Path(folder))
        run_child(APP_WINDOW, str(data), "0", "-", env=env)  # fills the bytecode cache
        _, bare_lines = run_child(BARE_WINDOW, str(IDLE), env=env)
        _, app_lines = run_child(APP_WINDOW, str(data), str(IDLE), "visit", env=env)
    bare, today, visited = value(bare_lines, "rss"), value(app_lines, "rss"), 0.0
    visited = value(app_lines, "visited")
    heavy = next((line.split()[1] for line in app_lines if line.startswith("heavy")), "?")
    print(f"bare window {bare:.1f} MB; Today {today:.1f} MB (charting libraries: {heavy})")
    print(f"after visiting every page: {visited:.1f} MB ({visited / bare:.2f}x)")
    passed = verdict(
        "memory on Today after idle",
        f"{today / bare:.2f}x a bare window",
        f"<= {LIMIT}x",
        today / bare <= LIMIT,
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

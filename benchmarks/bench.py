"""`make bench`: every benchmark in turn, then each target with its measured figure and PASS
or FAIL. Exits 1 if any target fails.

Each benchmark prints its own detail and a `TARGET ...` line per target (common.verdict); the
older ones, which only print a verdict in words, are judged here by their exit status.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from common import VERDICT_PREFIX, load_note

HERE = Path(__file__).resolve().parent
# Issue 17's targets first, then the figures that met theirs before it (keep them met).
BENCHMARKS = (
    "startup.py",
    "memory.py",
    "idle_cpu.py",
    "stalls.py",
    "progress_first_visit.py",
    "bundle.py",
    "progress_view.py",
    "report.py",
    "log_scale.py",
    "engine_drift.py",
)


def main() -> int:
    verdicts: list[str] = []
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        process = subprocess.run(
            [sys.executable, str(HERE / name)], capture_output=True, text=True, check=False
        )
        print(process.stdout, end="", flush=True)
        said = [line for line in process.stdout.splitlines() if line.startswith(VERDICT_PREFIX)]
        if said:
            verdicts.extend(said)
        else:
            result = "PASS" if process.returncode == 0 else "FAIL"
            verdicts.append(f"{VERDICT_PREFIX} {name}: exit status {process.returncode} {result}")
        # A crash (or a failure that said no target) shows why: log_scale.py once failed
        # here for months with nothing printed but its exit status.
        if process.returncode not in (0, 1) or (process.returncode and not said):
            print(process.stderr[-2000:], file=sys.stderr)
    print(f"\n== targets ({load_note()})")
    for line in verdicts:
        print(line.removeprefix(VERDICT_PREFIX + " "))
    failed = sum(line.endswith("FAIL") for line in verdicts)
    print(f"{len(verdicts) - failed} of {len(verdicts)} targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

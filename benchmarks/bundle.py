"""The size of the one-folder bundle that `make package` builds in dist/sciatica-coach, and its
largest parts; skipped (no target line) when no bundle has been built.

    make package && .venv/bin/python benchmarks/bundle.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import ROOT, verdict

BUNDLE = ROOT / "dist" / "sciatica-coach"
LIMIT_MB = 150
LARGEST = 12
MB = 1024 * 1024  # as `du -sh` counts, which the 197 MB came from


def size(path: Path) -> int:
    """Bytes on disk under ``path``, as ``du`` counts them (whole 512-byte blocks)."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.lstat().st_blocks * 512 for p in files if not p.is_symlink())


def main() -> int:
    if not BUNDLE.is_dir():
        print(f"no bundle in {BUNDLE}: run `make package` first; skipped")
        return 0
    internal = BUNDLE / "_internal"
    parts = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()]
    parts.sort(key=size, reverse=True)
    for part in parts[:LARGEST]:
        print(f"{size(part) / MB:7.1f} MB  {part.relative_to(BUNDLE)}")
    total = size(BUNDLE) / MB
    passed = verdict("bundle size", f"{total:.0f} MB", f"< {LIMIT_MB} MB", total < LIMIT_MB)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

"""At run time, importing the core and the CLI loads no Qt at all.

import-linter checks the same rule statically (pyproject.toml); this also catches Qt pulled in
through a third-party package, and the CLI's own start, which lint-imports cannot separate from
the views it imports inside functions.
"""

import subprocess
import sys


def test_core_imports_no_qt() -> None:
    code = (
        "import sys\n"
        "import sciatica_coach.core, sciatica_coach.cli\n"
        "from sciatica_coach.core import catalog, engine, library, log, paths, stats, timeline\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""

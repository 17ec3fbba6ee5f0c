"""Start-up stays light: the app module loads no plotting stack until Progress draws its charts."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("pyqtgraph", "numpy")


def loaded_after(statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_importing_the_app_does_not_import_pyqtgraph_or_numpy() -> None:
    assert loaded_after("import sciatica_coach.ui.app") == []


def test_the_history_view_and_chart_helpers_do_not_need_them_either() -> None:
    assert loaded_after("import sciatica_coach.ui.history, sciatica_coach.ui.charts") == []


def test_the_progress_page_shows_its_figures_without_them() -> None:
    # Its frame, figures and calendar come first; the plots load afterwards (ui/plots.py).
    assert loaded_after("import sciatica_coach.ui.progress") == []


def test_the_plots_are_what_brings_them_in() -> None:
    # Proves the checks above can fail: the charts' plots do load the plotting stack.
    assert loaded_after("import sciatica_coach.ui.plots") == list(HEAVY)

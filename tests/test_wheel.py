"""The wheel as a user gets it: built with ``python -m build``, installed with its dependencies
into a fresh virtual environment, and run from there, away from this checkout.

``build`` goes into a throwaway environment of its own, never into the app's: it is a tool
for making the wheel, not something the app needs. pip takes what it can from its cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from sciatica_coach import __version__

ROOT = Path(__file__).resolve().parents[1]
BIN = "Scripts" if sys.platform == "win32" else "bin"
SHIPPED = (
    "sciatica_coach/assets/library/exercises.toml",
    "sciatica_coach/assets/library/routines/gentle-start.toml",
    "sciatica_coach/assets/sounds/tick.wav",
    "sciatica_coach/assets/icons/sciatica-coach.svg",
    "sciatica_coach/assets/icons/hicolor/256x256/apps/sciatica-coach.png",
)

pytestmark = pytest.mark.slow


def run(command: list[str | Path], cwd: Path, timeout: float = 300) -> str:
    """Run a command outside the checkout; fail the test with its output if it fails."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result.stdout


def fresh_venv(path: Path) -> Path:
    run([sys.executable, "-m", "venv", path], cwd=path.parent)
    return path / BIN / ("python.exe" if sys.platform == "win32" else "python")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and wheel, built the way a release is."""
    work = tmp_path_factory.mktemp("build")
    python = fresh_venv(work / "tools")
    run([python, "-m", "pip", "install", "--quiet", "build"], cwd=work)
    out = work / "dist"
    run([python, "-m", "build", "--outdir", out, ROOT], cwd=work)
    (wheel,) = out.glob("sciatica_coach-*.whl")
    (sdist,) = out.glob("sciatica_coach-*.tar.gz")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel and its dependencies; returns its scripts folder."""
    _sdist, wheel = built
    work = tmp_path_factory.mktemp("install")
    python = fresh_venv(work / "venv")
    run([python, "-m", "pip", "install", "--quiet", wheel], cwd=work)
    return python.parent


def test_wheel_carries_the_assets_and_the_command(built: tuple[Path, Path]) -> None:
    _sdist, wheel = built
    assert wheel.name == f"sciatica_coach-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(f"sciatica_coach-{__version__}.dist-info/entry_points.txt")
    assert set(SHIPPED) <= names
    assert not any(name.startswith(("tests/", "assets/")) for name in names)
    assert b"sciatica-coach = sciatica_coach.cli:main" in entry_points


def test_sdist_carries_what_the_wheel_and_the_bundle_are_built_from(
    built: tuple[Path, Path],
) -> None:
    sdist, _wheel = built
    top = f"sciatica_coach-{__version__}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    for needed in (
        "assets/library/exercises.toml",
        "src/sciatica_coach/cli.py",
        "packaging/pyinstaller/sciatica-coach.spec",
        "packaging/linux/sciatica-coach.desktop",
    ):
        assert f"{top}/{needed}" in names


def test_installed_command_prints_its_version(installed: Path, tmp_path: Path) -> None:
    out = run([installed / "sciatica-coach", "--version"], cwd=tmp_path)
    assert out.strip() == f"sciatica-coach {__version__}"


def test_installed_command_plans_a_builtin_routine_from_its_own_assets(
    installed: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    out = run([installed / "sciatica-coach", "--data-dir", data, "plan", "gentle-start"], tmp_path)
    assert out.startswith("Gentle start (gentle-start), level 1")
    assert "Get ready" in out and "Knee rocks" in out
    total = next(line for line in out.splitlines() if line.startswith("Total "))
    assert "stated length 10 min" in total
    found = run(
        [
            installed / "python",
            "-c",
            "from sciatica_coach.core import paths; print(paths.assets_dir())",
        ],
        cwd=tmp_path,
    )
    assets = Path(found.strip())
    assert assets.name == "assets" and assets.parent.name == "sciatica_coach"
    assert ROOT not in assets.parents, "the installed copy must not read this checkout"


def test_installed_app_passes_its_self_test(installed: Path, tmp_path: Path) -> None:
    out = run([installed / "sciatica-coach", "--self-test"], cwd=tmp_path, timeout=120)
    assert out.startswith("self-test ok: 3 steps logged")

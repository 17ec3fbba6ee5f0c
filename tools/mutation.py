"""Mutation testing of the core, one module at a time, each against its own tests only.

For every module named in ``[tool.mutation.tests]`` of ``pyproject.toml`` this copies the
checkout's ``src``, ``tests``, ``assets`` and ``pyproject.toml`` into ``mutants/<module>/``,
points mutmut (configured by ``[tool.mutmut]``) at that one module and its test files, runs it
there, and prints one line per module. Nothing outside ``mutants/`` is written, so the working
tree others are editing is never touched.

A surviving mutant counts as killed when the line it changes carries a comment
``# equivalent mutant: <why>`` (or follows a line of only that comment): it behaves exactly
like the original, so no test could kill it.
Those lines are listed with their reasons, and so is every real survivor (``-v`` prints its
diff).

Usage: python tools/mutation.py [-v] [MODULE ...]    (all modules when none are named)
Exit status 1 if any module scores below the threshold in ``[tool.mutation]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
CORE = Path("src/sciatica_coach/core")
MARK = "# equivalent mutant:"
COPIED = ("src", "tests", "assets")
KILLED = {1, 3}
TIMED_OUT = {36, 24, -24, 152, 255}


@dataclass
class Outcome:
    """What became of one module's mutants."""

    module: str
    mutants: int = 0
    killed: int = 0
    timed_out: int = 0
    equivalent: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        caught = self.killed + self.timed_out + len(self.equivalent)
        return 100.0 * caught / self.mutants if self.mutants else 100.0


def settings() -> tuple[dict[str, list[str]], float]:
    """The test files of each module, and the lowest acceptable score."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mutation = project["tool"]["mutation"]
    return dict(mutation["tests"]), float(mutation["threshold"])


def test_files(patterns: list[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        found += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern))
    return found


def prepare(module: str, tests: list[str]) -> Path:
    """A fresh copy of the checkout in ``mutants/<module>`` set to mutate ``module`` only."""
    place = WORK / module
    if place.exists():
        shutil.rmtree(place)
    place.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        shutil.copytree(ROOT / name, place / name, ignore=ignore)
    project = tomlkit.parse((ROOT / "pyproject.toml").read_text("utf-8"))
    mutmut = project["tool"]["mutmut"]  # type: ignore[index]
    mutmut["only_mutate"] = [str(CORE / f"{module}.py")]  # type: ignore[index]
    mutmut["pytest_add_cli_args_test_selection"] = tests  # type: ignore[index]
    (place / "pyproject.toml").write_text(tomlkit.dumps(project), "utf-8")
    return place


def run_module(module: str, tests: list[str], verbose: bool) -> Outcome:
    started = time.monotonic()
    place = prepare(module, tests)
    with open(place / "mutmut.log", "w") as output:
        # The app's own Qt tests are not among a core module's tests, but conftest imports Qt.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        command = [sys.executable, "-m", "mutmut", "run"]
        done = subprocess.run(command, cwd=place, stdout=output, stderr=subprocess.STDOUT, env=env)
    outcome = read_outcome(module, place, verbose)
    outcome.seconds = time.monotonic() - started
    if done.returncode != 0 or outcome.mutants == 0:
        print(f"{module}: mutmut failed (exit {done.returncode}); see {place / 'mutmut.log'}")
        outcome.survived.append("(mutmut failed)")
    return outcome


def read_outcome(module: str, place: Path, verbose: bool) -> Outcome:
    source = CORE / f"{module}.py"
    meta = place / "mutants" / f"{source}.meta"
    outcome = Outcome(module)
    if not meta.exists():
        return outcome
    exit_codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    here = Path.cwd()
    os.chdir(place)  # mutmut reads its mutants relative to the working directory
    try:
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        for name, code in sorted(exit_codes.items()):
            outcome.mutants += 1
            if code in KILLED:
                outcome.killed += 1
            elif code in TIMED_OUT:
                outcome.timed_out += 1
            else:
                diff = get_diff_for_mutant(name, path=source)
                if marked_equivalent(diff):
                    outcome.equivalent.append(name)
                else:
                    outcome.survived.append(name)
                outcome.diffs[name] = diff
    finally:
        os.chdir(here)
    return outcome


def marked_equivalent(diff: str) -> bool:
    """Whether a line the mutant changes carries the mark, or follows a comment line of it."""
    lines = diff.splitlines()
    for number, line in enumerate(lines):
        if not line.startswith("-") or line.startswith("---"):
            continue
        above = lines[number - 1][1:].strip() if number else ""
        if MARK in line or above.startswith(MARK):
            return True
    return False


def equivalent_lines(module: str) -> list[str]:
    """Each line of the module marked equivalent, with its number and reason."""
    lines = (ROOT / CORE / f"{module}.py").read_text("utf-8").splitlines()
    return [
        f"  {module}.py:{number}: {line.split(MARK, 1)[1].strip()}"
        for number, line in enumerate(lines, start=1)
        if MARK in line
    ]


def main(argv: list[str] | None = None) -> int:
    tests_of, threshold = settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(tests_of))
    parser.add_argument("-v", "--verbose", action="store_true", help="print each survivor's diff")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in tests_of]
    if unknown:
        parser.error(f"no tests are named for {', '.join(unknown)} in [tool.mutation.tests]")
    modules = args.modules or list(tests_of)
    started = time.monotonic()
    outcomes = []
    for module in modules:
        tests = test_files(tests_of[module])
        outcome = run_module(module, tests, args.verbose)
        outcomes.append(outcome)
        print(
            f"{module:<12} mutants {outcome.mutants:>4}  killed {outcome.killed:>4}  "
            f"timed out {outcome.timed_out:>3}  survived {len(outcome.survived):>3}  "
            f"equivalent {len(outcome.equivalent):>2}  score {outcome.score:5.1f}%  "
            f"({outcome.seconds:.0f} s)",
            flush=True,
        )
    print(f"total {time.monotonic() - started:.0f} s")
    for outcome in outcomes:
        if outcome.survived:
            print(f"\nSurvivors in {outcome.module}:")
            for name in outcome.survived:
                print(f"  {name}")
                if args.verbose and name in outcome.diffs:
                    print("\n".join("    " + line for line in outcome.diffs[name].splitlines()))
        marked = equivalent_lines(outcome.module)
        if marked:
            print(f"\nLines of {outcome.module} marked equivalent:")
            print("\n".join(marked))
    passed = all(o.score >= threshold and "(mutmut failed)" not in o.survived for o in outcomes)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

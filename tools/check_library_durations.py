"""Print each built-in routine's planned length, worked out by the timeline rules, and its
share of bending (flexion) exercises.

Standalone on purpose (tomllib only), so it can cross-check sciatica_coach.core.timeline.
Rules (docs/formats.md): one prepare step; for each block, each set, each side a work step,
a switch between left and right, a rest between sets, rest_after after the block but not
after the last one. Work: hold seconds; reps * tempo; self-paced reps at 4 s each;
alternating reps count double. Flexion share: blocks whose exercise is tagged "flexion" or
"flexion_and_extension" (counted as bending, to be strict), out of all blocks.

Usage: python tools/check_library_durations.py [-v] [--core] [LIBRARY_DIR]
  -v      per-block breakdown
  --core  also print the total from sciatica_coach.core.timeline.expand_routine
Exit status 1 if a routine misses its target by more than 10 %, is more than two-thirds
flexion, or --core disagrees.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

SELF_PACED_SECONDS_PER_REP = 4
DOSE_FIELDS = ("hold", "reps", "tempo", "sets", "rest", "rest_after", "sides")
LIMIT = 0.10
MAX_FLEXION_SHARE = 2 / 3
BENDING = ("flexion", "flexion_and_extension")


def exercise_doses(catalog: dict) -> dict[str, dict]:
    doses = {}
    for ex in catalog.get("exercise", []):
        dose = {"mode": ex["mode"], "sets": 1, "rest": 15, "rest_after": 20, "sides": "none"}
        dose.update({k: ex[k] for k in DOSE_FIELDS if k in ex})
        doses[ex["id"]] = dose
    return doses


def exercise_directions(catalog: dict) -> dict[str, str]:
    return {ex["id"]: ex.get("spinal_direction", "neutral") for ex in catalog.get("exercise", [])}


def flexion_share(routine: dict, directions: dict[str, str]) -> float:
    known = {**directions, **exercise_directions(routine)}
    blocks = routine["block"]
    return sum(known[b["exercise"]] in BENDING for b in blocks) / len(blocks)


def work_seconds(dose: dict) -> float:
    if dose["mode"] == "hold":
        return dose["hold"]
    movements = dose["reps"] * (2 if dose["sides"] == "alternating" else 1)
    return movements * dose.get("tempo", SELF_PACED_SECONDS_PER_REP)


def block_seconds(dose: dict, switch: float) -> float:
    sides = 2 if dose["sides"] == "both" else 1
    sets = dose["sets"]
    work = sets * sides * work_seconds(dose)
    return work + sets * (sides - 1) * switch + (sets - 1) * dose["rest"]


def routine_seconds(routine: dict, doses: dict[str, dict], verbose: bool = False) -> float:
    local = exercise_doses(routine)
    switch = routine.get("switch", 5)
    total = routine.get("prepare", 10)
    blocks = routine["block"]
    for index, block in enumerate(blocks):
        dose = dict({**doses, **local}[block["exercise"]])
        dose.update({k: block[k] for k in DOSE_FIELDS if k in block})
        seconds = block_seconds(dose, switch)
        last = index == len(blocks) - 1
        after = 0 if last else dose["rest_after"]
        total += seconds + after
        if verbose:
            print(f"    {block['exercise']:<28} {seconds:6.0f} s  + {after:3.0f} s after")
    return total


def core_totals(library: Path) -> dict[str, float]:
    """Totals from the app's own expansion code, for comparison."""
    from sciatica_coach.core.catalog import load_catalog, load_routines
    from sciatica_coach.core.timeline import expand_routine

    catalog = load_catalog(library / "exercises.toml")
    result = load_routines([(library / "routines", True)], catalog)
    for problem in result.problems:
        print(f"core: {problem}")
    return {rid: expand_routine(r).total_seconds for rid, r in result.routines.items()}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv[1:] if a not in ("-v", "--core")]
    library = Path(paths[0]) if paths else Path(__file__).resolve().parent.parent / "assets/library"
    catalog = tomllib.loads((library / "exercises.toml").read_text("utf-8"))
    doses, directions = exercise_doses(catalog), exercise_directions(catalog)
    core = core_totals(library) if "--core" in argv else None
    worst, most_bending, disagreements = 0.0, 0.0, 0
    for path in sorted((library / "routines").glob("*.toml")):
        routine = tomllib.loads(path.read_text("utf-8"))
        if verbose:
            print(routine["id"])
        seconds = routine_seconds(routine, doses, verbose)
        target = routine["target_minutes"] * 60
        off = (seconds - target) / target
        worst = max(worst, abs(off))
        bending = flexion_share(routine, directions)
        most_bending = max(most_bending, bending)
        flag = "ok" if abs(off) <= LIMIT else "TOO FAR"
        bend_flag = "" if bending <= MAX_FLEXION_SHARE else "  TOO MUCH BENDING"
        print(
            f"{routine['id']:<16} {seconds:6.0f} s = {seconds / 60:5.1f} min"
            f"  target {routine['target_minutes']:>3} min  {off:+6.1%}  {flag}"
            f"   flexion {bending:4.0%}{bend_flag}"
        )
        if core is not None:
            theirs = core.get(routine["id"])
            same = theirs is not None and abs(theirs - seconds) < 0.5
            disagreements += not same
            print(f"{'':<16} core expand_routine: {theirs} s {'(same)' if same else '(DIFFERS)'}")
    return 1 if worst > LIMIT or most_bending > MAX_FLEXION_SHARE or disagreements else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

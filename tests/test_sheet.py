"""The printable exercise sheet, read back from the PDF the command line writes."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from sciatica_coach.cli import main
from sciatica_coach.core import paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.records import WeeklyPlan
from sciatica_coach.core.safety import REPORT_FOOTER
from sciatica_coach.core.words import sided_dose_words
from sciatica_coach.report.sheet import SheetOptions, sheet_html
from test_report import needs_poppler, pdf_pages, pdf_words

pytestmark = pytest.mark.usefixtures("qapp")
LIBRARY = load_library(None)

PRESCRIBED = """\
id = "from-ann"
name = "From Ann"

[prescription]
prescribed_by = "Ann Lee, physiotherapist"
contact = "01632 960 123"
date = 2024-05-01
review_date = 2024-06-12
affected_side = "right"
sessions_per_week = 4
notes = "Little and often. <b>Not</b> through pain."

[[block]]
exercise = "clamshell"

[[block]]
exercise = "glute_bridge"
"""


def sheet(tmp_path: Path, routine: str, *extra: str) -> Path:
    out = tmp_path / f"{Path(routine).stem}.pdf"
    assert (
        main(["--data-dir", str(tmp_path / "data"), "sheet", routine, "--pdf", str(out), *extra])
        == 0
    )
    return out


@needs_poppler
@pytest.mark.parametrize("routine_id", sorted(LIBRARY.routines))
def test_every_built_in_fits_two_pages_with_every_exercise(tmp_path: Path, routine_id: str) -> None:
    routine = LIBRARY.routines[routine_id]
    for paper in ("a4", "letter"):
        pdf = sheet(tmp_path, routine_id, "--paper", paper, "--from", "2024-05-08")
        assert pdf_pages(pdf) <= 2
        words = pdf_words(pdf)
        for number, block in enumerate(routine.blocks, 1):
            assert (
                f"{number}. {block.exercise.name} · {sided_dose_words(block.dose, None)}" in words
            )
            assert block.exercise.cautions[0] in words
        assert "Four weeks" in words
        assert "Week of Mon Tue Wed Thu Fri Sat Sun 6 May 6 7 8 9 10 11 12" in words
        assert "27 May 27 28 29 30 31 1 2" in words
        assert " ".join(REPORT_FOOTER.split()) in words


@needs_poppler
def test_the_prescription_is_on_the_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = paths.user_routines_dir(tmp_path / "data")
    folder.mkdir(parents=True)
    (folder / "from-ann.toml").write_text(PRESCRIBED)
    pdf = sheet(tmp_path, "from-ann")
    assert "exercise sheet of From Ann, 1 page" in capsys.readouterr().out
    words = pdf_words(pdf)
    assert "1. Clamshell · 2 × 12 reps, right side first" in words
    assert "Aim for 4 a week." in words
    for fact in (
        "Prescribed by Ann Lee, physiotherapist",
        "Contact 01632 960 123",
        "Given on Wed 1 May 2024",
        "Review on Wed 12 Jun 2024",
        "Affected side Right leg: exercises done on both sides start on the right",
        "Sessions a week 4",
        "Notes Little and often. <b>Not</b> through pain.",
    ):
        assert fact in words
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600


@needs_poppler
def test_a_routine_file_can_be_printed_before_it_is_imported(tmp_path: Path) -> None:
    file = tmp_path / "from-ann.toml"
    file.write_text(PRESCRIBED)
    assert "From Ann" in pdf_words(sheet(tmp_path, str(file)))


def test_an_unknown_routine_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "sheet", "nope", "--pdf", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "unknown routine 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_broken_routine_file_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(PRESCRIBED.replace('"right"', '"middle"'))
    code = main(["--data-dir", str(tmp_path), "sheet", str(file), "--pdf", str(tmp_path / "x.pdf")])
    assert code == 2
    assert 'affected_side must be one of "left", "right", "both", got "middle"' in (
        capsys.readouterr().err
    )


def test_planned_weekdays_are_shaded_and_user_text_is_escaped() -> None:
    routine = LIBRARY.routines["balance"]
    options = SheetOptions(start=date(2024, 5, 8), plan=WeeklyPlan(3, frozenset({0, 2, 4})))
    markup = sheet_html(routine, options)
    assert markup.count('class="planned"') == 3 * 4
    assert "Aim for 3 a week. Shaded days are the days you planned." in markup

"""One bad routine file never stops or stalls start-up: it becomes a listed problem naming the
file, and every other routine still loads. `check FILE` reaches the same verdict."""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sciatica_coach.cli import main
from sciatica_coach.core import catalog, safe_read
from sciatica_coach.core.catalog import MAX_ROUTINE_BYTES, RoutineError, load_routine_file
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.paths import user_routines_dir
from sciatica_coach.core.safe_read import FileRefused, read_regular_file
from sciatica_coach.core.toml_guard import MAX_DOTS_PER_LINE, check_toml_shape

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev need POSIX")

GOOD_ROUTINE = 'id = "good"\nname = "Good"\n[[block]]\nexercise = "glute_bridge"\n'
# A 40 KB dotted key: tomllib needs over ten seconds and gigabytes for it.
DOTTED_KEY = "a" + ".a" * 20_000 + " = 1\n"


def routine_with_picture(relative_toml: str) -> str:
    """A routine defining one exercise whose image is ``relative_toml`` (a TOML string)."""
    return (
        'id = "pictured"\nname = "Pictured"\n'
        '[[exercise]]\nid = "my_move"\nname = "My move"\ngroup = "core"\n'
        'position = "lying on back"\nmode = "hold"\nhold = 20\ncues = ["Breathe out"]\n'
        f"image = {relative_toml}\n"
        '[[block]]\nexercise = "my_move"\n'
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = user_routines_dir(tmp_path / "data")
    folder.mkdir(parents=True)
    (folder / "good.toml").write_text(GOOD_ROUTINE, encoding="utf-8")
    return tmp_path / "data"


def routines(data: Path) -> Path:
    return user_routines_dir(data)


def load_in_time(data: Path, seconds: float = 5.0) -> Library:
    """load_library in a thread, failing (not hanging) if it takes longer than ``seconds``."""
    found: list[Library] = []
    worker = threading.Thread(target=lambda: found.append(load_library(data)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"loading the library took over {seconds} s"
    return found[0]


def only_problem_for(library: Library, name: str) -> str:
    label = f"routines/{name}"
    mine = [p for p in library.problems if p.file == label]
    assert len(mine) == 1, library.problems
    assert "good" in library.routines, "the other routines must still load"
    return str(mine[0])


def check_verdict(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data-dir", str(path.parent / "cli-data"), "check", str(path)])
    return code, capsys.readouterr().err


# -- each failure class ----------------------------------------------------------------------


def test_deep_nesting_is_a_problem_not_a_recursion_error(data: Path) -> None:
    (routines(data) / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    (routines(data) / "deep_tables.toml").write_text("a = " + "{b = " * 5000 + "1" + "}" * 5000)
    library = load_in_time(data)
    assert "nests brackets more than 16 levels deep" in only_problem_for(library, "deep.toml")
    assert "nests brackets" in only_problem_for(library, "deep_tables.toml")


def test_nul_in_a_picture_path_is_a_problem_on_the_image_field(data: Path) -> None:
    (routines(data) / "nul.toml").write_text(routine_with_picture(r'"pics/a\u0000.png"'))
    library = load_in_time(data)
    [problem] = [p for p in library.problems if p.file == "routines/nul.toml"]
    assert problem.item == "exercise 'my_move'" and problem.field == "image"
    assert problem.message == 'image must not contain control characters, got "pics/a\\x00.png"'
    assert "good" in library.routines


@posix_only
def test_a_fifo_named_toml_is_refused_without_waiting_for_a_writer(data: Path) -> None:
    os.mkfifo(routines(data) / "x.toml")
    library = load_in_time(data)
    assert "is a pipe (FIFO), not a regular file" in only_problem_for(library, "x.toml")


@posix_only
def test_a_fifo_swapped_in_after_the_type_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "swapped.toml"
    os.mkfifo(fifo)
    regular = os.stat(tmp_path)
    pretend = os.stat_result((stat.S_IFREG | 0o644, *tuple(regular)[1:6], 10, *tuple(regular)[7:]))
    # The first look sees a regular file, as if the FIFO arrived just after it.
    monkeypatch.setattr(safe_read.os, "stat", lambda path: pretend)
    result: list[BaseException] = []

    def read() -> None:
        try:
            read_regular_file(fifo, 1024)
        except FileRefused as error:
            result.append(error)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "open() waited for a writer"
    assert "pipe (FIFO)" in str(result[0])


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_refused_without_reading_it(data: Path) -> None:
    (routines(data) / "zero.toml").symlink_to("/dev/zero")
    library = load_in_time(data)
    assert "is a device, not a regular file" in only_problem_for(library, "zero.toml")


def test_a_long_dotted_key_is_rejected_in_well_under_a_second(data: Path) -> None:
    (routines(data) / "dotted.toml").write_text(DOTTED_KEY)
    started = time.perf_counter()
    library = load_library(data)
    elapsed = time.perf_counter() - started
    message = only_problem_for(library, "dotted.toml")
    assert f"more than {MAX_DOTS_PER_LINE} dots outside quoted text on line 1" in message
    assert elapsed < 0.5, f"took {elapsed:.2f} s"


def test_the_largest_allowed_dotted_file_still_parses_quickly() -> None:
    """The limits, not luck, keep parsing fast: a full-size file of the longest dotted keys
    allowed parses in well under a second."""
    dots = ".a" * (MAX_DOTS_PER_LINE - 1)
    line_count = MAX_ROUTINE_BYTES // len(f"a{dots}.k00000 = 1\n")
    text = "".join(f"a{dots}.k{i:05d} = 1\n" for i in range(line_count))
    assert len(text) <= MAX_ROUTINE_BYTES
    started = time.perf_counter()
    check_toml_shape(text)
    __import__("tomllib").loads(text)
    assert time.perf_counter() - started < 1.0


def test_an_oversize_file_is_refused_before_parsing(data: Path) -> None:
    (routines(data) / "big.toml").write_text(GOOD_ROUTINE + "# padding\n" * 30_000)
    message = only_problem_for(load_in_time(data), "big.toml")
    assert "is 293 KiB; the limit is 256 KiB" in message


def test_dots_and_brackets_inside_text_do_not_count(tmp_path: Path) -> None:
    cue = "Slowly. Then. " * 5 + "[[[[[[[[[[[[[[[[[[[[{{{{{{{{"
    text = (
        'id = "wordy"\nname = "Wordy"\n'
        f'description = """{cue}\n{cue}"""  # a comment. with. dots. [[[[[[[[[[[[[[[[[[\n'
        f"[[block]]\nexercise = 'glute_bridge'\nsets = 2 # {cue}\n"
    )
    path = tmp_path / "wordy.toml"
    path.write_text(text)
    routine = load_routine_file(path, load_library(None).exercises)
    assert routine.id == "wordy"


# -- more ways a file can be odd ------------------------------------------------------------


def test_a_folder_named_toml_and_a_non_utf8_file_are_problems(data: Path) -> None:
    (routines(data) / "folder.toml").mkdir()
    (routines(data) / "latin1.toml").write_bytes(b'name = "caf\xe9"\n')
    library = load_in_time(data)
    assert "is a folder, not a regular file" in only_problem_for(library, "folder.toml")
    assert "is not UTF-8 text (byte 0xe9 at offset 11)" in only_problem_for(library, "latin1.toml")


def test_a_link_to_a_regular_file_is_followed(data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced" / "linked.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(GOOD_ROUTINE.replace('"good"', '"linked"'))
    (routines(data) / "linked.toml").symlink_to(elsewhere)
    library = load_in_time(data)
    assert {"good", "linked"} <= set(library.routines)
    assert not library.problems


def test_an_unforeseen_exception_becomes_a_listed_problem(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (routines(data) / "odd.toml").write_text(GOOD_ROUTINE.replace('"good"', '"odd"'))
    real = catalog.parse_routine

    def parse(document: dict[str, object], *args: object, **kwargs: object) -> object:
        if document.get("id") == "odd":
            raise RecursionError("maximum recursion depth exceeded")
        return real(document, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "parse_routine", parse)
    message = only_problem_for(load_in_time(data), "odd.toml")
    assert "could not be loaded (RecursionError: maximum recursion depth exceeded)" in message


def test_a_problem_in_one_exercise_is_listed_with_its_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(routine_with_picture('"pics/a.png"'))

    def explode(*args: object) -> object:
        raise ValueError("embedded null byte")

    monkeypatch.setattr(catalog, "_read_exercise", explode)
    with pytest.raises(RoutineError) as caught:
        load_routine_file(path, {})
    problem = caught.value.problems[0]
    assert problem.file == str(path) and problem.item == "exercise #1"
    assert "ValueError: embedded null byte" in problem.message


# -- the CLI agrees with the app -------------------------------------------------------------


def _deep(path: Path) -> None:
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")


def _nul(path: Path) -> None:
    path.write_text(routine_with_picture(r'"pics/a\u0000.png"'))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dotted(path: Path) -> None:
    path.write_text(DOTTED_KEY)


def _big(path: Path) -> None:
    path.write_text(GOOD_ROUTINE + "# padding\n" * 30_000)


@pytest.mark.parametrize(
    "make",
    [
        _deep,
        _nul,
        _dotted,
        _big,
        pytest.param(_fifo, marks=posix_only),
        pytest.param(_zero, marks=posix_only),
    ],
)
def test_check_gives_the_verdict_the_app_gives(
    data: Path, make: Callable[[Path], None], capsys: pytest.CaptureFixture[str]
) -> None:
    path = routines(data) / "hostile.toml"
    make(path)
    library = load_in_time(data)
    app_messages = [p.message for p in library.problems if p.file == "routines/hostile.toml"]
    assert app_messages
    code, err = check_verdict(path, capsys)
    assert code == 2
    for message in app_messages:
        assert f"{path}" in err and message in err

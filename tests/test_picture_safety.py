"""A user's picture may not reach outside itself or ask for unbounded memory. The app's loader,
`check` and the player apply the same rules; hostile pictures are built here, byte by byte."""

from __future__ import annotations

import gzip
import os
import struct
import sys
import zlib
from pathlib import Path

import pytest

from sciatica_coach.cli import main
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.paths import user_routines_dir
from sciatica_coach.core.pictures import (
    MAX_PICTURE_BYTES,
    MAX_SIDE,
    PictureError,
    check_picture,
)
from sciatica_coach.report.documents import exercise_thumbnail
from sciatica_coach.ui.illustration import IllustrationView

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
SAFE_SVG = (
    f'{SVG_HEAD} width="40" height="30"><defs><linearGradient id="g"/>'
    '<circle id="dot" r="4"/></defs><rect width="40" height="30" fill="url(#g)"/>'
    '<use href="#dot" x="10"/><use xlink:href="#dot" x="20"/></svg>'
)
HOSTILE_SVGS = {
    "image_href": (
        f'{SVG_HEAD}><image href="file:///etc/passwd" width="9" height="9"/></svg>',
        "has an <image> element",
    ),
    "xlink_image": (
        f'{SVG_HEAD}><image xlink:href="../../secret.png"/></svg>',
        "has an <image> element",
    ),
    "use_outside": (
        f'{SVG_HEAD}><use xlink:href="/etc/passwd#x"/></svg>',
        'has <use href="/etc/passwd#x"> pointing outside the drawing',
    ),
    "a_href": (
        f'{SVG_HEAD}><a href="https://example.com/"><rect width="1" height="1"/></a></svg>',
        "pointing outside the drawing",
    ),
    "external_entity": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"{SVG_HEAD}><text>&x;</text></svg>",
        "has a DOCTYPE or ENTITY declaration",
    ),
    "stylesheet_pi": (
        f'<?xml-stylesheet href="http://example.com/a.css"?>{SVG_HEAD}/>',
        "has a processing instruction",
    ),
    "css_url": (
        f"{SVG_HEAD}><style>rect {{ fill: url('file:///etc/passwd') }}</style></svg>",
        'has url("file:///etc/passwd") in <style> pointing outside the drawing',
    ),
    "css_import": (
        f'{SVG_HEAD}><style>@import "theme.css";</style></svg>',
        "has @import in <style>",
    ),
    "fill_url": (
        f'{SVG_HEAD}><rect fill="url(other.svg#g)" width="1" height="1"/></svg>',
        'url("other.svg#g") in <rect>',
    ),
    "deep_groups": (f"{SVG_HEAD}>" + "<g>" * 5000 + "</g>" * 5000 + "</svg>", "nests elements"),
}


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A real PNG header for any size; ``rows`` (raw scanlines) default to one tiny row."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(rows if rows is not None else b"\x00" * (width + 1))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def gif(screen: tuple[int, int], frame: tuple[int, int, int, int]) -> bytes:
    """A one-frame GIF with the given screen size and frame (left, top, width, height)."""
    head = b"GIF89a" + struct.pack("<HHBBB", *screen, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHHB", *frame, 0) + b"\x02\x02\x44\x01\x00"
    return head + image + b"\x3b"


def write_routine(folder: Path, picture_name: str, picture: bytes) -> Path:
    (folder / "pics").mkdir(exist_ok=True)
    (folder / "pics" / picture_name).write_bytes(picture)
    path = folder / "pictured.toml"
    path.write_text(
        'id = "pictured"\nname = "Pictured"\n'
        '[[exercise]]\nid = "my_move"\nname = "My move"\ngroup = "core"\n'
        'position = "lying on back"\nmode = "hold"\nhold = 20\ncues = ["Breathe out"]\n'
        f'image = "pics/{picture_name}"\n'
        '[[block]]\nexercise = "my_move"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = user_routines_dir(tmp_path / "data")
    folder.mkdir(parents=True)
    (folder / "good.toml").write_text(
        'id = "good"\nname = "Good"\n[[block]]\nexercise = "glute_bridge"\n', encoding="utf-8"
    )
    return tmp_path / "data"


def app_problem(data: Path) -> str:
    """The one problem the app lists for pictured.toml (and the other routine still loads)."""
    library = load_library(data)
    assert "good" in library.routines
    assert "pictured" not in library.routines
    [problem] = [p for p in library.problems if p.file == "routines/pictured.toml"]
    assert problem.item == "exercise 'my_move'" and problem.field == "image"
    return str(problem)


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data-dir", str(path.parent / "cli-data"), "check", str(path)])
    out, err = capsys.readouterr()
    return code, out + err


# -- SVG: nothing outside the drawing --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HOSTILE_SVGS))
def test_an_svg_reaching_outside_itself_is_refused_by_app_and_check(
    qapp: object, data: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    svg, expected = HOSTILE_SVGS[name]
    path = write_routine(user_routines_dir(data), f"{name}.svg", svg.encode("utf-8"))
    message = app_problem(data)
    assert f"routines/pictured.toml: exercise 'my_move': image pics/{name}.svg" in message
    assert expected in message
    code, output = check(path, capsys)
    assert code == 2 and expected in output and f"{path}: exercise 'my_move'" in output


@pytest.mark.parametrize("name", sorted(HOSTILE_SVGS))
def test_the_player_never_renders_a_hostile_svg(qtbot: object, tmp_path: Path, name: str) -> None:
    picture = tmp_path / f"{name}.svg"
    picture.write_text(HOSTILE_SVGS[name][0], encoding="utf-8")
    view = IllustrationView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.show_exercise("my_move", image=picture)
    assert view.showing_placeholder


def test_an_svg_with_only_internal_references_is_accepted_everywhere(
    qtbot: object, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_routine(user_routines_dir(data), "safe.svg", SAFE_SVG.encode("utf-8"))
    library = load_library(data)
    assert "pictured" in library.routines and not library.problems
    code, output = check(path, capsys)
    assert code == 0 and "ok, routine 'pictured'" in output
    view = IllustrationView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.show_exercise("my_move", image=path.parent / "pics" / "safe.svg")
    assert not view.showing_placeholder


def test_a_compressed_or_non_utf8_svg_is_refused() -> None:
    with pytest.raises(PictureError, match="compressed"):
        check_picture(gzip.compress(SAFE_SVG.encode()), ".svg")
    with pytest.raises(PictureError, match="compressed"):
        check_picture(b"\x1f\x8b\x08\x00" + b"\x00" * 20, ".svg")
    with pytest.raises(PictureError, match="not UTF-8"):
        check_picture(SAFE_SVG.encode("utf-16"), ".svg")


# -- raster: bounded size and dimensions -----------------------------------------------------


@pytest.mark.parametrize(
    ("picture", "expected"),
    [
        (png(100_000, 100_000), "is 100000 x 100000 pixels"),
        (png(MAX_SIDE + 1, 1), f"is {MAX_SIDE + 1} x 1 pixels"),
        (png(6000, 6000), "is 6000 x 6000 pixels"),
    ],
    ids=["huge", "too-wide", "too-many-pixels"],
)
def test_a_png_with_huge_dimensions_is_refused_by_app_and_check(
    qapp: object, data: Path, picture: bytes, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_routine(user_routines_dir(data), "huge.png", picture)
    message = app_problem(data)
    assert f"image pics/huge.png {expected}; pictures may be at most {MAX_SIDE} pixels" in message
    code, output = check(path, capsys)
    assert code == 2 and expected in output


def test_the_player_shows_the_stand_in_for_a_huge_png(qtbot: object, tmp_path: Path) -> None:
    picture = tmp_path / "huge.png"
    picture.write_bytes(png(100_000, 100_000))
    view = IllustrationView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.show_exercise("my_move", image=picture)
    assert view.showing_placeholder


@pytest.mark.parametrize(
    ("picture", "expected"),
    [
        (gif((60_000, 60_000), (0, 0, 1, 1)), "is 60000 x 60000 pixels"),
        (gif((1, 1), (0, 0, 60_000, 60_000)), "has frame 1 reaching 60000 x 60000 pixels"),
    ],
    ids=["screen", "frame"],
)
def test_a_gif_with_huge_dimensions_is_refused(data: Path, picture: bytes, expected: str) -> None:
    write_routine(user_routines_dir(data), "huge.gif", picture)
    assert expected in app_problem(data)


def test_an_oversize_picture_is_refused_without_reading_it(data: Path) -> None:
    folder = user_routines_dir(data)
    write_routine(folder, "big.png", png(4, 4))
    with open(folder / "pics" / "big.png", "r+b") as sparse:
        sparse.truncate(MAX_PICTURE_BYTES + 1)
    assert "is 16.0 MiB; the limit is 16.0 MiB" in app_problem(data)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs need POSIX")
def test_a_picture_that_is_a_fifo_is_refused_without_blocking(data: Path) -> None:
    folder = user_routines_dir(data)
    write_routine(folder, "pipe.png", b"")
    (folder / "pics" / "pipe.png").unlink()
    os.mkfifo(folder / "pics" / "pipe.png")
    assert "is a pipe (FIFO), not a regular file" in app_problem(data)


def test_small_real_pictures_pass_everywhere(
    qtbot: object, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = user_routines_dir(data)
    for name, picture in [
        ("a.png", png(4, 2, b"\x00abcd" * 2)),
        ("b.gif", gif((2, 2), (0, 0, 2, 2))),
    ]:
        path = write_routine(folder, name, picture)
        library = load_library(data)
        assert "pictured" in library.routines and not library.problems, name
        code, output = check(path, capsys)
        assert code == 0, output
        view = IllustrationView()
        qtbot.addWidget(view)  # type: ignore[attr-defined]
        view.show_exercise("my_move", image=folder / "pics" / name)
        assert not view.showing_placeholder, name


def test_check_decodes_pictures_the_way_the_player_does(
    qtbot: object, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Within the caps and well formed at the header, but the pixels do not decode: the app
    loads the routine and the player shows the stand-in; check says why."""
    folder = user_routines_dir(data)
    damaged = png(4, 2)[:-12]
    damaged = damaged[: len(damaged) // 2 + 20]
    path = write_routine(folder, "torn.png", damaged)
    assert "pictured" in load_library(data).routines
    code, output = check(path, capsys)
    assert code == 2
    assert f"{path}: exercise 'my_move': image pics/torn.png is damaged" in output
    view = IllustrationView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.show_exercise("my_move", image=folder / "pics" / "torn.png")
    assert view.showing_placeholder


def test_the_printed_summary_checks_a_picture_again_as_the_player_does(
    qapp: object, data: Path
) -> None:
    """The summary's thumbnail reads the picture when it prints, through the same checks: a
    drawing swapped for a hostile one after the routine loaded is not drawn."""
    red = f'{SVG_HEAD} width="40" height="30"><rect width="40" height="30" fill="#ff0000"/></svg>'
    path = write_routine(user_routines_dir(data), "red.svg", red.encode("utf-8"))
    loaded = load_library(data)
    # The user's own exercise, looked up by id as the summary looks up its lines.
    exercise = loaded.routines["pictured"].blocks[0].exercise
    library = Library({exercise.id: exercise}, loaded.routines)

    def centre() -> str:
        image = exercise_thumbnail(library, "my_move", (40, 30))
        assert image is not None
        return image.pixelColor(image.width() // 2, image.height() // 2).name()

    assert centre() == "#ff0000"
    hostile = red.replace("</svg>", '<image href="file:///etc/passwd" width="9"/></svg>')
    (path.parent / "pics" / "red.svg").write_text(hostile, encoding="utf-8")
    assert centre() != "#ff0000"

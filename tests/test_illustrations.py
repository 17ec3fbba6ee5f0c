"""Exercise illustrations: every built-in picture renders, moves and mirrors; user pictures are
checked before use; the view falls back to a neutral stand-in when there is nothing to show."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgRenderer

from sciatica_coach.illustrations import (
    IllustrationNotFound,
    UserImageError,
    available,
    check_user_image_path,
    motion_phase,
    render_sheet_svg,
    render_svg,
)
from sciatica_coach.ui.illustration import (
    IllustrationView,
    illustration_image,
    validate_user_image,
)

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "assets" / "library" / "exercises.toml"
ASSETS = ROOT / "assets" / "illustrations"
IDS = sorted(available())

# A one-pixel GIF, byte by byte: header, logical screen, two-colour table, one image.
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00"
    b"\x00\x00\x00\xff\xff\xff"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
TINY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30">'
    '<circle cx="20" cy="15" r="10" fill="#e07a3a"/></svg>'
)


def svg_loads(svg: str) -> bool:
    return QSvgRenderer(QByteArray(svg.encode("utf-8"))).isValid()


def write_png(path: Path) -> Path:
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def routine_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    (folder / "pics").mkdir(parents=True)
    (folder / "mine.toml").write_text('id = "mine"\n', encoding="utf-8")
    return folder


# -- built-in pictures ----------------------------------------------------------------------


def test_there_is_a_picture_for_each_of_the_33_exercises() -> None:
    assert len(IDS) == 33


def test_picture_ids_match_the_exercise_catalog() -> None:
    if not CATALOG.is_file():
        pytest.skip(f"{CATALOG} is not there yet, so there is nothing to compare with")
    with CATALOG.open("rb") as f:
        catalog_ids = {e["id"] for e in tomllib.load(f)["exercise"]}
    assert set(IDS) == catalog_ids


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("mirrored", [False, True])
def test_every_picture_renders_valid_svg_at_start_middle_and_end(
    qapp: object, exercise_id: str, mirrored: bool
) -> None:
    for phase in (0.0, 0.5, 1.0):
        svg = render_svg(exercise_id, phase, mirrored=mirrored)
        ET.fromstring(svg)
        assert svg_loads(svg), (exercise_id, phase, mirrored)


@pytest.mark.parametrize("exercise_id", IDS)
def test_start_and_end_pose_differ(exercise_id: str) -> None:
    assert render_svg(exercise_id, 0.0) != render_svg(exercise_id, 1.0)


@pytest.mark.parametrize("exercise_id", IDS)
def test_mirrored_picture_differs(exercise_id: str) -> None:
    assert render_svg(exercise_id, 1.0) != render_svg(exercise_id, 1.0, mirrored=True)


@pytest.mark.parametrize("exercise_id", IDS)
def test_sheet_shows_start_and_end_and_loads(qapp: object, exercise_id: str) -> None:
    sheet = render_sheet_svg(exercise_id)
    assert svg_loads(sheet)
    assert ">Start<" in sheet and ">End<" in sheet


@pytest.mark.parametrize("exercise_id", IDS)
def test_shipped_sheet_is_up_to_date(exercise_id: str) -> None:
    shipped = ASSETS / f"{exercise_id}.svg"
    assert shipped.is_file(), "run tools/make_illustrations.py"
    assert shipped.read_text(encoding="utf-8") == render_sheet_svg(exercise_id), (
        f"{shipped} is stale: run tools/make_illustrations.py"
    )


def test_phase_is_clamped_and_size_respected() -> None:
    assert render_svg("cat_camel", -3.0) == render_svg("cat_camel", 0.0)
    assert render_svg("cat_camel", 7.0) == render_svg("cat_camel", 1.0)
    assert 'width="300" height="200"' in render_svg("cat_camel", 0.5, size=(300, 200))


def test_in_between_phase_is_neither_end() -> None:
    middle = render_svg("glute_bridge", 0.5)
    assert middle not in (render_svg("glute_bridge", 0.0), render_svg("glute_bridge", 1.0))


def test_unknown_exercise_has_no_picture() -> None:
    with pytest.raises(IllustrationNotFound, match="no_such_move"):
        render_svg("no_such_move", 0.0)


def test_illustrations_package_imports_no_qt() -> None:
    code = (
        "import sys, sciatica_coach.illustrations as i\n"
        "i.render_svg('bird_dog', 0.5)\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# -- timing ---------------------------------------------------------------------------------


def test_hold_eases_into_the_end_pose_and_stays() -> None:
    def at(t: float) -> float:
        return motion_phase("hold", t, tempo=None, hold_seconds=30)

    assert at(0.0) == 0.0
    assert at(1.0) == pytest.approx(0.5)
    assert at(2.0) == 1.0
    assert at(25.0) == 1.0
    assert motion_phase("hold", 1.0, tempo=None, hold_seconds=30, ease_in=4.0) == 0.25


def test_tempo_reps_go_out_and_back_once_per_period() -> None:
    def at(t: float) -> float:
        return motion_phase("reps", t, tempo=6.0, hold_seconds=None)

    assert at(0.0) == 0.0
    assert at(1.5) == pytest.approx(0.5)
    assert at(3.0) == pytest.approx(1.0)
    assert at(4.5) == pytest.approx(0.5)
    assert at(6.0) == pytest.approx(0.0)
    assert at(9.0) == pytest.approx(1.0)


def test_a_pause_within_each_rep_is_spent_at_the_end_pose() -> None:
    def at(t: float) -> float:
        return motion_phase("reps", t, tempo=6.0, hold_seconds=2.0)

    assert at(2.0) == pytest.approx(1.0)
    assert at(3.5) == pytest.approx(1.0)
    assert at(5.0) == pytest.approx(0.5)


def test_self_paced_reps_loop_every_four_seconds() -> None:
    def at(t: float) -> float:
        return motion_phase("reps", t, tempo=None, hold_seconds=None)

    assert at(2.0) == pytest.approx(1.0)
    assert at(4.0) == pytest.approx(0.0)
    assert at(6.0) == pytest.approx(1.0)
    assert at(401.0) == pytest.approx(0.5)


def test_phase_stays_in_range_for_odd_times() -> None:
    for t in (-5.0, 0.0, 0.3, 1e6, float("nan")):
        for mode in ("hold", "reps"):
            phase = motion_phase(mode, t, tempo=None, hold_seconds=None)
            assert 0.0 <= phase <= 1.0


def test_unknown_mode_and_bad_tempo_are_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        motion_phase("dance", 1.0, tempo=None, hold_seconds=None)
    with pytest.raises(ValueError, match="tempo"):
        motion_phase("reps", 1.0, tempo=0.0, hold_seconds=None)


# -- user pictures: path checks -----------------------------------------------------------


def test_a_picture_inside_the_routine_folder_is_accepted(routine_dir: Path) -> None:
    picture = write_png(routine_dir / "pics" / "move.png")
    assert check_user_image_path(routine_dir / "mine.toml", "pics/move.png") == picture.resolve()


@pytest.mark.parametrize("relative", ["../x.png", "pics/../../x.png"])
def test_a_path_out_of_the_folder_is_refused(routine_dir: Path, relative: str) -> None:
    write_png(routine_dir.parent / "x.png")
    routine = routine_dir / "mine.toml"
    with pytest.raises(UserImageError) as error:
        check_user_image_path(routine, relative)
    assert str(routine) in str(error.value) and relative in str(error.value)
    assert "outside" in str(error.value)


def test_an_absolute_path_is_refused(routine_dir: Path) -> None:
    picture = write_png(routine_dir / "pics" / "move.png")
    routine = routine_dir / "mine.toml"
    for relative in (str(picture), "C:\\pics\\move.png", "~/move.png"):
        with pytest.raises(UserImageError, match="relative") as error:
            check_user_image_path(routine, relative)
        assert str(routine) in str(error.value)


def test_a_symlink_out_of_the_folder_is_refused(routine_dir: Path, tmp_path: Path) -> None:
    outside = write_png(tmp_path / "secret.png")
    (routine_dir / "pics" / "link.png").symlink_to(outside)
    with pytest.raises(UserImageError, match="outside") as error:
        check_user_image_path(routine_dir / "mine.toml", "pics/link.png")
    assert "pics/link.png" in str(error.value)


def test_a_missing_file_is_refused(routine_dir: Path) -> None:
    routine = routine_dir / "mine.toml"
    with pytest.raises(UserImageError, match="does not exist") as error:
        check_user_image_path(routine, "pics/gone.png")
    assert str(routine) in str(error.value) and "pics/gone.png" in str(error.value)


@pytest.mark.parametrize("name", ["move.jpg", "move.png.exe", "move", "notes.txt"])
def test_an_unsupported_type_is_refused(routine_dir: Path, name: str) -> None:
    (routine_dir / "pics" / name).write_bytes(b"whatever")
    with pytest.raises(UserImageError, match="unsupported type") as error:
        check_user_image_path(routine_dir / "mine.toml", f"pics/{name}")
    assert name in str(error.value)


def test_a_folder_is_refused(routine_dir: Path) -> None:
    (routine_dir / "pics" / "dir.png").mkdir()
    with pytest.raises(UserImageError, match="not a file"):
        check_user_image_path(routine_dir / "mine.toml", "pics/dir.png")


def test_path_errors_are_value_errors() -> None:
    assert issubclass(UserImageError, ValueError)


# -- user pictures: can they be decoded ----------------------------------------------------


def test_valid_png_svg_and_gif_pass(qapp: object, routine_dir: Path) -> None:
    routine = routine_dir / "mine.toml"
    write_png(routine_dir / "pics" / "a.png")
    (routine_dir / "pics" / "b.svg").write_text(TINY_SVG, encoding="utf-8")
    (routine_dir / "pics" / "c.gif").write_bytes(TINY_GIF)
    for relative in ("pics/a.png", "pics/b.svg", "pics/c.gif"):
        assert validate_user_image(routine, relative).is_file()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.png", b"\x89PNG\r\n\x1a\nthis is not really a picture"),
        ("broken.svg", b"<svg><unclosed"),
        ("broken.gif", b"GIF89a nonsense"),
    ],
)
def test_a_corrupt_picture_is_refused(
    qapp: object, routine_dir: Path, name: str, content: bytes
) -> None:
    (routine_dir / "pics" / name).write_bytes(content)
    routine = routine_dir / "mine.toml"
    with pytest.raises(UserImageError, match="damaged") as error:
        validate_user_image(routine, f"pics/{name}")
    assert str(routine) in str(error.value) and f"pics/{name}" in str(error.value)


def test_validation_refuses_escaping_paths_too(qapp: object, routine_dir: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        validate_user_image(routine_dir / "mine.toml", "../../etc/passwd.png")


# -- the view -------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot: object) -> IllustrationView:
    widget = IllustrationView()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(480, 360)
    return widget


def test_view_shows_a_builtin_picture(view: IllustrationView) -> None:
    view.show_exercise("bird_dog")
    assert not view.showing_placeholder
    assert view.showing_builtin
    assert not view.grab().isNull()


@pytest.mark.parametrize("exercise_id", [None, "no_such_move"])
def test_view_shows_the_stand_in_when_there_is_no_picture(
    view: IllustrationView, exercise_id: str | None
) -> None:
    view.show_exercise(exercise_id)
    assert view.showing_placeholder
    assert not view.grab().isNull()


def test_view_shows_the_stand_in_for_a_missing_file(view: IllustrationView, tmp_path: Path) -> None:
    view.show_exercise("bird_dog", image=tmp_path / "gone.png")
    assert view.showing_placeholder


@pytest.mark.parametrize("name", ["broken.png", "broken.svg", "broken.gif", "odd.bmp"])
def test_view_shows_the_stand_in_for_a_picture_that_will_not_load(
    view: IllustrationView, tmp_path: Path, name: str
) -> None:
    broken = tmp_path / name
    broken.write_bytes(b"\x89PNG\r\n\x1a\n definitely not a picture")
    view.show_exercise("bird_dog", image=broken)
    assert view.showing_placeholder


def test_view_shows_user_png_svg_and_gif(view: IllustrationView, tmp_path: Path) -> None:
    png = write_png(tmp_path / "a.png")
    svg = tmp_path / "b.svg"
    svg.write_text(TINY_SVG, encoding="utf-8")
    gif = tmp_path / "c.gif"
    gif.write_bytes(TINY_GIF)
    for picture in (png, svg, gif):
        view.show_exercise("my_own_move", image=picture)
        assert not view.showing_placeholder, picture
        assert not view.showing_builtin
        assert not view.grab().isNull()


def test_view_redraws_only_for_visible_phase_changes(view: IllustrationView) -> None:
    view.show_exercise("cat_camel")
    view.set_phase(0.5)
    count = view.render_count
    view.set_phase(0.503)
    assert view.render_count == count
    assert view.drawn_phase == 0.5
    view.set_phase(0.53)
    assert view.render_count == count + 1
    view.set_phase(1.0)
    view.set_phase(0.999)
    assert view.drawn_phase == 1.0


def test_view_reaches_both_ends_exactly(view: IllustrationView) -> None:
    view.show_exercise("cat_camel")
    view.set_phase(0.995)
    view.set_phase(1.0)
    assert view.drawn_phase == 1.0
    view.set_phase(0.004)
    view.set_phase(0.0)
    assert view.drawn_phase == 0.0


def test_still_mode_shows_the_end_pose_and_ignores_phase(view: IllustrationView) -> None:
    view.show_exercise("glute_bridge")
    view.set_animated(False)
    assert not view.animated
    assert view.drawn_phase == 1.0
    view.set_phase(0.2)
    assert view.drawn_phase == 1.0
    view.set_animated(True)
    assert view.drawn_phase == pytest.approx(0.2)


def test_new_exercise_starts_from_the_start_pose(view: IllustrationView) -> None:
    view.show_exercise("bird_dog")
    view.set_phase(0.8)
    view.show_exercise("dead_bug", mirrored=True)
    assert view.drawn_phase == 0.0


def test_report_image_has_the_requested_size(qapp: object) -> None:
    image = illustration_image("step_up", 400, 150)
    assert (image.width(), image.height()) == (400, 150)
    colours = {image.pixelColor(x, 75).name() for x in range(0, 400, 4)}
    assert len(colours) > 3


def test_report_image_for_an_unknown_exercise_is_the_stand_in(qapp: object) -> None:
    image = illustration_image("no_such_move", 200, 150)
    assert not image.isNull() and image.width() == 200

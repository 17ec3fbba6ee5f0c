"""Exercise illustrations: every built-in picture moves the joints its exercise names, the way
the catalog says, and mirrors exactly; user pictures are checked before use; the view falls back
to a neutral stand-in when there is nothing to show."""

from __future__ import annotations

import functools
import itertools
import math
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgRenderer

from sciatica_coach.illustrations import (
    SIZE,
    IllustrationNotFound,
    UserImageError,
    available,
    check_user_image_path,
    draw,
    motion_phase,
    render_sheet_svg,
    render_svg,
)
from sciatica_coach.illustrations import skeleton as sk
from sciatica_coach.illustrations.poses import SCENES
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


def svg_circle_at(point: tuple[float, float]) -> str:
    """How the SVG writes a circle's centre (one decimal, no trailing zeros)."""
    x, y = (f"{c:.1f}".rstrip("0").rstrip(".") for c in point)
    return f'cx="{x}" cy="{y}"'


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


# -- built-in pictures: what they show -------------------------------------------------------
#
# The poses are checked as a physiotherapist would look at them, from the pose model's joint
# angles and body points: each exercise moves the joints it names, the way it names, and the
# spine the way the catalog's direction says; the limbs it does not name keep still; the
# picture for the right side is the left side's reflected. The pose validator
# (test_pose_validator.py) checks that every frame is a body that can do it.

MIN_MOVE = 5.0  # degrees: less than this is not a movement anyone would see
STILL = 15.0  # degrees: a limb the exercise does not name may shift this much, no more
AXIS = {
    "flexes": ("flex", 1.0),
    "extends": ("flex", -1.0),
    "abducts": ("abd", 1.0),
    "adducts": ("abd", -1.0),
    "rotates": ("rot", 0.0),
}
LIMB_JOINTS = {
    "leg": ("hip", "knee", "ankle"),
    "arm": ("shoulder", "elbow"),
}


def catalog() -> dict[str, dict[str, object]]:
    with CATALOG.open("rb") as f:
        return {e["id"]: e for e in tomllib.load(f)["exercise"]}


@functools.cache
def settled_frames(exercise_id: str, frames: int = 10) -> list[sk.Pose]:
    """The pose at each frame of the movement, reaching limbs solved into joint angles."""
    solved = draw.solve_scene(SCENES[exercise_id])
    return [sk.settle(solved.pose(i / frames)) for i in range(frames + 1)]


def angle(pose: sk.Pose, joint: str, axis: str) -> float:
    return float(getattr(pose.joint(joint), axis))


def pinned_joints(scene: draw.Scene) -> set[str]:
    """Joints of limbs that reach for a point in some key pose: they follow the body."""
    out: set[str] = set()
    for key in (scene.start, scene.via, scene.end):
        for chain in key.reach if key else ():
            side, limb = chain.split("_")
            out |= {f"{side}_{j}" for j in LIMB_JOINTS[limb]}
    return out


def failures(found: list[str]) -> str:
    return "\n".join(found)


def test_there_is_a_picture_for_each_exercise_in_the_catalog() -> None:
    assert set(IDS) == set(catalog())
    assert len(IDS) == 33


def test_every_exercise_moves_the_joints_it_names_the_way_it_names() -> None:
    found = []
    for exercise_id in IDS:
        scene = SCENES[exercise_id]
        if not scene.moves:
            found.append(f"{exercise_id}: names no joint it moves")
        frames = settled_frames(exercise_id)
        for joint, way in scene.moves.items():
            axis, sign = AXIS[way]
            path = [angle(p, joint, axis) for p in frames]
            net = path[-1] - path[0]
            if (sign * net if sign else abs(net)) < MIN_MOVE:
                found.append(
                    f"{exercise_id}: {joint} {way} by only {sign * net if sign else net:+.1f}"
                )
            # From one key pose to the next the joint goes one way all along: no snapping back
            # (a foot dragged through the floor lifts the body, a limb flips to its other bend).
            halves = [path] if scene.via is None else [path[:6], path[5:]]
            for part in halves:
                trend = math.copysign(1.0, part[-1] - part[0])
                back = min(trend * (b - a) for a, b in itertools.pairwise(part))
                if back < -1.0:
                    found.append(f"{exercise_id}: {joint} turns back {-back:.1f} on the way")
    assert not found, failures(found)


def test_limbs_an_exercise_does_not_name_keep_still() -> None:
    # Limbs that rest on something follow the body (a planted foot bends as the hips rise);
    # a free limb the exercise does not name should stay where it is, not drift or swap in
    # for the one that should move.
    found = []
    for exercise_id in IDS:
        scene = SCENES[exercise_id]
        frames = settled_frames(exercise_id)
        free = {
            f"{side}_{joint}"
            for side in sk.SIDES
            for limb in LIMB_JOINTS.values()
            for joint in limb
        }
        for joint in sorted(free - set(scene.moves) - pinned_joints(scene)):
            for axis in ("flex", "abd", "rot"):
                drift = max(
                    abs(angle(p, joint, axis) - angle(frames[0], joint, axis)) for p in frames
                )
                if drift > STILL:
                    found.append(f"{exercise_id}: {joint} {axis} moves {drift:.0f} unnamed")
    assert not found, failures(found)


def test_the_spine_and_hips_move_the_way_the_catalog_direction_says() -> None:
    found = []
    for exercise_id, entry in sorted(catalog().items()):
        direction = entry["spinal_direction"]
        scene = SCENES[exercise_id]
        solved = draw.solve_scene(scene)
        start, end = solved.start, solved.end
        spine = [angle(start, "spine", "flex"), angle(end, "spine", "flex")]
        turn = angle(end, "spine", "rot") - angle(start, "spine", "rot")
        legs = [c[0] for c in sorted(scene.worker) if c.endswith("_leg")] or list(sk.SIDES)
        hips = [angle(end, f"{s}_hip", "flex") - angle(start, f"{s}_hip", "flex") for s in legs]
        if direction == "flexion":
            # Bends forward: the back rounds or a thigh comes to the chest; the back never arches.
            ok = (spine[1] - spine[0] >= 10 or max(hips) >= 10) and spine[1] >= spine[0]
        elif direction == "extension":
            # Never bends forward; where the chest comes up, the lower back arches.
            lifts = end.trunk - start.trunk > MIN_MOVE
            ok = spine[1] <= min(spine[0], 0.0) and (not lifts or spine[1] - spine[0] <= -10)
        elif direction == "flexion_and_extension":
            ok = min(spine) <= -15 and max(spine) >= 15
        elif direction == "rotation":
            ok = abs(turn) >= 20 and abs(spine[1] - spine[0]) <= MIN_MOVE
        elif direction == "neural":
            # The sciatic nerve is drawn taut: the hip bends while the knee straightens, and
            # ends bent at least 40 degrees more than the knee.
            def slack(pose: sk.Pose, side: str) -> float:
                return angle(pose, f"{side}_hip", "flex") - angle(pose, f"{side}_knee", "flex")

            ok = all(slack(end, s) - slack(start, s) >= 30 and slack(end, s) >= 40 for s in legs)
        else:
            assert direction == "neutral", direction
            ok = abs(spine[1] - spine[0]) <= 10 and max(abs(a) for a in spine) <= 15
        if not ok:
            found.append(
                f"{exercise_id} ({direction}): spine {spine}, turn {turn:.0f}, hips {hips}"
            )
    assert not found, failures(found)


def test_one_sided_exercises_work_one_leg_and_two_sided_ones_both() -> None:
    # The unmirrored picture shows the left side working and the mirrored one the right: that
    # only holds if a one-sided exercise puts the work in one leg, the near one (r_ in the
    # model, which the picture shows as the left), and an exercise for both legs in both.
    found = []
    for exercise_id, entry in sorted(catalog().items()):
        legs = {c for c in SCENES[exercise_id].worker if c.endswith("_leg")}
        arms = {c for c in SCENES[exercise_id].worker if c.endswith("_arm")}
        if entry["sides"] in ("both", "alternating"):
            ok = legs <= {"r_leg"} and len(arms) <= 1
        else:
            ok = legs in (set(), {"r_leg", "l_leg"}) and len(arms) in (0, 2)
        if not ok:
            found.append(f"{exercise_id} (sides {entry['sides']}): works {sorted(legs | arms)}")
    assert not found, failures(found)


# -- mirrored pictures -----------------------------------------------------------------------

Shape = tuple[str, list[tuple[float, float]], tuple[tuple[str, str], ...]]
GEOMETRY = {"points", "cx", "cy", "x", "y", "x1", "y1", "x2", "y2", "width", "transform"}


def shapes(svg: str) -> list[Shape]:
    """Each element of a picture: its tag, its points, and everything else about it."""
    out: list[Shape] = []
    for el in ET.fromstring(svg).iter():
        tag, a = el.tag.split("}")[-1], el.attrib
        if tag in ("polyline", "polygon"):
            pts = [tuple(map(float, p.split(","))) for p in a["points"].split()]
        elif tag == "circle":
            pts = [(float(a["cx"]), float(a["cy"]))]
        elif tag == "line":
            pts = [(float(a["x1"]), float(a["y1"])), (float(a["x2"]), float(a["y2"]))]
        elif tag == "rect":
            x, y, w, h = (float(a[k]) for k in ("x", "y", "width", "height"))
            pts = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
        elif tag == "text":
            pts = [(float(a["x"]), float(a["y"]))]
        else:
            continue
        rest = tuple(sorted((k, v) for k, v in a.items() if k not in GEOMETRY))
        out.append((tag, [(p[0], p[1]) for p in pts], (*rest, ("text", el.text or ""))))
    return out


@functools.cache
def picture(exercise_id: str, phase: float, mirrored: bool = False) -> list[Shape]:
    return shapes(render_svg(exercise_id, phase, mirrored=mirrored))


def reflected(shape: Shape, axis: float) -> Shape:
    tag, pts, rest = shape
    if tag == "text":
        return shape  # words are never mirrored
    return tag, [(2 * axis - x, y) for x, y in pts], rest


def same_shape(a: Shape, b: Shape, tolerance: float = 0.15) -> bool:
    if a[0] != b[0] or a[2] != b[2] or len(a[1]) != len(b[1]):
        return False
    # A reflected polygon runs the other way round and a line's ends swap: compare as sets.
    return all(
        math.dist(p, q) <= tolerance for p, q in zip(sorted(a[1]), sorted(b[1]), strict=True)
    )


def test_the_right_side_picture_is_the_left_side_picture_reflected() -> None:
    # Element by element, so limb by limb and joint by joint (each limb is a stroke between
    # its joints): the figure, its ghost, the props and the arrows reflect about the middle of
    # the picture; the small "from above" insets about their own middle; words stay as they are.
    width = SIZE[0]
    inset_middle = width * (0.7 + 0.27 / 2)
    # The end picture holds the start pose too, as a ghost, and the arrows.
    found = []
    for exercise_id in IDS:
        left = picture(exercise_id, 1.0)
        right = picture(exercise_id, 1.0, mirrored=True)
        if len(left) != len(right):
            found.append(f"{exercise_id}: {len(left)} vs {len(right)} elements")
            continue
        axis = width / 2
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            if a[0] == "rect" and ("fill", "#ffffff") in a[2] and i > 0:
                axis = inset_middle  # from here on, the inset
            if not same_shape(reflected(a, axis), b):
                found.append(f"{exercise_id}: element {i} ({a[0]}) is not reflected")
                break
    assert not found, failures(found)


def test_unmirrored_the_figure_works_its_left_side() -> None:
    # The near side of the model (r_) is the worked one (see the test of sides above). Facing
    # left with that side nearest, it is the figure's left side; mirrored, it faces right and
    # shows the right side, as the player expects when it passes mirrored=True for the right.
    width, height = (float(n) for n in SIZE)
    solved = draw.solve_scene(SCENES["single_leg_stance"])
    figure = solved.figure(1.0)
    for mirrored, facing in ((False, -1.0), (True, 1.0)):
        svg = render_svg("single_leg_stance", 1.0, mirrored=mirrored)
        views = [draw.layout(solved, flip, width, height) for flip in (False, True)]
        drawn = [v for v in views if svg_circle_at(v.px(figure.point("nose"))) in svg]
        assert len(drawn) == 1, "the nose is drawn where one of the two views puts it"
        view = drawn[0]
        nose, head = view.px(figure.point("nose")), view.px(figure.point("head"))
        assert (nose[0] - head[0]) * facing > 0, "faces the other way"
        assert view.depth(figure.point("r_hip")) > view.depth(figure.point("l_hip"))


# -- built-in pictures: the drawing ----------------------------------------------------------


def test_the_end_picture_draws_every_arrow_the_exercise_has() -> None:
    # An arrow along a point that hardly moves is left out of the drawing: the picture would
    # lose the one mark that says which way to go. Arrows fade in to this colour at the end.
    def rgb(colour: str) -> list[int]:
        return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]

    mixed = zip(rgb(draw.BACKGROUND), rgb(draw.ACCENT), strict=True)
    arrow = "#" + "".join(f"{round(a + (b - a) * 0.75):02x}" for a, b in mixed)
    found = []
    for exercise_id in IDS:
        heads = sum(
            1
            for tag, _, rest in picture(exercise_id, 1.0)
            if tag == "polygon" and ("fill", arrow) in rest
        )
        if heads != len(SCENES[exercise_id].arrows):
            found.append(f"{exercise_id}: {heads} of {len(SCENES[exercise_id].arrows)} arrows")
    assert not found, failures(found)


def test_shipped_sheets_are_up_to_date_and_load(qapp: object) -> None:
    # The print-out and the thumbnails use the shipped files: each must be the sheet the code
    # draws today, and one Qt's SVG renderer accepts, with both poses labelled.
    stale = []
    for exercise_id in IDS:
        shipped = ASSETS / f"{exercise_id}.svg"
        text = shipped.read_text(encoding="utf-8") if shipped.is_file() else ""
        if text != render_sheet_svg(exercise_id):
            stale.append(exercise_id)
        elif not (svg_loads(text) and ">Start<" in text and ">End<" in text):
            stale.append(f"{exercise_id} (does not load, or lacks its labels)")
    assert not stale, f"run tools/make_illustrations.py: {stale}"


def test_phase_is_clamped_and_size_respected() -> None:
    assert render_svg("cat_camel", -3.0) == render_svg("cat_camel", 0.0)
    assert render_svg("cat_camel", 7.0) == render_svg("cat_camel", 1.0)
    assert render_svg("cat_camel", float("nan")) == render_svg("cat_camel", 0.0)
    assert 'width="300" height="200"' in render_svg("cat_camel", 0.5, size=(300, 200))
    with pytest.raises(ValueError, match="size"):
        render_svg("cat_camel", 0.5, size=(0, 200))


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


def colours(image: QImage) -> Counter[str]:
    """How often each colour turns up, sampling every other pixel."""
    return Counter(
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def on_screen(widget: IllustrationView) -> Counter[str]:
    return colours(widget.grab().toImage())


PLACEHOLDER_GREY = "#c9ccd0"


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
    seen = on_screen(view)
    # The figure in slate, its working arm and leg in the accent colour, and no stand-in.
    assert seen[draw.BODY] > 300 and seen[draw.ACCENT] > 300
    assert seen[PLACEHOLDER_GREY] == 0


@pytest.mark.parametrize("exercise_id", [None, "no_such_move"])
def test_view_shows_the_stand_in_when_there_is_no_picture(
    view: IllustrationView, exercise_id: str | None
) -> None:
    view.show_exercise(exercise_id)
    assert view.showing_placeholder
    seen = on_screen(view)
    assert seen[PLACEHOLDER_GREY] > 300 and seen[draw.ACCENT] == 0


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
    # Each picture's own colour fills a good part of the view: the PNG's blue, the SVG's
    # orange circle, the GIF's black pixel scaled up.
    for picture, colour in ((png, "#336699"), (svg, "#e07a3a"), (gif, "#000000")):
        view.show_exercise("my_own_move", image=picture)
        assert not view.showing_placeholder, picture
        assert not view.showing_builtin
        assert on_screen(view)[colour] > 1000, picture


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
    seen = colours(image)
    assert seen[draw.BODY] > 50 and seen[draw.ACCENT] > 50, "the figure and its working leg"


def test_report_image_for_an_unknown_exercise_is_the_stand_in(qapp: object) -> None:
    image = illustration_image("no_such_move", 200, 150)
    assert (image.width(), image.height()) == (200, 150)
    seen = colours(image)
    assert seen[PLACEHOLDER_GREY] > 50 and seen[draw.ACCENT] == 0

"""Check that a picture shows a body doing what a body can: the physiotherapist's eye, in code.

For every pose of a scene (start, end, the optional middle pose, and the frames the animation
blends between them) `check_scene` looks for four kinds of mistake:

- ``joint``: a joint outside its normal adult range (`skeleton.JOINT_LIMITS`), such as a knee
  or elbow bent backwards;
- ``contact``: a part the pose says rests on something (a hand on the mat, the pelvis on the
  seat) floating above it or pressed into it by more than `TOLERANCE`;
- ``sinks``: any part of the body going through the floor or a declared support;
- ``bone``: a bone that is not its own length (the picture would stretch a limb).

Pure Python: it works on the same solved figures the SVG is drawn from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sciatica_coach.illustrations import draw
from sciatica_coach.illustrations import skeleton as sk
from sciatica_coach.illustrations.skeleton import Figure, Pose, Support, Vec

TOLERANCE = 2.0  # units (about a centimetre; two or three pixels in the player)
ANGLE_SLACK = 0.5  # degrees: rounding in a solved pose is not a mistake
LENGTH_SLACK = 0.01  # units
FRAMES = 10

Extent = Callable[[Vec], float]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one pose: where (scene and frame), what kind, and what exactly."""

    where: str
    kind: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


# -- the body as round parts ----------------------------------------------------------------


def _ball(radius: float) -> Extent:
    return lambda n: radius


def _trunk(figure: Figure, frame: str) -> Extent:
    """The trunk is about 25 deep and 31 broad: how far it reaches in direction n."""
    m = figure.frames[frame]
    forward, along, across = (sk.apply(m, axis) for axis in ((1, 0, 0), (0, 1, 0), (0, 0, 1)))
    depth, breadth = sk.TORSO_DEPTH / 2, sk.TORSO_BREADTH / 2

    def extent(n: Vec) -> float:
        return math.sqrt(
            (depth * _dot(forward, n)) ** 2
            + (depth * _dot(along, n)) ** 2
            + (breadth * _dot(across, n)) ** 2
        )

    return extent


def _point_extent(figure: Figure, name: str) -> Extent:
    if name == "pelvis":
        return _trunk(figure, "pelvis")
    if name == "chest":
        return _trunk(figure, "thorax")
    radius = {
        "head": sk.HEAD_R,
        "hand": sk.HAND_R,
        "elbow": sk.UPPER_ARM_W / 2,
        "knee": sk.THIGH_W / 2,
        "ankle": sk.SHIN_W / 2,
        "heel": sk.FOOT_W / 2,
        "toe": sk.FOOT_W / 2,
    }[name.split("_", 1)[-1]]
    return _ball(radius)


_SEGMENTS: tuple[tuple[str, str, float], ...] = (
    ("hip", "knee", sk.THIGH_W),
    ("knee", "ankle", sk.SHIN_W),
    ("heel", "toe", sk.FOOT_W),
    ("shoulder", "elbow", sk.UPPER_ARM_W),
    ("elbow", "hand", sk.FOREARM_W),
)


def body_samples(figure: Figure) -> list[tuple[str, Vec, Extent]]:
    """Points along the whole drawn body, each with how far the body reaches around it."""
    p = figure.point
    out: list[tuple[str, Vec, Extent]] = [("head", p("head"), _ball(sk.HEAD_R))]
    for i in range(9):
        t = i / 8
        frame = "pelvis" if t < 0.5 else "thorax"
        out.append(("trunk", sk.torso_point(figure, t), _trunk(figure, frame)))
    for k in range(5):
        at = _along(p("chest"), p("head_base"), k / 4)
        out.append(("neck", at, _ball(sk.NECK_W / 2)))
    for side in sk.SIDES:
        for a, b, width in _SEGMENTS:
            for k in range(5):
                at = _along(p(f"{side}_{a}"), p(f"{side}_{b}"), k / 4)
                out.append((f"{side}_{a}-{b}", at, _ball(width / 2)))
        out.append((f"{side}_hand", p(f"{side}_hand"), _ball(sk.HAND_R)))
    return out


def _along(a: Vec, b: Vec, t: float) -> Vec:
    return sk.add(a, sk.scale(sk.sub(b, a), t))


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def gap(centre: Vec, extent: Extent, support: Support) -> float:
    """Space between a round part and a support: negative when the part is pressed into it."""
    bounds = (support.x, support.y, support.z)
    closest = tuple(min(max(c, lo), hi) for c, (lo, hi) in zip(centre, bounds, strict=True))
    d = sk.sub(centre, (closest[0], closest[1], closest[2]))
    dist = math.sqrt(_dot(d, d))
    if dist > 1e-9:
        n = sk.scale(d, 1 / dist)
        return dist - extent(n)
    # Inside the support: out through the nearest face.
    faces: list[tuple[float, Vec]] = []
    for axis, (lo, hi) in enumerate(bounds):
        unit = tuple(1.0 if i == axis else 0.0 for i in range(3))
        normal: Vec = (unit[0], unit[1], unit[2])
        if math.isfinite(hi):
            faces.append((hi - centre[axis], normal))
        if math.isfinite(lo):
            faces.append((centre[axis] - lo, sk.scale(normal, -1.0)))
    depth, n = min(faces)
    return -depth - extent(n)


# -- the four checks ------------------------------------------------------------------------


def joint_problems(pose: Pose) -> list[str]:
    """Joints outside their range, for a pose whose reaching limbs are already solved."""
    out: list[str] = []
    for name in sorted(sk.JOINT_NAMES):
        joint, limits = pose.joint(name), sk.limits_of(name)
        for angle, value, (lo, hi) in (
            ("flexion", joint.flex, limits.flex),
            ("abduction", joint.abd, limits.abd),
            ("rotation", joint.rot, limits.rot),
        ):
            if not lo - ANGLE_SLACK <= value <= hi + ANGLE_SLACK:
                # i18n: not words (the pose checker's messages, for whoever draws the poses)
                out.append(f"{name} {angle} {value:.1f} is outside {lo:g} to {hi:g}")
    return out


def contact_problems(figure: Figure, contacts: Mapping[str, Support]) -> list[str]:
    out: list[str] = []
    for part, support in sorted(contacts.items()):
        for name in sk.CONTACT_PARTS[part]:
            space = gap(figure.point(name), _point_extent(figure, name), support)
            if space > TOLERANCE:
                # i18n: not words (the pose checker's messages, for whoever draws the poses)
                out.append(f"{part} ({name}) floats {space:.1f} above the {support.name}")
            elif space < -TOLERANCE:
                # i18n: not words (the pose checker's messages, for whoever draws the poses)
                out.append(f"{part} ({name}) is {-space:.1f} into the {support.name}")
    return out


def sinking_problems(figure: Figure, supports: Iterable[Support]) -> list[str]:
    out: list[str] = []
    for support in supports:
        deepest: dict[str, float] = {}
        for part, centre, extent in body_samples(figure):
            space = gap(centre, extent, support)
            if space < -TOLERANCE:
                deepest[part] = min(deepest.get(part, 0.0), space)
        # i18n: not words (the pose checker's messages, for whoever draws the poses)
        out += [
            f"{part} goes {-space:.1f} into the {support.name}"
            for part, space in sorted(deepest.items())
        ]
    return out


def _bones() -> list[tuple[str, str, float]]:
    bones = [
        ("pelvis", "waist", sk.LUMBAR),
        ("waist", "chest", sk.THORAX),
        ("chest", "head_base", sk.NECK),
        ("r_hip", "l_hip", 2 * sk.HIP_HALF),
        ("r_shoulder", "l_shoulder", 2 * sk.SHOULDER_HALF),
    ]
    for s in sk.SIDES:
        bones += [
            ("pelvis", f"{s}_hip", sk.HIP_HALF),
            (f"{s}_hip", f"{s}_knee", sk.THIGH),
            (f"{s}_knee", f"{s}_ankle", sk.SHIN),
            (f"{s}_ankle", f"{s}_heel", math.hypot(sk.HEEL_BACK, sk.SOLE_DROP)),
            (f"{s}_ankle", f"{s}_toe", math.hypot(sk.TOE_FORWARD, sk.SOLE_DROP)),
            (f"{s}_shoulder", f"{s}_elbow", sk.UPPER_ARM),
            (f"{s}_elbow", f"{s}_hand", sk.FOREARM),
        ]
    return bones


BONES = _bones()


def bone_problems(figure: Figure) -> list[str]:
    out: list[str] = []
    for a, b, length in BONES:
        actual = math.dist(figure.point(a), figure.point(b))
        if abs(actual - length) > LENGTH_SLACK:
            out.append(f"bone {a}-{b} is {actual:.2f} long, not {length:.2f}")
    return out


# -- poses and scenes -------------------------------------------------------------------------


def check_pose(pose: Pose, where: str = "pose", supports: Iterable[Support] = ()) -> list[Problem]:
    """Everything wrong with one pose as it would be drawn (reaching limbs solved, grounded).

    ``supports``: what else nothing may sink into, besides the floor and the pose's own
    contacts' supports.
    """
    settled = sk.settle(pose)
    figure = sk.solve(pose)
    solids = {sk.FLOOR, *pose.contacts.values(), *supports}
    found = [Problem(where, "joint", w) for w in joint_problems(settled)]
    found += [Problem(where, "contact", w) for w in contact_problems(figure, pose.contacts)]
    order = sorted(solids, key=lambda s: s.name)
    found += [Problem(where, "sinks", w) for w in sinking_problems(figure, order)]
    found += [Problem(where, "bone", w) for w in bone_problems(figure)]
    return found


def check_scene(scene: draw.Scene, name: str = "scene", frames: int = FRAMES) -> list[Problem]:
    """The scene's own poses, then ``frames`` steps of the animation from start to end."""
    solved = draw.solve_scene(scene)
    keys = [("start", scene.start), ("end", scene.end)]
    if scene.via is not None:
        keys.insert(1, ("middle", scene.via))
    supports = {s for _, p in keys for s in p.contacts.values()}
    found: list[Problem] = []
    for label, pose in keys:
        found += check_pose(pose, f"{name} {label}", supports)
    for i in range(1, frames):
        found += check_pose(solved.pose(i / frames), f"{name} frame {i}/{frames}", supports)
    return found


def check_scenes(scenes: Mapping[str, draw.Scene], frames: int = FRAMES) -> list[Problem]:
    return [p for name, scene in sorted(scenes.items()) for p in check_scene(scene, name, frames)]

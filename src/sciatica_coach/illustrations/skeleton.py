"""A small stick-figure model: joint angles in, body points out.

The figure is built facing +x with its right side towards the viewer (+z), y up, floor at y = 0,
in units of roughly a centimetre. A `Pose` is a root position, the angle of the pelvis in the
picture plane and a set of joint angles; `solve` runs forward kinematics and returns a `Figure`
(named 3-D points and frames). Poses can pin a hand or foot to a point (`Reach`): the two-joint
limb is then solved in the picture plane, which keeps feet planted and hands on a chair while the
rest of the body moves. `blend` interpolates two poses joint by joint, so in-between frames bend
at the joints instead of sliding points around.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]

# Body proportions (about a 175 cm adult; one unit is about a centimetre).
LUMBAR = 24.0
THORAX = 30.0
SHOULDER_DROP = 4.0
SHOULDER_HALF = 16.0
HIP_HALF = 8.5
NECK = 8.0
HEAD_R = 11.5
THIGH = 44.0
SHIN = 43.0
UPPER_ARM = 29.0
FOREARM = 28.0
HEEL_BACK = 4.5
TOE_FORWARD = 16.0
SOLE_DROP = 5.0

# Stroke widths: the figure is drawn as thick round-capped strokes.
TORSO_DEPTH = 25.0
TORSO_BREADTH = 31.0
NECK_W = 11.0
THIGH_W = 16.5
SHIN_W = 12.5
FOOT_W = 8.5
UPPER_ARM_W = 11.0
FOREARM_W = 9.5
HAND_R = 5.5

# Handy heights for posing: the ankle of a flat foot, the pelvis of a body lying on its back.
ANKLE_HEIGHT = SOLE_DROP + FOOT_W / 2
LYING_HEIGHT = TORSO_DEPTH / 2

SIDES = ("r", "l")
LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow")
JOINT_NAMES = frozenset(
    {"spine", "neck"} | {f"{side}_{joint}" for side in SIDES for joint in LIMB_JOINTS}
)
CHAINS = frozenset(f"{side}_{limb}" for side in SIDES for limb in ("leg", "arm"))


@dataclass(frozen=True)
class Joint:
    """One joint's angles in degrees.

    ``flex``: flexion (hip and shoulder forward, knee and elbow bending, spine and neck bending
    forward; for the ankle, positive points the toes). ``abd``: abduction (limb out to the side)
    or side bend to the right (spine, neck). ``rot``: external rotation of a limb, or turning to
    the right (spine, neck).
    """

    flex: float = 0.0
    abd: float = 0.0
    rot: float = 0.0

    def lerp(self, other: Joint, t: float) -> Joint:
        return Joint(
            _lerp(self.flex, other.flex, t),
            _lerp(self.abd, other.abd, t),
            _lerp(self.rot, other.rot, t),
        )


@dataclass(frozen=True)
class Reach:
    """Put the end of a limb (ankle or hand) on a point of the picture plane.

    ``foot`` sets the absolute angle of the foot (0 = flat, pointing forward); None keeps the
    ankle angle of the pose.
    """

    x: float
    y: float
    foot: float | None = None


@dataclass(frozen=True)
class Pose:
    """Where the figure is and how its joints are bent.

    ``x, y``: the pelvis (midway between the hip joints). ``trunk``: the direction of the lower
    back in the picture plane, in degrees: 90 upright, 180 lying on the back with the head to
    the left, 0 lying face down with the head to the right. ``turn``: the pelvis turned about the
    body's long axis (90 faces the viewer). ``ground``: when set, the figure is lowered or raised
    so its lowest point rests at this height.
    """

    x: float
    y: float
    trunk: float = 90.0
    turn: float = 0.0
    joints: Mapping[str, Joint] = field(default_factory=dict)
    reach: Mapping[str, Reach] = field(default_factory=dict)
    ground: float | None = None

    def __post_init__(self) -> None:
        unknown = set(self.joints) - JOINT_NAMES
        if unknown:
            raise ValueError(f"unknown joints: {sorted(unknown)}")
        unknown = set(self.reach) - CHAINS
        if unknown:
            raise ValueError(f"unknown limbs to reach with: {sorted(unknown)}")

    def joint(self, name: str) -> Joint:
        return self.joints.get(name, Joint())


@dataclass(frozen=True)
class Figure:
    """A solved pose: named points and frames in world coordinates."""

    points: Mapping[str, Vec]
    frames: Mapping[str, Mat]

    def point(self, name: str) -> Vec:
        return self.points[name]

    def attached(self, frame: str, offset: Vec) -> Vec:
        """A point fixed to a body frame (e.g. a stick held along the back)."""
        origin = self.points[FRAME_ORIGINS[frame]]
        return add(origin, apply(self.frames[frame], offset))

    def shifted(self, dy: float) -> Figure:
        return Figure({k: (p[0], p[1] + dy, p[2]) for k, p in self.points.items()}, self.frames)


FRAME_ORIGINS: Mapping[str, str] = {
    "pelvis": "pelvis",
    "thorax": "waist",
    "head": "head_base",
    **{f"{s}_thigh": f"{s}_hip" for s in SIDES},
    **{f"{s}_shin": f"{s}_knee" for s in SIDES},
    **{f"{s}_foot": f"{s}_ankle" for s in SIDES},
    **{f"{s}_upper_arm": f"{s}_shoulder" for s in SIDES},
    **{f"{s}_forearm": f"{s}_elbow" for s in SIDES},
}


# -- small vector algebra ---------------------------------------------------------------------


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def matmul(a: Mat, b: Mat) -> Mat:
    cols = (apply(a, (b[0][0], b[1][0], b[2][0])), apply(a, (b[0][1], b[1][1], b[2][1])))
    last = apply(a, (b[0][2], b[1][2], b[2][2]))
    return (
        (cols[0][0], cols[1][0], last[0]),
        (cols[0][1], cols[1][1], last[1]),
        (cols[0][2], cols[1][2], last[2]),
    )


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _chain(*mats: Mat) -> Mat:
    out = mats[0]
    for m in mats[1:]:
        out = matmul(out, m)
    return out


# -- forward kinematics -----------------------------------------------------------------------


def _limb_rotation(joint: Joint, sign: float) -> Mat:
    """Hip or shoulder: flexion about z, abduction about x, rotation about the limb."""
    return _chain(rot_z(joint.flex), rot_x(-sign * joint.abd), rot_y(-sign * joint.rot))


def _spine_rotation(joint: Joint) -> Mat:
    return _chain(rot_z(-joint.flex), rot_x(joint.abd), rot_y(-joint.rot))


def solve(pose: Pose) -> Figure:
    """Forward kinematics with grounding, then the reaching limbs.

    Grounding moves the whole figure up or down so its lowest point rests at ``pose.ground``;
    reaching limbs are solved again afterwards so they still land on their targets.
    """
    figure = _forward(pose)
    if pose.ground is not None:
        if pose.reach:
            figure = _forward(with_reach(pose, figure))
        pose = replace(pose, y=pose.y + pose.ground - lowest_point(figure))
        figure = _forward(pose)
    if pose.reach:
        figure = _forward(with_reach(pose, figure))
    return figure


def _forward(pose: Pose) -> Figure:
    pts: dict[str, Vec] = {}
    frames: dict[str, Mat] = {}
    root: Vec = (pose.x, pose.y, 0.0)
    pelvis = matmul(rot_z(pose.trunk - 90.0), rot_y(-pose.turn))
    thorax = matmul(pelvis, _spine_rotation(pose.joint("spine")))
    head = matmul(thorax, _spine_rotation(pose.joint("neck")))
    frames.update(pelvis=pelvis, thorax=thorax, head=head)
    pts["pelvis"] = root
    pts["waist"] = add(root, apply(pelvis, (0.0, LUMBAR, 0.0)))
    pts["chest"] = add(pts["waist"], apply(thorax, (0.0, THORAX, 0.0)))
    pts["head_base"] = add(pts["chest"], apply(head, (0.0, NECK, 0.0)))
    pts["head"] = add(pts["head_base"], apply(head, (1.5, HEAD_R * 0.8, 0.0)))
    pts["nose"] = add(pts["head"], apply(head, (HEAD_R * 0.92, -1.5, 0.0)))
    for side in SIDES:
        sign = 1.0 if side == "r" else -1.0
        hip = add(root, apply(pelvis, (0.0, 0.0, sign * HIP_HALF)))
        thigh = matmul(pelvis, _limb_rotation(pose.joint(f"{side}_hip"), sign))
        knee = add(hip, apply(thigh, (0.0, -THIGH, 0.0)))
        shin = matmul(thigh, rot_z(-pose.joint(f"{side}_knee").flex))
        ankle = add(knee, apply(shin, (0.0, -SHIN, 0.0)))
        foot = matmul(shin, rot_z(-pose.joint(f"{side}_ankle").flex))
        shoulder = add(pts["chest"], apply(thorax, (0.0, -SHOULDER_DROP, sign * SHOULDER_HALF)))
        upper = matmul(thorax, _limb_rotation(pose.joint(f"{side}_shoulder"), sign))
        elbow = add(shoulder, apply(upper, (0.0, -UPPER_ARM, 0.0)))
        fore = matmul(upper, rot_z(pose.joint(f"{side}_elbow").flex))
        hand = add(elbow, apply(fore, (0.0, -FOREARM, 0.0)))
        pts.update(
            {
                f"{side}_hip": hip,
                f"{side}_knee": knee,
                f"{side}_ankle": ankle,
                f"{side}_heel": add(ankle, apply(foot, (-HEEL_BACK, -SOLE_DROP, 0.0))),
                f"{side}_toe": add(ankle, apply(foot, (TOE_FORWARD, -SOLE_DROP, 0.0))),
                f"{side}_shoulder": shoulder,
                f"{side}_elbow": elbow,
                f"{side}_hand": hand,
            }
        )
        frames.update(
            {
                f"{side}_thigh": thigh,
                f"{side}_shin": shin,
                f"{side}_foot": foot,
                f"{side}_upper_arm": upper,
                f"{side}_forearm": fore,
            }
        )
    return Figure(pts, frames)


# -- reaching (two-joint inverse kinematics in the picture plane) -----------------------------


def _angle(v: Vec) -> float:
    return math.degrees(math.atan2(v[1], v[0]))


def _wrap(deg: float) -> float:
    return (deg + 180.0) % 360.0 - 180.0


def _two_joint(
    base: Vec, target: tuple[float, float], a: float, b: float, sign: float
) -> tuple[float, float]:
    """Absolute angles of the two segments reaching from base towards target.

    ``sign`` +1 puts the middle joint on the counter-clockwise side (a knee in front of a
    figure facing +x), -1 on the clockwise side (an elbow).
    """
    dx, dy = target[0] - base[0], target[1] - base[1]
    dist = min(max(math.hypot(dx, dy), abs(a - b) + 1e-6), a + b - 1e-6)
    towards = math.degrees(math.atan2(dy, dx))
    cos_inner = (a * a + dist * dist - b * b) / (2 * a * dist)
    inner = math.degrees(math.acos(max(-1.0, min(1.0, cos_inner))))
    first = towards + sign * inner
    mid = (base[0] + a * math.cos(math.radians(first)), base[1] + a * math.sin(math.radians(first)))
    second = math.degrees(math.atan2(target[1] - mid[1], target[0] - mid[0]))
    return first, second


def with_reach(pose: Pose, figure: Figure) -> Pose:
    """The pose with each reaching limb's joint angles solved for its target."""
    joints = dict(pose.joints)
    pelvis_dir = pose.trunk
    thorax_dir = pose.trunk - pose.joint("spine").flex
    for chain, reach in pose.reach.items():
        side, limb = chain.split("_")
        if limb == "leg":
            base = figure.point(f"{side}_hip")
            thigh, shin = _two_joint(base, (reach.x, reach.y), THIGH, SHIN, 1.0)
            hip_old, knee_old = pose.joint(f"{side}_hip"), pose.joint(f"{side}_knee")
            hip_flex = _wrap(thigh - (pelvis_dir - 180.0))
            joints[f"{side}_hip"] = Joint(hip_flex, hip_old.abd, hip_old.rot)
            joints[f"{side}_knee"] = Joint(_wrap(thigh - shin), knee_old.abd, knee_old.rot)
            if reach.foot is not None:
                joints[f"{side}_ankle"] = Joint(_wrap(shin + 90.0 - reach.foot))
        else:
            base = figure.point(f"{side}_shoulder")
            upper, fore = _two_joint(base, (reach.x, reach.y), UPPER_ARM, FOREARM, -1.0)
            old = pose.joint(f"{side}_shoulder")
            joints[f"{side}_shoulder"] = Joint(
                _wrap(upper - (thorax_dir - 180.0)), old.abd, old.rot
            )
            joints[f"{side}_elbow"] = Joint(_wrap(fore - upper))
    return Pose(pose.x, pose.y, pose.trunk, pose.turn, joints, {}, None)


# -- grounding and blending -------------------------------------------------------------------


def body_extents(figure: Figure) -> list[tuple[Vec, float]]:
    """Points on the body's outline with their drawn radius (for grounding and bounds)."""
    p = figure.point
    out: list[tuple[Vec, float]] = [(p("head"), HEAD_R)]
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        out.append((torso_point(figure, t), TORSO_DEPTH / 2))
    for side in SIDES:
        out += [
            (p(f"{side}_knee"), THIGH_W / 2),
            (p(f"{side}_ankle"), SHIN_W / 2),
            (p(f"{side}_heel"), FOOT_W / 2),
            (p(f"{side}_toe"), FOOT_W / 2),
            (p(f"{side}_elbow"), UPPER_ARM_W / 2),
            (p(f"{side}_hand"), HAND_R),
        ]
    return out


def lowest_point(figure: Figure) -> float:
    return min(pt[1] - r for pt, r in body_extents(figure))


def torso_point(figure: Figure, t: float) -> Vec:
    """A point on the curved line of the back (pelvis to the base of the neck), t in [0, 1]."""
    a, c, b = figure.point("pelvis"), figure.point("waist"), figure.point("chest")
    u = 1.0 - t
    return add(add(scale(a, u * u), scale(c, 2 * u * t)), scale(b, t * t))


def blend(start: Pose, end: Pose, t: float) -> Pose:
    """The pose a fraction t of the way from start to end, joint angle by joint angle.

    A limb reaching for the same point in both poses stays pinned there in between.
    """
    names = set(start.joints) | set(end.joints)
    joints = {n: start.joint(n).lerp(end.joint(n), t) for n in names}
    pins = {k: r for k, r in start.reach.items() if end.reach.get(k) == r}
    ground = start.ground if start.ground == end.ground else None
    return Pose(
        _lerp(start.x, end.x, t),
        _lerp(start.y, end.y, t),
        _lerp(start.trunk, end.trunk, t),
        _lerp(start.turn, end.turn, t),
        joints,
        pins,
        ground,
    )


def settle(pose: Pose) -> Pose:
    """Resolve reaching limbs and grounding into plain joint angles and a root position.

    Reach targets are kept, so `blend` can still pin limbs that stay put.
    """
    placed = replace(pose, y=solve(pose).point("pelvis")[1])
    solved = with_reach(placed, _forward(placed)) if pose.reach else placed
    return replace(placed, joints=solved.joints)

"""A small stick-figure model: joint angles in, body points out.

The figure is built facing +x with its right side towards the viewer (+z), y up, floor at y = 0,
in units of roughly a centimetre. A `Pose` is a root position, the angle of the pelvis in the
picture plane and a set of joint angles; `solve` runs forward kinematics and returns a `Figure`
(named 3-D points and frames). Poses can pin a hand or foot to a point (`Reach`): the two-joint
limb is then solved in the picture plane, which keeps feet planted and hands on a chair while the
rest of the body moves. `blend` interpolates two poses joint by joint, so in-between frames bend
at the joints instead of sliding points around.

The model also knows what a body may do: `JOINT_LIMITS` holds each joint's normal adult range,
and a pose names its ``contacts`` (which hands, forearms, knees, feet, pelvis or head rest on
which `Support`: floor, mat, seat, step or wall). `validate` checks both.
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
class Limits:
    """A joint's normal range in degrees, (least, most) for each of `Joint`'s angles.

    A hinge (knee, elbow, ankle) has only ``flex``: its other angles must stay at 0.
    """

    flex: tuple[float, float]
    abd: tuple[float, float] = (0.0, 0.0)
    rot: tuple[float, float] = (0.0, 0.0)


# Normal adult ranges of motion (the usual goniometry tables), widened only where an exercise
# takes a joint to a gentle passive end of range (a knee pulled to the chest, a heel to the
# buttock). Negative flexion is extension: elbows and knees get only a few degrees of it.
# "spine" is the lower back and the chest together, so its flexion and extension are the
# lumbar and thoracic ranges added; the hips carry the pelvis's tilt against the thighs.
JOINT_LIMITS: Mapping[str, Limits] = {
    "spine": Limits(flex=(-40.0, 65.0), abd=(-35.0, 35.0), rot=(-45.0, 45.0)),
    "neck": Limits(flex=(-60.0, 50.0), abd=(-40.0, 40.0), rot=(-80.0, 80.0)),
    "hip": Limits(flex=(-25.0, 135.0), abd=(-30.0, 50.0), rot=(-45.0, 60.0)),
    "knee": Limits(flex=(-5.0, 155.0)),
    "ankle": Limits(flex=(-40.0, 50.0)),  # bearing weight, a lunge bends the ankle up to ~40
    "shoulder": Limits(flex=(-60.0, 180.0), abd=(-45.0, 180.0), rot=(-90.0, 90.0)),
    "elbow": Limits(flex=(-5.0, 150.0)),
}


def limits_of(joint: str) -> Limits:
    """The range of a joint by its pose name (``r_knee`` and ``l_knee`` are both knees)."""
    return JOINT_LIMITS[joint.split("_", 1)[1] if joint[:2] in ("r_", "l_") else joint]


_INF = math.inf


@dataclass(frozen=True)
class Support:
    """Something solid the body rests on: a box in world units (the floor is unbounded)."""

    name: str
    x: tuple[float, float] = (-_INF, _INF)
    y: tuple[float, float] = (-_INF, 0.0)
    z: tuple[float, float] = (-_INF, _INF)


FLOOR = Support("floor")

# Parts of the body that may rest on a support, each the body points that must touch it:
# a forearm lies along it from elbow to hand, a shin from knee to ankle, a flat foot from heel
# to toe; "pelvis" and "chest" are the two ends of the trunk (the back or the front, whichever
# faces the support; the side of the hip when lying on one side).
CONTACT_PARTS: Mapping[str, tuple[str, ...]] = {
    "pelvis": ("pelvis",),
    "chest": ("chest",),
    "head": ("head",),
    **{f"{s}_hand": (f"{s}_hand",) for s in SIDES},
    **{f"{s}_forearm": (f"{s}_elbow", f"{s}_hand") for s in SIDES},
    **{f"{s}_knee": (f"{s}_knee",) for s in SIDES},
    **{f"{s}_shin": (f"{s}_knee", f"{s}_ankle") for s in SIDES},
    **{f"{s}_foot": (f"{s}_heel", f"{s}_toe") for s in SIDES},
    **{f"{s}_heel": (f"{s}_heel",) for s in SIDES},
    **{f"{s}_toes": (f"{s}_toe",) for s in SIDES},
}


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
    ankle angle of the pose. For a hand, ``z`` and ``elbow`` solve the arm in three dimensions
    instead: the hand goes to (x, y, z) with the elbow bent towards the direction ``elbow``
    (a hand planted beside the chest with the elbow pointing up and out, which the picture
    plane cannot show without bending the elbow backwards).
    """

    x: float
    y: float
    foot: float | None = None
    z: float | None = None
    elbow: Vec | None = None


@dataclass(frozen=True)
class Pose:
    """Where the figure is and how its joints are bent.

    ``x, y``: the pelvis (midway between the hip joints). ``trunk``: the direction of the lower
    back in the picture plane, in degrees: 90 upright, 180 lying on the back with the head to
    the left, 0 lying face down with the head to the right. ``turn``: the pelvis turned about the
    body's long axis (90 faces the viewer). ``ground``: when set, the figure is lowered or raised
    so its lowest point rests at this height. ``contacts``: the parts (`CONTACT_PARTS`) that rest
    on something, and what they rest on.
    """

    x: float
    y: float
    trunk: float = 90.0
    turn: float = 0.0
    joints: Mapping[str, Joint] = field(default_factory=dict)
    reach: Mapping[str, Reach] = field(default_factory=dict)
    ground: float | None = None
    contacts: Mapping[str, Support] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.joints) - JOINT_NAMES
        if unknown:
            # i18n: not words (a programmer's error in a pose)
            raise ValueError(f"unknown joints: {sorted(unknown)}")
        unknown = set(self.reach) - CHAINS
        if unknown:
            # i18n: not words (a programmer's error in a pose)
            raise ValueError(f"unknown limbs to reach with: {sorted(unknown)}")
        unknown = set(self.contacts) - set(CONTACT_PARTS)
        if unknown:
            # i18n: not words (a programmer's error in a pose)
            raise ValueError(f"unknown parts to rest on something: {sorted(unknown)}")

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


def _unit(v: Vec) -> Vec:
    n = math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])
    return scale(v, 1.0 / n) if n > 1e-9 else (0.0, 0.0, 0.0)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _transpose(m: Mat) -> Mat:
    return ((m[0][0], m[1][0], m[2][0]), (m[0][1], m[1][1], m[2][1]), (m[0][2], m[1][2], m[2][2]))


def _arm_3d(figure: Figure, side: str, reach: Reach) -> tuple[Joint, Joint]:
    """Shoulder and elbow angles putting the hand on (x, y, z), the elbow towards ``elbow``."""
    shoulder = figure.point(f"{side}_shoulder")
    target: Vec = (reach.x, reach.y, reach.z if reach.z is not None else 0.0)
    a, b = UPPER_ARM, FOREARM
    u = _unit(sub(target, shoulder))
    dist = min(max(math.dist(shoulder, target), abs(a - b) + 1e-6), a + b - 1e-6)
    pole = reach.elbow or (0.0, 1.0, 0.0)
    v = _unit(sub(pole, scale(u, _dot(pole, u))))
    cos_inner = (a * a + dist * dist - b * b) / (2 * a * dist)
    sin_inner = math.sqrt(max(0.0, 1.0 - cos_inner * cos_inner))
    elbow = add(shoulder, scale(add(scale(u, cos_inner), scale(v, sin_inner)), a))
    hand = add(shoulder, scale(u, dist))
    # The upper arm's frame: y runs from the elbow up to the shoulder, x is the way the
    # forearm bends (so the elbow only ever flexes), z completes it.
    y_axis = _unit(sub(shoulder, elbow))
    fore = _unit(sub(hand, elbow))
    x_axis = _unit(sub(fore, scale(y_axis, _dot(fore, y_axis))))
    if x_axis == (0.0, 0.0, 0.0):
        x_axis = scale(v, -1.0)
    z_axis = _cross(x_axis, y_axis)
    flex = math.degrees(math.atan2(_dot(fore, x_axis), -_dot(fore, y_axis)))
    world: Mat = (
        (x_axis[0], y_axis[0], z_axis[0]),
        (x_axis[1], y_axis[1], z_axis[1]),
        (x_axis[2], y_axis[2], z_axis[2]),
    )
    # local = Rz(flex) Rx(-sign abd) Ry(-sign rot), as `_limb_rotation` builds it.
    local = matmul(_transpose(figure.frames["thorax"]), world)
    sign = 1.0 if side == "r" else -1.0
    beta = math.degrees(math.asin(max(-1.0, min(1.0, local[2][1]))))
    alpha = math.degrees(math.atan2(-local[0][1], local[1][1]))
    gamma = math.degrees(math.atan2(-local[2][0], local[2][2]))
    # Every orientation has two sets of angles; keep the one a shoulder can take.
    options = [
        Joint(_wrap(alpha), _wrap(-sign * beta), _wrap(-sign * gamma)),
        Joint(_wrap(alpha + 180.0), _wrap(-sign * (180.0 - beta)), _wrap(-sign * (gamma + 180.0))),
    ]
    return min(options, key=lambda j: _beyond(j, JOINT_LIMITS["shoulder"])), Joint(flex)


def _beyond(joint: Joint, limits: Limits) -> float:
    """How many degrees, all told, a joint is outside its range."""
    total = 0.0
    for value, (lo, hi) in (
        (joint.flex, limits.flex),
        (joint.abd, limits.abd),
        (joint.rot, limits.rot),
    ):
        total += max(0.0, lo - value) + max(0.0, value - hi)
    return total


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
        elif reach.z is not None:
            joints[f"{side}_shoulder"], joints[f"{side}_elbow"] = _arm_3d(figure, side, reach)
        else:
            base = figure.point(f"{side}_shoulder")
            upper, fore = _two_joint(base, (reach.x, reach.y), UPPER_ARM, FOREARM, -1.0)
            old = pose.joint(f"{side}_shoulder")
            joints[f"{side}_shoulder"] = Joint(
                _wrap(upper - (thorax_dir - 180.0)), old.abd, old.rot
            )
            joints[f"{side}_elbow"] = Joint(_wrap(fore - upper))
    return replace(pose, joints=joints, reach={}, ground=None)


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

    A part resting on the same support in both poses rests on it in between. A limb reaching
    for the same point in both poses stays pinned there; one whose hand or foot rests on the
    same support at both ends slides along it from one point to the other.
    """
    names = set(start.joints) | set(end.joints)
    joints = {n: start.joint(n).lerp(end.joint(n), t) for n in names}
    ground = start.ground if start.ground == end.ground else None
    contacts = {k: s for k, s in start.contacts.items() if end.contacts.get(k) == s}
    pins: dict[str, Reach] = {}
    for chain, a in start.reach.items():
        b = end.reach.get(chain)
        if b == a:
            pins[chain] = a
        elif b is not None and not _LIMB_ENDS[chain].isdisjoint(contacts):
            foot = None if a.foot is None or b.foot is None else _lerp(a.foot, b.foot, t)
            z = None if a.z is None or b.z is None else _lerp(a.z, b.z, t)
            elbow = a.elbow
            if a.elbow is not None and b.elbow is not None:
                elbow = add(scale(a.elbow, 1.0 - t), scale(b.elbow, t))
            pins[chain] = Reach(_lerp(a.x, b.x, t), _lerp(a.y, b.y, t), foot, z, elbow)
    return Pose(
        _lerp(start.x, end.x, t),
        _lerp(start.y, end.y, t),
        _lerp(start.trunk, end.trunk, t),
        _lerp(start.turn, end.turn, t),
        joints,
        pins,
        ground,
        contacts,
    )


# The contact parts at the far end of each limb: while one of them rests on a support, a limb
# reaching in both poses slides rather than swings.
_LIMB_ENDS: Mapping[str, frozenset[str]] = {
    **{f"{s}_arm": frozenset({f"{s}_hand", f"{s}_forearm"}) for s in SIDES},
    **{
        f"{s}_leg": frozenset({f"{s}_foot", f"{s}_heel", f"{s}_toes", f"{s}_shin", f"{s}_knee"})
        for s in SIDES
    },
}


def settle(pose: Pose) -> Pose:
    """Resolve reaching limbs and grounding into plain joint angles and a root position.

    Reach targets are kept, so `blend` can still pin limbs that stay put.
    """
    placed = replace(pose, y=solve(pose).point("pelvis")[1])
    solved = with_reach(placed, _forward(placed)) if pose.reach else placed
    return replace(placed, joints=solved.joints)

"""The start and end pose of every built-in exercise, with its props and working limbs.

Poses are written for the model's own view: the figure faces +x (to the right) with its right
side nearest, so ``r_`` limbs are the near ones and the right side is the side being worked.
The renderer flips the picture by default, so what the user sees first is the left side
working; see `draw` for the convention. Units are about a centimetre, the floor is y = 0.

Angles in degrees; see `skeleton.Joint` for what positive means at each joint. Hands and feet
that rest on something use `Reach` targets so they land exactly on the floor, seat or wall.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from sciatica_coach.illustrations.draw import (
    MAT_HEIGHT,
    Box,
    Camera,
    Footprints,
    Rod,
    Scene,
    Spin,
    Strap,
    Trail,
)
from sciatica_coach.illustrations.skeleton import (
    ANKLE_HEIGHT,
    FOOT_W,
    HAND_R,
    LYING_HEIGHT,
    SOLE_DROP,
    TOE_FORWARD,
    Joint,
    Pose,
    Reach,
)

J = Joint
Angles = dict[str, float | Joint]
MAT = MAT_HEIGHT
LYING = MAT + LYING_HEIGHT


def pose(
    x: float,
    y: float,
    trunk: float = 90.0,
    *groups: Mapping[str, float | Joint],
    turn: float = 0.0,
    ground: float | None = None,
    reach: Mapping[str, Reach] | None = None,
    **joints: float | Joint,
) -> Pose:
    """A pose from joint angles given as groups and keywords; a plain number is a flexion."""
    merged: dict[str, float | Joint] = {}
    for group in groups:
        merged.update(group)
    merged.update(joints)
    angles = {k: v if isinstance(v, Joint) else Joint(float(v)) for k, v in merged.items()}
    return Pose(x, y, trunk, turn, angles, dict(reach or {}), ground)


def foot(x: float, floor: float = 0.0) -> Reach:
    """A flat foot on the floor, ankle above x, toes pointing +x."""
    return Reach(x, floor + ANKLE_HEIGHT, 0.0)


def toes(x: float, floor: float = 0.0, angle: float = -35.0) -> Reach:
    """A foot on its ball at x with the heel raised (the foot tipped ``angle`` degrees)."""
    a = math.radians(angle)
    dx = TOE_FORWARD * math.cos(a) + SOLE_DROP * math.sin(a)
    dy = TOE_FORWARD * math.sin(a) - SOLE_DROP * math.cos(a)
    return Reach(x - dx, floor + FOOT_W / 2 - dy, angle)


def hand(x: float, y: float) -> Reach:
    """A hand resting on a surface at height y."""
    return Reach(x, y + HAND_R)


def chair(front: float, seat: float, z: float = 0.0) -> tuple[Box, ...]:
    """A chair seen from the side, facing +x, seat top at ``seat``."""
    back = front - 42.0
    sides = ((z - 22.0, z - 19.0), (z + 19.0, z + 22.0))
    parts = [Box((back, front), (seat - 4.0, seat), (z - 22.0, z + 22.0))]
    for zs in sides:
        parts.append(Box((front - 3.5, front), (0.0, seat - 4.0), zs))
        parts.append(Box((back, back + 3.5), (0.0, seat + 44.0), zs))
    parts.append(Box((back, back + 3.0), (seat + 20.0, seat + 44.0), (z - 21.0, z + 21.0)))
    return tuple(parts)


def counter(front: float, top: float = 90.0) -> tuple[Box, ...]:
    """A kitchen counter whose front edge faces the figure at x = front."""
    return (
        Box((front + 3.0, front + 70.0), (0.0, top - 5.0), (-40.0, 40.0)),
        Box((front, front + 70.0), (top - 5.0, top), (-40.0, 40.0)),
    )


def wall(face: float, side: float = 1.0) -> Box:
    """A wall whose face is at x = face; ``side`` +1 puts the wall beyond it (in +x)."""
    far = face + 9.0 * side
    return Box((min(face, far), max(face, far)), (0.0, 200.0), (-60.0, 60.0))


def pillow(x0: float, x1: float, height: float = 7.0) -> Box:
    return Box((x0, x1), (MAT, MAT + height), (-20.0, 20.0), "#e3e4e0", soft=3.0)


STAND = 95.0
STAND_FEET = {"r_leg": foot(2.0), "l_leg": foot(2.0)}
ARMS_DOWN = {"r_shoulder": J(4.0), "l_shoulder": J(-2.0), "r_elbow": J(12.0), "l_elbow": J(12.0)}

# Lying on the back, knees bent, feet flat.
HOOK_FEET = {"r_leg": foot(40.0, MAT), "l_leg": foot(38.0, MAT)}
ARMS_BY_SIDES = {"r_arm": hand(5.0, MAT), "l_arm": hand(4.0, MAT)}

# On hands and knees: knees under the hips, hands under the shoulders.
QUAD_Y = MAT + 8.25 + 44.0
QUAD_KNEES = {"r_leg": Reach(-43.0, MAT + 8.0, 180.0), "l_leg": Reach(-43.0, MAT + 8.0, 180.0)}
QUAD_HANDS = {"r_arm": hand(52.0, MAT), "l_arm": hand(52.0, MAT)}


def _seated_nerve_glide() -> Scene:
    seat = 54.5 - LYING_HEIGHT
    hands = {"r_arm": hand(9.0, seat), "l_arm": hand(9.0, seat)}
    start = pose(0, 54.5, 92, neck=32, reach={**hands, "r_leg": foot(40.0), "l_leg": foot(38.0)})
    end = pose(
        0, 54.5, 92, neck=-28, r_hip=86, r_knee=8, r_ankle=35,
        reach={**hands, "l_leg": foot(38.0)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(12.0, seat),
        arrows=(Trail("r_ankle"),),
    )  # fmt: skip


def _supine_nerve_glide() -> Scene:
    hands = {"r_arm": hand(-6.0, 38.0), "l_arm": hand(-6.0, 38.0)}
    start = pose(
        0, LYING, 180, neck=34, r_hip=90, r_knee=92,
        reach={**hands, "l_leg": foot(38.0, MAT)},
    )  # fmt: skip
    end = pose(
        0, LYING, 180, neck=8, r_hip=90, r_knee=10, r_ankle=-5,
        reach={**hands, "l_leg": foot(38.0, MAT)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, props=(pillow(-92.0, -56.0),),
        arrows=(Trail("r_ankle"),),
    )  # fmt: skip


def _cat_camel() -> Scene:
    limbs = {**QUAD_KNEES, **QUAD_HANDS}
    start = pose(0, QUAD_Y, 28, spine=42, neck=40, reach=limbs)
    end = pose(0, QUAD_Y, -14, spine=-36, neck=-30, reach=limbs)
    arrow = Trail("waist", offset=0.0, shift=(0.0, 24.0))
    return Scene(start, end, worker=frozenset({"trunk"}), mat=True, arrows=(arrow,))


def _knee_rocks() -> Scene:
    arms: Angles = {"r_shoulder": J(0, 80), "l_shoulder": J(0, 80), "neck": -6.0}
    legs = {"r_hip": 50.0, "l_hip": 50.0, "r_knee": 110.0, "l_knee": 110.0}
    feet = {"r_ankle": 30.0, "l_ankle": 30.0}
    start = pose(0, LYING, 180, arms, legs, feet)
    end = pose(0, LYING, 180, arms, legs, feet, turn=38, spine=J(0, 0, -38))
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), mat=True,
        camera=Camera(yaw=-75.0, elev=55.0),
        arrows=(Spin("thorax", (0.0, -52.0, 0.0), "y", 50.0, -4.0, 44.0),),
        caption="seen from the feet",
    )  # fmt: skip


def _prone_press_up() -> Scene:
    legs = {"r_hip": -4.0, "l_hip": -4.0, "r_ankle": 90.0, "l_ankle": 90.0}
    hands = {"r_arm": hand(42.0, MAT), "l_arm": hand(42.0, MAT)}
    start = pose(0, LYING, 0, legs, neck=-6, reach=hands)
    end = pose(0, LYING, 38, legs, spine=-32, neck=8, reach=hands, r_hip=-40, l_hip=-40)
    return Scene(start, end, worker=frozenset({"trunk"}), mat=True, arrows=(Trail("head"),))


def _prone_legs(trunk: float) -> Angles:
    """Legs lying face down: thighs resting on the mat whatever the pelvis angle, toes pointed."""
    return {"r_hip": 5.0 - trunk, "l_hip": 5.0 - trunk, "r_ankle": 90.0, "l_ankle": 90.0}


def _prone_lying() -> Scene:
    # From forehead on the hands to arms down by the sides, head turned and resting.
    under_head: Angles = {
        "r_shoulder": J(160, 45, -90), "l_shoulder": J(160, 45, -90),
        "r_elbow": 130.0, "l_elbow": 130.0,
    }  # fmt: skip
    start = pose(0, LYING, 0, _prone_legs(0), under_head, neck=-14)
    arms: Angles = {"r_shoulder": J(-8.0), "l_shoulder": J(-8.0), "r_elbow": 8.0, "l_elbow": 8.0}
    end = pose(0, LYING, 0, _prone_legs(0), arms, neck=J(-10, 0, 70))
    # No arrow: the hands' path swings through the floor, and the ghost shows the change.
    return Scene(start, end, worker=frozenset({"trunk"}), mat=True)


def _prone_on_elbows() -> Scene:
    # The pelvis stays on the mat; the back arches as the chest comes up onto the forearms.
    flat = {"r_arm": hand(42.0, MAT), "l_arm": hand(42.0, MAT)}
    start = pose(0, LYING, 0, _prone_legs(0), neck=-6, reach=flat)
    forearms = {"r_arm": hand(72.0, MAT), "l_arm": hand(72.0, MAT)}
    end = pose(0, LYING, 14, _prone_legs(14), spine=-24, neck=4, reach=forearms)
    return Scene(start, end, worker=frozenset({"trunk"}), mat=True, arrows=(Trail("head"),))


def _supine_hamstring_stretch() -> Scene:
    strap = Strap(("r_hand", ("r_foot", (5.0, -10.0, 0.0)), "l_hand"))
    start = pose(
        0, LYING, 180, neck=-6, r_hip=-3, r_ankle=-5,
        reach={"l_leg": foot(38.0, MAT), "r_arm": hand(-18.0, 34.0), "l_arm": hand(-18.0, 34.0)},
    )  # fmt: skip
    end = pose(
        0, LYING, 180, neck=-6, r_hip=68, r_knee=8, r_ankle=8,
        reach={"l_leg": foot(38.0, MAT), "r_arm": hand(-14.0, 44.0), "l_arm": hand(-14.0, 44.0)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, straps=(strap,),
        arrows=(Trail("r_ankle"),),
    )  # fmt: skip


def _standing_quad_stretch() -> Scene:
    support = {"l_arm": hand(21.0, 88.0)}
    start = pose(0, STAND, ground=0, reach={**STAND_FEET, **support}, r_elbow=12)
    end = pose(
        0, STAND, ground=0, r_hip=-5, r_knee=155, r_ankle=30,
        reach={"l_leg": foot(2.0), **support, "r_arm": Reach(-15.5, 91.5)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(62.0, 44.0),
        arrows=(Trail("r_ankle"),),
    )  # fmt: skip


def _wall_calf_stretch() -> Scene:
    hands = {"r_arm": Reach(54.5, 133.0), "l_arm": Reach(54.5, 131.0)}
    feet = {"r_leg": foot(-36.0), "l_leg": foot(22.0)}
    start = pose(0, 92, 88, ground=0, reach={**hands, **feet})
    end = pose(8, 85, 72, ground=0, neck=-10, reach={**hands, **feet})
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=(wall(60.0),),
        arrows=(Trail("pelvis", offset=0.0, shift=(0.0, 26.0)),),
    )  # fmt: skip


def _figure_four_stretch() -> Scene:
    start = pose(
        0, LYING, 180, neck=-6, r_hip=J(53.4, 37, 108.8), r_knee=123.9,
        reach={"l_leg": foot(40.0, MAT), **ARMS_BY_SIDES},
    )  # fmt: skip
    end = pose(
        0, LYING, 180, neck=-6, r_hip=J(78.6, 38.6, 96.5), r_knee=123.6, l_hip=100, l_knee=95,
        reach={"r_arm": Reach(5.0, 44.0), "l_arm": Reach(5.0, 44.0)},
    )  # fmt: skip
    # Seen a little from above, so the crossed knee can point out towards the viewer.
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, arrows=(Trail("l_knee"),),
        camera=Camera(yaw=20.0, elev=25.0),
    )  # fmt: skip


def _single_knee_to_chest() -> Scene:
    start = pose(0, LYING, 180, neck=-6, reach={**HOOK_FEET, **ARMS_BY_SIDES})
    end = pose(
        0, LYING, 180, neck=-6, r_hip=125, r_knee=140,
        reach={"l_leg": foot(38.0, MAT), "r_arm": Reach(-14.0, 36.0), "l_arm": Reach(-14.0, 36.0)},
    )  # fmt: skip
    return Scene(start, end, worker=frozenset({"r_leg"}), mat=True, arrows=(Trail("r_knee"),))


def _double_knee_to_chest() -> Scene:
    start = pose(0, LYING, 180, neck=-6, reach={**HOOK_FEET, **ARMS_BY_SIDES})
    end = pose(
        0, LYING, 180, neck=-6, r_hip=125, r_knee=140, l_hip=122, l_knee=140,
        reach={"r_arm": Reach(-14.0, 36.0), "l_arm": Reach(-14.0, 36.0)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), mat=True, arrows=(Trail("r_knee"),)
    )


def _standing_hip_flexor_stretch() -> Scene:
    feet = {"r_leg": toes(-40.0), "l_leg": foot(36.0)}
    support = {"l_arm": hand(6.0, 88.0)}
    start = pose(0, 90, 90, ground=0, reach={**feet, **support}, r_shoulder=4, r_elbow=10)
    end = pose(12, 80, 94, ground=0, reach={**feet, **support}, r_shoulder=4, r_elbow=10)
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(28.0, 44.0, z=-55.0),
        arrows=(Trail("pelvis", side=-1),),
    )  # fmt: skip


def _child_pose() -> Scene:
    # Hands stay where they are placed, a little ahead of the shoulders, as the hips sink back.
    hands = {"r_arm": hand(62.0, MAT), "l_arm": hand(62.0, MAT)}
    start = pose(0, QUAD_Y, 10, neck=-14, reach={**QUAD_KNEES, **hands})
    end = pose(-36, 31, 4, ground=MAT, spine=22, neck=6, reach={**QUAD_KNEES, **hands})
    return Scene(
        start, end, worker=frozenset({"trunk"}), mat=True, arrows=(Trail("pelvis"),),
    )  # fmt: skip


def _seated_spinal_twist() -> Scene:
    seat = 54.5 - LYING_HEIGHT
    feet = {"r_leg": foot(40.0), "l_leg": foot(40.0)}
    start = pose(0, 54.5, 92, reach={**feet, "r_arm": hand(26.0, 62.0), "l_arm": hand(26.0, 62.0)})
    end = pose(
        0, 54.5, 92, spine=J(0, 0, 38), neck=J(0, 0, 24),
        r_shoulder=J(-99.7, 103.4, -34.8), r_elbow=138.5, l_shoulder=J(39.2, -1, -4), l_elbow=4,
        reach=feet,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"trunk"}), props=chair(12.0, seat),
        camera=Camera(yaw=-62.0, elev=18.0), top_view=True,
        arrows=(Spin("thorax", (0.0, 24.0, 0.0), "y", 30.0, -50.0, 40.0),),
    )  # fmt: skip


def _ankle_pumps() -> Scene:
    # Knees over a pillow, heels on the mat: the feet point away, then pull back.
    legs = {"r_hip": 16.0, "l_hip": 16.0, "r_knee": 38.0, "l_knee": 38.0}
    start = pose(0, LYING, 180, legs, neck=-6, r_ankle=32, l_ankle=32, reach=ARMS_BY_SIDES)
    end = pose(0, LYING, 180, legs, neck=-6, r_ankle=-14, l_ankle=-14, reach=ARMS_BY_SIDES)
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), mat=True,
        props=(pillow(30.0, 54.0, 16.5),), arrows=(Trail("r_toe", offset=8.0),),
    )  # fmt: skip


def _walk() -> Scene:
    # One step on the flat: the near (right) leg swings from behind to in front, arms swinging
    # the opposite way.
    start = pose(
        0, 92, 90, ground=0, neck=-4,
        r_shoulder=22, r_elbow=24, l_shoulder=-22, l_elbow=14,
        reach={"l_leg": foot(22.0), "r_leg": toes(-22.0, angle=-28.0)},
    )  # fmt: skip
    end = pose(
        44, 92, 90, ground=0, neck=-4,
        r_shoulder=-22, r_elbow=14, l_shoulder=22, l_elbow=24,
        reach={"r_leg": Reach(66.0, ANKLE_HEIGHT + 2.0, 12.0), "l_leg": toes(22.0, angle=-28.0)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}),
        arrows=(Trail("pelvis", offset=0.0, shift=(0.0, 92.0)),),
    )  # fmt: skip


def _pelvic_tilt() -> Scene:
    start = pose(
        0, LYING, 172, ground=MAT, spine=-16, neck=-2, reach={**HOOK_FEET, **ARMS_BY_SIDES}
    )
    end = pose(0, LYING, 182, ground=MAT, spine=2, neck=-8, reach={**HOOK_FEET, **ARMS_BY_SIDES})
    return Scene(
        start, end, worker=frozenset({"pelvis"}), mat=True,
        arrows=(Spin("pelvis", (0.0, 0.0, 0.0), "z", 26.0, -70.0, 10.0),),
    )  # fmt: skip


def _dead_bug() -> Scene:
    table = {"r_hip": 90.0, "l_hip": 90.0, "r_knee": 90.0, "l_knee": 90.0}
    arms = {"r_shoulder": 90.0, "l_shoulder": 90.0}
    start = pose(0, LYING, 180, table, arms, ground=MAT, neck=-6)
    end = pose(
        0, LYING, 180, table, arms, ground=MAT, neck=-6, r_hip=36, r_knee=88, l_shoulder=172
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_arm"}), mat=True,
        arrows=(Trail("r_ankle"), Trail("l_hand")),
    )  # fmt: skip


def _bird_dog() -> Scene:
    start = pose(0, QUAD_Y, 10, neck=-18, reach={**QUAD_KNEES, **QUAD_HANDS})
    end = pose(
        0, QUAD_Y, 10, neck=-18, r_hip=-8, r_knee=4, r_ankle=12, l_shoulder=172, l_elbow=4,
        reach={"l_leg": QUAD_KNEES["l_leg"], "r_arm": QUAD_HANDS["r_arm"]},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_arm"}), mat=True,
        arrows=(Trail("r_ankle"), Trail("l_hand")),
    )  # fmt: skip


def _glute_bridge() -> Scene:
    limbs = {**HOOK_FEET, **ARMS_BY_SIDES}
    start = pose(0, LYING, 180, neck=-6, reach=limbs)
    end = pose(-4, 35, 203, ground=MAT, neck=10, reach=limbs)
    return Scene(
        start, end, worker=frozenset({"pelvis"}), mat=True, arrows=(Trail("pelvis", side=1),)
    )


def _modified_side_plank() -> Scene:
    # Facing the viewer (turn 90), so the picture plane is the body's frontal plane: the trunk
    # tilts up off the mat in the picture, and the hips bend sideways (abduction) to keep the
    # thighs on the mat. The right side is underneath, propped on the right forearm.
    knees = {"r_knee": 90.0, "l_knee": 90.0}
    top_arm = {"l_shoulder": J(0, 8, 0), "l_elbow": J(10)}
    start = pose(
        0, MAT + 15.5, 141, knees, top_arm, turn=90,
        r_hip=J(5, -38, 0), l_hip=J(5, 43, 0), r_shoulder=J(0, 51, 0), r_elbow=90,
    )  # fmt: skip
    end = pose(
        0, 33.9, 159.4, knees, top_arm, turn=90,
        r_hip=J(5, 0, 0), l_hip=J(5, 0, 0), r_shoulder=J(-2, 69.4, 2), r_elbow=91,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"pelvis"}), mat=True,
        camera=Camera(yaw=-20.0, elev=14.0),
        arrows=(Trail("pelvis", offset=0.0, shift=(0.0, -4.0)),),
    )  # fmt: skip


def _sit_to_stand() -> Scene:
    seat = 54.5 - LYING_HEIGHT
    feet = {"r_leg": foot(34.0), "l_leg": foot(32.0)}
    arms = {"r_shoulder": J(4, -8, -62), "l_shoulder": J(4, -8, -62)}
    elbows = {"r_elbow": 86.0, "l_elbow": 86.0}
    start = pose(0, 54.5, 94, arms, elbows, reach=feet)
    via = pose(16, 60, 48, arms, elbows, spine=8, neck=-10, reach=feet)
    end = pose(31, STAND, 90, arms, elbows, ground=0, reach=feet)
    return Scene(
        start, end, via=via, worker=frozenset({"r_leg", "l_leg"}), props=chair(12.0, seat),
        arrows=(Trail("pelvis"),),
    )  # fmt: skip


def _step_up() -> Scene:
    step = 18.0
    rail = (
        Rod((-20.0, 95.0, -45.0), (80.0, 115.0, -45.0)),
        Rod((-20.0, 0.0, -45.0), (-20.0, 95.0, -45.0)),
        Rod((70.0, step, -45.0), (70.0, 113.0, -45.0)),
    )
    start = pose(
        0, STAND, ground=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(36.0, step), "l_leg": foot(2.0), "l_arm": Reach(22.0, 104.0)},
    )  # fmt: skip
    end = pose(
        34, STAND + step, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(36.0, step), "l_leg": foot(38.0, step), "l_arm": Reach(40.0, 108.0)},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}),
        props=(Box((22.0, 75.0), (0.0, step), (-35.0, 35.0)), *rail),
        arrows=(Trail("pelvis", offset=0.0, shift=(-26.0, 0.0)),),
    )  # fmt: skip


def _split_squat() -> Scene:
    feet = {"r_leg": foot(32.0), "l_leg": toes(-40.0)}
    support = {"l_arm": hand(2.0, 88.0)}
    start = pose(0, 92, ground=0, reach={**feet, **support}, r_shoulder=4, r_elbow=10)
    end = pose(0, 64, ground=0, reach={**feet, **support}, r_shoulder=4, r_elbow=10)
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(24.0, 44.0, z=-55.0),
        arrows=(Trail("pelvis", side=1),),
    )  # fmt: skip


def _hip_hinge() -> Scene:
    dowel = Strap((("pelvis", (-15.5, -20.0, 0.0)), ("thorax", (-15.5, 66.0, 0.0))), 4.5)
    arms: Angles = {
        "r_shoulder": J(-50.6, 22.2, -58.1), "r_elbow": 96.8,
        "l_shoulder": J(-123.7, 29.4, -88.5), "l_elbow": 132.6,
    }  # fmt: skip
    feet = {"r_leg": foot(2.0), "l_leg": foot(2.0)}
    start = pose(0, 94, 90, arms, ground=0, reach=feet)
    end = pose(-16, 88, 38, arms, ground=0, neck=6, reach=feet)
    return Scene(
        start, end, worker=frozenset({"pelvis"}), straps=(dowel,),
        arrows=(Trail("pelvis", offset=0.0, shift=(-24.0, -4.0)),),
    )  # fmt: skip


def _heel_raise() -> Scene:
    hands = {"r_arm": hand(34.0, 90.0), "l_arm": hand(34.0, 90.0)}
    start = pose(0, STAND, ground=0, reach={**STAND_FEET, **hands})
    up = {"r_leg": toes(16.0, angle=-42.0), "l_leg": toes(16.0, angle=-42.0)}
    end = pose(0, STAND + 12, ground=0, reach={**up, **hands})
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), props=counter(30.0),
        arrows=(Trail("r_heel", side=-1),),
    )  # fmt: skip


def _clamshell() -> Scene:
    legs = {"r_hip": 45.0, "l_hip": 45.0, "r_knee": 90.0, "l_knee": 90.0}
    arms: Angles = {
        "l_shoulder": J(160, 0, 0),
        "l_elbow": 120.0,
        "r_shoulder": J(40, 0, 0),
        "r_elbow": 60.0,
    }
    start = pose(0, MAT + 15.5, 0, legs, arms, turn=90, ground=MAT)
    end = pose(0, MAT + 15.5, 0, legs, arms, turn=90, ground=MAT, r_hip=J(37.4, 26.8, 31.1))
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, props=(pillow(60.0, 95.0, 9.0),),
        camera=Camera(elev=16.0), arrows=(Trail("r_knee"),),
    )  # fmt: skip


def _wall_squat() -> Scene:
    feet = {"r_leg": foot(30.0), "l_leg": foot(30.0)}
    arms = {"r_shoulder": J(6), "l_shoulder": J(2), "r_elbow": J(14), "l_elbow": J(14)}
    start = pose(0, 90, 90, arms, ground=0, reach=feet)
    end = pose(0, 72, 90, arms, ground=0, reach=feet)
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), props=(wall(-12.5, -1.0),),
        arrows=(Trail("pelvis", side=1),),
    )  # fmt: skip


def _single_leg_stance() -> Scene:
    support = {"l_arm": hand(34.0, 90.0)}
    start = pose(0, STAND, ground=0, reach={**STAND_FEET, **support}, r_shoulder=4, r_elbow=12)
    end = pose(
        0, STAND, ground=0, l_hip=28, l_knee=80, l_ankle=5, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(2.0), **support},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=counter(30.0),
        arrows=(Trail("l_ankle", side=1),),
    )  # fmt: skip


def _tandem_stance() -> Scene:
    hands = {"r_arm": hand(34.0, 90.0), "l_arm": hand(34.0, 90.0)}
    start = pose(0, STAND, ground=0, reach={**STAND_FEET, **hands})
    end = pose(
        0, STAND, ground=0, r_hip=J(0, -5.5, 0), l_hip=J(0, -5.5, 0),
        reach={"r_leg": foot(11.0), "l_leg": foot(-10.0), **hands},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=counter(30.0), footprints=Footprints(),
        arrows=(Trail("r_toe", side=-1),),
    )  # fmt: skip


def _single_leg_reach() -> Scene:
    support = {"l_arm": hand(2.0, 88.0)}
    start = pose(
        0, 93, ground=0, l_hip=30, l_knee=85, l_ankle=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(2.0), **support},
    )  # fmt: skip
    end = pose(
        -6, 88, 92, ground=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(2.0), "l_leg": Reach(44.0, 14.0, -20.0), **support},
    )  # fmt: skip
    # Tap spots for the free (left) foot: forward, out to the side, behind.
    marks = ((56.0, -8.5), (6.0, -48.0), (-40.0, -8.5))
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(24.0, 44.0, z=-55.0),
        footprints=Footprints(marks), arrows=(Trail("l_toe", side=1),),
    )  # fmt: skip


SCENES: Mapping[str, Scene] = {
    "seated_nerve_glide": _seated_nerve_glide(),
    "supine_nerve_glide": _supine_nerve_glide(),
    "cat_camel": _cat_camel(),
    "knee_rocks": _knee_rocks(),
    "prone_lying": _prone_lying(),
    "prone_on_elbows": _prone_on_elbows(),
    "prone_press_up": _prone_press_up(),
    "supine_hamstring_stretch": _supine_hamstring_stretch(),
    "standing_quad_stretch": _standing_quad_stretch(),
    "wall_calf_stretch": _wall_calf_stretch(),
    "figure_four_stretch": _figure_four_stretch(),
    "single_knee_to_chest": _single_knee_to_chest(),
    "double_knee_to_chest": _double_knee_to_chest(),
    "standing_hip_flexor_stretch": _standing_hip_flexor_stretch(),
    "child_pose": _child_pose(),
    "seated_spinal_twist": _seated_spinal_twist(),
    "ankle_pumps": _ankle_pumps(),
    "walk": _walk(),
    "pelvic_tilt": _pelvic_tilt(),
    "dead_bug": _dead_bug(),
    "bird_dog": _bird_dog(),
    "glute_bridge": _glute_bridge(),
    "modified_side_plank": _modified_side_plank(),
    "sit_to_stand": _sit_to_stand(),
    "step_up": _step_up(),
    "split_squat": _split_squat(),
    "hip_hinge": _hip_hinge(),
    "heel_raise": _heel_raise(),
    "clamshell": _clamshell(),
    "wall_squat": _wall_squat(),
    "single_leg_stance": _single_leg_stance(),
    "tandem_stance": _tandem_stance(),
    "single_leg_reach": _single_leg_reach(),
}

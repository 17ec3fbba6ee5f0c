"""The start and end pose of every built-in exercise, with its props and working limbs.

Poses are written for the model's own view: the figure faces +x (to the right) with its right
side nearest, so ``r_`` limbs are the near ones and the right side is the side being worked.
The renderer flips the picture by default, so what the user sees first is the left side
working; see `draw` for the convention. Units are about a centimetre, the floor is y = 0.

Angles in degrees; see `skeleton.Joint` for what positive means at each joint. Hands and feet
that rest on something use `Reach` targets so they land exactly on the floor, seat or wall, and
every pose names what rests on what (``on=``), which `validate` checks along with each joint's
range: the tests run it over every pose and every frame in between.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from sciatica_coach.i18n import N_
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
    HEEL_BACK,
    LYING_HEIGHT,
    SOLE_DROP,
    TOE_FORWARD,
    Joint,
    Pose,
    Reach,
    Support,
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
    on: Mapping[str, Support] | None = None,
    **joints: float | Joint,
) -> Pose:
    """A pose from joint angles given as groups and keywords; a plain number is a flexion.

    ``on``: what rests on what, e.g. ``rest(MAT_TOP, "r_hand", "l_hand")``.
    """
    merged: dict[str, float | Joint] = {}
    for group in groups:
        merged.update(group)
    merged.update(joints)
    angles = {k: v if isinstance(v, Joint) else Joint(float(v)) for k, v in merged.items()}
    return Pose(x, y, trunk, turn, angles, dict(reach or {}), ground, dict(on or {}))


def rest(support: Support, *parts: str) -> dict[str, Support]:
    """These parts of the body rest on this support."""
    return dict.fromkeys(parts, support)


FLOOR = Support("floor")
MAT_TOP = Support("mat", y=(-math.inf, MAT))
FEET_DOWN = rest(FLOOR, "r_foot", "l_foot")


def foot(x: float, floor: float = 0.0) -> Reach:
    """A flat foot on the floor, ankle above x, toes pointing +x."""
    return Reach(x, floor + ANKLE_HEIGHT, 0.0)


def toes(x: float, floor: float = 0.0, angle: float = -35.0) -> Reach:
    """A foot on its ball at x with the heel raised (the foot tipped ``angle`` degrees)."""
    a = math.radians(angle)
    dx = TOE_FORWARD * math.cos(a) + SOLE_DROP * math.sin(a)
    dy = TOE_FORWARD * math.sin(a) - SOLE_DROP * math.cos(a)
    return Reach(x - dx, floor + FOOT_W / 2 - dy, angle)


def heel(x: float, floor: float = 0.0, angle: float = 90.0) -> Reach:
    """A foot resting on its heel at x, the foot pointing ``angle`` degrees (90 = straight up)."""
    a = math.radians(angle)
    dx = -HEEL_BACK * math.cos(a) + SOLE_DROP * math.sin(a)
    dy = -HEEL_BACK * math.sin(a) - SOLE_DROP * math.cos(a)
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


def seat_of(front: float, seat: float, z: float = 0.0) -> Support:
    """The seat of a `chair` with these measures, as something to sit or lean a hand on."""
    # i18n: not words (names for the pose checker's messages)
    return Support("chair seat", (front - 42.0, front), (seat - 4.0, seat), (z - 22.0, z + 22.0))


def chair_back(front: float, seat: float, z: float = 0.0) -> Support:
    """The top of a `chair`'s back, for a steadying hand."""
    back = front - 42.0
    # i18n: not words (names for the pose checker's messages)
    return Support(
        "chair back", (back, back + 3.5), (seat + 20.0, seat + 44.0), (z - 22.0, z + 22.0)
    )


def counter_top(front: float, top: float = 90.0) -> Support:
    """A `counter` as something to rest the hands on."""
    return Support("counter", (front, front + 70.0), (0.0, top), (-40.0, 40.0))


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

# Lying on the back, knees bent, feet flat; arms long by the sides, elbows soft (a more bent
# elbow would have to poke down through the mat).
HOOK_FEET = {"r_leg": foot(40.0, MAT), "l_leg": foot(38.0, MAT)}
ARMS_BY_SIDES = {"r_arm": hand(6.3, MAT), "l_arm": hand(6.3, MAT)}
ON_BACK = rest(MAT_TOP, "pelvis", "chest", "head")
HOOK_REST = rest(MAT_TOP, "r_foot", "l_foot", "r_hand", "l_hand")

# Kneeling, shins on the mat: the ankle rides a little above it, the foot pointed (48 degrees,
# near the end of an ankle's range) so the top of the toes rests on the mat.
KNEEL_ANKLE = 48.0
KNEEL_ANKLE_Y = MAT + 10.6
KNEEL_FEET = {"r_ankle": KNEEL_ANKLE, "l_ankle": KNEEL_ANKLE}

# On hands and knees: knees under the hips, hands under the shoulders, arms straight. The
# trunk rises about 12 degrees towards the head, as the arms are longer than the thighs.
QUAD_Y = MAT + 8.25 + 44.0
QUAD_KNEES = {"r_leg": Reach(-43.0, KNEEL_ANKLE_Y), "l_leg": Reach(-43.0, KNEEL_ANKLE_Y)}
QUAD_HANDS = {"r_arm": hand(48.6, MAT), "l_arm": hand(48.6, MAT)}
QUAD_REST = rest(MAT_TOP, "r_knee", "l_knee", "r_toes", "l_toes")
HANDS_DOWN = rest(MAT_TOP, "r_hand", "l_hand")


def planted(x: float, z: float = 20.0) -> dict[str, Reach]:
    """Both hands flat on the mat beside the chest, elbows bent up and out (lying face down)."""
    y = MAT + HAND_R
    return {
        "r_arm": Reach(x, y, z=z, elbow=(-1.0, 0.6, 0.6)),
        "l_arm": Reach(x, y, z=-z, elbow=(-1.0, 0.6, -0.6)),
    }


# Lying face down: knees and the tops of the toes on the mat, whatever the pelvis does.
PRONE_FEET = {"r_leg": Reach(-86.7, KNEEL_ANKLE_Y), "l_leg": Reach(-86.7, KNEEL_ANKLE_Y)}
ON_FRONT = rest(MAT_TOP, "pelvis", "r_knee", "l_knee", "r_toes", "l_toes")


def _seated_nerve_glide() -> Scene:
    seat = 54.5 - LYING_HEIGHT
    hands = {"r_arm": hand(9.0, seat), "l_arm": hand(9.0, seat)}
    on = {
        "pelvis": seat_of(12.0, seat),
        **rest(seat_of(12.0, seat), "r_hand", "l_hand"),
        "l_foot": FLOOR,
    }
    start = pose(
        0,
        54.5,
        92,
        neck=32,
        reach={**hands, "r_leg": foot(40.0), "l_leg": foot(38.0)},
        on={**on, "r_foot": FLOOR},
    )
    end = pose(
        0, 54.5, 92, neck=-28, r_hip=86, r_knee=8, r_ankle=35,
        reach={**hands, "l_leg": foot(38.0)}, on=on,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(12.0, seat),
        arrows=(Trail("r_ankle"),),
        moves={"r_knee": "extends", "neck": "extends"},
    )  # fmt: skip


NERVE_GLIDE_NECK = 12.0


def _supine_nerve_glide() -> Scene:
    hands = {"r_arm": hand(-6.0, 38.0), "l_arm": hand(-6.0, 38.0)}
    # The head lifts off the pillow as the knee bends and rests on it as the knee straightens.
    on = rest(MAT_TOP, "pelvis", "chest", "l_foot")
    head_down = {"head": Support("pillow", (-96.0, -70.0), (MAT, MAT + 7.0))}
    start = pose(
        0, LYING, 180, neck=34, r_hip=90, r_knee=92,
        reach={**hands, "l_leg": foot(38.0, MAT)}, on=on,
    )  # fmt: skip
    end = pose(
        0, LYING, 180, neck=NERVE_GLIDE_NECK, r_hip=90, r_knee=10, r_ankle=-5,
        reach={**hands, "l_leg": foot(38.0, MAT)}, on={**on, **head_down},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, props=(pillow(-96.0, -70.0),),
        arrows=(Trail("r_ankle"),),
        moves={"r_knee": "extends", "neck": "extends"},
    )  # fmt: skip


def _cat_camel() -> Scene:
    # Hands and knees stay put and the arms stay straight: the pelvis tucks as the back rounds
    # and tips as it hollows, so the shoulders hardly rise or fall.
    limbs = {**QUAD_KNEES, "r_arm": hand(47.8, MAT), "l_arm": hand(47.8, MAT)}
    on = {**QUAD_REST, **HANDS_DOWN}
    start = pose(0, QUAD_Y, 30, KNEEL_FEET, spine=35, neck=40, reach=limbs, on=on)
    end = pose(0, QUAD_Y, -6, KNEEL_FEET, spine=-34, neck=-30, reach=limbs, on=on)
    arrow = Trail("waist", offset=0.0, shift=(0.0, 24.0))
    return Scene(
        start,
        end,
        worker=frozenset({"trunk"}),
        mat=True,
        arrows=(arrow,),
        moves={"spine": "extends", "neck": "extends"},
    )


def _knee_rocks() -> Scene:
    arms: Angles = {"r_shoulder": J(0, 80), "l_shoulder": J(0, 80), "neck": -6.0}
    legs = {"r_hip": 50.0, "l_hip": 50.0, "r_knee": 110.0, "l_knee": 110.0}
    feet = {"r_ankle": 30.0, "l_ankle": 30.0}
    start = pose(0, LYING, 180, arms, legs, feet, on=ON_BACK)
    # The pelvis rolls and the shoulders stay down; the lower hip turns out a little, so that
    # foot rolls onto its edge instead of pushing through the mat.
    end = pose(
        0, LYING, 180, arms, legs, feet, turn=38, spine=J(0, 0, -38), r_hip=J(50, 0, 10),
        on=rest(MAT_TOP, "chest", "head"),
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), mat=True,
        camera=Camera(yaw=-75.0, elev=55.0),
        arrows=(Spin("thorax", (0.0, -52.0, 0.0), "y", 50.0, -4.0, 44.0),),
        caption=N_("seen from the feet"),
        moves={"spine": "rotates"},
    )  # fmt: skip


def _prone_press_up() -> Scene:
    # The arms do the work and the pelvis stays on the mat: the lower back arches (the pelvis
    # tips forward 22 degrees against the thighs, the spine extends 38) and the chest comes up
    # over nearly straight arms, hands planted a little ahead of the shoulders.
    limbs = {**PRONE_FEET, **planted(73.0)}
    on = {**ON_FRONT, **HANDS_DOWN}
    start = pose(0, LYING, 0, KNEEL_FEET, neck=-6, reach=limbs, on={**on, "chest": MAT_TOP})
    end = pose(0, LYING, 24, KNEEL_FEET, spine=-38, neck=2, reach=limbs, on=on)
    return Scene(
        start,
        end,
        worker=frozenset({"trunk"}),
        mat=True,
        arrows=(Trail("head"),),
        moves={"spine": "extends", "r_elbow": "extends", "l_elbow": "extends"},
    )


def _prone_lying() -> Scene:
    # From forehead on the hands to arms down by the sides, head turned and resting: the hands
    # slide out along the mat to the sides and down, never through it.
    y = MAT + HAND_R

    def hands(x: float, z: float, elbow: tuple[float, float, float]) -> dict[str, Reach]:
        left = (elbow[0], elbow[1], -elbow[2])
        return {"r_arm": Reach(x, y, z=z, elbow=elbow), "l_arm": Reach(x, y, z=-z, elbow=left)}

    on = {**ON_FRONT, **HANDS_DOWN, "chest": MAT_TOP}
    start = pose(
        0, LYING, 0, KNEEL_FEET, neck=-14,
        reach={**PRONE_FEET, **hands(76.0, 7.0, (0.0, 0.3, 1.0))}, on=on,
    )  # fmt: skip
    via = pose(
        0, LYING, 0, KNEEL_FEET, neck=J(-12, 0, 35),
        reach={**PRONE_FEET, **hands(48.0, 66.0, (-0.5, 1.0, 0.0))}, on=on,
    )  # fmt: skip
    end = pose(
        0, LYING, 0, KNEEL_FEET, neck=J(-10, 0, 70),
        reach={**PRONE_FEET, **hands(-6.0, 22.0, (0.0, 1.0, 0.3))}, on=on,
    )  # fmt: skip
    return Scene(
        start, end, via=via, worker=frozenset({"trunk"}), mat=True, moves={"neck": "rotates"}
    )


def _prone_on_elbows() -> Scene:
    # The pelvis stays on the mat; the back arches as the chest comes up onto the forearms,
    # elbows under the shoulders. The hands slide back a little as the elbows come in.
    on = {**ON_FRONT, **HANDS_DOWN}
    start = pose(0, LYING, 0, KNEEL_FEET, neck=-6, reach={**PRONE_FEET, **planted(73.0)}, on=on)
    y = MAT + HAND_R
    forearms = {
        "r_arm": Reach(71.5, y, z=17.0, elbow=(-1.0, 0.0, 0.3)),
        "l_arm": Reach(71.5, y, z=-17.0, elbow=(-1.0, 0.0, -0.3)),
    }
    end = pose(
        0, LYING, 14, KNEEL_FEET, spine=-24, neck=4, reach={**PRONE_FEET, **forearms},
        on={**on, **rest(MAT_TOP, "r_forearm", "l_forearm")},
    )  # fmt: skip
    return Scene(
        start,
        end,
        worker=frozenset({"trunk"}),
        mat=True,
        arrows=(Trail("head"),),
        moves={"spine": "extends"},
    )


def _supine_hamstring_stretch() -> Scene:
    strap = Strap(("r_hand", ("r_foot", (5.0, -10.0, 0.0)), "l_hand"))
    on = {**ON_BACK, "l_foot": MAT_TOP}
    start = pose(
        0, LYING, 180, neck=-6, r_hip=-3, r_ankle=-5,
        reach={"l_leg": foot(38.0, MAT), "r_arm": hand(-18.0, 34.0), "l_arm": hand(-18.0, 34.0)},
        on=on,
    )  # fmt: skip
    end = pose(
        0, LYING, 180, neck=-6, r_hip=68, r_knee=8, r_ankle=8,
        reach={"l_leg": foot(38.0, MAT), "r_arm": hand(-14.0, 44.0), "l_arm": hand(-14.0, 44.0)},
        on=on,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, straps=(strap,),
        arrows=(Trail("r_ankle"),),
        moves={"r_hip": "flexes"},
    )  # fmt: skip


def _standing_quad_stretch() -> Scene:
    support = {"l_arm": hand(21.0, 88.0)}
    hold = {"l_hand": chair_back(62.0, 44.0)}
    start = pose(
        0, STAND, ground=0, reach={**STAND_FEET, **support}, r_elbow=12, on={**FEET_DOWN, **hold}
    )
    end = pose(
        0, STAND, ground=0, r_hip=-5, r_knee=155, r_ankle=30,
        reach={"l_leg": foot(2.0), **support, "r_arm": Reach(-15.5, 91.5)},
        on={"l_foot": FLOOR, **hold},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(62.0, 44.0),
        arrows=(Trail("r_ankle"),),
        moves={"r_knee": "flexes"},
    )  # fmt: skip


def _wall_calf_stretch() -> Scene:
    hands = {"r_arm": Reach(54.5, 133.0), "l_arm": Reach(54.5, 131.0)}
    feet = {"r_leg": foot(-36.0), "l_leg": foot(22.0)}
    on = {**FEET_DOWN, **rest(Support("wall", (60.0, 69.0), (0.0, 200.0)), "r_hand", "l_hand")}
    start = pose(0, 90, 88, ground=0, reach={**hands, **feet}, on=on)
    end = pose(8, 85, 72, ground=0, neck=-10, reach={**hands, **feet}, on=on)
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=(wall(60.0),),
        arrows=(Trail("pelvis", offset=0.0, shift=(0.0, 26.0)),),
        moves={"r_ankle": "extends", "l_knee": "flexes"},
    )  # fmt: skip


def _figure_four_stretch() -> Scene:
    start = pose(
        0, LYING, 180, neck=-6, r_hip=J(99.5, 32.9, 59.4), r_knee=123.9,
        reach={"l_leg": foot(40.0, MAT), **ARMS_BY_SIDES},
        on={**ON_BACK, **rest(MAT_TOP, "l_foot", "r_hand", "l_hand")},
    )  # fmt: skip
    end = pose(
        0, LYING, 180, neck=-6, r_hip=J(112.7, 32.7, 59.5), r_knee=123.7, l_hip=100, l_knee=95,
        reach={"r_arm": Reach(5.0, 44.0), "l_arm": Reach(5.0, 44.0)}, on=ON_BACK,
    )  # fmt: skip
    # Seen a little from above, so the crossed knee can point out towards the viewer.
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True, arrows=(Trail("l_knee"),),
        camera=Camera(yaw=40.0, elev=40.0),
        moves={"r_hip": "flexes", "l_hip": "flexes"},
    )  # fmt: skip


def _single_knee_to_chest() -> Scene:
    start = pose(
        0, LYING, 180, neck=-6, reach={**HOOK_FEET, **ARMS_BY_SIDES}, on={**ON_BACK, **HOOK_REST}
    )
    end = pose(
        0, LYING, 180, neck=-6, r_hip=125, r_knee=140,
        reach={"l_leg": foot(38.0, MAT), "r_arm": Reach(-14.0, 36.0), "l_arm": Reach(-14.0, 36.0)},
        on={**ON_BACK, "l_foot": MAT_TOP},
    )  # fmt: skip
    return Scene(
        start,
        end,
        worker=frozenset({"r_leg"}),
        mat=True,
        arrows=(Trail("r_knee"),),
        moves={"r_hip": "flexes"},
    )


def _double_knee_to_chest() -> Scene:
    start = pose(
        0, LYING, 180, neck=-6, reach={**HOOK_FEET, **ARMS_BY_SIDES}, on={**ON_BACK, **HOOK_REST}
    )
    end = pose(
        0, LYING, 180, neck=-6, r_hip=125, r_knee=140, l_hip=122, l_knee=140,
        reach={"r_arm": Reach(-14.0, 36.0), "l_arm": Reach(-14.0, 36.0)}, on=ON_BACK,
    )  # fmt: skip
    return Scene(
        start,
        end,
        worker=frozenset({"r_leg", "l_leg"}),
        mat=True,
        arrows=(Trail("r_knee"),),
        moves={"r_hip": "flexes", "l_hip": "flexes"},
    )


def _standing_hip_flexor_stretch() -> Scene:
    # The tailbone curls under (the pelvis tips back, the spine bends as much forward so the
    # chest stays upright) and the hips drift forward: the back hip ends about 20 degrees
    # behind the trunk, near the end of its range, which is where the stretch is.
    feet = {"r_leg": toes(-26.0), "l_leg": foot(36.0)}
    support = {"l_arm": hand(6.0, 88.0)}
    on = rest(FLOOR, "r_toes", "l_foot")
    arm = {"r_shoulder": 4.0, "r_elbow": 10.0}
    start = pose(0, 90, 96, arm, ground=0, spine=6, reach={**feet, **support}, on=on)
    end = pose(6, 82, 104, arm, ground=0, spine=14, reach={**feet, **support}, on=on)
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(28.0, 44.0, z=-55.0),
        arrows=(Trail("pelvis", side=-1),),
        moves={"r_hip": "extends", "spine": "flexes"},
    )  # fmt: skip


def _child_pose() -> Scene:
    # Hands stay where they are placed, a little ahead of the shoulders, and the knees stay on
    # the mat: the hips swing back and down on an arc around the knees (through a middle pose,
    # so they do not cut the corner), the back rounds and the forehead comes down to the mat.
    hands = {"r_arm": hand(56.0, MAT), "l_arm": hand(56.0, MAT)}
    limbs = {**QUAD_KNEES, **hands}
    on = {**QUAD_REST, **HANDS_DOWN}

    def hips(angle: float, reach: float = 44.0) -> tuple[float, float]:
        a = math.radians(angle)
        return reach * math.cos(a), MAT + 8.25 + reach * math.sin(a)

    start = pose(*hips(90.0), 12, KNEEL_FEET, neck=-14, reach=limbs, on=on)
    via = pose(*hips(120.0, 44.6), 14, KNEEL_FEET, spine=20, neck=4, reach=limbs, on=on)
    end = pose(
        *hips(150.0, 44.6), 17, KNEEL_FEET, spine=42, neck=20, reach=limbs,
        on={**on, "head": MAT_TOP},
    )  # fmt: skip
    return Scene(
        start, end, via=via, worker=frozenset({"trunk"}), mat=True, arrows=(Trail("pelvis"),),
        moves={"spine": "flexes", "neck": "flexes", "r_hip": "flexes", "l_hip": "flexes"},
    )  # fmt: skip


def _seated_spinal_twist() -> Scene:
    seat = 54.5 - LYING_HEIGHT
    feet = {"r_leg": foot(40.0), "l_leg": foot(40.0)}
    on = {"pelvis": seat_of(12.0, seat), **rest(FLOOR, "r_foot", "l_foot")}
    start = pose(
        0, 54.5, 92, on=on,
        reach={**feet, "r_arm": hand(26.0, 62.0), "l_arm": hand(26.0, 62.0)},
    )  # fmt: skip
    # Turning right: the right hand rests on the right thigh, the left reaches across.
    end = pose(
        0, 54.5, 92, spine=J(0, 0, 38), neck=J(0, 0, 24), l_shoulder=J(39.2, -1, -4), l_elbow=4,
        reach={**feet, "r_arm": Reach(14.0, 68.5, z=12.0, elbow=(-1.0, 0.0, 1.0))}, on=on,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"trunk"}), props=chair(12.0, seat),
        camera=Camera(yaw=-62.0, elev=18.0), top_view=True,
        arrows=(Spin("thorax", (0.0, 24.0, 0.0), "y", 30.0, -50.0, 40.0),),
        moves={"spine": "rotates", "neck": "rotates"},
    )  # fmt: skip


PUMP_ANGLES = (34.0, 84.0)


def _ankle_pumps() -> Scene:
    # Knees over a pillow, heels on the mat: the feet point away, then pull back, rocking on
    # the heels (the shins rise and fall a little with them).
    on = {**ON_BACK, **rest(MAT_TOP, "r_hand", "l_hand", "r_heel", "l_heel")}

    def feet(angle: float) -> dict[str, Reach]:
        return {"r_leg": heel(84.0, MAT, angle), "l_leg": heel(84.0, MAT, angle)}

    start = pose(0, LYING, 180, neck=-6, reach={**ARMS_BY_SIDES, **feet(PUMP_ANGLES[0])}, on=on)
    end = pose(0, LYING, 180, neck=-6, reach={**ARMS_BY_SIDES, **feet(PUMP_ANGLES[1])}, on=on)
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), mat=True,
        props=(pillow(30.0, 54.0, 14.0),), arrows=(Trail("r_toe", offset=8.0),),
        moves={"r_ankle": "extends", "l_ankle": "extends"},
    )  # fmt: skip


def _walk() -> Scene:
    # One step on the flat: the near (right) leg swings from behind to in front, arms swinging
    # the opposite way.
    start = pose(
        0, 92, 90, ground=0, neck=-4,
        r_shoulder=22, r_elbow=24, l_shoulder=-22, l_elbow=14,
        reach={"l_leg": foot(22.0), "r_leg": toes(-22.0, angle=-28.0)},
        on=rest(FLOOR, "l_foot", "r_toes"),
    )  # fmt: skip
    end = pose(
        44, 92, 90, ground=0, neck=-4,
        r_shoulder=-22, r_elbow=14, l_shoulder=22, l_elbow=24,
        reach={"r_leg": Reach(66.0, ANKLE_HEIGHT + 2.0, 12.0), "l_leg": toes(22.0, angle=-28.0)},
        on=rest(FLOOR, "r_heel", "l_toes"),
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}),
        arrows=(Trail("pelvis", offset=0.0, shift=(0.0, 92.0)),),
        moves={
            "r_hip": "flexes", "l_hip": "extends", "r_shoulder": "extends", "l_shoulder": "flexes"
        },
    )  # fmt: skip


def _pelvic_tilt() -> Scene:
    start = pose(
        0,
        LYING,
        172,
        ground=MAT,
        spine=-16,
        neck=-2,
        reach={**HOOK_FEET, **ARMS_BY_SIDES},
        on={**ON_BACK, **HOOK_REST},
    )
    end = pose(
        0,
        LYING,
        182,
        ground=MAT,
        spine=2,
        neck=-8,
        reach={**HOOK_FEET, **ARMS_BY_SIDES},
        on={**ON_BACK, **HOOK_REST},
    )
    return Scene(
        start, end, worker=frozenset({"pelvis"}), mat=True,
        arrows=(Spin("pelvis", (0.0, 0.0, 0.0), "z", 26.0, -70.0, 10.0),),
        moves={"spine": "flexes", "r_hip": "extends", "l_hip": "extends"},
    )  # fmt: skip


DEAD_BUG_HIP = 42.0


def _dead_bug() -> Scene:
    table = {"r_hip": 90.0, "l_hip": 90.0, "r_knee": 90.0, "l_knee": 90.0}
    arms = {"r_shoulder": 90.0, "l_shoulder": 90.0}
    start = pose(0, LYING, 180, table, arms, neck=-6, on=ON_BACK)
    # The heel comes down to touch the mat, the knee staying bent.
    end = pose(
        0, LYING, 180, table, arms, neck=-6, r_hip=DEAD_BUG_HIP, r_knee=88, l_shoulder=172,
        on={**ON_BACK, "r_heel": MAT_TOP},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_arm"}), mat=True,
        arrows=(Trail("r_ankle"), Trail("l_hand")),
        moves={"r_hip": "extends", "l_shoulder": "flexes"},
    )  # fmt: skip


def _bird_dog() -> Scene:
    on = {**QUAD_REST, **HANDS_DOWN}
    start = pose(0, QUAD_Y, 12, KNEEL_FEET, neck=-18, reach={**QUAD_KNEES, **QUAD_HANDS}, on=on)
    end = pose(
        0, QUAD_Y, 12, KNEEL_FEET, neck=-18, r_hip=-8, r_knee=4, r_ankle=12,
        l_shoulder=172, l_elbow=4,
        reach={"l_leg": QUAD_KNEES["l_leg"], "r_arm": QUAD_HANDS["r_arm"]},
        on=rest(MAT_TOP, "l_knee", "l_toes", "r_hand"),
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_arm"}), mat=True,
        arrows=(Trail("r_ankle"), Trail("l_hand")),
        moves={"r_hip": "extends", "r_knee": "extends", "l_shoulder": "flexes"},
    )  # fmt: skip


def _glute_bridge() -> Scene:
    limbs = {**HOOK_FEET, **ARMS_BY_SIDES}
    start = pose(0, LYING, 180, neck=-6, reach=limbs, on={**ON_BACK, **HOOK_REST})
    end = pose(
        -4,
        35,
        203,
        ground=MAT,
        neck=10,
        reach=limbs,
        on={**rest(MAT_TOP, "chest", "head"), **HOOK_REST},
    )
    return Scene(
        start,
        end,
        worker=frozenset({"pelvis"}),
        mat=True,
        arrows=(Trail("pelvis", side=1),),
        moves={"r_hip": "extends", "l_hip": "extends"},
    )


def _modified_side_plank() -> Scene:
    # Facing the viewer (turn 90), so the picture plane is the body's frontal plane. Lying on
    # the right side propped on the right forearm: the pelvis tilts a little against the legs
    # (the hips bend sideways, well inside their range) and the spine bends sideways the rest
    # of the way up to the shoulder. Then the hips lift until head, hips and knees line up.
    knees = {"r_knee": 90.0, "l_knee": 90.0, "r_ankle": 10.0}
    top_arm = {"l_shoulder": J(0, 8, 0), "l_elbow": J(10)}
    props = rest(MAT_TOP, "r_knee", "r_forearm")
    start = pose(
        0, MAT + 17.0, 160, knees, top_arm, turn=90, spine=J(0, -24, 0),
        r_hip=J(5, -20, 0), l_hip=J(5, 25, 0), r_shoulder=J(0, 65, 0), r_elbow=90,
        on={**props, "pelvis": MAT_TOP},
    )  # fmt: skip
    end = pose(
        0, 34.9, 159.4, knees, top_arm, turn=90,
        r_hip=J(5, 0, 0), l_hip=J(5, 0, 0), r_shoulder=J(-2, 69.4, 2), r_elbow=91, on=props,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"pelvis"}), mat=True,
        camera=Camera(yaw=-20.0, elev=14.0),
        arrows=(Trail("pelvis", offset=0.0, shift=(0.0, -4.0)),),
        moves={"spine": "abducts", "r_hip": "abducts", "l_hip": "adducts"},
    )  # fmt: skip


def _sit_to_stand() -> Scene:
    seat = 54.5 - LYING_HEIGHT
    feet = {"r_leg": foot(34.0), "l_leg": foot(32.0)}
    arms = {"r_shoulder": J(4, -8, -62), "l_shoulder": J(4, -8, -62)}
    elbows = {"r_elbow": 86.0, "l_elbow": 86.0}
    start = pose(
        0, 54.5, 94, arms, elbows, reach=feet, on={**FEET_DOWN, "pelvis": seat_of(12.0, seat)}
    )
    via = pose(16, 60, 48, arms, elbows, spine=8, neck=-10, reach=feet, on=FEET_DOWN)
    end = pose(31, STAND, 90, arms, elbows, ground=0, reach=feet, on=FEET_DOWN)
    return Scene(
        start, end, via=via, worker=frozenset({"r_leg", "l_leg"}), props=chair(12.0, seat),
        arrows=(Trail("pelvis"),),
        moves={"r_hip": "extends", "l_hip": "extends", "r_knee": "extends", "l_knee": "extends"},
    )  # fmt: skip


def _step_up() -> Scene:
    step = 18.0
    rail = (
        Rod((-20.0, 95.0, -45.0), (80.0, 115.0, -45.0)),
        Rod((-20.0, 0.0, -45.0), (-20.0, 95.0, -45.0)),
        Rod((70.0, step, -45.0), (70.0, 113.0, -45.0)),
    )
    step_top = Support("step", (22.0, 75.0), (0.0, 18.0), (-35.0, 35.0))
    start = pose(
        0, STAND, ground=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(36.0, step), "l_leg": foot(2.0), "l_arm": Reach(22.0, 104.0)},
        on={"r_foot": step_top, "l_foot": FLOOR},
    )  # fmt: skip
    # Halfway up, the back foot is lifted clear of the step's edge.
    via = pose(
        26, STAND + 16, r_shoulder=4, r_elbow=12, l_hip=35, l_knee=90, l_ankle=10,
        reach={"r_leg": foot(36.0, step), "l_arm": Reach(31.0, 106.0)}, on={"r_foot": step_top},
    )  # fmt: skip
    end = pose(
        34, STAND + step, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(36.0, step), "l_leg": foot(38.0, step), "l_arm": Reach(40.0, 108.0)},
        on=rest(step_top, "r_foot", "l_foot"),
    )  # fmt: skip
    return Scene(
        start, end, via=via, worker=frozenset({"r_leg"}),
        props=(Box((22.0, 75.0), (0.0, step), (-35.0, 35.0)), *rail),
        arrows=(Trail("pelvis", offset=0.0, shift=(-26.0, 0.0)),),
        moves={"r_hip": "extends", "r_knee": "extends"},
    )  # fmt: skip


def _split_squat() -> Scene:
    # Upright trunk; the back heel rises further as the back knee sinks.
    support = {"l_arm": hand(2.0, 88.0)}
    on = rest(FLOOR, "r_foot", "l_toes")
    arm = {"r_shoulder": 4.0, "r_elbow": 10.0}
    start = pose(
        0, 89, 94, arm, ground=0, spine=4, on=on,
        reach={"r_leg": foot(32.0), "l_leg": toes(-36.0), **support},
    )  # fmt: skip
    end = pose(
        0, 62, 94, arm, ground=0, spine=4, on=on,
        reach={"r_leg": foot(32.0), "l_leg": toes(-36.0, angle=-55.0), **support},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=chair(24.0, 44.0, z=-55.0),
        arrows=(Trail("pelvis", side=1),),
        moves={"r_knee": "flexes", "l_knee": "flexes", "r_hip": "flexes"},
    )  # fmt: skip


def _hip_hinge() -> Scene:
    dowel = Strap((("pelvis", (-15.5, -20.0, 0.0)), ("thorax", (-15.5, 66.0, 0.0))), 4.5)
    arms: Angles = {
        "r_shoulder": J(-50.6, 22.2, -58.1), "r_elbow": 96.8,
        "l_shoulder": J(56.3, 150.6, 90), "l_elbow": 132.6,
    }  # fmt: skip
    feet = {"r_leg": foot(2.0), "l_leg": foot(2.0)}
    start = pose(0, 94, 90, arms, ground=0, reach=feet, on=FEET_DOWN)
    end = pose(-16, 88, 38, arms, ground=0, neck=6, reach=feet, on=FEET_DOWN)
    return Scene(
        start, end, worker=frozenset({"pelvis"}), straps=(dowel,),
        arrows=(Trail("pelvis", offset=0.0, shift=(-24.0, -4.0)),),
        moves={"r_hip": "flexes", "l_hip": "flexes"},
    )  # fmt: skip


def _heel_raise() -> Scene:
    # Rising onto the toes lifts the shoulders about 10: on a kitchen-height counter the arms
    # could not stay on it, so this counter is a little higher and the figure close to it.
    hands = {"r_arm": hand(26.0, 98.0), "l_arm": hand(26.0, 98.0)}
    hold = rest(counter_top(22.0, 98.0), "r_hand", "l_hand")
    start = pose(0, STAND, ground=0, reach={**STAND_FEET, **hands}, on={**FEET_DOWN, **hold})
    up = {"r_leg": toes(16.0, angle=-42.0), "l_leg": toes(16.0, angle=-42.0)}
    end = pose(
        0,
        STAND + 12,
        ground=0,
        reach={**up, **hands},
        on={**rest(FLOOR, "r_toes", "l_toes"), **hold},
    )
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), props=counter(22.0, 98.0),
        arrows=(Trail("r_heel", side=-1),),
        moves={"r_ankle": "flexes", "l_ankle": "flexes"},
    )  # fmt: skip


def _clamshell() -> Scene:
    # Lying on the left side: the pelvis and the lower knee on the mat, the lower arm stretched
    # along the mat above the head (the chest side-bends a little, so the lower shoulder and
    # arm clear the mat), the head resting on that arm.
    legs = {"r_hip": 45.0, "l_hip": 45.0, "r_knee": 90.0, "l_knee": 90.0}
    arms: Angles = {
        "l_shoulder": J(0, 170, 0),
        "l_elbow": 30.0,
        "r_shoulder": J(40, 0, 0),
        "r_elbow": 60.0,
    }
    on = rest(MAT_TOP, "pelvis", "l_knee")
    y = MAT + 16.75  # the lower hip joint is 8.5 in from the side, the thigh 8.25 round
    start = pose(0, y, 0, legs, arms, turn=90, spine=J(0, 12, 0), on=on)
    end = pose(0, y, 0, legs, arms, turn=90, spine=J(0, 12, 0), r_hip=J(37.4, 26.8, 31.1), on=on)
    return Scene(
        start, end, worker=frozenset({"r_leg"}), mat=True,
        camera=Camera(elev=16.0), arrows=(Trail("r_knee"),),
        moves={"r_hip": "abducts"},
    )  # fmt: skip


def _wall_squat() -> Scene:
    feet = {"r_leg": foot(30.0), "l_leg": foot(30.0)}
    arms = {"r_shoulder": J(6), "l_shoulder": J(2), "r_elbow": J(14), "l_elbow": J(14)}
    on = {**FEET_DOWN, **rest(Support("wall", (-21.5, -12.5), (0.0, 200.0)), "pelvis", "chest")}
    start = pose(0, 90, 90, arms, ground=0, reach=feet, on=on)
    end = pose(0, 72, 90, arms, ground=0, reach=feet, on=on)
    return Scene(
        start, end, worker=frozenset({"r_leg", "l_leg"}), props=(wall(-12.5, -1.0),),
        arrows=(Trail("pelvis", side=1),),
        moves={"r_knee": "flexes", "l_knee": "flexes", "r_hip": "flexes", "l_hip": "flexes"},
    )  # fmt: skip


def _single_leg_stance() -> Scene:
    support = {"l_arm": hand(28.0, 90.0)}
    hold = {"l_hand": counter_top(24.0)}
    arm = {"r_shoulder": 4.0, "r_elbow": 12.0}
    start = pose(
        0, STAND, 90, arm, ground=0, reach={**STAND_FEET, **support}, on={**FEET_DOWN, **hold}
    )
    end = pose(
        0, STAND, 90, arm, ground=0, l_hip=14, l_knee=60, l_ankle=0,
        reach={"r_leg": foot(2.0), **support}, on={"r_foot": FLOOR, **hold},
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=counter(24.0),
        arrows=(Trail("l_ankle", side=1),),
        moves={"l_knee": "flexes"},
    )  # fmt: skip


def _tandem_stance() -> Scene:
    hands = {"r_arm": hand(34.0, 90.0), "l_arm": hand(34.0, 90.0)}
    start = pose(0, STAND, ground=0, reach={**STAND_FEET, **hands}, on=FEET_DOWN)
    end = pose(
        0, STAND, ground=0, r_hip=J(0, -5.5, 0), l_hip=J(0, -5.5, 0),
        reach={"r_leg": foot(11.0), "l_leg": foot(-10.0), **hands}, on=FEET_DOWN,
    )  # fmt: skip
    return Scene(
        start, end, worker=frozenset({"r_leg"}), props=counter(30.0), footprints=Footprints(),
        arrows=(Trail("r_toe", side=-1),),
        moves={"r_hip": "adducts", "l_hip": "adducts"},
    )  # fmt: skip


def _single_leg_reach() -> Scene:
    support = {"l_arm": hand(2.0, 88.0)}
    start = pose(
        0, 93, ground=0, l_hip=30, l_knee=85, l_ankle=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(2.0), **support}, on=rest(FLOOR, "r_foot"),
    )  # fmt: skip
    end = pose(
        -6, 88, 92, ground=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(2.0), "l_leg": Reach(44.0, 11.6, -16.0), **support},
        on=rest(FLOOR, "r_foot", "l_toes"),
    )  # fmt: skip
    # Halfway, the free foot swings clear of the floor. Blended straight from start to end it
    # would scrape through the floor, and grounding would then lift the whole body off a
    # locked standing knee (the knee should stay softly bent, bending a little more).
    via = pose(
        -3, 90.5, 91, ground=0, l_hip=50, l_knee=50, l_ankle=0, r_shoulder=4, r_elbow=12,
        reach={"r_leg": foot(2.0), **support}, on=rest(FLOOR, "r_foot"),
    )  # fmt: skip
    # Tap spots for the free (left) foot: forward, out to the side, behind.
    marks = ((56.0, -8.5), (6.0, -48.0), (-40.0, -8.5))
    return Scene(
        start, end, via=via, worker=frozenset({"r_leg"}), props=chair(24.0, 44.0, z=-55.0),
        footprints=Footprints(marks), arrows=(Trail("l_toe", side=1),),
        moves={"l_knee": "extends", "r_knee": "flexes"},
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

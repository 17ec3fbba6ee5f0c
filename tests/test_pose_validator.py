"""The pose validator: every built-in picture shows a body a physiotherapist would accept, and
the validator catches the mistakes a picture can make (a knee bent backwards, a hand floating
above the mat, a leg through the floor, a stretched bone)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sciatica_coach.illustrations import skeleton as sk
from sciatica_coach.illustrations.draw import Scene
from sciatica_coach.illustrations.poses import (
    FLOOR,
    LYING,
    MAT_TOP,
    SCENES,
    STAND,
    STAND_FEET,
    foot,
    hand,
    pose,
    rest,
)
from sciatica_coach.illustrations.skeleton import Figure
from sciatica_coach.illustrations.validate import (
    FRAMES,
    Problem,
    bone_problems,
    check_pose,
    check_scene,
)

IDS = sorted(SCENES)
BACK = rest(MAT_TOP, "pelvis", "chest")


def kinds(problems: list[Problem]) -> set[str]:
    return {p.kind for p in problems}


# -- the built-in pictures --------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_pose_and_every_frame_in_between_is_a_body_that_can_do_it(exercise_id: str) -> None:
    problems = check_scene(SCENES[exercise_id], exercise_id, frames=FRAMES)
    assert not problems, "\n".join(str(p) for p in problems)


# What can carry the body's weight: a hand on a wall or a chair back steadies, it does not hold.
BEARING = {"floor", "mat", "chair seat", "step", "pillow"}


def test_every_key_pose_says_what_carries_it() -> None:
    # The validator checks only the contacts a pose declares: a pose that declares none, or
    # only a steadying hand, could float off the floor unnoticed.
    found = []
    for exercise_id in IDS:
        scene = SCENES[exercise_id]
        for label, key in (("start", scene.start), ("middle", scene.via), ("end", scene.end)):
            if key is not None and not {s.name for s in key.contacts.values()} & BEARING:
                found.append(f"{exercise_id} {label}: rests on {sorted(key.contacts)}")
    assert not found, "\n".join(found)


def test_a_built_in_picture_with_a_broken_pose_is_caught() -> None:
    # The check above, on a built-in scene spoiled two ways: the bridge's pelvis let down
    # into the mat, and the bird dog's lifted knee bent backwards.
    bridge = SCENES["glute_bridge"]
    sunk = replace(bridge, end=replace(bridge.end, ground=MAT_TOP.y[1] - 8.0))
    assert "sinks" in kinds(check_scene(sunk, "glute_bridge"))
    dog = SCENES["bird_dog"]
    joints = {**dog.end.joints, "r_knee": sk.Joint(-25.0)}
    bent = replace(dog, end=replace(dog.end, joints=joints))
    problems = check_scene(bent, "bird_dog")
    assert any(p.where == "bird_dog end" and "r_knee flexion -25.0" in p.what for p in problems)


def test_ten_frames_are_checked_between_start_and_end() -> None:
    assert FRAMES == 10
    where = {p.where for p in check_scene(_bent_back_knee_scene(), "broken")}
    # -30 degrees at the end: from the second frame on, the knee is past its -5 limit.
    assert {f"broken frame {i}/10" for i in range(2, 10)} <= where


def test_quadruped_arms_are_straight_and_under_the_shoulders() -> None:
    for exercise_id in ("cat_camel", "bird_dog"):
        scene = SCENES[exercise_id]
        for phase in (scene.start, scene.end):
            settled, figure = sk.settle(phase), sk.solve(phase)
            assert settled.joint("r_elbow").flex < 20.0, exercise_id
            shoulder, hand_at = figure.point("r_shoulder"), figure.point("r_hand")
            assert abs(shoulder[0] - hand_at[0]) < 6.0, exercise_id


def test_the_press_up_keeps_the_pelvis_down_and_arches_the_back() -> None:
    scene = SCENES["prone_press_up"]
    assert scene.end.contacts["pelvis"] == MAT_TOP
    assert scene.end.joint("spine").flex <= -30.0
    assert sk.settle(scene.end).joint("r_elbow").flex < 30.0


# -- deliberately broken poses ----------------------------------------------------------------


def _standing(**joints: float) -> sk.Pose:
    return pose(0, STAND, ground=0, reach=STAND_FEET, on=rest(FLOOR, "r_foot", "l_foot"), **joints)


def _bent_back_knee_scene() -> Scene:
    start = pose(0, LYING, 180, on=BACK, r_hip=60)
    end = pose(0, LYING, 180, on=BACK, r_hip=60, r_knee=-30)
    return Scene(start, end)


def test_a_well_made_pose_passes() -> None:
    assert check_pose(_standing()) == []


def test_a_knee_bent_backwards_is_caught() -> None:
    lying = pose(0, LYING, 180, on=BACK, r_hip=60, r_knee=-20)
    problems = check_pose(lying)
    assert kinds(problems) == {"joint"}
    assert "r_knee flexion -20.0" in str(problems[0])


def test_an_elbow_bent_backwards_is_caught() -> None:
    problems = check_pose(pose(0, LYING, 180, on=BACK, r_shoulder=90, r_elbow=-15))
    assert kinds(problems) == {"joint"}


def test_a_hip_beyond_its_range_is_caught() -> None:
    problems = check_pose(pose(0, LYING, 0, on=rest(MAT_TOP, "pelvis"), r_hip=-40))
    assert any("r_hip flexion -40.0" in p.what for p in problems)


def test_a_hand_said_to_rest_on_the_mat_but_held_up_is_caught() -> None:
    floating = pose(0, LYING, 180, on={**BACK, "r_hand": MAT_TOP}, r_shoulder=90)
    problems = check_pose(floating)
    assert kinds(problems) == {"contact"}
    assert "r_hand" in problems[0].what and "floats" in problems[0].what


def test_a_hand_pushed_into_the_mat_is_caught() -> None:
    sunk = pose(0, LYING, 180, on={**BACK, "r_hand": MAT_TOP}, reach={"r_arm": hand(6.0, -6.0)})
    assert "contact" in kinds(check_pose(sunk))


def test_a_leg_through_the_floor_is_caught() -> None:
    # Standing on the left foot with the right leg swung down through the floor.
    through = pose(
        0, STAND, on=rest(FLOOR, "l_foot"), reach={"l_leg": foot(2.0)}, r_hip=-20, r_knee=0
    )
    lowered = replace(through, y=through.y - 12.0)
    problems = check_pose(lowered)
    assert "sinks" in kinds(problems)
    assert any(p.what.startswith("r_") and "floor" in p.what for p in problems)


def test_a_leg_swinging_through_the_floor_between_two_good_poses_is_caught() -> None:
    # Both ends are fine (the leg forward, then back with the knee bent); the straight blend
    # between them sweeps the foot through the floor, which only the frames in between show.
    def standing(**joints: float) -> sk.Pose:
        return pose(0, 92, reach={"l_leg": foot(2.0)}, on=rest(FLOOR, "l_foot"), **joints)

    forward, back = standing(r_hip=40, r_ankle=20), standing(r_hip=-20, r_knee=60, r_ankle=30)
    assert check_pose(forward) == [] and check_pose(back) == []
    problems = check_scene(Scene(forward, back), "swing")
    assert problems and kinds(problems) == {"sinks"}
    assert {p.where for p in problems} == {f"swing frame {i}/10" for i in range(3, 8)}
    assert all(p.what.startswith("r_heel-toe goes") for p in problems)


def test_an_arm_through_the_mat_is_caught() -> None:
    # Lying face down with an arm pointing straight down through the mat.
    down = pose(0, LYING, 0, on=rest(MAT_TOP, "pelvis"), r_shoulder=90)
    assert any(p.kind == "sinks" and p.what.startswith("r_") for p in check_pose(down))


def test_a_stretched_bone_is_caught() -> None:
    figure = sk.solve(_standing())
    points = dict(figure.points)
    x, y, z = points["r_knee"]
    points["r_knee"] = (x, y - 8.0, z)
    problems = bone_problems(Figure(points, figure.frames))
    assert any("r_hip-r_knee" in p for p in problems)
    assert any("r_knee-r_ankle" in p for p in problems)

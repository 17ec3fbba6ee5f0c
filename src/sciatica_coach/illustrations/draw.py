"""Draw an exercise scene (figure, props, arrows) as SVG.

The figure is drawn as thick round-capped strokes sorted back to front; limbs on the far side
of the body are a lighter tone, the working limbs an accent colour. A scene has a start and an
end pose; any phase in between is blended joint by joint. The end pose carries a pale ghost of
the start pose and an arrow along the path of the moving limb.

The model faces +x with its right side nearest. Pictures are flipped by default so the figure
faces left and its left side is nearest: unmirrored pictures show the left side working and
``mirrored=True`` shows the right side.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sciatica_coach.i18n import _
from sciatica_coach.illustrations import skeleton as sk
from sciatica_coach.illustrations.skeleton import Figure, Mat, Pose, Vec

BACKGROUND = "#f6f4ef"
FLOOR = "#c8c5bc"
BODY = "#41546a"
BODY_FAR = "#a7b3c1"
ACCENT = "#e07a3a"
ACCENT_FAR = "#f1b48c"
GHOST = "#dde2e7"
PROP = "#d2d3ce"
PROP_EDGE = "#b0b2ab"
PROP_DARK = "#8e918a"
MAT = "#cdd2d4"
CAPTION = "#7d838a"
# i18n: not words (font names)
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"

PointRef = str | tuple[str, Vec]


@dataclass(frozen=True)
class Camera:
    """Orthographic view: ``yaw`` turns the camera about the vertical, ``elev`` looks down."""

    yaw: float = 0.0
    elev: float = 0.0

    @property
    def matrix(self) -> Mat:
        return sk.matmul(sk.rot_x(self.elev), sk.rot_y(self.yaw))


@dataclass(frozen=True)
class Box:
    """A neutral grey block (chair part, step, counter, wall, mat, pillow) in world units."""

    x: tuple[float, float]
    y: tuple[float, float]
    z: tuple[float, float] = (-25.0, 25.0)
    fill: str = PROP
    soft: float = 2.0


@dataclass(frozen=True)
class Rod:
    """A fixed rail or post: a thick line between two world points."""

    a: Vec
    b: Vec
    width: float = 5.0
    colour: str = PROP_EDGE


@dataclass(frozen=True)
class Strap:
    """A towel, strap or stick that moves with the body: a line through body points."""

    points: tuple[PointRef, ...]
    width: float = 4.0
    colour: str = PROP_DARK
    depth_bias: float = -0.5


@dataclass(frozen=True)
class Trail:
    """An arrow along the path a body point travels from the start to the end pose.

    The arrow runs ``offset`` units beside the path, on the side away from the body (or on
    ``side`` +1 / -1 of it), then moves by ``shift`` (x, y) in world units.
    """

    point: PointRef
    offset: float = 12.0
    side: int = 0
    shift: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Spin:
    """An arc arrow around an axis of a body frame (twists, tilts)."""

    frame: str
    centre: Vec
    axis: str
    radius: float
    start: float
    end: float


@dataclass(frozen=True)
class Footprints:
    """A small 'seen from above' panel of the feet, with optional dashed tap marks (x, z)."""

    marks: tuple[tuple[float, float], ...] = ()


# The ways a joint can move from the start pose to the end pose, by which of `skeleton.Joint`'s
# angles changes and how: "flexes" raises ``flex`` (for the ankle: points the toes), "extends"
# lowers it, "abducts" and "adducts" raise and lower ``abd`` (for the spine and neck: bend to
# the right and to the left), "rotates" changes ``rot`` either way.
WAYS = ("flexes", "extends", "abducts", "adducts", "rotates")


@dataclass(frozen=True)
class Scene:
    """Everything needed to draw one exercise.

    ``worker``: the limbs drawn in the accent colour (``r_leg``, ``l_arm``, ``trunk``,
    ``pelvis``). ``moves``: the joints the exercise moves on purpose, start to end, and which
    way (`WAYS`), as a physiotherapist would name them. The two differ: a stance leg works
    without moving, and an arm swing or a turning head moves without being the work. Nothing
    draws ``moves``; it is there so the poses can be checked against what the exercise is.
    """

    start: Pose
    end: Pose
    via: Pose | None = None
    worker: frozenset[str] = frozenset()
    moves: Mapping[str, str] = field(default_factory=dict)
    props: tuple[Box | Rod, ...] = ()
    straps: tuple[Strap, ...] = ()
    arrows: tuple[Trail | Spin, ...] = ()
    camera: Camera = field(default_factory=Camera)
    mat: bool = False
    floor: bool = True
    footprints: Footprints | None = None
    top_view: bool = False
    caption: str = ""


MAT_HEIGHT = 2.0


# -- geometry of a scene ----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SolvedScene:
    """A scene with its end poses settled, ready to draw at any phase (hashed by identity)."""

    scene: Scene
    start: Pose
    end: Pose
    via: Pose | None
    props: tuple[Box | Rod, ...]

    def pose(self, t: float) -> Pose:
        if self.via is None:
            return sk.blend(self.start, self.end, t)
        if t < 0.5:
            return sk.blend(self.start, self.via, 2 * t)
        return sk.blend(self.via, self.end, 2 * t - 1)

    def figure(self, t: float) -> Figure:
        return sk.solve(self.pose(t))


def ease(t: float) -> float:
    """Smooth start and stop (cosine ease in and out), t clamped to [0, 1]."""
    t = min(1.0, max(0.0, t))
    return 0.5 - 0.5 * math.cos(math.pi * t)


def uneased(eased: float) -> float:
    """The phase that `ease` takes to ``eased`` (clamped to [0, 1]): its inverse."""
    eased = min(1.0, max(0.0, eased))
    return math.acos(1.0 - 2.0 * eased) / math.pi


def solve_scene(scene: Scene) -> SolvedScene:
    start, end = sk.settle(scene.start), sk.settle(scene.end)
    via = sk.settle(scene.via) if scene.via else None
    props: tuple[Box | Rod, ...] = scene.props
    if scene.mat:
        xs = [
            pt[0] + k * r
            for pose in (start, end)
            for pt, r in sk.body_extents(sk.solve(pose))
            for k in (-1, 1)
        ]
        mat = Box((min(xs) - 10, max(xs) + 10), (0.0, MAT_HEIGHT), (-34.0, 34.0), MAT, soft=1.0)
        props = (mat, *props)
    return SolvedScene(scene, start, end, via, props)


def _resolve(figure: Figure, ref: PointRef) -> Vec:
    if isinstance(ref, str):
        return figure.point(ref)
    return figure.attached(ref[0], ref[1])


# -- drawing primitives -----------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """World to pixel: camera projection, optional left-right flip, scale and offset."""

    camera: Mat
    flip: bool
    s: float = 1.0
    ox: float = 0.0
    oy: float = 0.0

    def project(self, p: Vec) -> Vec:
        u, v, depth = sk.apply(self.camera, p)
        return (-u if self.flip else u, v, depth)

    def px(self, p: Vec) -> tuple[float, float]:
        u, v, _ = self.project(p)
        return (self.ox + self.s * u, self.oy - self.s * v)

    def depth(self, p: Vec) -> float:
        return sk.apply(self.camera, p)[2]


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if abs(x) < 1e6 else "0"


def _pts(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in points)


def _stroke(
    points: Sequence[tuple[float, float]], width: float, colour: str, dash: str = ""
) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    if len(points) == 1 or all(p == points[0] for p in points):
        x, y = points[0]
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(width / 2)}" fill="{colour}"/>'
    return (
        f'<polyline points="{_pts(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="{_f(width)}" stroke-linecap="round" stroke-linejoin="round"{extra}/>'
    )


def _circle(c: tuple[float, float], r: float, fill: str) -> str:
    return f'<circle cx="{_f(c[0])}" cy="{_f(c[1])}" r="{_f(r)}" fill="{fill}"/>'


def _mix(a: str, b: str, t: float) -> str:
    """Colour a blended towards colour b by t (both '#rrggbb')."""
    t = min(1.0, max(0.0, t))
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb, strict=True))


# -- the figure -------------------------------------------------------------------------------

_LIMB_SEGMENTS: tuple[tuple[str, str, str, float], ...] = (
    ("leg", "hip", "knee", sk.THIGH_W),
    ("leg", "knee", "ankle", sk.SHIN_W),
    ("leg", "heel", "toe", sk.FOOT_W),
    ("arm", "shoulder", "elbow", sk.UPPER_ARM_W),
    ("arm", "elbow", "hand", sk.FOREARM_W),
)


def _torso_width(figure: Figure, view: View) -> float:
    """How wide the torso looks: its depth from the side, its breadth from the front."""
    frame = figure.frames["thorax"]
    axis = view.project(sk.apply(frame, (0.0, 1.0, 0.0)))
    across = (-axis[1], axis[0])
    norm = math.hypot(*across)
    if norm < 0.3:
        return sk.TORSO_DEPTH  # seen end-on, from above or below
    lateral = view.project(sk.apply(frame, (0.0, 0.0, 1.0)))
    forward = view.project(sk.apply(frame, (1.0, 0.0, 0.0)))
    lat = (lateral[0] * across[0] + lateral[1] * across[1]) / norm
    fwd = (forward[0] * across[0] + forward[1] * across[1]) / norm
    return math.hypot(sk.TORSO_BREADTH * lat, sk.TORSO_DEPTH * fwd)


def _figure_items(
    figure: Figure,
    view: View,
    colour: Callable[[str, bool], str],
    halo: str = "",
) -> list[tuple[float, str]]:
    """(depth, svg) for every body part; ``colour(part, far)`` picks each part's colour.

    With ``halo`` each limb and the head get a thin outline in that colour, so a limb in
    front of the body stays readable.
    """
    p = figure.point
    s = view.s
    gap = 2.0 * s if halo else 0.0
    items: list[tuple[float, str]] = []
    pelvis_depth = view.depth(p("pelvis"))
    torso = [view.px(sk.torso_point(figure, i / 8)) for i in range(9)]
    torso_w = _torso_width(figure, view) * s
    torso_depth = (view.depth(p("pelvis")) + view.depth(p("chest"))) / 2
    # Shoulder and hip girdles: hidden inside the torso from the side, they show its breadth
    # from the front and its turn from above.
    chest = colour("chest", False)
    shoulders = [view.px(p("r_shoulder")), view.px(p("l_shoulder"))]
    hips = [view.px(p("r_hip")), view.px(p("l_hip"))]
    items.append((torso_depth - 0.01, _stroke(hips, 15.0 * s, colour("pelvis", False))))
    items.append((torso_depth, _stroke(torso[4:], torso_w, chest)))
    items.append((torso_depth + 0.01, _stroke(torso[:5], torso_w, colour("pelvis", False))))
    items.append((torso_depth + 0.02, _stroke(shoulders, 13.0 * s, chest)))
    neck = [view.px(p("chest")), view.px(p("head_base"))]
    head_depth = view.depth(p("head"))
    head_colour = colour("head", False)
    items.append((head_depth - 0.2, _stroke(neck, sk.NECK_W * s, head_colour)))
    centre = view.px(p("head"))
    head = [_circle(centre, sk.HEAD_R * s + gap, halo)] if halo else []
    head.append(_circle(centre, sk.HEAD_R * s, head_colour))
    nose = view.px(p("nose"))
    if math.dist(nose, centre) > 0.5 * sk.HEAD_R * s:
        head.append(_circle(nose, 2.8 * s, head_colour))
    items.append((head_depth, "".join(head)))
    for side in sk.SIDES:
        for limb in ("leg", "arm"):
            root = "hip" if limb == "leg" else "shoulder"
            far = view.depth(p(f"{side}_{root}")) < pelvis_depth - 4
            col = colour(f"{side}_{limb}", far)
            strokes: list[tuple[list[tuple[float, float]], float]] = []
            depths: list[float] = []
            for kind, a, b, width in _LIMB_SEGMENTS:
                if kind == limb:
                    pa, pb = p(f"{side}_{a}"), p(f"{side}_{b}")
                    strokes.append(([view.px(pa), view.px(pb)], width * s))
                    depths += [view.depth(pa), view.depth(pb)]
            if limb == "arm":
                strokes.append(([view.px(p(f"{side}_hand"))], 2 * sk.HAND_R * s))
            svg = [_stroke(pts, w + 2 * gap, halo) for pts, w in strokes] if halo else []
            svg += [_stroke(pts, w, col) for pts, w in strokes]
            items.append((sum(depths) / len(depths), "".join(svg)))
    return items


def _body_colour(worker: frozenset[str]) -> Callable[[str, bool], str]:
    def colour(part: str, far: bool) -> str:
        accented = part in worker or (part in ("chest", "pelvis") and "trunk" in worker)
        if accented:
            return ACCENT_FAR if far else ACCENT
        return BODY_FAR if far else BODY

    return colour


# -- props ------------------------------------------------------------------------------------

_FACES: tuple[tuple[Vec, tuple[int, int, int, int]], ...] = (
    ((0.0, 0.0, 1.0), (4, 5, 7, 6)),
    ((0.0, 0.0, -1.0), (0, 2, 3, 1)),
    ((0.0, 1.0, 0.0), (2, 6, 7, 3)),
    ((0.0, -1.0, 0.0), (0, 1, 5, 4)),
    ((1.0, 0.0, 0.0), (1, 3, 7, 5)),
    ((-1.0, 0.0, 0.0), (0, 4, 6, 2)),
)


def _prop_svg(prop: Box | Rod, view: View) -> list[str]:
    if isinstance(prop, Rod):
        return [_stroke([view.px(prop.a), view.px(prop.b)], prop.width * view.s, prop.colour)]
    return _box_svg(prop, view)


def _box_svg(box: Box, view: View) -> list[str]:
    corners = [(x, y, z) for z in box.z for y in box.y for x in box.x]
    out: list[str] = []
    for normal, idx in _FACES:
        facing = view.depth(normal)
        if facing <= 1e-6:
            continue
        fill = box.fill
        if normal[1] > 0:
            fill = _mix(fill, "#ffffff", 0.35)
        elif normal[0] != 0:
            fill = _mix(fill, "#000000", 0.06)
        pts = _pts(view.px(corners[i]) for i in idx)
        out.append(
            f'<polygon points="{pts}" fill="{fill}" stroke="{fill}" '
            f'stroke-width="{_f(box.soft * view.s * 2)}" stroke-linejoin="round"/>'
        )
    return out


def _strap_items(strap: Strap, figure: Figure, view: View) -> tuple[float, str]:
    pts = [_resolve(figure, ref) for ref in strap.points]
    depth = sum(view.depth(p) for p in pts) / len(pts) + strap.depth_bias
    return depth, _stroke([view.px(p) for p in pts], strap.width * view.s, strap.colour)


# -- arrows -----------------------------------------------------------------------------------


def _arrow_svg(path: list[tuple[float, float]], width: float, colour: str) -> list[str]:
    if len(path) < 2:
        return []
    (x1, y1), (x2, y2) = path[-2], path[-1]
    ang = math.atan2(y2 - y1, x2 - x1)
    head = width * 3.2
    tip = (x2 + math.cos(ang) * head * 0.6, y2 + math.sin(ang) * head * 0.6)
    left = (tip[0] - head * math.cos(ang - 0.5), tip[1] - head * math.sin(ang - 0.5))
    right = (tip[0] - head * math.cos(ang + 0.5), tip[1] - head * math.sin(ang + 0.5))
    return [
        _stroke(path, width, colour),
        f'<polygon points="{_pts([tip, left, right])}" fill="{colour}" stroke="{colour}" '
        f'stroke-width="{_f(width * 0.6)}" stroke-linejoin="round"/>',
    ]


@lru_cache(maxsize=512)
def _trail_path(solved: SolvedScene, trail: Trail, view: View) -> list[tuple[float, float]]:
    samples = [solved.figure(i / 16) for i in range(17)]
    path = [view.px(_resolve(fig, trail.point)) for fig in samples]
    centre = view.px(samples[-1].point("waist"))
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
    if length < 6 * view.s:
        return []
    mid = path[len(path) // 2]
    chord = (path[-1][0] - path[0][0], path[-1][1] - path[0][1])
    normal = (-chord[1], chord[0])
    norm = math.hypot(*normal) or 1.0
    normal = (normal[0] / norm, normal[1] / norm)
    side = trail.side
    if side == 0:
        away = (mid[0] - centre[0]) * normal[0] + (mid[1] - centre[1]) * normal[1]
        side = 1 if away >= 0 else -1
    if view.flip and trail.side != 0:
        side = -side
    off = trail.offset * view.s * side
    dx = trail.shift[0] * view.s * (-1 if view.flip else 1) + normal[0] * off
    dy = -trail.shift[1] * view.s + normal[1] * off
    shifted = [(x + dx, y + dy) for x, y in path]
    return _trim(shifted, 0.1, 0.16)


def _trim(path: list[tuple[float, float]], head: float, tail: float) -> list[tuple[float, float]]:
    """Drop a fraction of the path's length from its start and end."""
    lengths = [0.0]
    for a, b in itertools.pairwise(path):
        lengths.append(lengths[-1] + math.dist(a, b))
    total = lengths[-1]
    lo, hi = total * head, total * (1 - tail)
    return [p for p, d in zip(path, lengths, strict=True) if lo <= d <= hi]


def _spin_path(spin: Spin, figure: Figure, view: View) -> list[tuple[float, float]]:
    pts = []
    for i in range(25):
        a = math.radians(spin.start + (spin.end - spin.start) * i / 24)
        c, s = math.cos(a) * spin.radius, math.sin(a) * spin.radius
        local = {"x": (0.0, c, s), "y": (c, 0.0, s), "z": (c, s, 0.0)}[spin.axis]
        pts.append(view.px(figure.attached(spin.frame, sk.add(spin.centre, local))))
    return pts


# -- footprints seen from above ----------------------------------------------------------------


def _footprints_svg(
    solved: SolvedScene, figure: Figure, box: tuple[float, float, float, float], flip: bool
) -> list[str]:
    fp = solved.scene.footprints
    if fp is None:
        return []
    x0, y0, w, h = box
    ends = [solved.figure(t) for t in (0.0, 1.0)]
    xs = [f.point(f"{s}_{e}")[0] for f in ends for s in sk.SIDES for e in ("heel", "toe")]
    xs += [m[0] for m in fp.marks]
    zs = [f.point(f"{s}_{e}")[2] for f in ends for s in sk.SIDES for e in ("heel", "toe")]
    zs += [m[1] for m in fp.marks]
    cx, cz = (min(xs) + max(xs)) / 2, (min(zs) + max(zs)) / 2
    k = min((w - 20) / (max(xs) - min(xs) + 12), (h - 30) / (max(zs) - min(zs) + 12), 3.0)

    def to_px(x: float, z: float) -> tuple[float, float]:
        u = (x - cx) * k
        return (x0 + w / 2 + (-u if flip else u), y0 + 8 + (h - 8) / 2 + (z - cz) * k)

    out = _inset_frame(x0, y0, w, h)
    for mx, mz in fp.marks:
        c = to_px(mx, mz)
        out.append(
            f'<circle cx="{_f(c[0])}" cy="{_f(c[1])}" r="{_f(6.5 * k)}" fill="none" '
            f'stroke="{ACCENT}" stroke-width="2" stroke-dasharray="3,3"/>'
        )
    worker = solved.scene.worker
    for side in sk.SIDES:
        heel, toe = figure.point(f"{side}_heel"), figure.point(f"{side}_toe")
        lifted = min(heel[1], toe[1]) > sk.FOOT_W / 2 + 3.0
        colour = ACCENT if f"{side}_leg" in worker else BODY
        a, b = to_px(heel[0], heel[2]), to_px(toe[0], toe[2])
        ball = (a[0] + (b[0] - a[0]) * 0.72, a[1] + (b[1] - a[1]) * 0.72)
        if lifted:
            # A foot off the floor: only a dashed outline where it would stand.
            out.append(
                f'<polyline points="{_pts([a, b])}" fill="none" stroke="{colour}" '
                f'stroke-width="{_f(2.0)}" stroke-dasharray="3,3" stroke-linecap="round"/>'
            )
        else:
            out.append(_stroke([a, b], 8.0 * k, colour))
            out.append(_circle(ball, 5.6 * k, colour))
    return out


# -- the whole figure seen from above -----------------------------------------------------------


def _inset_frame(x0: float, y0: float, w: float, h: float) -> list[str]:
    return [
        f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(w)}" height="{_f(h)}" rx="{_f(10)}" '
        f'fill="#ffffff" stroke="{FLOOR}" stroke-width="1.5"/>',
        f'<text x="{_f(x0 + 9)}" y="{_f(y0 + 15)}" font-family="{FONT}" font-size="11" '
        f'fill="{CAPTION}">from above</text>',
    ]


def _top_view_svg(
    solved: SolvedScene, figure: Figure, box: tuple[float, float, float, float], flip: bool
) -> list[str]:
    """Lap, shoulders and head seen from straight above, in a small box: shows a turn."""
    x0, y0, w, h = box
    view = View(Camera(elev=90.0).matrix, flip)
    parts = ("r_knee", "l_knee", "r_shoulder", "l_shoulder", "pelvis")
    start = solved.figure(0.0)
    pts = [view.project(f.point(n)) for f in (start, figure) for n in parts]
    u0, u1 = min(p[0] for p in pts) - 10, max(p[0] for p in pts) + 10
    v0, v1 = min(p[1] for p in pts) - 10, max(p[1] for p in pts) + 10
    s = min((w - 12) / (u1 - u0), (h - 26) / (v1 - v0))
    ox = x0 + w / 2 - s * (u0 + u1) / 2
    oy = y0 + 13 + (h - 13) / 2 + s * (v0 + v1) / 2
    view = View(view.camera, flip, s, ox, oy)
    px = view.px
    out = _inset_frame(x0, y0, w, h)
    for side in sk.SIDES:
        lap = [px(figure.point(f"{side}_hip")), px(figure.point(f"{side}_knee"))]
        out.append(_stroke(lap, sk.THIGH_W * s, BODY_FAR))
    out.append(_stroke([px(figure.point("r_hip")), px(figure.point("l_hip"))], 16 * s, BODY_FAR))
    accent = ACCENT if "trunk" in solved.scene.worker else BODY
    for fig, colour in ((start, GHOST), (figure, accent)):
        shoulders = [px(fig.point("r_shoulder")), px(fig.point("l_shoulder"))]
        out.append(_stroke(shoulders, 12.0 * s, colour))
    out.append(_circle(px(figure.point("nose")), 3.2 * s, BODY))
    head = px(figure.point("head"))
    out.append(
        f'<circle cx="{_f(head[0])}" cy="{_f(head[1])}" r="{_f(sk.HEAD_R * 0.8 * s)}" '
        f'fill="#ffffff" stroke="{BODY}" stroke-width="{_f(2.5 * s)}"/>'
    )
    return out


# -- whole panels ------------------------------------------------------------------------------


def _bounds(solved: SolvedScene, view: View) -> tuple[float, float, float, float]:
    us: list[float] = []
    vs: list[float] = []
    for t in (0.0, 0.5, 1.0):
        fig = solved.figure(t)
        for pt, r in sk.body_extents(fig):
            u, v, _ = view.project(pt)
            us += [u - r, u + r]
            vs += [v - r, v + r]
    for prop in solved.props:
        if isinstance(prop, Rod):
            corners = [prop.a, prop.b]
        else:
            corners = [(x, y, z) for x in prop.x for y in prop.y for z in prop.z]
        for corner in corners:
            u, v, _ = view.project(corner)
            us.append(u)
            vs.append(v)
    return min(us), min(vs), max(us), max(vs)


def layout(solved: SolvedScene, flip: bool, width: float, height: float) -> View:
    """Scale and place the scene so start and end poses both fit the panel, feet near the foot."""
    view = View(solved.scene.camera.matrix, flip)
    u0, v0, u1, v1 = _bounds(solved, view)
    pad_x, pad_top, pad_bottom = 0.06 * width, 0.08 * height, 0.1 * height
    s = min((width - 2 * pad_x) / (u1 - u0), (height - pad_top - pad_bottom) / (v1 - v0))
    ox = width / 2 - s * (u0 + u1) / 2
    oy = height - pad_bottom - (height - pad_top - pad_bottom - s * (v1 - v0)) / 2 + s * v0
    return View(view.camera, flip, s, ox, oy)


def panel(
    solved: SolvedScene,
    view: View,
    phase: float,
    *,
    width: float,
    height: float,
    ghost: bool = True,
    label: str = "",
) -> list[str]:
    """SVG elements (in a width x height box at the origin) for one phase of the scene.

    ``view`` comes from `layout` and is shared by every phase, so the figure does not jump.
    """
    scene = solved.scene
    flip = view.flip
    t = ease(phase)
    figure = solved.figure(t)
    out = [
        f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" rx="{_f(width * 0.035)}" '
        f'fill="{BACKGROUND}"/>'
    ]
    if scene.floor and scene.camera.elev == 0:
        y = view.oy
        out.append(
            f'<line x1="{_f(width * 0.03)}" y1="{_f(y)}" x2="{_f(width * 0.97)}" y2="{_f(y)}" '
            f'stroke="{FLOOR}" stroke-width="{_f(max(1.5, 2.2 * view.s))}" '
            f'stroke-linecap="round"/>'
        )
    for prop in solved.props:
        out += _prop_svg(prop, view)
    fade = min(1.0, 2.0 * t)
    if ghost and fade > 0.01:
        shade = _mix(BACKGROUND, GHOST, fade)
        items = _figure_items(solved.figure(0.0), view, lambda part, far: shade)
        out += [svg for _, svg in sorted(items, key=lambda it: it[0])]
    items = _figure_items(figure, view, _body_colour(scene.worker), halo=BACKGROUND)
    items += [_strap_items(strap, figure, view) for strap in scene.straps]
    out += [svg for _, svg in sorted(items, key=lambda it: it[0])]
    if ghost and fade > 0.01:
        colour = _mix(BACKGROUND, ACCENT, 0.75 * fade)
        for arrow in scene.arrows:
            if isinstance(arrow, Trail):
                path = _trail_path(solved, arrow, view)
            else:
                path = _spin_path(arrow, figure, view)
            out += _arrow_svg(path, max(2.0, 3.2 * view.s), colour)
    inset = (width * 0.7, height * 0.04, width * 0.27, height * 0.3)
    out += _footprints_svg(solved, figure, inset, flip)
    if scene.top_view:
        out += _top_view_svg(solved, figure, inset, flip)
    if scene.caption:
        out.append(_text(width * 0.04, height * 0.95, _(scene.caption), 12.5, CAPTION))
    if label:
        out.append(_text(width * 0.04, height * 0.09, label, 15, BODY, bold=True))
    return out


def _text(
    x: float, y: float, text: str, size: float, colour: str, *, bold: bool = False, anchor: str = ""
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    if anchor:
        weight += f' text-anchor="{anchor}"'

    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-family="{FONT}" font-size="{_f(size)}"'
        f'{weight} fill="{colour}">{safe}</text>'
    )


def document(width: float, height: float, body: Iterable[str]) -> str:
    w, h = _f(width), _f(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
        f'width="{w}" height="{h}" viewBox="0 0 {w} {h}">\n' + "\n".join(body) + "\n</svg>\n"
    )


def translated(dx: float, body: Iterable[str]) -> list[str]:
    return [f'<g transform="translate({_f(dx)},0)">', *body, "</g>"]


def sheet_arrow(x: float, y: float, width: float) -> str:
    """The small arrow between the start and end panels of a sheet."""
    head = x + width - 12
    shape = [(x, y - 7), (head, y - 7), (head, y - 14), (x + width, y)]
    shape += [(head, y + 14), (head, y + 7), (x, y + 7)]
    return (
        f'<polygon points="{_pts(shape)}" fill="{ACCENT_FAR}" stroke="{ACCENT_FAR}" '
        f'stroke-width="3" stroke-linejoin="round"/>'
    )


def placeholder(width: float, height: float, text: str) -> str:
    """A soft grey figure outline and a short note, for a missing or broken picture."""
    s = min(width, height) / 360
    cx, cy = width / 2, height * 0.44
    grey, line = "#c9ccd0", "#e4e6e8"

    def at(x: float, y: float) -> tuple[float, float]:
        return (cx + x * s, cy + y * s)

    body = [
        f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" rx="{_f(width * 0.035)}" '
        f'fill="{BACKGROUND}"/>',
        f'<rect x="{_f(cx - 95 * s)}" y="{_f(cy - 120 * s)}" width="{_f(190 * s)}" '
        f'height="{_f(215 * s)}" rx="{_f(22 * s)}" fill="none" stroke="{line}" '
        f'stroke-width="{_f(5 * s)}" stroke-dasharray="{_f(14 * s)},{_f(10 * s)}"/>',
        _circle(at(0, -78), 17 * s, grey),
        _stroke([at(0, -50), at(0, 8)], 30 * s, grey),
        _stroke([at(-8, 12), at(-16, 75)], 14 * s, grey),
        _stroke([at(8, 12), at(16, 75)], 14 * s, grey),
        _stroke([at(-20, -40), at(-38, 0)], 11 * s, grey),
        _stroke([at(20, -40), at(38, 0)], 11 * s, grey),
        _text(cx, height * 0.88, text, 22 * s, CAPTION, anchor="middle"),
    ]
    return document(width, height, body)

"""The screens' colours and Qt style sheets, in one place.

Most style sheets name palette roles (``palette(mid)``, ``palette(highlight)``) and so follow
a light or dark palette by themselves. The few fixed colours that would not read on both are
picked here from the palette, through ``is_dark``; nothing else in the UI decides light from
dark. The printed report keeps its own ink in ``report/``: paper is always white, and the
report may not import the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK


def is_dark(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> bool:
    """Whether ``role`` (the window, or the base of lists and charts) is a dark colour."""
    return palette.color(role).lightness() < 128


def mix(base: QColor, other: QColor, amount: float) -> QColor:
    """The colour amount (0 to 1) of the way from base to other."""
    return QColor(
        round(base.red() + (other.red() - base.red()) * amount),
        round(base.green() + (other.green() - base.green()) * amount),
        round(base.blue() + (other.blue() - base.blue()) * amount),
    )


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast_ratio(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21; ordinary text needs at least 4.5, large text 3."""
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def legible(ink: QColor, paper: QColor, minimum: float = 4.5) -> QColor:
    """``ink``, moved towards black or white just far enough to reach ``minimum`` on ``paper``."""
    if contrast_ratio(ink, paper) >= minimum:
        return ink
    target = QColor("#000000") if relative_luminance(paper) > 0.18 else QColor("#ffffff")
    for step in range(1, 21):
        moved = mix(ink, target, step / 20)
        if contrast_ratio(moved, paper) >= minimum:
            return moved
    return target


def muted_text(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """Grey text for the quieter rows and notes on ``role`` (the list base by default): solid,
    not the half-transparent placeholder colour, and at least 4.5:1."""
    paper = palette.color(role)
    ink_role = QPalette.ColorRole.Text
    if role == QPalette.ColorRole.Window:
        ink_role = QPalette.ColorRole.WindowText
    return legible(mix(paper, palette.color(ink_role), 0.6), paper)


# -- keyboard focus and the countdown ring -------------------------------------------------

FOCUS_RING_WIDTH = 3  # pixels: a ring seen at a glance, not Fusion's faint one-pixel line


def focus_ring_colour(palette: QPalette) -> QColor:
    """The highlight colour, deepened if needed to stand out 3:1 from the window."""
    window = palette.color(QPalette.ColorRole.Window)
    return legible(palette.color(QPalette.ColorRole.Highlight), window, 3.0)


def ring_track(palette: QPalette) -> QColor:
    """The countdown ring's empty track: a quiet grey of the window's own text colour, so it
    shows on a light window and a dark one alike."""
    window = palette.color(QPalette.ColorRole.Window)
    return mix(window, palette.color(QPalette.ColorRole.WindowText), 0.22)


# -- fixed hues, bright and deep enough to carry white text on either palette ------------------

TEAL = "#2a9d8f"  # exercising, and the Done button
SAFETY_RED = "#b3261e"  # the pain stop button and the reasons that are about safety
# The countdown ring's colour for each kind of step.
KIND_COLOURS = {WORK: TEAL, REST: "#5b8def", PREPARE: "#e9a23b", SWITCH: "#b07cc6"}


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, TEAL))


def warning_colour(palette: QPalette) -> str:
    """Orange text for "look at this" (a skipped step, a full notes box) on the list base."""
    return "#f0a03c" if is_dark(palette, QPalette.ColorRole.Base) else "#b34700"


# -- the red-flag boxes: a deep red or amber on light, a soft one on dark, so headings read ---


def red_flag_accent(palette: QPalette) -> str:
    return "#ff8a80" if is_dark(palette) else SAFETY_RED


def same_day_accent(palette: QPalette) -> str:
    """Amber for the same-day tier: less alarming than red, still readable on either palette."""
    return "#f0a03c" if is_dark(palette) else "#a14000"


def red_flag_tier_style(palette: QPalette, tier: str) -> str:
    """The style for one tier's box on the safety screen: red for an emergency, amber for the
    same day, a plain grey edge for soon. The box and its heading are named after the tier."""
    dark = is_dark(palette)
    if tier == "emergency":
        accent, edge = red_flag_accent(palette), 8
        # i18n: not words (colours)
        wash = "rgba(255, 110, 100, 0.14)" if dark else "rgba(179, 38, 30, 0.08)"
    elif tier == "same_day":
        accent, edge = same_day_accent(palette), 6
        # i18n: not words (colours)
        wash = "rgba(240, 160, 60, 0.10)" if dark else "rgba(179, 71, 0, 0.05)"
    else:
        accent, edge, wash = "palette(text)", 4, "transparent"
    border = accent if tier in ("emergency", "same_day") else "palette(mid)"
    return (
        f"QFrame#{tier}Flags {{ border: none; border-left: {edge}px solid {border};"
        f" background: {wash}; }}"
        f" QLabel#{tier}Heading {{ color: {accent}; }}"
    )


# -- the pain check-in -----------------------------------------------------------------------


def pain_colours(value: int) -> tuple[str, str, str]:
    """Soft fill, darker edge and text colour for a selected pain score.

    The hue slides from green (0) through amber (5) to red (10); the fill stays light with
    dark text so it reads on light and dark palettes alike.
    """
    value = max(0, min(10, value))
    hue = 125 - 17 * value if value <= 5 else 40 - 8 * (value - 5)
    fill = QColor.fromHslF(hue / 360, 0.62, 0.66)
    edge = QColor.fromHslF(hue / 360, 0.75, 0.32)
    return fill.name(), edge.name(), "#1b1b1b"


# A page that scrolls takes the focus (arrow keys scroll it). It fills its window, so a ring
# drawn outside it (ui.focus_ring) would be cut off: it draws its own, inside its edge.
SCROLLING_PAGE_STYLE = (
    f"QScrollArea {{ border: {FOCUS_RING_WIDTH}px solid transparent; border-radius: 4px; }}"
    " QScrollArea:focus { border-color: palette(highlight); }"
)
# Formatted with the row's object name, so the focus ring is the row's own.
CHOICE_ROW_STYLE = (
    "QFrame#{name} {{ border: 2px solid transparent; border-radius: 10px; }}"
    " QFrame#{name}:focus {{ border-color: palette(highlight); }}"
)
# Formatted with the checked button's fill, edge and ink.
CHOICE_BUTTON_STYLE = (
    "QPushButton {{ border: 1px solid palette(mid); border-radius: 8px;"
    " background: palette(button); color: palette(button-text); padding: 4px 10px; }}"
    " QPushButton:hover {{ border-color: palette(highlight); }}"
    " QPushButton:checked {{ background: {fill}; color: {ink}; border: 3px solid {edge}; }}"
)
HIGHLIGHT_CHOICE = {
    "fill": "palette(highlight)",
    "edge": "palette(highlight)",
    "ink": "palette(highlighted-text)",
}

# -- the stop sheet --------------------------------------------------------------------------

# Formatted with the edge: red for the reasons about safety, plain for the rest.
REASON_STYLE = (
    "QPushButton {{ text-align: left; padding: 10px 16px; border-radius: 10px;"
    " border: 2px solid {edge}; background: palette(base); color: palette(text); }}"
    " QPushButton:hover {{ background: palette(alternate-base); }}"
    " QPushButton:focus {{ border: 4px solid palette(highlight); }}"
)
SAFETY_EDGE = SAFETY_RED
PLAIN_EDGE = "palette(mid)"

# -- the other screens -----------------------------------------------------------------------

PLAYER_STYLE = (
    f"QPushButton#painStop {{ background: {SAFETY_RED}; color: white; font-weight: bold;"
    " border-radius: 6px; padding: 6px 14px; }"
    f"QPushButton#doneButton {{ background: {TEAL}; color: white; font-weight: bold;"
    " border-radius: 10px; padding: 10px 40px; }"
    "QLabel#notice { background: rgba(233, 162, 59, 60); border-radius: 6px;"
    " padding: 6px; }"
    # A caution reads as a caution on light and dark palettes alike: an amber rule, no fill.
    # (Qt draws a one-sided border only when style, colour and widths are given apart.)
    "QLabel#caution { border-style: solid; border-color: rgb(233, 162, 59);"
    " border-width: 0px 0px 0px 5px; padding: 4px 8px; }"
    "QPushButton:checked { font-weight: bold; }"
)
# A suggestion card: a quiet frame, with a safety-red edge when it asks to see a clinician.
SUGGESTION_STYLE = (
    "QFrame#suggestion { border: 1px solid palette(mid); border-radius: 6px; }"
    f"QFrame#suggestion[kind='see_clinician'] {{ border: 2px solid {SAFETY_RED}; }}"
)
NAVIGATION_STYLE = "QListWidget { font-size: 16px; } QListWidget::item { padding: 10px; }"
UNDO_BAR_STYLE = (
    "QFrame#undoBar { background: palette(alternate-base);"
    " border: 1px solid palette(mid); border-radius: 6px; }"
)
PROGRESS_STYLE = (
    "QFrame#card { border: 1px solid palette(mid); border-radius: 6px; }"
    "QPushButton[range='true']:checked { background: palette(highlight);"
    " color: palette(highlighted-text); border: 1px solid palette(highlight);"
    " border-radius: 4px; padding: 4px; }"
)
BIG_CHECKBOX_STYLE = "QCheckBox::indicator { width: 22px; height: 22px; }"


# -- the charts on Progress ------------------------------------------------------------------


@dataclass(frozen=True)
class ChartColours:
    """Colours that read on the current palette; the series hues suit colour-blind eyes too."""

    dark: bool
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    sessions: QColor
    minutes: QColor
    plan: QColor
    back: QColor
    leg: QColor
    shades: tuple[QColor, ...]  # the calendar, from no exercise to the most
    # How far down the leg the next morning, beside the leg's own colour for the session.
    morning: QColor
    # The traffic light of a day on the calendar; each colour also has its own shape.
    light_green: QColor
    light_amber: QColor
    light_red: QColor

    def light(self, colour: str) -> QColor:
        """The mark's colour for a light ("green", "amber" or "red")."""
        return {"green": self.light_green, "amber": self.light_amber}.get(colour, self.light_red)

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColours:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = is_dark(palette, QPalette.ColorRole.Base)
        muted = mix(background, text, 0.65)
        grid = mix(background, text, 0.15)
        if dark:
            series = ("#4fc3a1", "#b39ddb", "#56b4e9", "#f0a03c", "#e69fcb")
            shades = ("#24603d", "#2f8a4d", "#40b061", "#6ee08a")
            lights = ("#5fe08f", "#ffc247", "#ff6f61")
        else:
            series = ("#1b8a6b", "#6a5acd", "#0072b2", "#d55e00", "#aa3377")
            shades = ("#c6e9c9", "#7bc98a", "#3a9d57", "#1f6b36")
            lights = ("#0f6b2f", "#e69f00", "#c8102e")
        return cls(
            dark=dark,
            background=background,
            text=text,
            muted=muted,
            grid=grid,
            sessions=QColor(series[0]),
            minutes=QColor(series[1]),
            plan=text,
            back=QColor(series[2]),
            leg=QColor(series[3]),
            shades=(mix(background, text, 0.1), *(QColor(s) for s in shades)),
            morning=QColor(series[4]),
            light_green=QColor(lights[0]),
            light_amber=QColor(lights[1]),
            light_red=QColor(lights[2]),
        )

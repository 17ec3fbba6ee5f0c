"""Every text colour pair the app paints reads at WCAG AA: 4.5:1 for ordinary text, 3:1 for
large bold type and for the lines of a chart, computed from the app's own palettes (light,
dark, both high-contrast ones and the system's Fusion palette as the app adjusts it) and the
fixed colours in ui/colours.py."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from sciatica_coach.ui import colours
from sciatica_coach.ui.appearance import (
    DARK_COLOURS,
    HIGH_CONTRAST_DARK,
    HIGH_CONTRAST_LIGHT,
    LIGHT_COLOURS,
    Theme,
    high_contrast_palette,
    legible_system,
    theme_palette,
)
from sciatica_coach.ui.colours import ChartColours, contrast_ratio

TEXT = 4.5
LARGE = 3.0  # bold type of 14 pt or more, and lines and marks that are not words

Role = QPalette.ColorRole
TEXT_PAIRS = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
)


def fusion() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


def palettes() -> dict[str, QPalette]:
    system = fusion()
    light = theme_palette(Theme.LIGHT, system)
    dark = theme_palette(Theme.DARK, system)
    return {
        "system": theme_palette(Theme.SYSTEM, system),
        "light": light,
        "dark": dark,
        "high contrast light": high_contrast_palette(light),
        "high contrast dark": high_contrast_palette(dark),
    }


@pytest.fixture(params=["system", "light", "dark", "high contrast light", "high contrast dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> QPalette:
    return palettes()[request.param]


def solid(palette: QPalette, role: QPalette.ColorRole) -> QColor:
    """The role's colour as painted over its background (a placeholder is half see-through)."""
    colour = palette.color(role)
    if colour.alpha() == 255:
        return colour
    under = palette.color(Role.Base)
    return colours.mix(under, QColor(colour.red(), colour.green(), colour.blue()), colour.alphaF())


def test_the_ratio_matches_known_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_fusions_own_grey_text_was_too_faint(qapp: QApplication) -> None:
    """Why the system palette is adjusted: its hint text is black at half strength, 4.0:1."""
    system = fusion()
    assert contrast_ratio(solid(system, Role.PlaceholderText), system.color(Role.Base)) < TEXT
    fixed = legible_system(system)
    assert contrast_ratio(solid(fixed, Role.PlaceholderText), fixed.color(Role.Base)) >= TEXT


def test_every_palette_text_pair_reads(palette: QPalette) -> None:
    for ink, paper in TEXT_PAIRS:
        ratio = contrast_ratio(solid(palette, ink), palette.color(paper))
        assert ratio >= TEXT, f"{ink.name} on {paper.name}: {ratio:.2f}"


def test_disabled_text_is_still_legible_in_the_apps_own_themes() -> None:
    for colours_of in (LIGHT_COLOURS, DARK_COLOURS, HIGH_CONTRAST_LIGHT, HIGH_CONTRAST_DARK):
        hint = QColor(colours_of[Role.PlaceholderText])
        for paper in (Role.Window, Role.Base, Role.Button):
            assert contrast_ratio(hint, QColor(colours_of[paper])) >= TEXT


def test_high_contrast_is_at_least_seven_to_one(qapp: QApplication) -> None:
    for name in ("high contrast light", "high contrast dark"):
        palette = palettes()[name]
        for ink, paper in TEXT_PAIRS:
            assert contrast_ratio(solid(palette, ink), palette.color(paper)) >= 7.0, (name, ink)


def test_muted_rows_and_warnings_read_on_the_list(palette: QPalette) -> None:
    base = palette.color(Role.Base)
    window = palette.color(Role.Window)
    assert contrast_ratio(colours.muted_text(palette), base) >= TEXT
    assert contrast_ratio(colours.muted_text(palette, Role.Window), window) >= TEXT
    assert contrast_ratio(QColor(colours.warning_colour(palette)), base) >= TEXT


def test_red_flag_headings_read_on_the_window(palette: QPalette) -> None:
    window = palette.color(Role.Window)
    assert contrast_ratio(QColor(colours.red_flag_accent(palette)), window) >= TEXT
    assert contrast_ratio(QColor(colours.same_day_accent(palette)), window) >= TEXT


def test_white_on_the_stop_button_and_bold_white_on_done() -> None:
    white = QColor("#ffffff")
    assert contrast_ratio(white, QColor(colours.SAFETY_RED)) >= TEXT
    # Done is bold type of 34 px or more: large text.
    assert contrast_ratio(white, QColor(colours.TEAL)) >= LARGE


@pytest.mark.parametrize("score", range(11))
def test_the_pain_score_ink_reads_on_its_fill(score: int) -> None:
    fill, _edge, ink = colours.pain_colours(score)
    assert contrast_ratio(QColor(ink), QColor(fill)) >= TEXT


def test_chart_words_and_lines_read_on_the_chart(palette: QPalette) -> None:
    chart = ChartColours.from_palette(palette)
    assert contrast_ratio(chart.text, chart.background) >= TEXT
    assert contrast_ratio(chart.muted, chart.background) >= TEXT
    for line in (chart.sessions, chart.minutes, chart.back, chart.leg, chart.morning):
        assert contrast_ratio(line, chart.background) >= LARGE, line.name()
    for mark in (chart.light_green, chart.light_red):
        assert contrast_ratio(mark, chart.background) >= LARGE, mark.name()


def test_the_focus_ring_and_the_ring_track_stand_out(palette: QPalette) -> None:
    window = palette.color(Role.Window)
    assert contrast_ratio(colours.focus_ring_colour(palette), window) >= LARGE
    # The track is a quiet guide behind the coloured arc, not text: seen, not loud.
    assert contrast_ratio(colours.ring_track(palette), window) >= 1.3


def test_the_illustration_panel_turns_dark_on_a_dark_palette(qapp: QApplication) -> None:
    from sciatica_coach.illustrations import render_svg
    from sciatica_coach.ui.dark_ink import svg_for_palette, turned
    from sciatica_coach.ui.illustration import IllustrationView

    dark = palettes()["dark"]
    svg = render_svg("cat_camel", 0.5)
    assert svg_for_palette(svg, palettes()["light"]) == svg, "a light window: as drawn"
    assert "#f6f4ef" in svg and "#f6f4ef" not in svg_for_palette(svg, dark)
    floor = dark.color(Role.Window).lightnessF()
    panel = QColor(turned("#f6f4ef", floor))
    assert panel.lightnessF() < 0.25, "no cream block on a dark window"
    figure = QColor(turned("#41546a", floor))  # the figure's slate goes light
    assert contrast_ratio(figure, panel) >= LARGE
    orange = QColor(turned("#e07a3a", floor))
    assert abs(orange.hslHueF() - QColor("#e07a3a").hslHueF()) < 0.02, "hues kept"

    view = IllustrationView()
    view.setPalette(dark)
    view.resize(480, 360)
    view.show_exercise("cat_camel")
    picture = view.grab().toImage()
    corner = picture.pixelColor(picture.width() // 2, 12)
    assert corner.lightnessF() < 0.3, corner.name()

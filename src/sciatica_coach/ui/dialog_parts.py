"""The parts the full-size dialogs and pages are built from: readable type, word-wrapped
labels, bulleted lists, a scrolling body and roomy buttons, sized to fit the screen.

The safety screens, the pain check-in and the stop sheet share them, so all of them read
at the same size.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QLabel, QScrollArea, QWidget

from sciatica_coach.i18n import _
from sciatica_coach.ui.colours import SCROLLING_PAGE_STYLE

BASE_POINT_SIZE = 13.0
HEADING_POINT_SIZE = 17.0
TITLE_POINT_SIZE = 21.0
LIST_STYLE = "margin-top:0px; margin-bottom:0px; margin-left:0px; -qt-list-indent:1"
# The text size setting (1.0 as the system's), which scales the sizes above wherever they
# are used; set by ui/appearance, read as each dialog or page is built.
_text_scale = 1.0


def set_text_scale(scale: float) -> None:
    global _text_scale
    _text_scale = max(0.5, min(scale, 2.0))


def scaled(point_size: float) -> float:
    """``point_size`` at the user's text size."""
    return point_size * _text_scale


def use_readable_font(widget: QWidget, minimum: float = BASE_POINT_SIZE) -> None:
    """Give ``widget`` (and so its children) at least ``minimum`` points of text."""
    font = QFont(widget.font())
    if font.pointSizeF() < scaled(minimum):
        font.setPointSizeF(scaled(minimum))
    widget.setFont(font)


def sized_label(text: str, point_size: float, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    font = QFont(label.font())
    font.setPointSizeF(scaled(point_size))
    font.setBold(bold)
    label.setFont(font)
    return label


def bullet_list(items: tuple[str, ...], point_size: float = BASE_POINT_SIZE) -> QLabel:
    """A word-wrapped bulleted list; the items are our own text, escaped all the same."""
    rows = "".join(f"<li style='margin-bottom:6px'>{html.escape(item)}</li>" for item in items)
    label = QLabel(f"<ul style='{LIST_STYLE}'>{rows}</ul>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    # Set outright: a parent with a style sheet does not pass its font down.
    font = QFont(label.font())
    font.setPointSizeF(scaled(point_size))
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def scrolling(content: QWidget, name: str = "") -> QScrollArea:
    """Wrap ``content`` so a small window scrolls instead of clipping text. The area takes
    the focus (arrow keys scroll it), so a screen reader hears ``name`` for it ("Page" when
    none is given)."""
    area = QScrollArea()
    area.setAccessibleName(name or _("Page"))
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    area.setStyleSheet(SCROLLING_PAGE_STYLE)
    area.setWidget(content)
    return area


def make_roomy(buttons: QDialogButtonBox) -> None:
    for button in buttons.buttons():
        button.setMinimumSize(120, 44)


def fit_to_screen(dialog: QDialog, width: int, height: int) -> None:
    """Resize to ``width`` x ``height``, or less if the screen is smaller."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - 40)
        height = min(height, room.height() - 40)
    dialog.resize(width, height)

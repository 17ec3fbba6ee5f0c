"""A clearly visible keyboard focus ring around whichever control has the focus, app-wide.

Fusion marks focus with a faint one-pixel line. A style sheet ``:focus`` rule would redraw
each kind of control in its own way (spin boxes and combo boxes lose their arrows, styled
buttons change size), so instead one QFocusFrame follows the focus and draws a thick ring
just outside the control, in the highlight colour, leaving the control's own look alone.
Controls whose own style sheet already draws a ``:focus`` ring (the check-in's rows, the
stop sheet's reasons) keep theirs and get no second one.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

from sciatica_coach.ui.colours import FOCUS_RING_WIDTH, focus_ring_colour
from sciatica_coach.ui.enter_key import install_enter_presses

FOCUS_RING_NAME = "focusRing"


class FocusRing(QFocusFrame):
    """The ring itself: transparent to the mouse, never focused, painted in the palette's
    highlight colour (deepened where it would not stand out)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName(FOCUS_RING_NAME)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(focus_ring_colour(self.palette()), FOCUS_RING_WIDTH))
        inset = FOCUS_RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 5, 5)
        painter.end()


class FocusRingFollower:
    """Moves one FocusRing to each newly focused control (a new ring if the old one went with
    a closed dialog)."""

    def __init__(self, app: QApplication) -> None:
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._follow)
        # The app installs it once its window is on screen: ring what is focused already.
        self._follow(None, app.focusWidget())

    @property
    def ring(self) -> FocusRing | None:
        return self._ring if self._ring is not None and shiboken6.isValid(self._ring) else None

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        ring = self.ring
        if new is None or not _rings(new):
            if ring is not None:
                ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes null: no widget
            return
        if ring is None:
            ring = self._ring = FocusRing()
        ring.setWidget(new)


def _rings(widget: QWidget) -> bool:
    """Whether ``widget`` gets the ring: Tab stops do, unless they draw their own."""
    tab_stop = bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
    return tab_stop and widget.window() is not widget and ":focus" not in widget.styleSheet()


def install_focus_ring(app: QApplication) -> FocusRingFollower:
    """Show the ring in every window of ``app`` from now on (once; later calls reuse it), and
    let Enter press the button it is around (``ui.enter_key``)."""
    global _follower
    if _follower is None:
        _follower = FocusRingFollower(app)
        install_enter_presses(app)
    return _follower


# One for the life of the process, and kept alive here: a slot's owner must outlive it.
_follower: FocusRingFollower | None = None

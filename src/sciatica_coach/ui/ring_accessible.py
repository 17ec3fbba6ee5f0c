"""What a screen reader hears from the countdown ring: its name ("Time left", "Reps") and, as
its value, what the ring shows in words ("0:23, left side", "3 of 10").

The ring only paints; this interface reads its ``text`` and ``caption`` when asked, so the
painting code carries no accessibility work at 10 Hz. Qt asks for it through a factory,
installed once by ``install``.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleValueChangeEvent
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from sciatica_coach.i18n import _

RING_CLASS = "CountdownRing"  # i18n: not words (a class name)
_installed = False


def ring_value(text: str, caption: str) -> str:
    """The ring's words: the big text, then its caption (``0:23, left side``); a mark that
    is only a symbol (the finished tick) is left for the caption to say."""
    parts = (text.strip(), caption.strip())
    words = ", ".join(part for part in parts if any(c.isalnum() for c in part))
    return words.replace(" · ", ", ")


class RingAccessible(QAccessibleWidget):
    """The ring as static text whose value (and description) is the time or reps left."""

    def __init__(self, ring: QWidget) -> None:
        super().__init__(ring, QAccessible.Role.StaticText, ring.accessibleName())

    def text(self, kind: QAccessible.Text) -> str:
        if kind in (QAccessible.Text.Value, QAccessible.Text.Description):
            ring = self.object()
            return ring_value(_words(ring, "text"), _words(ring, "caption"))
        if kind == QAccessible.Text.Name:
            return self.widget().accessibleName() or _("Countdown")
        return super().text(kind)


def _words(ring: object, name: str) -> str:
    words = getattr(ring, name, "")
    return words if isinstance(words, str) else ""


def _factory(class_name: str, target: object) -> QAccessibleInterface | None:
    if class_name == RING_CLASS and isinstance(target, QWidget):
        return RingAccessible(target)
    return None


def install() -> None:
    """Let Qt build the ring's interface from here (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def value_changed(ring: QWidget, value: str) -> None:
    """Tell a listening screen reader the ring's value changed (a no-op with none running)."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleValueChangeEvent(ring, value))

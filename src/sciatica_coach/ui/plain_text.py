"""Text from the user's files and log, shown as text.

Qt reads a label, a message box or a tool tip as HTML whenever its first line looks like
markup, so a routine named ``<img src="/etc/passwd">`` would make Qt load that file. Every
widget that shows a routine or exercise name, a note or a file name goes through here (or
sets ``Qt.TextFormat.PlainText`` itself).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "") -> QLabel:
    """A label that never renders markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tool tip that reads literally.

    A tool tip has no format of its own: one that looks like markup is rendered, so it is
    escaped into markup that shows the text as it is, spaces and line breaks kept.
    """
    if not GuiQt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def show_warning(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> None:
    """A message box whose text (often an error naming a file, or a routine's name) is never
    read as markup; ``icon`` makes it an error or a notice instead of a warning."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def button_text(text: str) -> str:
    """``text`` for a button, an ``&`` in a routine's name shown as itself and not taken
    as a keyboard mnemonic."""
    return text.replace("&", "&&")

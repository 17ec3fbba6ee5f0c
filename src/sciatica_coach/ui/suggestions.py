"""The coach's suggestions as cards the user takes or sets aside, on Today and the end screen.

A card shows what to consider and why; "Take it" and "Not now" say what the user chose, and
the card goes. A suggestion to see a clinician carries a button to the warning signs. The
cards only report choices: `CoachActions` (ui/coach_actions.py) logs them and acts on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from sciatica_coach.core.words import decision_note
from sciatica_coach.i18n import _
from sciatica_coach.ui.colours import SUGGESTION_STYLE
from sciatica_coach.ui.dialog_parts import BASE_POINT_SIZE, sized_label

if TYPE_CHECKING:  # Today shows this list before the coach has read anything
    from sciatica_coach.core.symptom_log import StoredSuggestion

ACCEPTED = "accepted"
DISMISSED = "dismissed"


class SuggestionCard(QFrame):
    """One suggestion with its reason and the two answers."""

    decided = Signal(object, str)  # the StoredSuggestion, "accepted" or "dismissed"
    warning_signs_requested = Signal()

    def __init__(self, suggestion: StoredSuggestion, parent: QWidget | None = None) -> None:
        from sciatica_coach.core.coaching import SEE_CLINICIAN

        super().__init__(parent)
        self.suggestion = suggestion
        self.setObjectName("suggestion")
        self.setProperty("kind", suggestion.kind)
        self.text = sized_label(suggestion.text, BASE_POINT_SIZE + 1, bold=True)
        self.reason = sized_label(
            _("Why: {reason}").format(reason=suggestion.reason), BASE_POINT_SIZE
        )
        for label in (self.text, self.reason):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names may come from user files
        self.take_button = QPushButton(_("Take it"))
        self.take_button.setAccessibleName(
            _("Take it: {suggestion}").format(suggestion=suggestion.text)
        )
        self.take_button.clicked.connect(lambda: self.decided.emit(self.suggestion, ACCEPTED))
        self.later_button = QPushButton(_("Not now"))
        self.later_button.setAccessibleName(
            _("Not now: {suggestion}").format(suggestion=suggestion.text)
        )
        self.later_button.clicked.connect(lambda: self.decided.emit(self.suggestion, DISMISSED))
        buttons = QHBoxLayout()
        if suggestion.kind == SEE_CLINICIAN:
            self.take_button.setText(_("I will"))
            signs = QPushButton(_("Warning signs…"))
            signs.clicked.connect(self.warning_signs_requested)
            buttons.addWidget(signs)
        buttons.addStretch(1)
        for button in (self.later_button, self.take_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.text)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)


class SuggestionList(QWidget):
    """The open suggestions, most pressing first; hidden when there are none."""

    decided = Signal(object, str)
    warning_signs_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(SUGGESTION_STYLE)
        self.cards: list[SuggestionCard] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.heading = sized_label(_("Your coach suggests"), BASE_POINT_SIZE + 3, bold=True)
        self._layout.addWidget(self.heading)
        # What became of the last card answered, so taking one is seen to have worked.
        self.noted = sized_label("", BASE_POINT_SIZE)
        self.noted.setTextFormat(Qt.TextFormat.PlainText)
        self.noted.hide()
        self._layout.addWidget(self.noted)
        self.hide()

    def show_suggestions(self, suggestions: Sequence[StoredSuggestion], *, noted: str = "") -> None:
        """Cards for ``suggestions``; ``noted`` says what became of the one just answered."""
        self.noted.setText(noted)
        self.noted.setVisible(bool(noted))
        for card in self.cards:
            # Out of the layout and out of sight now; deleted when control returns to Qt.
            self._layout.removeWidget(card)
            card.hide()
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for suggestion in suggestions:
            card = SuggestionCard(suggestion)
            card.decided.connect(self._decided)
            card.warning_signs_requested.connect(self.warning_signs_requested)
            self._layout.addWidget(card)
            self.cards.append(card)
        self.setVisible(bool(self.cards) or bool(noted))

    def _decided(self, suggestion: StoredSuggestion, decision: str) -> None:
        remaining = [card.suggestion for card in self.cards if card.suggestion != suggestion]
        self.decided.emit(suggestion, decision)
        self.show_suggestions(remaining, noted=decision_note(suggestion.text, decision))

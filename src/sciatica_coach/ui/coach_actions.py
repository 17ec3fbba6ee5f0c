"""What happens when the user answers one of the coach's suggestions, wherever it was shown.

The answer is logged first. Taking a suggestion then does what it says where the app can:
a step up or easing off changes the next session (core.coach reads the taken suggestions
when it starts); leaving an exercise out writes the user's own copy of the routine;
moving on or easing off makes that routine Today's "Start here". Nothing changes unless
the user takes the suggestion.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from sciatica_coach.core.coaching import LEAVE_OUT
from sciatica_coach.core.outputs import OutputError
from sciatica_coach.core.records import LogError
from sciatica_coach.core.symptom_log import StoredSuggestion
from sciatica_coach.core.words import leave_out_done
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.plain_text import show_warning
from sciatica_coach.ui.suggestions import ACCEPTED

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_coach.core.catalog import Routine
    from sciatica_coach.ui.app import AppContext

logger = logging.getLogger(__name__)
LEAVE_OUT_TITLE = N_("Leave an exercise out")

# Writes the user's copy of a routine without one exercise; returns the file written.
CopyWriter = Callable[["Routine", str], "Path"]


class CoachActions(QObject):
    """Logs each answer and carries out the taken ones; ``changed`` tells the pages."""

    changed = Signal()
    library_changed = Signal()

    def __init__(self, context: AppContext, write_copy: CopyWriter | None = None) -> None:
        super().__init__()
        self.context = context
        self.write_copy = write_copy

    def decide(self, suggestion: StoredSuggestion, decision: str) -> None:
        try:
            self.context.log.decide_suggestion(
                suggestion.session_id,
                suggestion.rule,
                decision,
                self.context.now(),
                routine_id=suggestion.routine_id,
                exercise_id=suggestion.exercise_id,
            )
        except LogError as error:
            show_warning(None, _("Your answer could not be saved"), str(error))
            return
        logger.info(
            "Suggestion %s after session %s: %s", suggestion.rule, suggestion.session_id, decision
        )
        if decision == ACCEPTED and suggestion.kind == LEAVE_OUT:
            self._leave_out(suggestion)
        self.changed.emit()

    def _leave_out(self, suggestion: StoredSuggestion) -> None:
        routine = self.context.library.find(suggestion.routine_id or "")
        if routine is None or suggestion.exercise_id is None or self.write_copy is None:
            return
        name = next(
            (b.exercise.name for b in routine.blocks if b.exercise.id == suggestion.exercise_id),
            suggestion.exercise_id,
        )
        try:
            written = self.write_copy(routine, suggestion.exercise_id)
        except (ValueError, OutputError) as error:
            show_warning(None, _(LEAVE_OUT_TITLE), str(error))
            return
        logger.info("Wrote the user's copy of routine %s to %s", routine.id, written.name)
        self.library_changed.emit()
        show_warning(
            None,
            _(LEAVE_OUT_TITLE),
            leave_out_done(routine.name, name)
            + " "
            + _("It is saved as {file}.").format(file=written),
            QMessageBox.Icon.Information,
        )

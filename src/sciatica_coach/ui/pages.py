"""The main window's pages by name, so code says where it goes instead of counting rows."""

from __future__ import annotations

from enum import Enum


class Page(Enum):
    TODAY = "Today"
    ROUTINES = "Routines"
    LIBRARY = "Exercises"
    PROGRESS = "Progress"
    HISTORY = "History"
    # The pages of a session, in the order a session passes through them.
    CHECK_IN = "Check-in"
    PLAYER = "Exercise"
    STOP_SHEET = "Stop"
    ADVICE = "Advice"
    END = "Done"
    # The morning after a session: not a session page, but it hides the side bar too.
    MORNING = "Morning check"


# The pages the side bar lists, top to bottom.
NAVIGATION: tuple[Page, ...] = (
    Page.TODAY,
    Page.ROUTINES,
    Page.LIBRARY,
    Page.PROGRESS,
    Page.HISTORY,
)

"""The main window's pages by name, so code says where it goes instead of counting rows.
Each value is the page's name as the side bar shows it (translate it with ``_``)."""

from __future__ import annotations

from enum import Enum

from sciatica_coach.i18n import N_


class Page(Enum):
    TODAY = N_("Today")
    ROUTINES = N_("Routines")
    LIBRARY = N_("Exercises")
    PROGRESS = N_("Progress")
    HISTORY = N_("History")
    # The pages of a session, in the order a session passes through them.
    CHECK_IN = N_("Check-in")
    PLAYER = N_("Exercise")
    STOP_SHEET = N_("Stop")
    ADVICE = N_("Advice")
    END = N_("Done")
    # The morning after a session: not a session page, but it hides the side bar too.
    MORNING = N_("Morning check")


# The pages the side bar lists, top to bottom.
NAVIGATION: tuple[Page, ...] = (
    Page.TODAY,
    Page.ROUTINES,
    Page.LIBRARY,
    Page.PROGRESS,
    Page.HISTORY,
)

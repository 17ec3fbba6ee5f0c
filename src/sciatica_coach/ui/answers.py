"""What the user answered in the main window's questions, by name rather than by string."""

from __future__ import annotations

from enum import Enum


class ResumeAnswer(Enum):
    """The answer to "your session did not finish" at start-up."""

    RESUME = "resume"
    LATER = "later"  # ask again at the next start; History offers it meanwhile
    CLOSE = "close"  # log it as stopped


class OutputChoice(Enum):
    """Where a summary or report goes: the printer, a PDF file, or nowhere (cancelled)."""

    PRINT = "print"
    PDF = "pdf"
    CANCEL = "cancel"

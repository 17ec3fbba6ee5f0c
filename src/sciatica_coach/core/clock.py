"""The wall clock, as the one place that reads it: everything else takes it as an argument."""

from __future__ import annotations

from datetime import datetime


def local_now() -> datetime:
    """The wall clock in the user's zone, with its offset, for stored times and local dates."""
    return datetime.now().astimezone()

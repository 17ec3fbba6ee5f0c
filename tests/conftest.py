"""Fixtures shared by the test files: a data folder, a session log in it, the real app."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from known_history import build_known_history
from sciatica_coach.core import paths
from sciatica_coach.core.log import SessionLog


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder under the test's own temporary folder, not made yet."""
    return tmp_path / "data"


@pytest.fixture
def new_york() -> Iterator[None]:
    """The machine's own zone set to New York, so "local" and UTC differ."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def log(data: Path, request: pytest.FixtureRequest) -> Iterator[SessionLog]:
    """A new, empty session log in ``data``; tests marked ``known_history`` get the
    hand-counted history of ``known_history.py`` in it instead."""
    path = data / paths.DATABASE_NAME
    if request.node.get_closest_marker("known_history") is not None:
        build_known_history(path)
    with SessionLog(path) as opened:
        yield opened


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    """The real main window over ``tmp_path/data`` on a fake clock (see flow_helpers)."""
    yield from make_app(tmp_path, qtbot)


@pytest.fixture
def german_app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    """``app`` in German (the language is read as the window is built)."""
    from sciatica_coach import i18n

    i18n.set_language("de")
    try:
        yield from make_app(tmp_path, qtbot)
    finally:
        i18n.set_language("en")


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English whatever the machine's language (the app follows
    ``LANGUAGE``), and a test that switched language leaves English behind it."""
    from sciatica_coach import i18n

    monkeypatch.setenv("LANGUAGE", "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")

"""What a screen reader is told on each page: the accessible tree of every main page and
session page (role, name, value, and the description where there is one), as
docs/accessibility.txt.

Runs offscreen on the screenshot tool's fake clock and seeded history, so the dump only
changes when the app does: `python tools/accessibility_dump.py` after changing a page,
then read the diff. Containers without a name are left out and their children lifted, tables
are summed up by their size, and anything hidden is skipped, as a screen reader skips it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_screenshots import FakeClock, fresh_window, run_until
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget

from sciatica_coach.core import safety
from sciatica_coach.ui.app import MainWindow, make_application
from sciatica_coach.ui.pages import NAVIGATION, Page

Role = QAccessible.Role
QUIET_ROLES = {Role.Client, Role.Pane, Role.Grouping, Role.Window, Role.LayeredPane}
SUMMED_ROLES = {Role.Table, Role.Tree, Role.List}
DESCRIPTION_LIMIT = 90
DEFAULT_OUT = Path("docs/accessibility.txt")


def _one_line(text: str, limit: int = 0) -> str:
    text = " ".join(text.split())
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def describe(node: QAccessibleInterface) -> str:
    """``role "name" = value — description`` for one node."""
    name = _one_line(node.text(QAccessible.Text.Name))
    value = _one_line(node.text(QAccessible.Text.Value))
    description = _one_line(node.text(QAccessible.Text.Description), DESCRIPTION_LIMIT)
    line = f'{node.role().name} "{name}"'
    if value and value != name:
        line += f" = {value}"
    if description and description not in (name, value):
        line += f" — {description}"
    if node.role() in SUMMED_ROLES:
        line += f" ({node.childCount()} items)"
    return line


def tree(node: QAccessibleInterface, depth: int = 0) -> Iterator[str]:
    """The lines under ``node``, indented two spaces a level."""
    if node.state().invisible:
        return
    name = node.text(QAccessible.Text.Name).strip()
    shown = not (node.role() in QUIET_ROLES and not name)
    if shown:
        yield "  " * depth + describe(node)
    if node.role() in SUMMED_ROLES:
        return
    for index in range(node.childCount()):
        child = node.child(index)
        if child is not None and child.isValid():
            yield from tree(child, depth + 1 if shown else depth)


def widget_tree(widget: QWidget) -> list[str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    return list(tree(interface)) if interface is not None else []


def page_dump(window: MainWindow, title: str) -> list[str]:
    for _ in range(3):
        QApplication.processEvents()
    return [f"== {title}", *widget_tree(window.centralWidget()), ""]


def dump() -> list[str]:
    lines = [
        "# What a screen reader is told on each page (tools/accessibility_dump.py writes this)",
        '# role "name" = value — description; unnamed containers left out, tables summed up',
        "",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock()
        window, context = fresh_window(scratch, clock)
        window.resize(1280, 800)
        menus = QAccessible.queryAccessibleInterface(window.menuBar())
        if menus is not None:
            lines += ["== Menu bar", *tree(menus), ""]
        for page in NAVIGATION:
            window.show_page(page)
            lines += page_dump(window, page.value)
        window.start_routine("gentle-start")
        panel = window.flow.check_in
        assert panel is not None
        lines += page_dump(window, Page.CHECK_IN.value)
        panel.back.set_value(4)
        panel.leg.set_value(5)
        panel.save()
        session = window.flow.session
        assert session is not None

        def in_work() -> bool:
            state = session.state()
            return state.step is not None and state.step.kind == "work"

        run_until(window, clock, in_work)
        lines += page_dump(window, Page.PLAYER.value)
        window.flow.open_stop_sheet()
        lines += page_dump(window, Page.STOP_SHEET.value)
        window.flow.stop(safety.PAIN_SPREADING.code)
        lines += page_dump(window, Page.ADVICE.value)
        window.close()
        context.log.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    make_application()
    args.out.write_text("\n".join(dump()).rstrip() + "\n", encoding="utf-8")
    print(args.out)


if __name__ == "__main__":
    main()

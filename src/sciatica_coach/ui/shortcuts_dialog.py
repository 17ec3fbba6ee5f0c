"""Help ▸ Keyboard shortcuts: every key of every screen, from ``ui/keys.py``, in a table a
screen reader reads row by row (keys, then what they do)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.i18n import _
from sciatica_coach.ui.dialog_parts import (
    HEADING_POINT_SIZE,
    fit_to_screen,
    make_roomy,
    scrolling,
    sized_label,
    use_readable_font,
)
from sciatica_coach.ui.keys import SECTIONS, KeySection


class ShortcutsDialog(QDialog):
    """The list of keys, one table per screen, in one scrolling column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        use_readable_font(self)
        body = QWidget()
        column = QVBoxLayout(body)
        self.tables: list[QTableWidget] = []
        for section in SECTIONS:
            table = _section_table(section)
            heading = _(section.heading)
            table.setAccessibleName(_("Keys: {keys}").format(keys=heading))
            column.addWidget(sized_label(heading, HEADING_POINT_SIZE, bold=True))
            column.addWidget(table)
            self.tables.append(table)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body, _("Keyboard shortcuts")), 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(_("&Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        make_roomy(buttons)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 900)


def _section_table(section: KeySection) -> QTableWidget:
    table = QTableWidget(len(section.keys), 2)
    table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for row, key in enumerate(section.keys):
        table.setItem(row, 0, QTableWidgetItem(_(key.shown)))
        table.setItem(row, 1, QTableWidgetItem(_(key.does)))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    # Each table is as tall as its rows, so the dialog scrolls as one page, not per table.
    height = table.horizontalHeader().height() + sum(
        table.rowHeight(row) for row in range(table.rowCount())
    )
    table.setFixedHeight(height + 2 * table.frameWidth())
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def shortcuts_text() -> str:
    """The same list as plain text, for the README and the accessibility dump."""
    lines: list[str] = []
    for section in SECTIONS:
        lines.append(_(section.heading))
        lines += ["  " + _(key.shown).ljust(26) + " " + _(key.does) for key in section.keys]
    return "\n".join(lines)

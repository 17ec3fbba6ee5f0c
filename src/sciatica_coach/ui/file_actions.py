"""The File menu's own files: the history as CSV out and in, a routine file someone sent, the
exercise sheet; and, after any save, where the file went, with Open and Show in folder.

The CSV rules and messages are the command line's (all or nothing, each refused row with its
line and column), from the same core functions; nothing here reads or writes a file itself.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from sciatica_coach.core import outputs
from sciatica_coach.core.catalog import Exercise, Routine, RoutineError
from sciatica_coach.core.csv_io import (
    CsvImportError,
    CsvReadError,
    decode_csv,
    export_csv,
    import_csv,
    read_csv_file,
)
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError
from sciatica_coach.core.routine_writer import import_routine_file
from sciatica_coach.core.words import import_done, import_refused
from sciatica_coach.i18n import _
from sciatica_coach.ui.plain_text import show_warning

MAX_PROBLEMS_SHOWN = 50


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def tell_saved(parent: QWidget | None, path: Path, what: str = "") -> str:
    """Say where ``path`` went, with Open and Show in folder (``what`` is the title, "Saved"
    when empty); the button pressed (``"open"``, ``"folder"`` or ``""``)."""
    what = what or _("Saved")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(what)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a path is text, never markup
    box.setText(
        _("{what}: {file}\n\nin {folder}").format(what=what, file=path.name, folder=path.parent)
    )
    open_button = box.addButton(_("&Open"), QMessageBox.ButtonRole.ActionRole)
    folder_button = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return "open"
    if clicked is folder_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        return "folder"
    return ""


def export_history(log: SessionLog, path: Path) -> str:
    """Write the whole history to ``path`` as CSV; the line to show. Raises OutputError or
    LogError (nothing then replaces the file that was there)."""
    with outputs.open_text(path) as out:
        summary = export_csv(log, out)
    return _("Wrote {path}: {sessions} sessions, {rows} rows").format(
        path=path, sessions=summary.sessions, rows=summary.rows
    )


def import_history(log: SessionLog, path: Path) -> tuple[bool, str]:
    """Add the sessions of a CSV backup, all or nothing; (imported?, what to show)."""
    try:
        text = decode_csv(read_csv_file(path))
        log.check_integrity()
        result = import_csv(log, text, localise=lambda naive: naive.astimezone())
    except CsvReadError as error:
        return False, str(error)
    except CsvImportError as error:
        lines = [f"{path}: {problem}" for problem in error.problems[:MAX_PROBLEMS_SHOWN]]
        hidden = len(error.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            lines.append(_("{path}: ... and {count} more problems").format(path=path, count=hidden))
        lines.append(import_refused(path))
        return False, "\n".join(lines)
    added, steps = result.sessions_added, result.steps_added
    return True, import_done(added, steps, result.already_present, path)


def ask_export_history(parent: QWidget | None, log: SessionLog, today: datetime) -> Path | None:
    suggested = documents_folder() / f"sciatica-coach-history-{today.date().isoformat()}.csv"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Export history as CSV"), str(suggested), _("CSV files (*.csv)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".csv":
        path = path.with_name(path.name + ".csv")
    try:
        export_history(log, path)
    except (outputs.OutputError, LogError) as error:
        show_warning(parent, _("History not exported"), str(error))
        return None
    tell_saved(parent, path, _("History exported"))
    return path


def ask_import_history(parent: QWidget | None, log: SessionLog) -> bool:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import history"),
        str(documents_folder()),
        _("CSV files (*.csv);;All files (*)"),
    )
    if not chosen:
        return False
    try:
        done, message = import_history(log, Path(chosen))
    except LogError as error:
        done, message = False, str(error)
    icon = QMessageBox.Icon.Information if done else QMessageBox.Icon.Warning
    title = _("History imported") if done else _("Nothing imported")
    show_warning(parent, title, message, icon)
    return done


def ask_open_routine(
    parent: QWidget | None, routines_dir: Path, catalog: dict[str, Exercise]
) -> Path | None:
    """File ▸ Open routine…: check a routine file someone sent and copy it into the user's
    routines; the copy, or None (a dialog said why)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Open routine"), str(documents_folder()), _("Routine files (*.toml)")
    )
    if not chosen:
        return None
    source = Path(chosen)
    try:
        try:
            target = import_routine_file(source, routines_dir, catalog)
        except FileExistsError as existing:
            if not _ask_replace(parent, Path(str(existing))):
                return None
            target = import_routine_file(source, routines_dir, catalog, replace=True)
    except RoutineError as error:
        problems = "\n".join(f"• {p}" for p in error.problems[:MAX_PROBLEMS_SHOWN])
        show_warning(
            parent,
            _("Routine not added"),
            _("{file} was not added:").format(file=source) + "\n" + problems,
            QMessageBox.Icon.Warning,
        )
        return None
    except (ValueError, outputs.OutputError) as error:
        show_warning(parent, _("Routine not added"), str(error))
        return None
    tell_saved(parent, target, _("Routine added"))
    return target


def _ask_replace(parent: QWidget | None, target: Path) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Open routine"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        _(
            "You already have {file}. Replace it with this one? The one there now is kept "
            "as {file}.previous."
        ).format(file=target.name)
    )
    replace = box.addButton(_("&Replace"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(_("&Keep mine"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace


def sheet_file_name(routine: Routine) -> str:
    return f"sciatica-coach-sheet-{routine.id}.pdf"

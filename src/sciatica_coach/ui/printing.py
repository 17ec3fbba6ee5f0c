"""Print and save as PDF from the app: the session summary and the progress report.

Each action reads the log first (errors are shown, not raised), then opens the print preview
(whose Print button brings up the system print dialog) or a file dialog. Progress reports
first ask for a date range. A PDF is painted and written on a worker thread (`pdf_saving`), so
the window keeps answering; the preview paints on the UI thread, as Qt's preview dialog must.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core import outputs, stats
from sciatica_coach.core.library import Library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.outputs import OutputError
from sciatica_coach.core.records import LogError
from sciatica_coach.i18n import N_, _, pgettext
from sciatica_coach.report.documents import (
    DocumentDraft,
    progress_report_document,
    progress_report_draft,
    session_summary_document,
    session_summary_draft,
)
from sciatica_coach.report.paint import (
    ReportDocument,
    ReportError,
    default_paper,
    page_size,
    paint_document,
)
from sciatica_coach.ui.pdf_saving import PdfSaving, save_pdf_in_background
from sciatica_coach.ui.plain_text import show_warning

QUICK_RANGES: tuple[tuple[str, int], ...] = (
    (N_("Last 4 weeks"), 28),
    (N_("Last 12 weeks"), 84),
    (N_("Last 6 months"), 182),
    (N_("Last year"), 365),
)
DEFAULT_RANGE_DAYS = 84
SINCE_START = N_("Since I started")

Made = TypeVar("Made")  # i18n: not words (a type variable's name)


# --- session summary -------------------------------------------------------------------------


def print_session(
    parent: QWidget | None, log: SessionLog, library: Library, session_id: int
) -> bool:
    """Preview the session summary with a Print button; True if it was sent to print."""
    document = _build(parent, lambda: session_summary_document(log, library, session_id))
    return document is not None and preview_and_print(parent, document)


def save_session_pdf(
    parent: QWidget | None, log: SessionLog, library: Library, session_id: int
) -> PdfSaving | None:
    """Ask where to save the summary as PDF, then write it while the window keeps answering;
    the saving under way, or None (cancelled, or a dialog said why)."""
    draft = _build(parent, lambda: session_summary_draft(log, library, session_id))
    if draft is None:
        return None
    day = log.session(session_id).local_date
    return save_pdf(
        parent,
        draft,
        f"sciatica-coach-session-{day.isoformat()}.pdf",
        saved_title=_("Session summary saved"),
    )


# --- progress report -------------------------------------------------------------------------


def print_progress_report(
    parent: QWidget | None, log: SessionLog, *, today: date | None = None
) -> bool:
    """Ask for a date range, then preview the report with a Print button."""
    chosen = ask_date_range(parent, today or date.today(), stats.started_on(log))
    if chosen is None:
        return False
    document = _build(parent, lambda: progress_report_document(log, *chosen))
    return document is not None and preview_and_print(parent, document)


def save_progress_report_pdf(
    parent: QWidget | None, log: SessionLog, *, today: date | None = None
) -> PdfSaving | None:
    """Ask for a date range and a file name, then write the report as PDF while the window
    keeps answering; the saving under way, or None (cancelled, or a dialog said why)."""
    chosen = ask_date_range(parent, today or date.today(), stats.started_on(log))
    if chosen is None:
        return None
    draft = _build(parent, lambda: progress_report_draft(log, *chosen))
    if draft is None:
        return None
    start, end = chosen
    name = f"sciatica-coach-progress-{start.isoformat()}-to-{end.isoformat()}.pdf"
    return save_pdf(parent, draft, name, saved_title=_("Progress report saved"))


class DateRangeDialog(QDialog):
    """Pick the first and last day of a progress report, or one of a few common spans; with
    ``started`` (the day the user started), "Since I started" too."""

    def __init__(
        self, today: date, parent: QWidget | None = None, started: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Progress report"))
        self._today = today
        self._started = started if started is not None and started <= today else None
        # Each quick choice as the first day it picks; the range always ends today.
        self._quick_starts = [today - timedelta(days=days - 1) for _label, days in QUICK_RANGES]
        labels = [_(label) for label, _days in QUICK_RANGES]
        if self._started is not None:
            self._quick_starts.append(self._started)
            labels.append(_(SINCE_START))
        self.quick = QComboBox()
        self.quick.addItems([*labels, _("Custom")])
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(pgettext("date pattern", "d MMM yyyy"))
            edit.setMaximumDate(_qdate(today))
        self.end.setDate(_qdate(today))
        self.start.setDate(_qdate(today - timedelta(days=DEFAULT_RANGE_DAYS - 1)))
        self.quick.setCurrentIndex(
            [days for _label, days in QUICK_RANGES].index(DEFAULT_RANGE_DAYS)
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Period"), self.quick)
        form.addRow(_("From"), self.start)
        form.addRow(_("To"), self.end)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._setting = False
        self.quick.currentIndexChanged.connect(self._quick_chosen)
        self.start.dateChanged.connect(self._edited)
        self.end.dateChanged.connect(self._edited)
        self._edited()

    def chosen(self) -> tuple[date, date]:
        return _day(self.start.date()), _day(self.end.date())

    def _quick_chosen(self, index: int) -> None:
        if index >= len(self._quick_starts):
            return
        self._setting = True
        self.end.setDate(_qdate(self._today))
        self.start.setDate(_qdate(self._quick_starts[index]))
        self._setting = False
        self._edited()

    def _edited(self) -> None:
        if not self._setting:
            start, end = self.chosen()
            custom = len(self._quick_starts)
            matching = end == self._today and start in self._quick_starts
            self.quick.blockSignals(True)
            self.quick.setCurrentIndex(self._quick_starts.index(start) if matching else custom)
            self.quick.blockSignals(False)
        start, end = self.chosen()
        bad = end < start
        self.problem.setText(_("The last day is before the first.") if bad else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not bad)


def ask_date_range(
    parent: QWidget | None, today: date, started: date | None = None
) -> tuple[date, date] | None:
    """The range chosen, or None if cancelled; ``started`` offers "Since I started"."""
    dialog = DateRangeDialog(today, parent, started)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


# --- shared ----------------------------------------------------------------------------------


def new_printer() -> QPrinter:
    """A high-resolution printer on the locale's paper; the report paints its own margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(page_size(default_paper()))
    printer.setFullPage(True)
    return printer


def preview_and_print(parent: QWidget | None, document: ReportDocument) -> bool:
    """The print preview; its Print button opens the system print dialog."""
    printer = new_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(document.pdf_title or document.title)
    failures: list[str] = []

    def paint(target: QPrinter) -> None:
        target.setFullPage(True)
        try:
            paint_document(document, target)
        except ReportError as error:
            failures.append(str(error))

    dialog.paintRequested.connect(paint)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if failures:
        show_warning(parent, _("Could not print"), failures[-1])
        return False
    return accepted


def save_pdf(
    parent: QWidget | None,
    document: DocumentDraft | ReportDocument,
    suggested: str,
    *,
    saved_title: str,
) -> PdfSaving | None:
    """Ask for a file name, then paint and write the PDF there on a worker thread; the saving
    under way, or None (cancelled, or the name was refused: a dialog said why).

    When it is done a dialog says where the file went (headed ``saved_title``) or why it was
    not written; a failed write (a full disk, a link or a pipe chosen as the file) leaves any
    file that was already there unchanged.
    """
    path = ask_pdf_path(parent, suggested)
    if path is None:
        return None
    try:
        outputs.check_target(path)  # a link or a pipe is refused before any painting
    except OutputError as error:
        show_warning(parent, _("PDF not saved"), str(error))
        return None
    return save_pdf_in_background(parent, document, path, saved_title=saved_title)


def ask_pdf_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The file chosen in the save dialog, ending in .pdf; None if cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save as PDF"),
        str(Path(folder or Path.home()) / suggested),
        _("PDF files (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not re.search(r"\.pdf$", path.name, re.IGNORECASE):
        path = path.with_name(path.name + ".pdf")
    return path


def _build(parent: QWidget | None, make: Callable[[], Made]) -> Made | None:
    try:
        return make()
    except (LogError, ValueError) as error:
        show_warning(parent, _("Report not made"), str(error))
        return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())

"""Save a PDF on a worker thread, so the window keeps answering while its pages are painted.

The UI thread reads the log and writes the words (a `DocumentDraft`); the worker draws the
pictures, lays out and paints the pages and writes the file, all or nothing, through the
same `write_document_pdf` as the command line. A year's report takes about 150 ms to lay out
and paint, which on the UI thread froze the window for as long. PySide keeps Python's lock
through each Qt call, so the UI thread may still wait for the longest single call on the
worker (setting the HTML, or painting the page with the charts: 20-30 ms), not for the whole.
Meanwhile the pointer is busy and a line at the foot of the window names the file; when it is
done the user is told where it went, or why it was not written. The worker touches no widget
and no log.

Quitting while a PDF is written waits for it (a second or so at most): the file asked for is
written whole, and no thread is left painting while Qt shuts down.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from sciatica_coach.core.outputs import OutputError
from sciatica_coach.i18n import _
from sciatica_coach.report.documents import DocumentDraft, write_document_pdf
from sciatica_coach.report.paint import ReportDocument, ReportError, default_paper
from sciatica_coach.ui.plain_text import show_warning

logger = logging.getLogger(__name__)

BUSY_LINE_GAP = 12  # pixels between the busy line and the foot of the window


class PdfSaving(QThread):
    """One PDF painted and written on its own thread; `done` comes on the UI thread once the
    user has been told, with the path written or None."""

    done = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        document: DocumentDraft | ReportDocument,
        path: Path,
        *,
        saved_title: str,
        paper: str | None = None,
    ) -> None:
        # Not a child of ``parent``: a window deleted mid-write must not delete a running thread.
        super().__init__()
        self.path = path
        self.error = ""
        self.pages = 0
        self.quitting = False  # set when the app quits: then nobody is told
        self._window = parent
        self._document = document
        self._saved_title = saved_title
        self._paper = paper or default_paper()  # the locale is read here, not on the worker
        self._busy_line: QLabel | None = None
        self.finished.connect(self._tell)

    def run(self) -> None:
        """On the worker: the pictures, the pages and the file."""
        document = self._document
        try:
            if isinstance(document, DocumentDraft):
                document = document.finish()
            self.pages = write_document_pdf(document, self.path, self._paper)
        except (ReportError, OutputError) as error:
            self.error = str(error)
        except Exception as error:
            # On the UI thread such an error would have reached the user; here it must too,
            # or the window would stay busy and say nothing.
            logger.exception("PDF not saved")
            self.error = _("Could not write {path}: {reason}.").format(path=self.path, reason=error)

    def begin(self) -> None:
        """Show the busy state and start the worker."""
        _under_way.add(self)
        _finish_saving_before_quitting()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        window = self._live_window()
        if window is not None:
            self._busy_line = _busy_line(
                window.window(), _("Saving {file}…").format(file=self.path.name)
            )
        self.start()

    @Slot()
    def _tell(self) -> None:
        """On the UI thread once the worker is done: end the busy state, then say how it went."""
        self.wait()  # `finished` comes just before the thread ends
        _under_way.discard(self)
        QGuiApplication.restoreOverrideCursor()
        if self._busy_line is not None and shiboken6.isValid(self._busy_line):
            self._busy_line.deleteLater()
        self._busy_line = None
        written = None if self.error else self.path
        if not self.quitting:
            window = self._live_window()
            if self.error:
                show_warning(window, _("PDF not saved"), self.error)
            else:
                from sciatica_coach.ui.file_actions import tell_saved

                tell_saved(window, self.path, self._saved_title)
        self.done.emit(written)

    def _live_window(self) -> QWidget | None:
        window = self._window
        return window if window is not None and shiboken6.isValid(window) else None


def save_pdf_in_background(
    parent: QWidget | None,
    document: DocumentDraft | ReportDocument,
    path: Path,
    *,
    saved_title: str,
    paper: str | None = None,
) -> PdfSaving:
    """Start writing ``document`` to ``path``; the saving under way. ``saved_title`` heads the
    message that says where the file went."""
    saving = PdfSaving(parent, document, path, saved_title=saved_title, paper=paper)
    saving.begin()
    return saving


# Every saving under way, kept here until it has told the user: a QThread that Python
# collected while it runs would take the whole app down.
_under_way: set[PdfSaving] = set()
_watching_quit = False


def _finish_saving_before_quitting() -> None:
    global _watching_quit
    app = QCoreApplication.instance()
    if app is None or _watching_quit:
        return
    app.aboutToQuit.connect(_wait_for_every_saving)
    _watching_quit = True


def _wait_for_every_saving() -> None:
    """When the app quits: let every PDF under way be written whole, and tell no one."""
    for saving in list(_under_way):
        saving.quitting = True
        saving.wait()


def _busy_line(window: QWidget, text: str) -> QLabel:
    """A line of text over the foot of ``window`` until the saving is done."""
    line = QLabel(text, window)
    line.setTextFormat(Qt.TextFormat.PlainText)  # a file name is text, never markup
    line.setFrameShape(QFrame.Shape.StyledPanel)
    line.setAutoFillBackground(True)
    line.setMargin(8)
    line.adjustSize()
    line.move(
        max(0, (window.width() - line.width()) // 2),
        max(0, window.height() - line.height() - BUSY_LINE_GAP),
    )
    line.show()
    line.raise_()
    return line

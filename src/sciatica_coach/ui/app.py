"""Application set-up and the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(data: Path) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Sciatica Coach")
    window.setCentralWidget(QLabel(f"Sciatica Coach — data in {data}"))
    window.resize(1024, 700)
    window.show()
    return app.exec()

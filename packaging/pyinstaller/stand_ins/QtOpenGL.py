"""Stands in for PySide6.QtOpenGL in the bundle, which leaves Qt's OpenGL binding (8.7 MB) out.

pyqtgraph imports PySide6.QtOpenGL with its plot items but uses it only to draw with OpenGL,
which the app never turns on (pyqtgraph's useOpenGL and enableExperimental options stay
off): its charts are drawn by QPainter. Anything asked of this module says why it is not
there; the self-test draws the app's kind of chart to prove none is asked.
"""


def __getattr__(name: str) -> object:
    raise AttributeError(
        f"PySide6.QtOpenGL.{name}: this bundle leaves Qt's OpenGL binding out; "
        "the app draws its charts without OpenGL"
    )

"""Before `make run`: name the system libraries Qt's X11 plugin needs but cannot find.

Qt's own message for a missing library is a cryptic "could not load the Qt platform plugin
xcb"; this prints the exact install line instead. Offscreen and Wayland runs need none.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Library name -> Debian package, for the ones minimal systems lack (Qt 6.5+ on X11).
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def missing_packages() -> list[str]:
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "wayland")) or not os.environ.get("DISPLAY"):
        return 0
    missing = missing_packages()
    if missing:
        print("Qt needs a few system libraries that this machine lacks. Install them with:")
        print(f"    sudo apt-get install {' '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

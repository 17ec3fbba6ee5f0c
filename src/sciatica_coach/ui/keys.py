"""Every key the app answers to, as plain data: Help ▸ Keyboard shortcuts lists it, the player
binds its own keys from it and builds its key strip from it, so none of the three can drift.

Pure Python (no Qt): ``keys`` are in Qt's portable key-sequence spelling ("Shift+E",
"Ctrl+P"), ``shown`` is how a person reads them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One action and the keys that do it."""

    action: str  # a stable id, e.g. "pause"; the player maps it to its slot
    keys: tuple[str, ...]  # Qt key sequences, e.g. ("Return", "Enter")
    shown: str  # the keys as a person reads them, e.g. "Enter"
    does: str  # what the keys do, e.g. "Mark a set of reps done"
    strip: str = ""  # its words in the player's key strip; "" leaves it out of the strip


@dataclass(frozen=True)
class KeySection:
    """The keys of one screen, under its heading."""

    heading: str
    keys: tuple[Key, ...]


PLAYER_KEYS = (
    Key("pause", ("Space",), "Space", "Pause or carry on (even when a button has focus)", "pause"),
    Key("back", ("Left",), "←", "Back to the previous step", "back"),
    Key("skip", ("Right",), "→", "Skip this step", "skip"),
    Key("restart", ("R",), "R", "Start this step again", "restart"),
    Key(
        "done",
        ("Return", "Enter"),
        "Enter",
        "Reps at your own pace: done (on a button with focus, presses that button)",
        "done",
    ),
    Key("easier", ("E",), "E", "The easier version of this exercise, or back", "easier"),
    Key("easier_rest", ("Shift+E",), "Shift+E", "The easier version for the rest of the session"),
    Key("cautions", ("C",), "C", "Every caution for this exercise, or back", "take care"),
    Key("leg_better", ("1",), "1", "After an exercise: the leg is better"),
    Key("leg_same", ("2",), "2", "After an exercise: the leg is the same"),
    Key("leg_worse", ("3",), "3", "After an exercise: the leg is worse"),
    Key("mute", ("M",), "M", "Sound off or on", "sound"),
    Key("full_screen", ("F",), "F", "Full screen, or back", "full screen"),
    Key("stop", ("S", "Escape"), "S or Esc", "Stop the session and say why", "stop"),
    Key("focus", ("Tab",), "Tab, Shift+Tab", "Move between the buttons, the red stop button too"),
)

EVERYWHERE = (
    Key("next_control", ("Tab",), "Tab, Shift+Tab", "Move to the next or previous control"),
    Key("press", ("Space",), "Space or Enter", "Press the button with focus, tick a box"),
    Key("menus", ("Alt",), "Alt + underlined letter", "Open a menu, or press a dialog's button"),
    Key("report", ("Ctrl+P",), "Ctrl+P", "Print or save the progress report"),
    Key("full_screen_window", ("F11",), "F11", "Full screen, or back"),
    Key("shortcuts", ("F1",), "F1", "This list of keys"),
    Key("quit", ("Ctrl+Q",), "Ctrl+Q", "Quit"),
)

CHECK_IN_KEYS = (
    Key(
        "score",
        ("0",),
        "0 to 10",
        "Set the pain score of the row with focus (1 then 0, or T, for 10)",
    ),
    Key("nudge", ("Left", "Right"), "← →", "One less or one more"),
    Key("rows", ("Up", "Down"), "↑ ↓", "The row above or below"),
    Key("save", ("Return",), "Enter", "Save and go on"),
    Key("cancel", ("Escape",), "Esc", "Go back without saving"),
)

STOP_SHEET_KEYS = (
    Key("reason", ("1",), "1 to 9", "Stop for the reason with that number"),
    Key("move", ("Up", "Down"), "↑ ↓", "The reason above or below"),
    Key("choose", ("Return",), "Enter", "Stop for the reason with focus"),
    Key("back", ("Escape",), "Esc", "Back to the exercise, still paused"),
)

MORNING_KEYS = (
    Key("compare", ("1",), "1, 2, 3", "Better, the same or worse than before the session"),
    Key("save", ("Return",), "Enter", "Save the answers"),
    Key("skip", ("Escape",), "Esc", "Skip the morning check"),
)

HISTORY_KEYS = (
    Key("delete", ("Delete",), "Delete", "Delete the selected sessions (Ctrl+Z undoes it)"),
    Key("undo", ("Ctrl+Z",), "Ctrl+Z", "Bring back the sessions just deleted"),
)

EDITOR_KEYS = (
    Key("save", ("Ctrl+S",), "Ctrl+S", "Save the routine"),
    Key("move", ("Alt+Up", "Alt+Down"), "Alt+↑ ↓", "Move the exercise with focus up or down"),
    Key("remove", ("Delete",), "Delete", "Take the exercise with focus out"),
    Key("close", ("Escape",), "Esc", "Close the editor"),
)

SECTIONS = (
    KeySection("Everywhere", EVERYWHERE),
    KeySection("Exercise player", PLAYER_KEYS),
    KeySection("Pain check-in", CHECK_IN_KEYS),
    KeySection("Stop sheet", STOP_SHEET_KEYS),
    KeySection("Morning check", MORNING_KEYS),
    KeySection("History", HISTORY_KEYS),
    KeySection("Routine editor", EDITOR_KEYS),
)


def player_key(action: str) -> Key:
    """The player's key for ``action``; KeyError for an action it does not have."""
    for key in PLAYER_KEYS:
        if key.action == action:
            return key
    raise KeyError(action)


# How a screen reader should say the arrow keys that the strip shows as arrows.
SPOKEN_KEYS = {"←": "Left arrow", "→": "Right arrow", "↑": "Up arrow", "↓": "Down arrow"}


def spoken(text: str) -> str:
    """``text`` with the key arrows in words and the dots between keys as commas."""
    for mark, words in SPOKEN_KEYS.items():
        text = text.replace(mark, words)
    return text.replace(" · ", ", ")


def key_strip(keys: tuple[Key, ...] = PLAYER_KEYS) -> str:
    """The one-line reminder under the player: ``Keys: Space pause · ← back · …``."""
    shown = [f"{key.shown} {key.strip}" for key in keys if key.strip]
    return "Keys: " + " · ".join(shown)

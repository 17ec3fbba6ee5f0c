"""Every key the app answers to, as plain data: Help ▸ Keyboard shortcuts lists it, the player
binds its own keys from it and builds its key strip from it, so none of the three can drift.

Pure Python (no Qt): ``keys`` are in Qt's portable key-sequence spelling ("Shift+E",
"Ctrl+P"), ``shown`` is how a person reads them. The words are marked with ``N_`` and
translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from sciatica_coach.i18n import N_, _


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


# i18n: not words (Qt key sequences; the words in them are marked with N_)
PLAYER_KEYS = (
    Key(
        "pause",
        ("Space",),
        N_("Space"),
        N_("Pause or carry on (even when a button has focus)"),
        N_("pause"),
    ),
    Key("back", ("Left",), "←", N_("Back to the previous step"), N_("back")),
    Key("skip", ("Right",), "→", N_("Skip this step"), N_("skip")),
    Key("restart", ("R",), "R", N_("Start this step again"), N_("restart")),
    Key(
        "done",
        ("Return", "Enter"),
        N_("Enter"),
        N_("Reps at your own pace: done (on a button with focus, presses that button)"),
        N_("done"),
    ),
    Key("easier", ("E",), "E", N_("The easier version of this exercise, or back"), N_("easier")),
    Key(
        "easier_rest",
        ("Shift+E",),
        N_("Shift+E"),
        N_("The easier version for the rest of the session"),
    ),
    Key("cautions", ("C",), "C", N_("Every caution for this exercise, or back"), N_("take care")),
    Key("leg_better", ("1",), "1", N_("After an exercise: the leg is better")),
    Key("leg_same", ("2",), "2", N_("After an exercise: the leg is the same")),
    Key("leg_worse", ("3",), "3", N_("After an exercise: the leg is worse")),
    Key("mute", ("M",), "M", N_("Sound off or on"), N_("sound")),
    Key("full_screen", ("F",), "F", N_("Full screen, or back"), N_("full screen")),
    Key("stop", ("S", "Escape"), N_("S or Esc"), N_("Stop the session and say why"), N_("stop")),
    Key(
        "focus",
        ("Tab",),
        N_("Tab, Shift+Tab"),
        N_("Move between the buttons, the red stop button too"),
    ),
)

# i18n: not words (Qt key sequences; the words in them are marked with N_)
EVERYWHERE = (
    Key("next_control", ("Tab",), N_("Tab, Shift+Tab"), N_("Move to the next or previous control")),
    Key("press", ("Space",), N_("Space or Enter"), N_("Press the button with focus, tick a box")),
    Key(
        "menus",
        ("Alt",),
        N_("Alt + underlined letter"),
        N_("Open a menu, or press a dialog's button"),
    ),
    Key("report", ("Ctrl+P",), N_("Ctrl+P"), N_("Print or save the progress report")),
    Key("full_screen_window", ("F11",), N_("F11"), N_("Full screen, or back")),
    Key("shortcuts", ("F1",), N_("F1"), N_("This list of keys")),
    Key("quit", ("Ctrl+Q",), N_("Ctrl+Q"), N_("Quit")),
)

# i18n: not words (Qt key sequences; the words in them are marked with N_)
CHECK_IN_KEYS = (
    Key(
        "score",
        ("0",),
        N_("0 to 10"),
        N_("Set the pain score of the row with focus (1 then 0, or T, for 10)"),
    ),
    Key("nudge", ("Left", "Right"), "← →", N_("One less or one more")),
    Key("rows", ("Up", "Down"), "↑ ↓", N_("The row above or below")),
    Key("save", ("Return",), N_("Enter"), N_("Save and go on")),
    Key("cancel", ("Escape",), N_("Esc"), N_("Go back without saving")),
)

# i18n: not words (Qt key sequences; the words in them are marked with N_)
STOP_SHEET_KEYS = (
    Key("reason", ("1",), N_("1 to 9"), N_("Stop for the reason with that number")),
    Key("move", ("Up", "Down"), "↑ ↓", N_("The reason above or below")),
    Key("choose", ("Return",), N_("Enter"), N_("Stop for the reason with focus")),
    Key("back", ("Escape",), N_("Esc"), N_("Back to the exercise, still paused")),
)

# i18n: not words (Qt key sequences; the words in them are marked with N_)
MORNING_KEYS = (
    Key("compare", ("1",), "1, 2, 3", N_("Better, the same or worse than before the session")),
    Key("save", ("Return",), N_("Enter"), N_("Save the answers")),
    Key("skip", ("Escape",), N_("Esc"), N_("Skip the morning check")),
)

# i18n: not words (Qt key sequences; the words in them are marked with N_)
HISTORY_KEYS = (
    Key("delete", ("Delete",), "Delete", N_("Delete the selected sessions (Ctrl+Z undoes it)")),
    Key("undo", ("Ctrl+Z",), N_("Ctrl+Z"), N_("Bring back the sessions just deleted")),
)

# i18n: not words (Qt key sequences; the words in them are marked with N_)
EDITOR_KEYS = (
    Key("save", ("Ctrl+S",), N_("Ctrl+S"), N_("Save the routine")),
    Key(
        "move", ("Alt+Up", "Alt+Down"), N_("Alt+↑ ↓"), N_("Move the exercise with focus up or down")
    ),
    Key("remove", ("Delete",), "Delete", N_("Take the exercise with focus out")),
    Key("close", ("Escape",), N_("Esc"), N_("Close the editor")),
)

SECTIONS = (
    KeySection(N_("Everywhere"), EVERYWHERE),
    KeySection(N_("Exercise player"), PLAYER_KEYS),
    KeySection(N_("Pain check-in"), CHECK_IN_KEYS),
    KeySection(N_("Stop sheet"), STOP_SHEET_KEYS),
    KeySection(N_("Morning check"), MORNING_KEYS),
    KeySection(N_("History"), HISTORY_KEYS),
    KeySection(N_("Routine editor"), EDITOR_KEYS),
)


def player_key(action: str) -> Key:
    """The player's key for ``action``; KeyError for an action it does not have."""
    for key in PLAYER_KEYS:
        if key.action == action:
            return key
    raise KeyError(action)


# How a screen reader should say the arrow keys that the strip shows as arrows.
SPOKEN_KEYS = {
    "←": N_("Left arrow"),
    "→": N_("Right arrow"),
    "↑": N_("Up arrow"),
    "↓": N_("Down arrow"),
}


def spoken(text: str) -> str:
    """``text`` with the key arrows in words and the dots between keys as commas."""
    for mark, words in SPOKEN_KEYS.items():
        text = text.replace(mark, _(words))
    return text.replace(" · ", ", ")


def key_strip(keys: tuple[Key, ...] = PLAYER_KEYS) -> str:
    """The one-line reminder under the player: ``Keys: Space pause · ← back · …``."""
    shown = [_(key.shown) + " " + _(key.strip) for key in keys if key.strip]
    return _("Keys: {keys}").format(keys=" · ".join(shown))

import importlib.util
import logging
import os
import sys
import threading
import types
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from sciatica_coach.ui import sound
from sciatica_coach.ui.sound import (
    CUES,
    STALE_AFTER_SECONDS,
    UNAVAILABLE_MESSAGE,
    CuePlayer,
)

# pytest-qt makes the application on first use, after this has run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SOUNDS_DIR = ROOT / "assets" / "sounds"


class RecordingBackend:
    """Stands in for the audio player: records each file it is asked to play."""

    def __init__(self, action=None):
        self.calls = []
        self.called = threading.Event()
        self.action = action

    def __call__(self, path):
        self.calls.append(path)
        self.called.set()
        if self.action is not None:
            self.action(path)


def settings_at(path):
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def settings(tmp_path):
    return settings_at(tmp_path / "settings.ini")


@pytest.fixture
def make_player(qtbot, settings):
    players = []

    def make(backend=None, settings=settings):
        player = CuePlayer(SOUNDS_DIR, settings, backend)
        players.append(player)
        return player

    yield make
    for player in players:
        player.close(wait_seconds=3)


def fail_to_play(path):
    raise OSError("no audio device")


def test_broken_audio_turns_sound_off_once_and_the_session_goes_on(qtbot, make_player):
    backend = RecordingBackend(fail_to_play)
    player = make_player(backend)
    messages = []
    player.unavailable.connect(messages.append)

    with qtbot.waitSignal(player.unavailable, timeout=3000) as blocker:
        player.play("start")
    for cue in ("tick", "tick", "switch", "done"):
        player.play(cue)
    qtbot.wait(100)
    player.close(wait_seconds=3)

    assert blocker.args == [UNAVAILABLE_MESSAGE]
    assert messages == [UNAVAILABLE_MESSAGE]
    assert len(backend.calls) == 1
    assert not player.available


def test_mute_is_remembered_by_the_next_player(tmp_path, make_player):
    first = make_player(RecordingBackend(), settings_at(tmp_path / "s.ini"))
    first.set_muted(True)
    first._settings.sync()

    later = make_player(RecordingBackend(), settings_at(tmp_path / "s.ini"))

    assert later.muted


def test_toggle_muted_flips_saves_and_announces(qtbot, make_player, settings):
    player = make_player(RecordingBackend())
    assert not player.muted

    with qtbot.waitSignal(player.muted_changed, timeout=1000) as blocker:
        assert player.toggle_muted() is True

    assert blocker.args == [True]
    assert settings.value("sound/muted", False, type=bool) is True
    assert player.toggle_muted() is False
    assert make_player(RecordingBackend()).muted is False


def test_a_muted_player_never_calls_the_backend(make_player):
    backend = RecordingBackend()
    player = make_player(backend)
    player.set_muted(True)

    for cue in CUES:
        player.play(cue)
    player.close(wait_seconds=3)

    assert backend.calls == []


def test_play_returns_before_the_sound_has_finished(qtbot, make_player):
    # The sound "plays" until the test lets it finish: play() has returned by then.
    release = threading.Event()
    finished = threading.Event()

    def held_sound(path):
        release.wait(5)
        finished.set()

    backend = RecordingBackend(held_sound)
    player = make_player(backend)
    player.play("halfway")

    qtbot.waitUntil(backend.called.is_set, timeout=3000)
    assert not finished.is_set()
    release.set()
    qtbot.waitUntil(finished.is_set, timeout=3000)


class StepClock:
    """Monotonic seconds that move only when the test moves them."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_late_cue_is_dropped_rather_than_played_late(qtbot, settings):
    clock = StepClock()
    release = threading.Event()

    def held_sound(path):
        release.wait(5)

    backend = RecordingBackend(held_sound)
    player = CuePlayer(SOUNDS_DIR, settings, backend, clock=clock)
    player.play("done")
    qtbot.waitUntil(backend.called.is_set, timeout=3000)
    for _ in range(5):
        player.play("tick")
    clock.now += STALE_AFTER_SECONDS + 0.01
    release.set()
    player.close(wait_seconds=3)

    assert [Path(p).name for p in backend.calls] == ["done.wav"]


def test_a_cue_just_in_time_is_still_played(qtbot, settings):
    clock = StepClock()
    release = threading.Event()
    backend = RecordingBackend(lambda path: release.wait(5))
    player = CuePlayer(SOUNDS_DIR, settings, backend, clock=clock)
    player.play("done")
    qtbot.waitUntil(backend.called.is_set, timeout=3000)
    player.play("tick")
    clock.now += STALE_AFTER_SECONDS
    release.set()
    backend.called.clear()
    qtbot.waitUntil(lambda: len(backend.calls) == 2, timeout=3000)
    player.close(wait_seconds=3)

    assert [Path(p).name for p in backend.calls] == ["done.wav", "tick.wav"]


def test_an_unknown_cue_is_ignored_with_a_warning(make_player, caplog):
    backend = RecordingBackend()
    player = make_player(backend)

    with caplog.at_level(logging.WARNING, logger="sciatica_coach.ui.sound"):
        player.play("fanfare")
    player.close(wait_seconds=3)

    assert backend.calls == []
    assert "fanfare" in caplog.text
    assert player.available


def test_each_cue_plays_its_own_file(qtbot, make_player):
    backend = RecordingBackend()
    player = make_player(backend)

    for cue in CUES:
        backend.called.clear()
        player.play(cue)
        qtbot.waitUntil(backend.called.is_set, timeout=3000)

    assert [Path(p).name for p in backend.calls] == [f"{cue}.wav" for cue in CUES]


@pytest.mark.parametrize("cue", CUES)
def test_every_cue_is_a_short_mono_wav(cue):
    with wave.open(str(SOUNDS_DIR / f"{cue}.wav"), "rb") as sound:
        assert sound.getnchannels() == 1
        assert sound.getframerate() == 44_100
        assert sound.getsampwidth() == 2
        assert sound.getnframes() / sound.getframerate() < 1.5


def load_make_sounds(monkeypatch):
    spec = importlib.util.spec_from_file_location("make_sounds", ROOT / "tools" / "make_sounds.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look the module up while the file runs
    monkeypatch.setitem(sys.modules, "make_sounds", module)
    spec.loader.exec_module(module)
    return module


def test_make_sounds_writes_the_same_bytes_every_time(tmp_path, monkeypatch):
    make_sounds = load_make_sounds(monkeypatch)

    first = make_sounds.generate(tmp_path / "first")
    second = make_sounds.generate(tmp_path / "second")

    assert sorted(p.stem for p in first) == sorted(CUES)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def fake_playsound3(monkeypatch, playsound):
    module = types.ModuleType("playsound3")
    module.playsound = playsound
    monkeypatch.setitem(sys.modules, "playsound3", module)


def finished_player(statuses):
    """A playsound3 Sound whose player reports each status in turn when polled."""
    polls = iter(statuses)
    process = types.SimpleNamespace(poll=lambda: next(polls), terminate=lambda: None)
    return types.SimpleNamespace(subprocess=process)


def test_playsound3_missing_turns_sound_off(qtbot, make_player, monkeypatch):
    monkeypatch.setitem(sys.modules, "playsound3", None)
    player = make_player()

    with qtbot.waitSignal(player.unavailable, timeout=3000):
        player.play("start")


def test_playsound3_without_any_audio_backend_turns_sound_off(qtbot, make_player, monkeypatch):
    def no_backend(path, block=True):
        raise RuntimeError("No supported audio backends on this system!")

    fake_playsound3(monkeypatch, no_backend)
    player = make_player()

    with qtbot.waitSignal(player.unavailable, timeout=3000):
        player.play("start")


def test_a_player_that_exits_with_an_error_turns_sound_off(qtbot, make_player, monkeypatch):
    fake_playsound3(monkeypatch, lambda path, block=True: finished_player([None, 1]))
    player = make_player()

    with qtbot.waitSignal(player.unavailable, timeout=3000):
        player.play("start")


def test_playsound3_is_asked_not_to_block_and_watched_to_the_end(qtbot, make_player, monkeypatch):
    asked = []
    statuses = [None, None, 0]

    def playsound(path, block=True):
        asked.append((Path(path).name, block))
        return finished_player(statuses)

    fake_playsound3(monkeypatch, playsound)
    player = make_player()
    messages = []
    player.unavailable.connect(messages.append)

    player.play("rest")
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    player.close(wait_seconds=3)
    qtbot.wait(50)

    assert asked == [("rest.wav", False)]
    assert messages == []
    assert player.available


def test_a_stuck_player_is_stopped_and_sound_turns_off(qtbot, make_player, monkeypatch):
    monkeypatch.setattr(sound, "PLAYER_TIMEOUT_SECONDS", 0.1)
    stopped = threading.Event()

    def playsound(path, block=True):
        process = types.SimpleNamespace(poll=lambda: None, terminate=stopped.set)
        return types.SimpleNamespace(subprocess=process)

    fake_playsound3(monkeypatch, playsound)
    player = make_player()

    with qtbot.waitSignal(player.unavailable, timeout=3000):
        player.play("done")

    assert stopped.is_set()


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_failure_inside_a_playsound3_thread_is_caught_quietly(qtbot, make_player, capfd):
    # playsound3's Windows players raise inside threads of their own; build such a thread
    # from code that, like theirs, belongs to a playsound3 module.
    namespace = {"__name__": "playsound3.backends"}
    exec("def play_in_thread():\n    raise RuntimeError('MCI error code: 263')\n", namespace)
    threads = []

    def starts_a_thread(path):
        thread = threading.Thread(target=namespace["play_in_thread"], daemon=True)
        threads.append(thread)
        thread.start()

    player = make_player(starts_a_thread)

    with qtbot.waitSignal(player.unavailable, timeout=3000) as blocker:
        player.play("switch")
    for thread in threads:
        thread.join(3)

    assert blocker.args == [UNAVAILABLE_MESSAGE]
    assert "Traceback" not in capfd.readouterr().err

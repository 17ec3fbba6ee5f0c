"""Voice guidance: a real engine makes audio; a fake one shows the ordering rules."""

from __future__ import annotations

import os
import sys
import threading
import wave
from ctypes.util import find_library
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from sciatica_coach.core import engine
from sciatica_coach.core.catalog import Dose, Exercise
from sciatica_coach.core.timeline import SWITCH, WORK, Step
from sciatica_coach.core.words import spoken_cue
from sciatica_coach.ui.settings_keys import VOICE_KEY, VOLUME_KEY
from sciatica_coach.ui.sound import CuePlayer
from sciatica_coach.ui.voice import Pyttsx3Engine, Voice, VoiceGuide, engine_installed

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SOUNDS_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"


class FakeEngine:
    """Writes a short real WAV per phrase; records what it was asked to say."""

    def __init__(self, fail: bool = False) -> None:
        self.made: list[str] = []
        self.fail = fail

    def voices(self) -> list[Voice]:
        return [Voice("en", "English")]

    def synthesise(self, text: str, path: Path, voice: str, rate: int) -> None:
        if self.fail:
            raise RuntimeError("no voice")
        self.made.append(text)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(8000)
            out.writeframes(b"\x10\x00" * 800)


class HeldPlayer:
    """Plays by waiting until released or told to stop; records each phrase's fate."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.cut_short: list[str] = []
        self.release = threading.Event()
        self.playing = threading.Event()

    def __call__(self, path: str, stop) -> None:
        self.started.append(path)
        self.playing.set()
        while not self.release.wait(0.005):
            if stop():
                self.cut_short.append(path)
                return


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(VOICE_KEY, True)
    return settings


def make_guide(qtbot, settings, engine_=None, play=None) -> VoiceGuide:
    guide = VoiceGuide(settings, engine=engine_ or FakeEngine(), play=play or HeldPlayer())
    return guide


def test_say_returns_at_once_while_the_phrase_is_still_playing(qtbot, settings) -> None:
    player = HeldPlayer()
    guide = make_guide(qtbot, settings, play=player)
    assert guide.say("Rest") is True
    assert player.playing.wait(5)
    assert not player.release.is_set()  # say() came back before the sound ended
    player.release.set()
    guide.close(2)


def test_a_newer_cue_cuts_short_the_one_being_said(qtbot, settings) -> None:
    player = HeldPlayer()
    guide = make_guide(qtbot, settings, play=player)
    guide.say("Bridge. hold 20 seconds")
    assert player.playing.wait(5)
    guide.say("3")
    qtbot.waitUntil(lambda: len(player.started) == 2, timeout=5000)
    assert len(player.cut_short) == 1 and player.cut_short[0] == player.started[0]
    assert guide.spoken == ["Bridge. hold 20 seconds", "3"]
    player.release.set()
    guide.close(2)


def test_phrases_waiting_behind_a_newer_one_are_dropped(qtbot, settings) -> None:
    player = HeldPlayer()
    guide = make_guide(qtbot, settings, play=player)
    guide.say("Rest")
    assert player.playing.wait(5)
    for text in ("3", "2", "1"):
        guide.say(text)
    qtbot.waitUntil(lambda: guide.spoken[-1:] == ["1"], timeout=5000)
    assert "2" not in guide.spoken or guide.spoken.index("2") < guide.spoken.index("1")
    assert guide.spoken[-1] == "1"
    player.release.set()
    guide.close(2)


def test_a_phrase_is_made_once_and_played_again(qtbot, settings) -> None:
    fake = FakeEngine()
    player = HeldPlayer()
    player.release.set()
    guide = make_guide(qtbot, settings, engine_=fake, play=player)
    guide.say("Halfway")
    qtbot.waitUntil(lambda: len(player.started) == 1, timeout=5000)
    guide.say("Halfway")
    qtbot.waitUntil(lambda: len(player.started) == 2, timeout=5000)
    assert fake.made == ["Halfway"]
    guide.close(2)


def test_off_or_without_a_voice_the_cue_player_beeps(qtbot, settings) -> None:
    beeps: list[str] = []
    cues = CuePlayer(SOUNDS_DIR, settings, backend=beeps.append)
    guide = make_guide(qtbot, settings, engine_=FakeEngine(fail=True))
    cues.voice = guide
    settings.setValue(VOICE_KEY, False)
    cues.cue("rest", "Rest")
    qtbot.waitUntil(lambda: len(beeps) == 1, timeout=5000)
    settings.setValue(VOICE_KEY, True)
    with qtbot.waitSignal(guide.unavailable, timeout=5000):
        cues.cue("rest", "Rest")  # the engine fails: this one is lost, the next beeps
    cues.cue("halfway", "Halfway")
    qtbot.waitUntil(lambda: len(beeps) == 2, timeout=5000)
    assert beeps[-1].endswith("halfway.wav")
    guide.close(2)
    cues.close(2)


def test_the_voice_is_switched_apart_from_the_beeps(qtbot, settings) -> None:
    beeps: list[str] = []
    cues = CuePlayer(SOUNDS_DIR, settings, backend=beeps.append)
    player = HeldPlayer()
    player.release.set()
    cues.voice = make_guide(qtbot, settings, play=player)
    cues.set_muted(True)
    cues.cue("switch", "Switch to the left side")
    qtbot.waitUntil(lambda: len(player.started) == 1, timeout=5000)
    assert beeps == []
    cues.cue("tick", "")  # nothing to say: the sound, which is muted
    assert beeps == []
    cues.close(2)


def test_volume_quietens_the_cues(qtbot, settings, tmp_path: Path) -> None:
    beeps: list[str] = []
    settings.setValue(VOLUME_KEY, 50)
    cues = CuePlayer(SOUNDS_DIR, settings, backend=beeps.append)
    cues.play("tick")
    qtbot.waitUntil(lambda: len(beeps) == 1, timeout=5000)
    with wave.open(beeps[0]) as quiet, wave.open(str(SOUNDS_DIR / "tick.wav")) as full:
        loud = max(abs(b) for b in memoryview(full.readframes(full.getnframes())).cast("h"))
        soft = max(abs(b) for b in memoryview(quiet.readframes(quiet.getnframes())).cast("h"))
    assert soft == pytest.approx(loud / 2, abs=1)
    cues.close(2)


def step(kind: str, **fields) -> Step:
    dose = Dose("hold", 20.0, None, None, 1, 0.0, 0.0, "both")
    exercise = Exercise("bridge", "Bridge", "core", "lying", dose, 1, "neutral", (), (), ())
    return Step(index=1, kind=kind, seconds=20, exercise=exercise, **fields)


def test_the_cue_words_are_the_screens_words() -> None:
    work = step(WORK, set_number=1, set_count=2, side="left")
    assert spoken_cue(engine.CUE_START, work) == "Bridge. Set 1 of 2, left side, hold 20 seconds"
    assert spoken_cue(engine.CUE_SWITCH, step(SWITCH, side="right")) == ("Switch to the right side")
    assert spoken_cue(engine.CUE_TICK, None, 3) == "3"
    assert spoken_cue(engine.CUE_REST, None) == "Rest"
    assert spoken_cue(engine.CUE_HALFWAY, None) == "Halfway"
    assert spoken_cue(engine.CUE_SESSION_END, None) == "Session done"
    assert spoken_cue(engine.CUE_STEP_END, work) == ""


@pytest.mark.skipif(
    not engine_installed() or (sys.platform == "linux" and find_library("espeak-ng") is None),
    reason="no speech engine on this machine (pyttsx3 with eSpeak NG; .ci/run installs it)",
)
def test_a_real_system_voice_makes_audio_for_a_cue(tmp_path: Path) -> None:
    real = Pyttsx3Engine()
    voices = real.voices()
    assert voices, "the speech engine lists no voice"
    out = tmp_path / "cue.wav"
    real.synthesise("Switch to the left side", out, "", 160)
    with wave.open(str(out)) as spoken:
        frames = spoken.readframes(spoken.getnframes())
        seconds = spoken.getnframes() / spoken.getframerate()
    assert 0.5 < seconds < 5
    assert any(frames)  # not silence

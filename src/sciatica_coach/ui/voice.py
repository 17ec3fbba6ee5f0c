"""Spoken cues with the system's own offline voices, never holding up the timer.

The engine is pyttsx3 (SAPI5 on Windows, NSSpeechSynthesizer on macOS, eSpeak NG on Linux):
it is a few hundred kilobytes of Python over voices the system already has, where
QtTextToSpeech would need PySide6-Addons, several hundred megabytes that the 150 MB bundle
cannot carry. pyttsx3 is used only to *synthesise* a phrase to a WAV file; the file is then
played like a beep (sound.play_until), which can be cut short, reports a missing audio output
as a failure, and follows the cue volume.

`VoiceGuide.say(text)` returns at once. One background thread owns the engine; it holds one
waiting phrase, and a newer one replaces it and cuts short the one being spoken, so the
voice never talks over itself or falls behind the timer. Phrases are kept once made ("3",
"Rest"), so a countdown is played, not synthesised, each time. When no voice can be had,
`say` returns False and the cue player beeps instead.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSettings, Signal

from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.settings_keys import (
    VOICE_KEY,
    VOICE_NAME_KEY,
    VOICE_RATE_KEY,
    VOLUME_KEY,
)
from sciatica_coach.ui.settings_values import read_flag
from sciatica_coach.ui.sound import DEFAULT_VOLUME, play_until, scaled_wav

log = logging.getLogger(__name__)

DEFAULT_RATE = 160  # words a minute: a little slower than eSpeak's 175, for instructions
RATES = (120, 140, 160, 180, 200)
# A phrase that could not start within this long after it was asked for is dropped.
STALE_AFTER_SECONDS = 1.0
NO_VOICE_MESSAGE = N_("Voice guidance is off: no system voice was found. Sound cues are used.")


@dataclass(frozen=True)
class Voice:
    id: str
    name: str


class SpeechEngine(Protocol):
    """Makes speech; used only from the voice thread."""

    def voices(self) -> list[Voice]: ...

    def synthesise(self, text: str, path: Path, voice: str, rate: int) -> None:
        """Write ``text`` spoken as a WAV file at ``path``; raise if no audio came of it."""


class Pyttsx3Engine:
    """pyttsx3 over the platform's speech service, started on first use."""

    def __init__(self) -> None:
        self._engine: Any = None

    def _ready(self) -> Any:
        if self._engine is None:
            import pyttsx3

            self._engine = pyttsx3.init()
        return self._engine

    def voices(self) -> list[Voice]:
        return [Voice(str(v.id), str(v.name)) for v in self._ready().getProperty("voices")]

    def synthesise(self, text: str, path: Path, voice: str, rate: int) -> None:
        engine = self._ready()
        if voice:
            engine.setProperty("voice", voice)
        engine.setProperty("rate", rate)
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        if not path.is_file() or path.stat().st_size <= 44:  # a bare WAV header
            # i18n: not words (a detail for the log file)
            raise RuntimeError(f"the speech engine made no audio for {text!r}")


Player = Callable[[str, Callable[[], bool]], None]


@dataclass
class _Settings:
    voice: str
    rate: int
    volume: int


class _SpeechThread:
    """Owns the engine; speaks the newest phrase, dropping or cutting short older ones."""

    def __init__(
        self,
        engine: SpeechEngine,
        play: Player,
        on_failure: Callable[[str], None],
        clock: Callable[[], float],
    ) -> None:
        self._engine = engine
        self._play = play
        self._on_failure = on_failure
        self._clock = clock
        self._wake = threading.Condition()
        self._waiting: tuple[str, _Settings, float] | None = None
        self._generation = 0
        self._stopping = False
        self._voices: list[Voice] | None = None
        self._voices_ready = threading.Event()
        self._want_voices = False
        self._folder = tempfile.TemporaryDirectory(prefix="sciatica-coach-voice-")
        self.failed = threading.Event()
        self.spoken: list[str] = []  # what was played, for tests
        self.thread = threading.Thread(target=self._run, name="voice-cues", daemon=True)
        self.thread.start()

    def say(self, text: str, settings: _Settings) -> None:
        with self._wake:
            self._waiting = (text, settings, self._clock())
            self._generation += 1
            self._wake.notify()

    def voices(self, wait_seconds: float) -> list[Voice]:
        with self._wake:
            self._want_voices = True
            self._wake.notify()
        self._voices_ready.wait(wait_seconds)
        return list(self._voices or [])

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._generation += 1
            self._wake.notify()

    def _run(self) -> None:
        try:
            while True:
                with self._wake:
                    while not (self._stopping or self._waiting or self._want_voices):
                        self._wake.wait()
                    if self._stopping:
                        return
                    job, self._waiting = self._waiting, None
                    generation = self._generation
                    want_voices, self._want_voices = self._want_voices, False
                if want_voices:
                    self._list_voices()
                if job is not None and not self.failed.is_set():
                    self._speak(*job, generation)
        finally:
            with contextlib.suppress(OSError):
                self._folder.cleanup()

    def _list_voices(self) -> None:
        try:
            self._voices = self._engine.voices()
        except Exception as error:
            log.warning("Could not list the system's voices: %s", error)
            self._voices = []
        self._voices_ready.set()

    def _speak(self, text: str, settings: _Settings, asked_at: float, generation: int) -> None:
        try:
            path = self._phrase(text, settings)
        except Exception as error:
            self._fail(f"{type(error).__name__}: {error}")
            return

        def superseded() -> bool:
            return self._generation != generation or self._stopping

        if superseded() or self._clock() - asked_at > STALE_AFTER_SECONDS:
            return
        self.spoken.append(text)
        try:
            self._play(str(path), superseded)
        except Exception as error:
            self._fail(f"{type(error).__name__}: {error}")

    def _phrase(self, text: str, settings: _Settings) -> Path:
        import hashlib  # once a phrase is spoken, not at start-up (OpenSSL, 3 MB resident)

        key = hashlib.sha1(f"{settings.voice}|{settings.rate}|{text}".encode()).hexdigest()
        spoken = Path(self._folder.name) / f"{key}.wav"
        if not spoken.is_file():
            self._engine.synthesise(text, spoken, settings.voice, settings.rate)
        if settings.volume >= 100:
            return spoken
        quieter = spoken.with_name(f"{key}-{settings.volume}.wav")
        return quieter if quieter.is_file() else scaled_wav(spoken, quieter, settings.volume)

    def _fail(self, detail: str) -> None:
        if self.failed.is_set():
            return
        self.failed.set()
        log.warning("Voice guidance turned off: %s", detail)
        with contextlib.suppress(Exception):
            self._on_failure(detail)


class VoiceGuide(QObject):
    """Voice guidance as the user set it (on/off, voice, rate; volume with the cues).

    ``engine`` defaults to pyttsx3 and ``play`` to playsound3; tests pass fakes. Call
    close() when the app quits.
    """

    unavailable = Signal(str)
    _thread_failed = Signal(str)

    def __init__(
        self,
        settings: QSettings,
        engine: SpeechEngine | None = None,
        play: Player | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._engine = engine
        self._play = play or play_until
        self._clock = clock
        self._thread: _SpeechThread | None = None
        self._available = engine is not None or engine_installed()
        self._thread_failed.connect(self._on_failed)

    @property
    def enabled(self) -> bool:
        return read_flag(self._settings, VOICE_KEY, False)

    def set_enabled(self, on: bool) -> None:
        self._settings.setValue(VOICE_KEY, on)

    @property
    def available(self) -> bool:
        """False when no speech engine is installed or it failed this run."""
        return self._available

    def say(self, text: str) -> bool:
        """Speak ``text`` soon, cutting short anything older; False if the voice is off or
        cannot speak (then the caller beeps)."""
        if not (text and self.enabled and self._available):
            return False
        self._start().say(text, self._current())
        return True

    def voices(self, wait_seconds: float = 3.0) -> list[Voice]:
        """The system's voices (empty if none, or not listed within ``wait_seconds``)."""
        if not self._available:
            return []
        return self._start().voices(wait_seconds)

    @property
    def spoken(self) -> list[str]:
        return [] if self._thread is None else self._thread.spoken

    def close(self, wait_seconds: float = 0.0) -> None:
        if self._thread is None:
            return
        self._thread.stop()
        if wait_seconds > 0:
            self._thread.thread.join(wait_seconds)

    def _current(self) -> _Settings:
        rate = self._settings.value(VOICE_RATE_KEY, DEFAULT_RATE, type=int)
        volume = self._settings.value(VOLUME_KEY, DEFAULT_VOLUME, type=int)
        name = self._settings.value(VOICE_NAME_KEY, "", type=str)
        return _Settings(
            voice=name if isinstance(name, str) else "",
            rate=rate if isinstance(rate, int) else DEFAULT_RATE,
            volume=volume if isinstance(volume, int) else DEFAULT_VOLUME,
        )

    def _start(self) -> _SpeechThread:
        if self._thread is None:
            guide = weakref.ref(self)

            def report(detail: str) -> None:
                alive = guide()
                if alive is not None:
                    with contextlib.suppress(RuntimeError):
                        alive._thread_failed.emit(detail)

            engine = self._engine or Pyttsx3Engine()
            self._thread = _SpeechThread(engine, self._play, report, self._clock)
            weakref.finalize(self, self._thread.stop)
        return self._thread

    def _on_failed(self, _detail: str) -> None:
        if self._available:
            self._available = False
            self.unavailable.emit(_(NO_VOICE_MESSAGE))


def engine_installed() -> bool:
    """Whether pyttsx3 can be imported (whether it finds a voice is known on first use)."""
    import importlib.util

    return importlib.util.find_spec("pyttsx3") is not None

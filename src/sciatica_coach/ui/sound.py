"""Sound cues for the guided session, played without holding up the window.

`CuePlayer.play("tick")` hands the cue to one background thread and returns at once.
If the machine has no working audio output, the first failure turns the player silent
for the rest of the run and `unavailable` is emitted once with a message for the user;
the session itself never notices.
"""

from __future__ import annotations

import array
import contextlib
import logging
import queue
import sys
import tempfile
import threading
import time
import wave
import weakref
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Signal

from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.settings_keys import MUTED_KEY, VOLUME_KEY

log = logging.getLogger(__name__)

CUES = ("start", "tick", "switch", "rest", "done", "halfway")
UNAVAILABLE_MESSAGE = N_("Sound is off: no audio output was found.")

# A cue that waited longer than this is dropped: a late 3-2-1 tick is worse than none.
STALE_AFTER_SECONDS = 0.35
QUEUE_SIZE = 2
# The longest cue lasts about 1.2 s; a player still running well past that is stuck.
# Generous, because GStreamer's first run on a machine scans its plugins first.
PLAYER_TIMEOUT_SECONDS = 10.0

Backend = Callable[[str], object]
DEFAULT_VOLUME = 100


class VoiceLike(Protocol):
    """What the cue player asks of the voice (ui.voice.VoiceGuide)."""

    def say(self, text: str) -> bool: ...


def read_volume(settings: QSettings) -> int:
    """The saved cue volume in percent, or DEFAULT_VOLUME."""
    value = settings.value(VOLUME_KEY, DEFAULT_VOLUME, type=int)
    return max(0, min(value, 100)) if isinstance(value, int) else DEFAULT_VOLUME


class SoundUnavailableError(Exception):
    """The audio player started but could not play the sound."""


def play_with_playsound3(path: str) -> None:
    """Play the file with playsound3 and return when it has finished; raise if it could not.

    Meant for the cue thread. playsound3 is imported here rather than at the top because
    its import runs each candidate player once to see which exist. The sound is started
    with block=False and then watched, so that a stuck player is given up on, and so that
    a player that starts but cannot reach any output (its exit status) counts as a failure.
    Waiting also keeps cues from overlapping, which a bare ALSA device refuses.
    """
    play_until(path, lambda: False)


def play_until(path: str, stop: Callable[[], bool]) -> None:
    """`play_with_playsound3`, cut short as soon as ``stop()`` is true (a newer voice cue)."""
    from playsound3 import playsound

    player = playsound(path, block=False).subprocess
    deadline = time.monotonic() + PLAYER_TIMEOUT_SECONDS
    while (status := player.poll()) is None:
        if stop():
            player.terminate()
            return
        if time.monotonic() > deadline:
            player.terminate()
            # i18n: not words (a detail for the log file)
            raise SoundUnavailableError("the audio player did not finish")
        time.sleep(0.02)
    if status != 0:
        # i18n: not words (a detail for the log file)
        raise SoundUnavailableError(f"the audio player exited with status {status}")


def scaled_wav(source: Path, target: Path, volume: int) -> Path:
    """A copy of the 16-bit WAV ``source`` at ``volume`` percent, written to ``target``.

    playsound3 has no volume of its own, so quieter cues are quieter files.
    """
    with wave.open(str(source), "rb") as reader:
        params = reader.getparams()
        frames = reader.readframes(params.nframes)
    if params.sampwidth != 2:
        return source
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    factor = max(0, min(volume, 100)) / 100
    scaled = array.array("h", (int(sample * factor) for sample in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    with wave.open(str(target), "wb") as writer:
        writer.setparams(params)
        writer.writeframes(scaled.tobytes())
    return target


class _CueThread:
    """One daemon thread that plays queued cue files in order and drops stale ones."""

    def __init__(
        self,
        backend: Backend,
        on_failure: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._backend = backend
        self._clock = clock
        self._on_failure = on_failure
        self._jobs: queue.Queue[tuple[str, float] | None] = queue.Queue(maxsize=QUEUE_SIZE)
        self._lock = threading.Lock()
        self._stopping = False
        self.failed = threading.Event()
        self.thread = threading.Thread(target=self._run, name="sound-cues", daemon=True)
        self.thread.start()
        _live_cue_threads.add(self)

    def submit(self, path: str) -> bool:
        """Queue a file to play; False when the queue is full and the cue was dropped."""
        try:
            self._jobs.put_nowait((path, self._clock()))
        except queue.Full:
            return False
        return True

    def stop(self) -> None:
        self._stopping = True
        # If the queue is full the thread sees _stopping after its current cue.
        with contextlib.suppress(queue.Full):
            self._jobs.put_nowait(None)

    def fail(self, detail: str) -> None:
        """Go silent for good and report it once; safe to call from any thread."""
        with self._lock:
            if self.failed.is_set():
                return
            self.failed.set()
        log.warning("Sound cues turned off: %s", detail)
        try:
            self._on_failure(detail)
        except Exception:
            log.exception("Could not report that sound is off")

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None or self._stopping:
                return
            path, queued_at = job
            if self.failed.is_set():
                continue
            if self._clock() - queued_at > STALE_AFTER_SECONDS:
                log.debug("Dropped a late sound cue: %s", path)
                continue
            try:
                self._backend(path)
            except Exception as error:
                self.fail(f"{type(error).__name__}: {error}")


_live_cue_threads: weakref.WeakSet[_CueThread] = weakref.WeakSet()
_chained_excepthook: Callable[[threading.ExceptHookArgs], object] | None = None


def _raised_in_playsound3(traceback: TracebackType | None) -> bool:
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__", "")
        if module == "playsound3" or module.startswith("playsound3."):
            return True
        traceback = traceback.tb_next
    return False


def _on_thread_exception(args: threading.ExceptHookArgs) -> None:
    # Some playsound3 players (on Windows) fail inside threads of their own, where nothing
    # of ours can catch it: take those here, instead of printing a traceback.
    if _raised_in_playsound3(args.exc_traceback):
        for cue_thread in list(_live_cue_threads):
            cue_thread.fail(f"{args.exc_type.__name__}: {args.exc_value}")
        return
    (_chained_excepthook or threading.__excepthook__)(args)


def _watch_playsound3_threads() -> None:
    global _chained_excepthook
    if threading.excepthook is not _on_thread_exception:
        _chained_excepthook = threading.excepthook
        threading.excepthook = _on_thread_exception


class CuePlayer(QObject):
    """Plays the session's cues by name (see CUES) from WAV files in sounds_dir.

    backend plays one file path and may block; it runs on a background thread, and any
    exception it raises turns the player silent. It defaults to playsound3. Muting is
    kept in settings under "sound/muted". Call close() when the app quits. ``clock``
    (monotonic seconds) dates each cue so a late one is dropped; tests pass their own.
    """

    unavailable = Signal(str)
    muted_changed = Signal(bool)
    _cue_thread_failed = Signal(str)

    def __init__(
        self,
        sounds_dir: Path,
        settings: QSettings,
        backend: Backend | None = None,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._sounds_dir = Path(sounds_dir)
        self._settings = settings
        self._backend = backend or play_with_playsound3
        self._muted = bool(settings.value(MUTED_KEY, False, type=bool))
        self._available = True
        self._cue_thread: _CueThread | None = None
        self._warned: set[str] = set()
        self._volume = read_volume(settings)
        self._scaled_dir: tempfile.TemporaryDirectory[str] | None = None
        # The voice, when the user turned it on: it says a cue's words instead of its sound.
        self.voice: VoiceLike | None = None
        self._cue_thread_failed.connect(self._on_cue_thread_failed)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def available(self) -> bool:
        """False once playing has failed; the player then stays silent for this run."""
        return self._available

    def set_muted(self, muted: bool) -> None:
        if muted == self._muted:
            return
        self._muted = muted
        self._settings.setValue(MUTED_KEY, muted)
        self.muted_changed.emit(muted)

    def toggle_muted(self) -> bool:
        """Flip muting and return the new state."""
        self.set_muted(not self._muted)
        return self._muted

    @property
    def volume(self) -> int:
        """The cues' loudness in percent (the voice follows it too)."""
        return self._volume

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(int(volume), 100))
        self._settings.setValue(VOLUME_KEY, self._volume)

    def cue(self, sound: str, words: str) -> None:
        """The voice says ``words`` if it is on and can; otherwise the ``sound`` is played."""
        if words and self.voice is not None and self.voice.say(words):
            return
        self.play(sound)

    def play(self, cue: str) -> None:
        """Start the cue and return at once; does nothing when muted or sound is off."""
        if cue not in CUES:
            # i18n: not words (for the log file)
            self._warn_once(cue, "Unknown sound cue %r ignored", cue)
            return
        if self._muted or not self._available:
            return
        path = self._sounds_dir / f"{cue}.wav"
        if not path.is_file():
            # i18n: not words (for the log file)
            self._warn_once(cue, "Sound file for cue %r is missing: %s", cue, path)
            return
        cue_thread = self._start_cue_thread()
        if cue_thread.failed.is_set():
            return
        if not cue_thread.submit(str(self._at_volume(path))):
            log.debug("Sound cues are backed up; dropped %r", cue)

    def _at_volume(self, path: Path) -> Path:
        if self._volume >= 100:
            return path
        if self._scaled_dir is None:
            self._scaled_dir = tempfile.TemporaryDirectory(prefix="sciatica-coach-cues-")
        target = Path(self._scaled_dir.name) / f"{path.stem}-{self._volume}.wav"
        if target.is_file():
            return target
        try:
            return scaled_wav(path, target, self._volume)
        except (OSError, EOFError, wave.Error) as error:
            # i18n: not words (for the log file)
            self._warn_once(f"volume {path}", "Cue %s played at full volume: %s", path, error)
            return path

    def close(self, wait_seconds: float = 0.0) -> None:
        """Stop the background thread, waiting for it up to wait_seconds."""
        if self._scaled_dir is not None:
            self._scaled_dir.cleanup()
            self._scaled_dir = None
        if self._cue_thread is None:
            return
        self._cue_thread.stop()
        if wait_seconds > 0:
            self._cue_thread.thread.join(wait_seconds)

    def _start_cue_thread(self) -> _CueThread:
        if self._cue_thread is None:
            _watch_playsound3_threads()
            # The thread holds only a weak reference, so it never keeps the player alive.
            player = weakref.ref(self)

            def report(detail: str) -> None:
                alive = player()
                if alive is None:
                    return
                # RuntimeError: its Qt side was deleted before the Python side.
                with contextlib.suppress(RuntimeError):
                    alive._cue_thread_failed.emit(detail)

            self._cue_thread = _CueThread(self._backend, report, self._clock)
            weakref.finalize(self, self._cue_thread.stop)
        return self._cue_thread

    def _on_cue_thread_failed(self, _detail: str) -> None:
        # Runs on the player's own thread, so the signal reaches the UI in order.
        if not self._available:
            return
        self._available = False
        self.unavailable.emit(_(UNAVAILABLE_MESSAGE))

    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)

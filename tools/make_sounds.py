"""Synthesise the coach's sound cues into assets/sounds/.

Standard library only, no randomness: running it twice writes the same bytes.
Every cue is 44.1 kHz mono 16-bit, starts and ends at silence (no clicks) and
peaks at -6 dBFS so it sits comfortably under music or a podcast.

    python tools/make_sounds.py            # writes assets/sounds/*.wav
    python tools/make_sounds.py OUT_DIR    # writes somewhere else
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44_100
PEAK_DBFS = -6.0
FULL_SCALE = 32_767
SOUNDS_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"

# A soft, bell-ish timbre: the octave and twelfth give warmth without harshness.
WARM = ((1.0, 1.0), (2.0, 0.28), (3.0, 0.08))
# Struck-bell overtones (slightly inharmonic), kept quiet so the bell stays gentle.
BELL = ((1.0, 1.0), (2.0, 0.35), (2.76, 0.18), (5.4, 0.05))
# Nearly pure, for the tick: anything brighter sounds like a click.
PURE = ((1.0, 1.0), (2.0, 0.12))


@dataclass(frozen=True)
class Note:
    """One struck tone inside a cue; times are in seconds from the start of the cue."""

    frequency: float
    start: float
    length: float
    level: float = 1.0
    decay: float = 0.3
    attack: float = 0.01
    release: float = 0.04
    partials: tuple[tuple[float, float], ...] = WARM
    glide_to: float | None = None


def note_samples(note: Note) -> list[float]:
    """The note alone, unnormalised, starting and ending at exactly zero."""
    count = round(note.length * SAMPLE_RATE)
    attack = max(1, round(note.attack * SAMPLE_RATE))
    release = max(1, round(note.release * SAMPLE_RATE))
    end_frequency = note.glide_to or note.frequency
    nyquist = SAMPLE_RATE / 2
    out = [0.0] * count
    phase = 0.0
    for i in range(count):
        t = i / SAMPLE_RATE
        # Exponential glide, so a falling tone sounds even rather than rushing at the end.
        frequency = note.frequency * (end_frequency / note.frequency) ** (i / count)
        envelope = math.exp(-t / note.decay)
        if i < attack:
            envelope *= 0.5 - 0.5 * math.cos(math.pi * i / attack)
        if i >= count - release:
            envelope *= 0.5 - 0.5 * math.cos(math.pi * (count - i) / release)
        value = 0.0
        for ratio, weight in note.partials:
            if frequency * ratio >= nyquist:
                continue
            # Higher partials die away sooner, as they do on a real struck bar.
            value += weight * math.exp(-t * (ratio - 1) / note.decay) * math.sin(ratio * phase)
        out[i] = note.level * envelope * value
        phase += 2 * math.pi * frequency / SAMPLE_RATE
    return out


def render(notes: list[Note], duration: float) -> array[int]:
    """Mix the notes into one cue scaled to PEAK_DBFS, as 16-bit samples."""
    mix = [0.0] * round(duration * SAMPLE_RATE)
    for note in notes:
        offset = round(note.start * SAMPLE_RATE)
        for i, value in enumerate(note_samples(note)):
            if offset + i < len(mix):
                mix[offset + i] += value
    loudest = max(abs(v) for v in mix)
    scale = 10 ** (PEAK_DBFS / 20) * FULL_SCALE / loudest
    return array("h", (round(v * scale) for v in mix))


def cue_notes() -> dict[str, tuple[list[Note], float]]:
    """Each cue's notes and total duration in seconds."""
    c4, e4, g4, c5 = 261.63, 329.63, 392.00, 523.25
    e5, g5, a5, b5 = 659.26, 783.99, 880.00, 987.77
    return {
        # A rising fourth: "let's go".
        "start": ([Note(g4 * 2, 0.0, 0.3, decay=0.25), Note(c5 * 2, 0.15, 0.55, decay=0.3)], 0.7),
        # A short, round blip for 3-2-1; pure enough not to sound like a click.
        "tick": (
            [Note(b5, 0.0, 0.09, decay=0.03, attack=0.004, release=0.03, partials=PURE)],
            0.09,
        ),
        # Low-high-low-high: back and forth, like changing sides.
        "switch": (
            [
                Note(e5, 0.00, 0.12, decay=0.08, release=0.03),
                Note(a5, 0.12, 0.12, decay=0.08, release=0.03),
                Note(e5, 0.24, 0.12, decay=0.08, release=0.03),
                Note(a5, 0.36, 0.22, decay=0.10, release=0.06),
            ],
            0.58,
        ),
        # A slow fall of a fifth, soft at both ends: "ease off".
        "rest": (
            [Note(e5, 0.0, 0.7, decay=0.45, attack=0.06, release=0.15, glide_to=a5 / 2)],
            0.7,
        ),
        # C major, gently spread from the bottom up, left to ring.
        "done": (
            [
                Note(c4, 0.00, 1.2, level=1.0, decay=0.55, release=0.25),
                Note(e4, 0.05, 1.15, level=0.85, decay=0.5, release=0.25),
                Note(g4, 0.10, 1.1, level=0.8, decay=0.5, release=0.25),
                Note(c5, 0.10, 1.1, level=0.35, decay=0.45, release=0.25),
            ],
            1.2,
        ),
        # One soft bell.
        "halfway": (
            [Note(g5, 0.0, 0.8, decay=0.3, attack=0.005, release=0.12, partials=BELL)],
            0.8,
        ),
    }


def write_wav(path: Path, samples: array[int]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        data = array("h", samples)
        if sys.byteorder != "little":
            data.byteswap()
        out.writeframes(data.tobytes())


def generate(out_dir: Path) -> list[Path]:
    """Write every cue as <name>.wav into out_dir (created if needed); return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (notes, duration) in cue_notes().items():
        path = out_dir / f"{name}.wav"
        write_wav(path, render(notes, duration))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else SOUNDS_DIR
    for path in generate(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

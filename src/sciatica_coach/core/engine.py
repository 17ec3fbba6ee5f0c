"""The session state machine: where in the timeline we are, given what time it is.

Every step has a deadline computed from the clock, never from counted ticks, so however
irregular the polling, each boundary lands where the plan put it. Pauses push the
deadlines back; a long silence between two polls (a laptop asleep) pauses the session at
the moment the silence began instead of racing through the steps that would have passed.
A resumed session opens with a short "get ready" lead-in that is not part of the timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, Step, Timeline
from sciatica_coach.core.variants import VariantChoice, has_easier

Clock = Callable[[], float]

READY = "ready"
RUNNING = "running"
PAUSED = "paused"
FINISHED = "finished"
STOPPED = "stopped"

SLEEP_GAP_SECONDS = 5.0
RESUME_LEAD_IN_SECONDS = 10.0
COUNTDOWN_FROM = 3
MIN_HALFWAY_SECONDS = 10.0

# Cue kinds, each matching a sound the player may make.
CUE_START = "start"
CUE_TICK = "tick"
CUE_HALFWAY = "halfway"
CUE_SWITCH = "switch"
CUE_REST = "rest"
CUE_REP = "rep"
CUE_STEP_END = "step_end"
CUE_SESSION_END = "done"


@dataclass(frozen=True)
class Cue:
    kind: str
    step_index: int
    offset: float
    count: int | None = None


@dataclass(frozen=True)
class StepOutcome:
    """How a step ended, for the log: done, skipped, or stopped part-way (the session was
    stopped during it), and for how long it really ran."""

    step: Step
    status: str
    actual_seconds: float
    reps_done: int | None
    ended_at: float
    variant: str | None = None


@dataclass(frozen=True)
class SessionState:
    status: str
    index: int
    step: Step | None
    elapsed_in_step: float
    remaining: float | None
    elapsed: float
    session_remaining: float
    progress: float
    cues: tuple[Cue, ...]
    slept: bool

    @property
    def waiting_for_done(self) -> bool:
        return self.status == RUNNING and self.step is not None and self.step.self_paced


def planned_cues(step: Step) -> list[tuple[float, str, int | None]]:
    """The cues of a step as ``(seconds into step, kind, count)``, in time order."""
    cues: list[tuple[float, str, int | None]] = []
    opening = {WORK: CUE_START, REST: CUE_REST, SWITCH: CUE_SWITCH}.get(step.kind)
    if opening and step.index > 0:
        cues.append((0.0, opening, None))
    cues.extend((offset, CUE_REP, n + 1) for n, offset in enumerate(step.rep_cue_times()) if n)
    if step.self_paced:
        return cues
    if step.kind == WORK and step.tempo is None and step.seconds >= MIN_HALFWAY_SECONDS:
        cues.append((step.seconds / 2, CUE_HALFWAY, None))
    if step.seconds > COUNTDOWN_FROM:
        cues.extend((step.seconds - n, CUE_TICK, n) for n in range(COUNTDOWN_FROM, 0, -1))
    cues.append((step.seconds, CUE_STEP_END, None))
    cues.sort(key=lambda cue: cue[0])
    return cues


class Session:
    """A timeline being followed. All times come from ``clock`` (monotonic seconds)."""

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        on_step_end: Callable[[StepOutcome], None] | None = None,
        start_index: int = 0,
        lead_in_seconds: float = 0.0,
        variants: VariantChoice | None = None,
    ) -> None:
        """``lead_in_seconds`` > 0 opens with a "get ready" countdown into ``start_index``
        (a resumed session); the lead-in is never logged. ``variants`` carries the harder
        versions chosen beforehand; the Easier toggle changes it as the session runs."""
        if not timeline.steps:
            # i18n: not words (a programmer's error)
            raise ValueError("a session needs at least one step")
        if not 0 <= start_index < len(timeline.steps):
            # i18n: not words (a programmer's error)
            raise ValueError(f"start step {start_index} is outside the timeline")
        if lead_in_seconds < 0:
            # i18n: not words (a programmer's error)
            raise ValueError("the lead-in cannot be negative")
        self.timeline = timeline
        self._clock = clock
        self._on_step_end = on_step_end
        self._status = READY
        self._index = start_index
        # equivalent mutant: start() sets it before anything reads it
        self._step_start = 0.0
        # equivalent mutant: start() sets it, or stop() before the start; nothing reads it before
        self._session_start = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._last_seen = 0.0
        # equivalent mutant: every step's start sets it before a cue is collected
        self._cue_cursor = -1.0
        self._pending: list[Cue] = []
        # The running step's planned cues, worked out once a step: it is polled ten times a
        # second while a figure moves.
        # equivalent mutant: no step is None, so the first step always works its cues out
        self._step_cues: tuple[Step | None, list[tuple[float, str, int | None]]] = (None, [])
        self._slept = False
        self._lead_in: Step | None = None
        if lead_in_seconds > 0:
            self._lead_in = Step(start_index, PREPARE, lead_in_seconds)
        self.stop_reason: str | None = None
        self.stop_index: int | None = None
        self.variants = variants or VariantChoice()

    # -- commands -------------------------------------------------------------------------

    @property
    def status(self) -> str:
        return self._status

    @property
    def index(self) -> int:
        return self._index

    @property
    def paused_seconds(self) -> float:
        return self._paused_total

    def start(self) -> None:
        if self._status != READY:
            return
        now = self._clock()
        self._status = RUNNING
        self._session_start = now
        self._restart_running_step(now)

    def pause(self) -> None:
        now = self._advance()
        if self._status == RUNNING:
            self._status = PAUSED
            self._paused_at = now

    def resume(self) -> None:
        # equivalent mutant: a session has a pause moment exactly while it is paused
        if self._status != PAUSED or self._paused_at is None:
            return
        now = self._clock()
        pause = max(0.0, now - self._paused_at)
        self._paused_total += pause
        self._step_start += pause
        self._paused_at = None
        self._status = RUNNING
        self._last_seen = now
        self._slept = False

    def toggle_pause(self) -> None:
        if self._status == PAUSED:
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """End the current step as skipped and start the next one now."""
        now = self._advance()
        if self._status not in (RUNNING, PAUSED):
            return
        at = self._paused_at if self._paused_at is not None else now
        if self._lead_in is not None:
            self._lead_in = None
            self._begin_step(self._index, at)
            return
        self._end_step("skipped", at)
        self._move_to(self._index + 1, at)

    def mark_done(self) -> bool:
        """Finish a self-paced step; returns False when the current step runs on a timer."""
        now = self._advance()
        step = self.current_step
        if self._status != RUNNING or step is None or not step.self_paced or self._lead_in:
            return False
        self._end_step("done", now)
        self._move_to(self._index + 1, now)
        return True

    def back(self) -> None:
        """Go back to the start of the previous exercise (the one just done, during a rest)."""
        now = self._advance()
        if self._status not in (RUNNING, PAUSED):
            return
        target = next(
            (s.index for s in reversed(self.timeline.steps[: self._index]) if s.kind == WORK),
            0,
        )
        self._lead_in = None
        self._begin_step(target, self._paused_at if self._paused_at is not None else now)

    def restart_step(self) -> None:
        now = self._advance()
        if self._status not in (RUNNING, PAUSED):
            return
        self._restart_running_step(self._paused_at if self._paused_at is not None else now)

    def stop(self, reason: str) -> None:
        """End the session early. The step under way is logged as stopped, with the time and
        reps it got to, so the log can say which exercise the session was stopped in."""
        now = self._advance()
        if self._status not in (RUNNING, PAUSED, READY):
            return
        at = self._paused_at if self._paused_at is not None else now
        if self._status != READY and self._lead_in is None:
            self.stop_index = self._index
            self._end_step("stopped", at)
        if self._status == READY:
            self._session_start = now  # never started, so it ran for no time
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
            # equivalent mutant: nothing reads the pause moment of a stopped session
            self._paused_at = None
        # equivalent mutant: nothing reads the lead-in of a stopped session
        self._lead_in = None
        self._status = STOPPED
        self.stop_reason = reason
        self._last_seen = now

    def toggle_easier(self, *, rest_of_session: bool = False) -> bool | None:
        """Switch the exercise on screen (during a rest, the one coming up), or with
        ``rest_of_session`` every exercise from it on, to its easier version or back.
        Returns whether it is now easier, or None when there is no exercise to switch."""
        step = self.easier_target
        if step is None or not has_easier(step):
            return None
        if rest_of_session:
            return self.variants.toggle_rest_of_session(step)
        return self.variants.toggle_exercise(step)

    # -- reading --------------------------------------------------------------------------

    @property
    def current_step(self) -> Step | None:
        if self._status in (FINISHED, STOPPED):
            return None
        return self._running_step()

    @property
    def easier_target(self) -> Step | None:
        """The exercise an Easier choice made now is about: the one under way, or between
        exercises the next one."""
        step = self.current_step
        if step is None or step.kind == WORK:
            return step
        return next((s for s in self.timeline.steps[step.index :] if s.kind == WORK), None)

    @property
    def in_lead_in(self) -> bool:
        """Whether the "get ready" countdown of a resumed session is showing."""
        return self._lead_in is not None and self._status in (READY, RUNNING, PAUSED)

    def state(self, now: float | None = None) -> SessionState:
        """Where the session is at ``now``; also the tick that moves it on and collects cues."""
        now = self._advance(now)
        step = self.current_step
        reference = self._paused_at if self._paused_at is not None else now
        if self._status == READY:
            in_step = 0.0
            elapsed = 0.0
        elif step is None:
            in_step = 0.0
            elapsed = self._last_seen - self._session_start - self._paused_total
        else:
            in_step = max(0.0, reference - self._step_start)
            elapsed = reference - self._session_start - self._paused_total
        remaining: float | None = None
        next_index = self._index if self._lead_in is not None else self._index + 1
        left_after = self.timeline.seconds_from(next_index) if step else 0.0
        if step is not None and step.timed:
            remaining = max(0.0, step.seconds - in_step)
        current_left = step.seconds - min(in_step, step.seconds) if step else 0.0
        session_remaining = left_after + current_left
        total = self.timeline.total_seconds
        # equivalent mutant: a finished session has nothing left, so the sum also gives 1.0
        progress = 1.0 if self._status == FINISHED else 1.0 - session_remaining / total
        cues, self._pending = tuple(self._pending), []
        return SessionState(
            status=self._status,
            index=self._index,
            step=step,
            elapsed_in_step=in_step,
            remaining=remaining,
            elapsed=max(0.0, elapsed),
            session_remaining=session_remaining,
            # equivalent mutant: the time left is never negative, so progress never passes 1
            progress=min(1.0, max(0.0, progress)),
            cues=cues,
            slept=self._slept,
        )

    # -- inner workings -------------------------------------------------------------------

    def _advance(self, now: float | None = None) -> float:
        """Bring the session up to ``now``: pass due deadlines, collect cues, notice sleep."""
        if now is None:
            now = self._clock()
        if self._status != RUNNING:
            return now
        if now - self._last_seen > SLEEP_GAP_SECONDS:
            asleep_from = self._last_seen
            self._run_until(asleep_from)
            if self._status == RUNNING:
                self._status = PAUSED
                self._paused_at = asleep_from
                self._slept = True
            return now
        self._run_until(now)
        if self._status == RUNNING:
            self._last_seen = max(self._last_seen, now)
        return now

    def _running_step(self) -> Step:
        return self._lead_in if self._lead_in is not None else self.timeline.steps[self._index]

    def _run_until(self, now: float) -> None:
        while self._status == RUNNING:
            step = self._running_step()
            deadline = self._step_start + step.seconds
            self._collect_cues(step, min(now, deadline) - self._step_start)
            if step.self_paced or now < deadline:
                return
            if self._lead_in is not None:
                self._lead_in = None
                self._begin_step(self._index, deadline)
                continue
            self._end_step("done", deadline)
            self._move_to(self._index + 1, deadline)

    def _collect_cues(self, step: Step, upto: float) -> None:
        # equivalent mutant: working the cues out afresh at every poll gives the same cues
        if self._step_cues[0] is not step:
            self._step_cues = (step, planned_cues(step))
        for offset, kind, count in self._step_cues[1]:
            if self._cue_cursor < offset <= upto:
                self._pending.append(Cue(kind, step.index, offset, count))
        self._cue_cursor = max(self._cue_cursor, upto)

    def _begin_step(self, index: int, at: float) -> None:
        self._index = index
        self._restart_running_step(at)

    def _restart_running_step(self, at: float) -> None:
        """Start the running step (the lead-in while there is one) afresh at ``at``."""
        self._step_start = at
        # equivalent mutant: any value below zero lets the cues at zero through; none is earlier
        self._cue_cursor = -1.0
        self._last_seen = max(self._last_seen, at)
        self._collect_cues(self._running_step(), 0.0)

    def _move_to(self, index: int, at: float) -> None:
        if index >= len(self.timeline.steps):
            self._status = FINISHED
            # equivalent mutant: nothing reads the pause moment of a finished session
            self._paused_at = None
            self._last_seen = at
            last = self.timeline.steps[-1]
            self._pending.append(Cue(CUE_SESSION_END, last.index, last.seconds))
            return
        self._begin_step(index, at)

    def _end_step(self, status: str, at: float) -> None:
        step = self.timeline.steps[self._index]
        actual = max(0.0, at - self._step_start)
        reps_done = step.reps if status == "done" and step.kind == WORK else None
        if status == "stopped":
            reps_done = reps_before(step, actual)
        if self._on_step_end is not None:
            variant = self.variants.variant(step)
            self._on_step_end(StepOutcome(step, status, actual, reps_done, at, variant))


def reps_before(step: Step, seconds: float) -> int | None:
    """Whole reps of a paced step finished ``seconds`` into it; None where reps are not
    counted by the clock (holds, rests and reps at the user's own pace)."""
    if step.kind != WORK or step.reps is None or step.tempo is None or step.self_paced:
        return None
    movements = int((seconds + 1e-9) // step.tempo)
    per_rep = 2 if step.alternating else 1
    return min(step.reps, movements // per_rep)

"""Writes a session to the log as it happens: its start, each step as it ends, and its close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sciatica_coach.core.clock import local_now
from sciatica_coach.core.engine import FINISHED, Session, StepOutcome
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError, PainCheck, StepRecord
from sciatica_coach.core.timeline import WORK, Step, Timeline

LocalNow = Callable[[], datetime]


def step_record(
    step: Step,
    status: str,
    actual_seconds: float,
    reps_done: int | None,
    ended_at: datetime,
    variant: str | None = None,
) -> StepRecord:
    """The log's row for a timeline step that has ended."""
    exercise = step.exercise if step.kind == WORK else None
    return StepRecord(
        step_index=step.index,
        kind=step.kind,
        exercise_id=exercise.id if exercise else None,
        exercise_name=exercise.name if exercise else None,
        set_number=step.set_number,
        set_count=step.set_count,
        side=step.side,
        planned_seconds=step.seconds,
        actual_seconds=round(actual_seconds, 3),
        reps_planned=step.reps if step.kind == WORK else None,
        reps_done=reps_done,
        status=status,
        ended_at=ended_at,
        variant=variant if exercise else None,
    )


class SessionRecorder:
    """Links one engine Session to the log; the engine's ``on_step_end`` calls ``record_step``.

    Writes never raise during a session. A write the log refuses (a long lock by another
    program, a full disk) is kept in memory, in order, with every later write behind it;
    ``problem`` says what went wrong, ``on_problem`` is told at once, and ``flush`` tries
    the kept writes again. Only the opening write (``begin``) raises: before it nothing runs.
    """

    def __init__(
        self,
        log: SessionLog,
        timeline: Timeline,
        *,
        now: LocalNow = local_now,
        session_id: int | None = None,
        prior_seconds: float = 0.0,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        """``session_id`` and ``prior_seconds`` (active time already logged) resume a session."""
        self.log = log
        self._prior_seconds = prior_seconds
        self.timeline = timeline
        self._now = now
        self.session_id = session_id
        self.finished = False
        self.on_problem = on_problem
        self.problem: str | None = None
        self._pending: list[Callable[[], None]] = []

    @property
    def unsaved(self) -> int:
        """How many writes are waiting for the log to take them."""
        return len(self._pending)

    def begin(self) -> int:
        """Open the session row (status in progress), unless resuming one that exists."""
        if self.session_id is None:
            routine = self.timeline.routine
            self.session_id = self.log.start_session(
                routine.id,
                routine.name,
                self.timeline.total_seconds,
                self.timeline.work_steps,
                self._now(),
            )
        return self.session_id

    def record_step(self, outcome: StepOutcome) -> None:
        record = step_record(
            outcome.step,
            outcome.status,
            outcome.actual_seconds,
            outcome.reps_done,
            self._now(),
            outcome.variant,
        )
        session_id = self._id()
        self._write(lambda: self.log.record_step(session_id, record))

    def record_pain(self, check: PainCheck) -> None:
        session_id, taken = self._id(), self._now()
        self._write(lambda: self.log.record_pain(session_id, check, taken))

    def record_leg_response(self, step_index: int, response: str | None) -> None:
        """The leg's response to the exercise whose last step is ``step_index``; it is kept
        behind that step's own write, so it never arrives before the step does."""
        session_id = self._id()
        self._write(lambda: self.log.set_leg_response(session_id, step_index, response))

    def set_notes(self, text: str) -> None:
        session_id = self._id()
        self._write(lambda: self.log.set_notes(session_id, text))

    def finish(self, session: Session) -> None:
        """Close the session as completed, or stopped with the engine's reason."""
        if self.finished:
            return
        state = session.state()
        status = "completed" if state.status == FINISHED else "stopped"
        reason = None if status == "completed" else (session.stop_reason or "user")
        # equivalent mutant: only stop() sets a stop step, and a stopped session never finishes
        stop_step = None if status == "completed" else session.stop_index
        active = round(self._prior_seconds + state.elapsed, 3)
        session_id, ended = self._id(), self._now()
        self.finished = True
        self._write(
            lambda: self.log.finish_session(session_id, status, ended, active, reason, stop_step)
        )

    def flush(self) -> bool:
        """Try the kept writes again, oldest first; True when none is left."""
        while self._pending:
            try:
                self._pending[0]()
            except LogError as error:
                self._report(str(error))
                return False
            self._pending.pop(0)
        self.problem = None
        return True

    def _write(self, write: Callable[[], None]) -> None:
        self._pending.append(write)
        if len(self._pending) == 1:
            self.flush()

    def _report(self, message: str) -> None:
        first = self.problem is None
        self.problem = message
        if first and self.on_problem is not None:
            self.on_problem(message)

    def _id(self) -> int:
        if self.session_id is None:
            # i18n: not words (a programmer's error)
            raise RuntimeError("the session has not begun")
        return self.session_id

"""Writes a session to the log as it happens: its start, each step as it ends, and its close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sciatica_coach.core.clock import local_now
from sciatica_coach.core.engine import FINISHED, Session, StepOutcome
from sciatica_coach.core.log import PainCheck, SessionLog, StepRecord
from sciatica_coach.core.timeline import WORK, Step, Timeline

LocalNow = Callable[[], datetime]


def step_record(
    step: Step, status: str, actual_seconds: float, reps_done: int | None, ended_at: datetime
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
    )


class SessionRecorder:
    """Links one engine Session to the log; the engine's ``on_step_end`` calls ``record_step``."""

    def __init__(
        self,
        log: SessionLog,
        timeline: Timeline,
        *,
        now: LocalNow = local_now,
        session_id: int | None = None,
        prior_seconds: float = 0.0,
    ) -> None:
        """``session_id`` and ``prior_seconds`` (active time already logged) resume a session."""
        self.log = log
        self._prior_seconds = prior_seconds
        self.timeline = timeline
        self._now = now
        self.session_id = session_id
        self.finished = False

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
            outcome.step, outcome.status, outcome.actual_seconds, outcome.reps_done, self._now()
        )
        self.log.record_step(self._id(), record)

    def record_pain(self, check: PainCheck) -> None:
        self.log.record_pain(self._id(), check, self._now())

    def set_notes(self, text: str) -> None:
        self.log.set_notes(self._id(), text)

    def finish(self, session: Session) -> None:
        """Close the session as completed, or stopped with the engine's reason."""
        if self.finished:
            return
        state = session.state()
        status = "completed" if state.status == FINISHED else "stopped"
        reason = None if status == "completed" else (session.stop_reason or "user")
        stop_step = None if status == "completed" else session.stop_index
        active = round(self._prior_seconds + state.elapsed, 3)
        self.log.finish_session(self._id(), status, self._now(), active, reason, stop_step)
        self.finished = True

    def _id(self) -> int:
        if self.session_id is None:
            raise RuntimeError("the session has not begun")
        return self.session_id

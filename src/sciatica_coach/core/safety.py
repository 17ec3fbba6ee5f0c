"""The app's safety wording, kept in one place.

The first-start screen, the Help menu, the exercise player, the CLI and printed reports all
read from here, so a change of wording happens once. Raise ``SAFETY_VERSION`` whenever the
meaning of this text changes: the app then asks the user to read and acknowledge it again.

The text has not been reviewed by a clinician. It must not diagnose, promise a cure or
recommend any device; it tells the user when to stop and when to get help.
"""

from __future__ import annotations

from dataclasses import dataclass

SAFETY_VERSION = 1

DISCLAIMER = (
    "Sciatica Coach is an exercise companion. It is not medical advice, it cannot tell what "
    "is causing your pain, and it is not a treatment plan made for you. If you are unsure "
    "whether these exercises suit you, ask a doctor or physiotherapist before you start."
)

RED_FLAGS_HEADING = "Get urgent medical help now if you notice any of these"

URGENT_HELP = (
    "Call your local emergency number (for example 999 in the UK, 112 in Europe, "
    "911 in North America) or go to the nearest emergency department."
)

RED_FLAGS: tuple[str, ...] = (
    "Numbness or a strange feeling between your legs: around the genitals, the back passage, "
    "the buttocks or the inner thighs (the parts that would touch a saddle).",
    "New trouble peeing or opening your bowels, or leaking that you cannot control.",
    "Weakness in your leg or foot that is getting worse, or a foot that slaps down or catches "
    "your toes when you walk (foot drop).",
    "Sciatica in both legs at the same time.",
    "Severe pain at night, if you also have a fever, have lost weight without trying, "
    "or have had cancer.",
    "Pain that began after a bad fall or an accident.",
)

SEE_A_CLINICIAN_HEADING = "See your doctor or physiotherapist soon if"

SEE_A_CLINICIAN: tuple[str, ...] = (
    "Numbness is new, or is spreading over a larger area.",
    "Your pain is getting worse quickly, even when you rest and take pain relief.",
    "You feel unwell, hot or shivery along with the pain.",
    "The pain is there all the time and no position eases it.",
    "You have fragile bones (osteoporosis) or have taken steroid tablets for a long time.",
    "The exercises keep making pain spread down your leg, even on a gentler routine.",
    "Things have not improved after a few weeks, are getting worse, "
    "or are stopping you doing everyday things.",
)

STOP_HEADING = "Stop the exercise if"

STOP_SIGNS: tuple[str, ...] = (
    "Pain, tingling or numbness spreads further down your leg than when you started.",
    "Numbness or pins and needles get stronger, or your leg feels weak or about to give way.",
    "The pain is sharp, shooting or like an electric shock.",
    "You feel dizzy, faint or unusually short of breath. If you have chest pain, "
    "call for emergency help.",
)

OKAY_HEADING = "Usually fine"

OKAY_SIGNS: tuple[str, ...] = (
    "A mild stretch or ache that fades once the exercise is over. Moving is not harmful "
    "just because it is a little uncomfortable.",
    "Pain that moves up out of your leg towards your back is a good sign, "
    "even if your back aches a bit more for a while.",
)

STOP_RULES: tuple[str, ...] = STOP_SIGNS + OKAY_SIGNS

STOP_ADVICE = (
    "Stopping was the right thing to do. Lie or sit in whatever position feels easiest "
    "and let things settle. That is enough exercise for today.\n\n"
    "Next time, pick a gentler routine or move through a smaller range, and leave out the "
    "exercise that set this off.\n\n"
    "Contact your doctor or physiotherapist if the spreading has not settled by tomorrow, "
    "if it keeps coming back, or if it comes with new numbness or weakness."
)

REPORT_FOOTER = (
    "Made with Sciatica Coach, an exercise companion: not medical advice, a diagnosis or a "
    "treatment plan. Numbness between the legs, new bladder or bowel trouble, or weakness "
    "that is getting worse needs urgent medical help."
)

LEG_REACH: tuple[tuple[str, str], ...] = (
    ("none", "No symptoms"),
    ("back", "Back only"),
    ("buttock", "Buttock"),
    ("thigh", "Thigh"),
    ("below_knee", "Below the knee"),
    ("foot", "Foot"),
)


@dataclass(frozen=True)
class StopAdvice:
    """What to do after stopping for a safety reason, in the order the patient needs it."""

    title: str
    now: tuple[str, ...]
    get_help: tuple[str, ...]
    next_time: tuple[str, ...]


@dataclass(frozen=True)
class StopReason:
    """Why a session was stopped. ``label`` is the stop sheet's wording, ``short`` the one a
    list has room for; a reason with ``advice`` is a safety stop and shows it first."""

    code: str
    label: str
    short: str
    advice: StopAdvice | None = None

    @property
    def is_safety(self) -> bool:
        return self.advice is not None


# "{exercise}" in advice is replaced by the name of the exercise the session stopped in.
PAIN_SPREADING = StopReason(
    "pain_spreading",
    "Pain spreading down the leg",
    "pain spreading",
    StopAdvice(
        title="Stopping was the right thing to do",
        now=(
            "Rest in whatever position eases your leg most: lying on your back with your "
            "knees bent and supported, or on your side. That is enough exercise for today.",
            "Give it 15 to 30 minutes. Symptoms that move back up out of your leg towards "
            "your back are settling.",
        ),
        get_help=(
            "Contact your doctor or physiotherapist if the spreading is still there tomorrow "
            "morning, if it keeps coming back, or if it comes with new numbness or weakness.",
        ),
        next_time=(
            "Leave out {exercise}, and any exercise that bends your back the same way.",
            "Move through a smaller range. If your leg is worse tomorrow morning, do less "
            "next time.",
        ),
    ),
)
SHARP_PAIN = StopReason(
    "sharp_pain",
    "Sharp or shooting pain",
    "sharp pain",
    StopAdvice(
        title="Stop and let it settle",
        now=(
            "Rest in a comfortable position until the sharp pain has gone.",
            "Leave {exercise} out for the rest of today.",
        ),
        get_help=(
            "If sharp, shooting or electric pains keep coming back, or carry on while you "
            "rest, contact your doctor or physiotherapist.",
        ),
        next_time=(
            "Try {exercise} again only with a much smaller movement or its easier version, "
            "and stop again if the sharp pain returns. In a nerve glide, make the movement "
            "smaller.",
        ),
    ),
)
NUMBNESS = StopReason(
    "numbness",
    "Numbness, pins and needles or weakness getting worse",
    "numbness or weakness",
    StopAdvice(
        title="Stop and rest",
        now=(
            "Rest and notice whether the numbness, tingling or weakness eases over the next "
            "half an hour.",
        ),
        get_help=(
            "A leg or foot that is getting weaker needs to be seen today: call your doctor "
            "or an urgent care line. Numbness that is new or spreading needs to be seen soon.",
        ),
        next_time=(
            "Do not repeat {exercise} until you have spoken to your doctor or physiotherapist.",
        ),
    ),
)
UNWELL = StopReason(
    "unwell",
    "Dizzy or unwell",
    "dizzy or unwell",
    StopAdvice(
        title="Sit or lie down now",
        now=(
            "Sit or lie down straight away and stay there until you feel steady. Have a "
            "drink of water.",
            "If you have chest pain, or are short of breath while resting, call your "
            "emergency number now.",
        ),
        get_help=(
            "If you feel dizzy or unwell whenever you exercise, see your doctor before your "
            "next session.",
        ),
        next_time=("Get up slowly from the floor, and keep a chair close by to hold on to.",),
    ),
)
TIRED = StopReason("tired", "Tired or out of time", "tired or out of time")
OTHER = StopReason("other", "Something else", "something else")

# The reasons the stop sheet offers, in its order: the safety screen's stop signs first.
SHEET_REASONS: tuple[StopReason, ...] = (PAIN_SPREADING, SHARP_PAIN, NUMBNESS, UNWELL, TIRED, OTHER)

# Reasons the app records without asking, and ones older versions wrote.
CLOSED_APP = StopReason("closed_app", "Closed the app", "closed the app")
NOT_FINISHED = StopReason("interrupted", "Not finished", "not finished")
EARLY = StopReason("user", "Stopped early", "stopped early")

ALL_STOP_REASONS: dict[str, StopReason] = {
    reason.code: reason for reason in (*SHEET_REASONS, CLOSED_APP, NOT_FINISHED, EARLY)
}
STOP_REASONS: dict[str, str] = {code: reason.label for code, reason in ALL_STOP_REASONS.items()}


def stop_reason(code: str | None) -> StopReason:
    """The reason for a stored code; an unknown or missing code reads as "stopped early"."""
    return ALL_STOP_REASONS.get(code or "", EARLY)


def reach_label(code: str | None) -> str:
    """The label for a ``LEG_REACH`` code; an empty string for ``None`` or an unknown code."""
    return dict(LEG_REACH).get(code or "", "")


def safety_text() -> str:
    """All the safety wording as plain text with bullet lists, for the CLI and printouts."""

    def section(heading: str, items: tuple[str, ...]) -> str:
        return heading + ":\n" + "\n".join(f"  - {item}" for item in items)

    return "\n\n".join(
        (
            DISCLAIMER,
            section(RED_FLAGS_HEADING, RED_FLAGS) + "\n" + URGENT_HELP,
            section(SEE_A_CLINICIAN_HEADING, SEE_A_CLINICIAN),
            section(STOP_HEADING, STOP_SIGNS),
            section(OKAY_HEADING, OKAY_SIGNS),
        )
    )

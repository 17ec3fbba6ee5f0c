"""The app's safety wording, kept in one place.

The first-start screen, the Help menu, the exercise player, the CLI and printed reports all
read from here, so a change of wording happens once. Raise ``SAFETY_VERSION`` whenever the
meaning of this text changes: the app then asks the user to read and acknowledge it again.

The text has not been reviewed by a clinician. It must not diagnose, promise a cure or
recommend any device; it tells the user when to stop and when to get help.
"""

from __future__ import annotations

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

STOP_REASONS: dict[str, str] = {
    "pain_spreading": "Pain spreading down the leg",
    "numbness": "More numbness or pins and needles",
    "sharp_pain": "Sharp pain",
    "user": "Stopped early",
    "tired": "Too tired to go on",
}


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

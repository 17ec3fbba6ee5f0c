"""The app's safety wording, kept in one place.

The first-start screen, the Help menu, the exercise player, the CLI and printed reports all
read from here, so a change of wording happens once. Raise ``SAFETY_VERSION`` whenever the
meaning of this text changes: the app then asks the user to read and acknowledge it again.

Every text here is English source marked with ``N_`` and translated where it is shown:
call ``_`` on a constant, or ``translated()`` on a tier or stop reason (see ``i18n``). The
German is in ``assets/locale/de``; docs/translation.md marks it for a clinician's review.

The text has not been reviewed by a clinician. It must not diagnose, promise a cure or
recommend any device; it tells the user when to stop and when to get help.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sciatica_coach.i18n import N_, _

SAFETY_VERSION = 2

DISCLAIMER = N_(
    "Sciatica Coach is an exercise companion. It is not medical advice. It cannot tell what "
    "is causing your pain, and it is not a treatment plan made for you. No doctor or "
    "physiotherapist has checked the wording in this app yet."
)

REASSURANCE = N_(
    "Most sciatica gets better by itself within a few weeks. Keeping active helps, even if it "
    "is a bit sore. Exercise may help your leg settle a little sooner, but it is not a cure."
)

CHECK_FIRST_HEADING = N_("Ask a doctor or physiotherapist before you start if")

CHECK_FIRST: tuple[str, ...] = (
    N_(
        "No doctor or physiotherapist has checked your leg pain yet. Other problems can feel "
        "like sciatica."
    ),
    N_("You have had an operation on your spine in the last 3 months, or a new hip or knee."),
    N_("You are pregnant."),
    N_("You have fragile bones (osteoporosis), or you have broken a bone in a small fall."),
    N_("A heart or lung problem limits how much exercise you can do."),
    N_("You have had falls, or your balance is poor."),
    N_("You are under 16."),
)


@dataclass(frozen=True)
class RedFlagTier:
    """One level of warning signs: how soon to get help, the signs, and what to do.

    ``code`` is for screens that style the tiers differently; the tiers come most urgent first.
    """

    code: str
    heading: str
    items: tuple[str, ...]
    action: str

    def translated(self) -> RedFlagTier:
        """This tier in the current language."""
        return replace(
            self,
            heading=_(self.heading),
            items=tuple(_(item) for item in self.items),
            action=_(self.action),
        )


EMERGENCY = RedFlagTier(
    "emergency",
    N_("Emergency: get help now if you notice any of these"),
    (
        N_(
            "Numbness or a strange feeling between your legs, where you would sit on a bike "
            "saddle. This means around your genitals, your back passage, your buttocks or your "
            "inner thighs. For example, you can't feel the toilet paper when you wipe."
        ),
        N_("New trouble peeing or opening your bowels, or leaking that you can't control."),
        N_(
            "You can't feel when your bladder is full or when you need to open your bowels. Or "
            "you can't feel pee or poo coming out."
        ),
        N_(
            "New trouble with sex: getting an erection or ejaculating. Or less feeling in your "
            "genitals during sex."
        ),
        N_("Sciatica in both legs. Or numbness or weakness in both legs."),
        N_("Weakness in a leg that is getting worse fast, over hours rather than days."),
        N_("Pain that began after a bad fall or an accident."),
    ),
    N_(
        "Call your emergency number now: 999 in the UK, 112 in Europe, 911 in North America. "
        "Or go to the nearest emergency department. Say you are worried about cauda equina "
        "syndrome. It is rare, but it needs help fast."
    ),
)

SAME_DAY = RedFlagTier(
    "same_day",
    N_("Same day: get medical advice today if"),
    (
        N_(
            "Weakness in one leg or foot is getting worse over days. For example, your foot "
            "slaps down or your toes catch when you walk (foot drop)."
        ),
        N_(
            "You have cancer, or had it in the past, and your back pain is new or getting worse. "
            "Tell your doctor or cancer team. If a leg is also newly weak or numb, tell them "
            "today."
        ),
        N_(
            "You have a fever or chills, or feel unwell, as well as back pain. This matters most "
            "if your body is weak at fighting germs, you inject drugs, or you have just had an "
            "infection or a back operation or injection."
        ),
        N_(
            "Your back hurts after a small fall or strain, and your bones are weak. Weak bones "
            "can come from osteoporosis or from taking steroid tablets for a long time."
        ),
        N_("You are losing weight and you don't know why."),
    ),
    N_(
        "Ask your doctor's surgery for an urgent appointment today. Or call an urgent advice "
        "line (NHS 111 in the UK), or go to an urgent care centre."
    ),
)

SOON = RedFlagTier(
    "soon",
    N_("Soon: see a doctor or physiotherapist in the next week or two if"),
    (
        N_("Numbness is new, or is spreading over a larger area."),
        N_("Your pain is getting worse quickly, even when you rest and take pain relief."),
        N_("The pain is there all the time and no position eases it."),
        N_("The pain stops you sleeping."),
        N_(
            "The exercises keep making pain spread down your leg, even when you leave out the "
            "ones that set it off."
        ),
        N_(
            "Your pain has not started to ease after several weeks, or it stops you doing "
            "everyday things."
        ),
    ),
    N_("Book a visit with your doctor or a physiotherapist."),
)

RED_FLAG_TIERS: tuple[RedFlagTier, ...] = (EMERGENCY, SAME_DAY, SOON)

SETTLE_HEADING = N_("Make it smaller, or skip it")

SETTLE_SIGNS: tuple[str, ...] = (
    N_(
        "In a nerve glide, a quick flicker of tingling that fades at once: make the movement "
        "smaller and carry on."
    ),
    N_(
        "An exercise makes your leg worse, but it settles as soon as you stop moving: stop this "
        "exercise. Press Skip (or the right arrow key) to move on, and leave it out for today."
    ),
)

STOP_HEADING = N_("End the session (press Stop) if")

STOP_SIGNS: tuple[str, ...] = (
    N_(
        "Pain, tingling or numbness spreads further down your leg and stays there after you "
        "stop moving. The red button ends the session in one press."
    ),
    N_("Numbness or pins and needles get stronger, or your leg feels weak or about to give way."),
    N_("The pain is sharp, shooting or like an electric shock."),
    N_(
        "Your leg pain goes up by more than about 2 points from where you started, or it "
        "reaches 6 out of 10."
    ),
    N_(
        "You feel dizzy, faint or very short of breath. If you have chest pain, call your "
        "emergency number."
    ),
)

OKAY_HEADING = N_("Usually fine")

OKAY_SIGNS: tuple[str, ...] = (
    N_(
        "A mild stretch or ache that fades once the exercise is over. Moving is not harmful "
        "just because it is a little uncomfortable."
    ),
    N_(
        "Pain that moves up out of your leg towards your back is a good sign, "
        "even if your back aches a bit more for a while."
    ),
    N_(
        "A small rise in pain should settle by the next morning. If your leg is worse the next "
        "morning, do less next time."
    ),
)

STOP_RULES: tuple[str, ...] = SETTLE_SIGNS + STOP_SIGNS + OKAY_SIGNS

STOP_ADVICE = N_(
    "Stopping was the right thing to do. Lie or sit in whatever position feels easiest "
    "and let things settle. That is enough exercise for today.\n\n"
    "Next time, leave out the exercise that set this off, and any that bend your back the "
    "same way. Move through a smaller range.\n\n"
    "Contact your doctor or physiotherapist if the spreading has not settled by tomorrow, "
    "or if it keeps coming back. If it comes with numbness or weakness that is getting "
    "worse, get advice today."
)

REPORT_FOOTER = N_(
    "Made with Sciatica Coach, an exercise companion. It is not medical advice. Get "
    "emergency help now for numbness between your legs, new bladder, bowel or sex problems, "
    "or symptoms in both legs."
)

LEG_REACH: tuple[tuple[str, str], ...] = (
    ("none", N_("No symptoms")),
    ("back", N_("Back only")),
    ("buttock", N_("Buttock")),
    ("thigh", N_("Thigh")),
    ("below_knee", N_("Below the knee")),
    ("foot", N_("Foot")),
)


@dataclass(frozen=True)
class StopAdvice:
    """What to do after stopping for a safety reason, in the order the patient needs it."""

    title: str
    now: tuple[str, ...]
    get_help: tuple[str, ...]
    next_time: tuple[str, ...]

    def translated(self) -> StopAdvice:
        """This advice in the current language (``{exercise}`` still to be filled in)."""
        return StopAdvice(
            _(self.title),
            tuple(_(line) for line in self.now),
            tuple(_(line) for line in self.get_help),
            tuple(_(line) for line in self.next_time),
        )


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

    def translated(self) -> StopReason:
        """This reason in the current language; ``code`` stays as stored."""
        advice = self.advice.translated() if self.advice else None
        return replace(self, label=_(self.label), short=_(self.short), advice=advice)


# "{exercise}" in advice is replaced by the name of the exercise the session stopped in.
PAIN_SPREADING = StopReason(
    "pain_spreading",
    N_("Pain spreading down the leg"),
    N_("pain spreading"),
    StopAdvice(
        title=N_("Stopping was the right thing to do"),
        now=(
            N_(
                "Rest in whatever position eases your leg most: lying on your back with your "
                "knees bent and supported, or on your side. That is enough exercise for today."
            ),
            N_(
                "Give it 15 to 30 minutes. Symptoms that move back up out of your leg towards "
                "your back are settling."
            ),
        ),
        get_help=(
            N_(
                "Is the spreading still there tomorrow morning, or does it keep coming back? Then "
                "contact your doctor or physiotherapist."
            ),
            N_("If your leg gets numb or weak, and it is getting worse, get medical advice today."),
            N_("If it spreads to both legs or between your legs, get emergency help now."),
        ),
        next_time=(
            N_("Leave out {exercise}, and any exercise that bends your back the same way."),
            N_(
                "Move through a smaller range. If your leg is worse tomorrow morning, do less "
                "next time."
            ),
        ),
    ),
)
SHARP_PAIN = StopReason(
    "sharp_pain",
    N_("Sharp or shooting pain"),
    N_("sharp pain"),
    StopAdvice(
        title=N_("Stop and let it settle"),
        now=(
            N_("Rest in a comfortable position until the sharp pain has gone."),
            N_("Leave {exercise} out for the rest of today."),
        ),
        get_help=(
            N_(
                "Do sharp or shooting pains keep coming back, or go on while you rest? Then see "
                "your doctor or physiotherapist."
            ),
        ),
        next_time=(
            N_(
                "Try {exercise} again only with a much smaller movement or its easier version, "
                "and stop again if the sharp pain returns. In a nerve glide, make the movement "
                "smaller."
            ),
        ),
    ),
)
NUMBNESS = StopReason(
    "numbness",
    N_("Numbness, pins and needles or weakness getting worse"),
    N_("numbness or weakness"),
    StopAdvice(
        title=N_("Stop and rest"),
        now=(
            N_(
                "Rest and notice whether the numbness, tingling or weakness eases over the next "
                "half an hour."
            ),
        ),
        get_help=(
            N_(
                "Numbness or weakness in one leg that is getting worse needs advice today. Call "
                "your doctor's surgery or an urgent advice line (NHS 111 in the UK)."
            ),
            N_(
                "Numbness or weakness in both legs, or between your legs, is an emergency. Call "
                "your emergency number now."
            ),
            N_(
                "Is the numbness new, but not getting worse? Then see your doctor or "
                "physiotherapist in the next week or two."
            ),
        ),
        next_time=(
            N_("Leave out {exercise} until you have talked to your doctor or physiotherapist."),
        ),
    ),
)
UNWELL = StopReason(
    "unwell",
    N_("Dizzy or unwell"),
    N_("dizzy or unwell"),
    StopAdvice(
        title=N_("Sit or lie down now"),
        now=(
            N_(
                "Sit or lie down straight away and stay there until you feel steady. Have a "
                "drink of water."
            ),
            N_(
                "If you have chest pain, or are short of breath while resting, call your "
                "emergency number now."
            ),
        ),
        get_help=(
            N_(
                "Do you feel dizzy or unwell each time you exercise? Then see your doctor before "
                "your next session."
            ),
        ),
        next_time=(N_("Get up slowly from the floor, and keep a chair close by to hold on to."),),
    ),
)
TIRED = StopReason("tired", N_("Tired or out of time"), N_("tired or out of time"))
OTHER = StopReason("other", N_("Something else"), N_("something else"))

# The reasons the stop sheet offers, in its order: the safety screen's stop signs first.
SHEET_REASONS: tuple[StopReason, ...] = (PAIN_SPREADING, SHARP_PAIN, NUMBNESS, UNWELL, TIRED, OTHER)

# Reasons the app records without asking, and ones older versions wrote.
CLOSED_APP = StopReason("closed_app", N_("Closed the app"), N_("closed the app"))
NOT_FINISHED = StopReason("interrupted", N_("Not finished"), N_("not finished"))
EARLY = StopReason("user", N_("Stopped early"), N_("stopped early"))

ALL_STOP_REASONS: dict[str, StopReason] = {
    reason.code: reason for reason in (*SHEET_REASONS, CLOSED_APP, NOT_FINISHED, EARLY)
}
STOP_REASONS: dict[str, str] = {code: reason.label for code, reason in ALL_STOP_REASONS.items()}


def stop_reason(code: str | None) -> StopReason:
    """The reason for a stored code; an unknown or missing code reads as "stopped early"."""
    return ALL_STOP_REASONS.get(code or "", EARLY)


def reach_label(code: str | None) -> str:
    """The label for a ``LEG_REACH`` code in the current language; an empty string for
    ``None`` or an unknown code."""
    label = dict(LEG_REACH).get(code or "", "")
    return _(label) if label else ""


def leg_reach() -> tuple[tuple[str, str], ...]:
    """``LEG_REACH`` in the current language: (code, label), from no symptoms to the foot."""
    return tuple((code, _(label)) for code, label in LEG_REACH)


def red_flag_tiers() -> tuple[RedFlagTier, ...]:
    """The warning-sign tiers in the current language, most urgent first."""
    return tuple(tier.translated() for tier in RED_FLAG_TIERS)


def stop_reason_label(code: str | None) -> str:
    """The stop sheet's words for a stored reason code, in the current language."""
    return _(stop_reason(code).label)


def safety_text() -> str:
    """All the safety wording as plain text with bullet lists, for the CLI and printouts, in
    the safety screen's order: the warning signs most urgent first, then the stop rules."""

    def section(heading: str, items: tuple[str, ...]) -> str:
        return _(heading) + ":\n" + "\n".join(f"  - {_(item)}" for item in items)

    return "\n\n".join(
        (
            _(DISCLAIMER),
            _(REASSURANCE),
            *(section(tier.heading, tier.items) + "\n" + _(tier.action) for tier in RED_FLAG_TIERS),
            section(CHECK_FIRST_HEADING, CHECK_FIRST),
            section(STOP_HEADING, STOP_SIGNS),
            section(SETTLE_HEADING, SETTLE_SIGNS),
            section(OKAY_HEADING, OKAY_SIGNS),
        )
    )

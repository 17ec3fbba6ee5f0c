"""Names of the app's QSettings entries, in one place so no two screens spell them apart.

These strings are keys in the user's settings.ini: renaming one forgets what was saved.
"""

GEOMETRY_KEY = "window/geometry"
ANIMATED_KEY = "illustrations/animated"
# The version of the safety text the user last acknowledged (core.safety.SAFETY_VERSION).
ACK_KEY = "safety/acknowledged_version"
MUTED_KEY = "sound/muted"
# Whether the player asks "how is your leg?" in the rest after each exercise (on unless off).
LEG_QUESTION_KEY = "coach/ask_leg_after_exercise"
# Whether the symptom profile was offered after the safety screen (saved or skipped).
PROFILE_OFFERED_KEY = "coach/profile_offered"
# Leave out of sessions the exercises the symptom profile marks "may make your leg worse"
# (off unless the user ticks it on the Routines page; the session flow reads it too).
HIDE_AGGRAVATING_KEY = "coach/hide_aggravating"

# Issue 14: sound, voice, reminders, the tray, appearance and session lengths.
VOLUME_KEY = "sound/volume"  # 0-100, the cues and the voice
VOICE_KEY = "voice/on"  # off unless the user turns it on
VOICE_NAME_KEY = "voice/name"  # the system voice's id; "" is the system's default
VOICE_RATE_KEY = "voice/rate"  # words a minute
VOICE_REPS_KEY = "voice/count_reps"  # say each paced rep's number instead of a tick
REMINDERS_KEY = "reminders/on"
QUIET_FROM_KEY = "reminders/quiet_from"  # "HH:MM"
QUIET_UNTIL_KEY = "reminders/quiet_until"
REMINDER_DAY_KEY = "reminders/today"  # what happened today: see ui/reminder_clock.py
TRAY_KEY = "tray/keep_running"  # closing the window leaves the app in the tray
THEME_KEY = "appearance/theme"  # "system", "light" or "dark"
TEXT_SCALE_KEY = "appearance/text_percent"  # the app font's size, 100 as the system's
HIGH_CONTRAST_KEY = "appearance/high_contrast"  # black and white; off unless turned on
PREPARE_SECONDS_KEY = "session/prepare_seconds"  # "" or absent: as the routine says
SWITCH_SECONDS_KEY = "session/switch_seconds"
REST_SECONDS_KEY = "session/rest_percent"  # rests as a percentage of the routine's
# Issue 16: the language of the app's words; "system" or absent follows the system, else a
# code from sciatica_coach.i18n.LANGUAGES ("en", "de"). Read once at start-up.
LANGUAGE_KEY = "appearance/language"

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

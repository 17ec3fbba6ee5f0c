"""A cheap look at TOML text before `tomllib` sees it, to turn away shapes that would stall it.

`tomllib` recurses once per level of ``[`` or ``{`` (so a few hundred levels raise
RecursionError) and spends time quadratic in the number of parts of a dotted key
(``a.a.a...`` of 40 KB takes over ten seconds and gigabytes). A routine written by hand nests
two or three levels and never needs a dotted key, so the limits below are far above any real
file and far below where parsing gets slow. The scan skips strings and comments, so dots and
brackets in cues and descriptions do not count.
"""

from __future__ import annotations

import re

from sciatica_coach.i18n import _

MAX_NESTING = 16
MAX_DOTS_PER_LINE = 8

# One token each: the things that change what the following characters mean. Multi-line
# strings may end with up to two extra quotes that belong to the text (TOML 1.0, section on
# strings), hence the closing runs of three to five.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*+"{3,5}'
    r"|'''[\s\S]*?'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*+"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[\]{}\n]"
    r"|[\"']"
)
# Text that is not a string, comment, bracket or line end; dots in it are dotted-key parts or
# decimal points, and both count (a routine has a handful on a line, never more).
_PLAIN = re.compile(r"[^\"'#\[\]{}\n]+")


class TomlTooComplex(ValueError):
    """The text nests or dots deeper than any routine would; the message says where."""


def check_toml_shape(text: str) -> None:
    """Raise `TomlTooComplex` if ``text`` nests deeper than MAX_NESTING brackets or has a line
    with more than MAX_DOTS_PER_LINE dots outside strings. Runs in time linear in the text."""
    depth = 0
    dots = 0
    line = 1
    position = 0
    end = len(text)
    while position < end:
        plain = _PLAIN.match(text, position)
        if plain:
            position = plain.end()
            dots += plain.group().count(".")
            if dots > MAX_DOTS_PER_LINE:
                raise TomlTooComplex(
                    _(
                        "has more than {most} dots outside quoted text on line {line}; no "
                        "routine needs a dotted key that long"
                    ).format(most=MAX_DOTS_PER_LINE, line=line)
                )
            continue
        token = _TOKEN.match(text, position)
        assert token is not None  # the last alternative matches any quote left over
        value = token.group()
        position = token.end()
        if value in ('"', "'"):
            # An unterminated string: tomllib stops with an error here, so nothing after it
            # is parsed and nothing after it needs checking.
            return
        first = value[0]
        if first in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise TomlTooComplex(
                    _("nests brackets more than {most} levels deep (line {line})").format(
                        most=MAX_NESTING, line=line
                    )
                )
        elif first in "]}":
            depth = max(0, depth - 1)
        newlines = value.count("\n")
        if newlines:
            line += newlines
            dots = 0

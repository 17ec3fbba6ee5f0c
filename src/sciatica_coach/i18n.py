"""The language the app speaks: gettext for the words, Babel for dates and numbers.

Why gettext and not Qt's ``tr()``: most of the words live in the core (``core.words``,
``core.safety``, ``core.coaching``, ``core.self_check``), which imports no Qt and is also
used by the command line and the PDFs. gettext is in the standard library, so one
mechanism serves the core, the screens, the reports and the terminal alike. Babel extracts
the words into ``.po`` catalogs (``make i18n``) and knows each locale's dates and numbers.

The catalogs are read straight from the ``.po`` files in ``assets/locale`` when a
language other than English is chosen (`read_po`, a few milliseconds): there is no compiled
``.mo`` that a build step could forget or leave stale, and the wheel and the bundle already
carry ``assets``. English is
the source language, so an English start-up loads neither Babel nor a catalog.

The language is chosen once at start-up, before any page is built (``set_language``);
everything reads it through ``_``, ``ngettext`` and the formatting helpers below. It is the
one piece of global state the core reads, as gettext is in every program that uses it.
Module-level tables of words are marked with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Literal

SOURCE_LANGUAGE = "en"
DOMAIN = "sciatica_coach"
# The languages the app speaks, each in its own words (for the settings page's list).
LANGUAGES = {"en": "English", "de": "Deutsch"}  # i18n: not words (each in its own words)
# The settings value meaning "as the system's language".
SYSTEM = "system"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the current language (unchanged when there is no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language's plural rule."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context``, for one English word that means two things."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog without translating it yet (a table built at
    import time, before the language is set); translate it with ``_`` where it is shown."""
    return message


def language() -> str:
    """The current language's code: ``en`` or ``de``."""
    return _language


def locale_dir() -> Path:
    from sciatica_coach.core.paths import assets_dir

    return assets_dir() / "locale"


def catalog_path(code: str) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The system's language if the app speaks it, else English. Reads ``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` as gettext does, then the platform's locale."""
    env = os.environ if environ is None else environ
    candidates: list[str] = []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            candidates.extend(value.split(":"))
            break
    if environ is None and not candidates:
        found = locale.getlocale()[0]
        if found:
            candidates.append(found)
    for candidate in candidates:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
        if code not in ("", "c", "posix"):
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def resolve(choice: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use for a settings value: a code the app speaks, or the system's
    language for ``system``, empty, unknown or absent."""
    if choice and choice in LANGUAGES:
        return choice
    return system_language(environ)


class Catalog(gettext.NullTranslations):
    """One language's translated words, read from its ``.po`` file by `read_po`."""

    def __init__(self, messages: dict[tuple[str, str], tuple[str, ...]], plural_rule: str) -> None:
        super().__init__()
        # (context, msgid) -> the msgstr forms; "" is "no context".
        self.messages = messages
        self.plural = gettext.c2py(plural_rule)

    def gettext(self, message: str) -> str:
        forms = self.messages.get(("", message))
        return forms[0] if forms and forms[0] else message

    def pgettext(self, context: str, message: str) -> str:
        forms = self.messages.get((context, message))
        return forms[0] if forms and forms[0] else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self.messages.get(("", msgid1))
        if forms and len(forms) > 1:
            chosen = forms[min(self.plural(n), len(forms) - 1)]
            if chosen:
                return chosen
        return msgid1 if n == 1 else msgid2


def read_po(text: str) -> Catalog:
    """The translated entries of a ``.po`` file's text. Fuzzy and obsolete entries are left
    out, so an unchecked translation shows the English. A few lines of parsing here, rather
    than Babel's reader, because Babel takes a large part of a second for a full catalog at
    every start; tests/test_i18n.py checks this reader against Babel's."""
    messages: dict[tuple[str, str], tuple[str, ...]] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    field = ""

    def finish() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            forms = [entry[key] for key in sorted(entry) if key.startswith("msgstr")]
            messages[(entry.get("msgctxt", ""), entry["msgid"])] = tuple(forms)
        entry, fuzzy = {}, False

    for line in text.splitlines():
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if "msgid" in entry:
                finish()
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += _unquote(line)
        else:
            keyword, _space, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and "msgstr" in "".join(entry):
                was_fuzzy = fuzzy
                finish()
                fuzzy = was_fuzzy
            field = keyword.replace("[", "_").rstrip("]")
            if field == "msgstr":
                field = "msgstr_0"
            entry[field] = _unquote(rest)
    finish()
    header = messages.pop(("", ""), ("",))[0]
    rule = "n != 1"  # i18n: not words (a plural rule)
    for line in header.splitlines():
        if line.lower().startswith("plural-forms:") and "plural=" in line:
            rule = line.split("plural=", 1)[1].strip().rstrip(";")
    return Catalog(messages, rule)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(quoted: str) -> str:
    body = quoted.strip()[1:-1]
    out = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            out.append(_ESCAPES.get(body[index + 1], body[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def load_translations(code: str) -> gettext.NullTranslations:
    """The catalog of ``code`` read from its ``.po`` file; English has none."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return read_po(catalog_path(code).read_text(encoding="utf-8"))


def set_language(choice: str | None, environ: Mapping[str, str] | None = None) -> str:
    """Speak ``choice`` (a code, or ``system``/empty for the system's language) from now on;
    returns the code used. Call it before any page is built: words already on screen stay."""
    global _translations, _language
    code = resolve(choice, environ)
    _translations = load_translations(code)
    _language = code
    return code


# --- numbers and dates in the current language -------------------------------------------------


def babel_locale() -> str:
    return {"de": "de_DE"}.get(_language, "en")


def number(value: float, decimals: int = 0) -> str:
    """``4.5`` in English, ``4,5`` in German: a number with exactly ``decimals`` places."""
    if _language == SOURCE_LANGUAGE:
        return f"{value:.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "0." + "0" * decimals if decimals else "0"
    return format_decimal(value, format=pattern, locale=babel_locale())


def short_number(value: float) -> str:
    """``2.5`` or ``20``: as Python's ``:g`` shows it, with the language's decimal mark."""
    text = f"{value:g}"
    if _language == SOURCE_LANGUAGE or "." not in text:
        return text
    return number(value, len(text.split(".")[1]))


def percent(ratio: float) -> str:
    """``80%`` in English, ``80 %`` in German."""
    if _language == SOURCE_LANGUAGE:
        return f"{round(ratio * 100)}%"
    from babel.numbers import format_percent

    return format_percent(ratio, locale=babel_locale())


def date_skeleton(day: date, skeleton: str) -> str:
    """``day`` in the current language by a CLDR skeleton (``yMMMEd``: ``Mo., 6. Mai 2024``).
    Only for languages other than English; ``core.words`` spells the English itself."""
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, day, locale=babel_locale())


def date_pattern(day: date, pattern: str) -> str:
    """``day`` by a CLDR date pattern (``EEEE, d. MMMM``) with the current language's names."""
    from babel.dates import format_date

    return format_date(day, format=pattern, locale=babel_locale())


def day_names(width: Literal["abbreviated", "narrow", "wide"] = "abbreviated") -> tuple[str, ...]:
    """Monday first: ``Mo.``, ``Di.`` ... in the current language (Babel's CLDR data)."""
    from babel.dates import get_day_names

    names = get_day_names(width, locale=babel_locale())
    return tuple(names[index] for index in range(7))


def month_names(width: Literal["abbreviated", "narrow", "wide"] = "abbreviated") -> tuple[str, ...]:
    """January first, in the current language."""
    from babel.dates import get_month_names

    names = get_month_names(width, locale=babel_locale())
    return tuple(names[index] for index in range(1, 13))

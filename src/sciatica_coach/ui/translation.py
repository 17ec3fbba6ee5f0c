"""The app's language on screen: the setting (or the system's language) chosen once at
start-up, before any page is built, and Qt's own words (dialog buttons, the text field's
menu) from the translations that ship in the PySide6 wheel.

Changing the setting takes effect at the next start: pages already built keep their words.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from sciatica_coach import i18n
from sciatica_coach.ui.settings_keys import LANGUAGE_KEY

_qt_translators: list[QTranslator] = []


def chosen_language(settings: QSettings) -> str:
    """The saved choice: a language code, or ``system`` (also when nothing was saved)."""
    value = settings.value(LANGUAGE_KEY, i18n.SYSTEM)
    return value if isinstance(value, str) and value else i18n.SYSTEM


def apply_language(app: QApplication, settings: QSettings) -> str:
    """Speak the saved language (or the system's) from now on, Qt's own words too; returns
    the code used."""
    return use_language(app, chosen_language(settings))


def use_language(app: QApplication, choice: str | None) -> str:
    """Speak ``choice`` (a code, or ``system``) in the app and in Qt's own dialogs."""
    code = i18n.set_language(choice)
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    QLocale.setDefault(QLocale(i18n.babel_locale()))
    if code != i18n.SOURCE_LANGUAGE:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load(f"qtbase_{code}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
    return code

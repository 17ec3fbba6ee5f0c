"""The second language: every word marked for translation, every catalog entry and every
built-in exercise and routine in German, the German catalog read the same as Babel reads
it, dates and numbers by the locale, a session through the real window and a printed
sheet in German."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po as babel_read_po
from PySide6.QtCore import Qt

from flow_helpers import App
from sciatica_coach import i18n
from sciatica_coach.core import library_text, paths, safety, words
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.library_text import EXERCISE_TEXT_FIELDS, ROUTINE_TEXT_FIELDS
from sciatica_coach.core.log import SessionLog
from sciatica_coach.ui.history import SessionTableModel
from test_report import MONDAY_MORNING, gentle_session, needs_poppler, pdf_words

SRC = Path(__file__).resolve().parent.parent / "src" / "sciatica_coach"
PO = paths.assets_dir() / "locale" / "de" / "LC_MESSAGES" / "sciatica_coach.po"
LIBRARY_DIR = paths.library_dir()

# Every module of the package is checked: its user-facing strings go through the translation
# machinery, and a string that is not words carries a `# i18n: not words (why)` comment.
MODULES = tuple(sorted(str(path.relative_to(SRC)) for path in SRC.rglob("*.py")))
# argparse's own words use %-style places: %s, %r, %(name)s.
PERCENT_PLACE = re.compile(r"%(?:\(\w+\))?[sr]")
MARKERS = {"_", "N_", "ngettext", "pgettext"}
NOT_WORDS = "i18n: not words"
# Code that reads like words: SQL (a statement, or a clause added to one), a style sheet,
# markup. None of it reaches a user as text.
SQL = re.compile(
    r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|WHERE|AND|ORDER BY|ON CONFLICT)\b"
)
LOGGING = {"getLogger", "debug", "info", "warning", "error", "exception", "critical", "require"}
CSS = re.compile(r"[a-z-]+\s*:\s*[^;{}]+;")


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


def _calls_through(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str | None:
    """The name of the call a string literal is an argument of, if any."""
    parent = parents.get(node)
    while isinstance(parent, ast.BinOp | ast.JoinedStr | ast.FormattedValue):
        parent = parents.get(parent)
    if isinstance(parent, ast.Call):
        func = parent.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return None


def unwrapped_strings(source: str) -> list[str]:
    """String literals that read as words to a user (a space between letters, or a capital
    letter first) and are not inside a translation call, a docstring, a logger call, an
    f-string's format, a comparison/subscript (which are codes, not words), ``__all__``, SQL,
    a style sheet or markup. A statement
    with ``# i18n: not words (why)`` on its first line or the line above is left out: the
    English month names that English dates spell out, a CLDR pattern, a programmer's error."""
    tree = ast.parse(source)
    lines = source.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def marked(node: ast.AST) -> bool:
        statement = node
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = parents.get(statement)
        while statement is not None:
            if isinstance(statement, ast.stmt):
                first = statement.lineno - 1
                if any(NOT_WORDS in lines[i] for i in (first - 1, first) if i >= 0):
                    return True
            statement = parents.get(statement)
        return False

    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Assign) and any(
            getattr(target, "id", None) == "__all__" for target in node.targets
        ):
            skip.update(id(sub) for sub in ast.walk(node.value))
        if isinstance(node, ast.Compare | ast.Subscript | ast.Dict):
            targets = [*node.keys] if isinstance(node, ast.Dict) else [node]
            for target in targets:
                if target is not None:
                    skip.update(id(sub) for sub in ast.walk(target))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # An f-string is checked as one text: its literal parts joined around the places.
            parts = [part.value for part in node.values if isinstance(part, ast.Constant)]
            text = " {} ".join(str(part) for part in parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(node), ast.JoinedStr):
                continue  # checked with the f-string it is part of
            text = node.value
        else:
            continue
        if id(node) in skip or not any(char.isalpha() for char in text) or marked(node):
            continue
        if isinstance(node, ast.JoinedStr):
            if not any(char.isalpha() and char.islower() for char in text.replace("{}", "")):
                continue
            if not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text):
                continue  # a path, a file name, an id: no two words in a row
        elif not (" " in text.strip() or text.lstrip("&")[:1].isupper()) or text.isupper():
            continue  # a word in lower case is a code; LC_ALL is a name
        if SQL.match(text) or CSS.search(text) or text.lstrip().startswith("<") or '="' in text:
            continue
        call = _calls_through(node, parents)
        if call in MARKERS or call in LOGGING:
            continue
        found.append(f"line {node.lineno}: {text!r}")
    return found


@pytest.mark.parametrize("module", MODULES)
def test_every_user_facing_string_is_marked_for_translation(module: str) -> None:
    assert unwrapped_strings((SRC / module).read_text(encoding="utf-8")) == []


def test_the_checker_finds_an_unwrapped_string() -> None:
    found = unwrapped_strings('def f():\n    return "Start your session"\n')
    assert found == ["line 2: 'Start your session'"]
    assert unwrapped_strings('def f():\n    return _("Start your session")\n') == []


def test_every_german_entry_is_translated_and_keeps_its_placeholders() -> None:
    with PO.open("rb") as file:
        catalog = babel_read_po(file, locale="de")
    for message in catalog:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"not translated: {message.id!r}"
        wanted = {part.split("}")[0] for part in ids[0].split("{")[1:]}
        wanted_percent = sorted(PERCENT_PLACE.findall(ids[0]))
        for string in strings:
            if "python-format" in message.flags:
                assert sorted(PERCENT_PLACE.findall(string)) == wanted_percent, message.id
            have = {part.split("}")[0] for part in string.split("{")[1:]}
            assert have <= wanted | {"count"}, (message.id, string)
            if len(ids) == 1:
                assert have == wanted, (message.id, string)


def test_the_catalog_reader_agrees_with_babel() -> None:
    with PO.open("rb") as file:
        catalog = babel_read_po(file, locale="de")
    ours = i18n.read_po(PO.read_text(encoding="utf-8"))
    expected = {}
    for message in catalog:
        if message.id and "fuzzy" not in message.flags:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            expected[(message.context or "", ids[0])] = tuple(strings)
    assert ours.messages == expected


def test_fuzzy_and_escaped_entries() -> None:
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr "Alt"\n\n'
        'msgid "Two\\nlines \\"quoted\\""\nmsgstr ""\n"Zwei\\n"\n"Zeilen"\n\n'
        'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] "{count} Tag"\n'
        'msgstr[1] "{count} Tage"\n'
    )
    catalog = i18n.read_po(text)
    assert catalog.gettext("Old") == "Old"
    assert catalog.gettext('Two\nlines "quoted"') == "Zwei\nZeilen"
    assert catalog.ngettext("{count} day", "{count} days", 1) == "{count} Tag"
    assert catalog.ngettext("{count} day", "{count} days", 3) == "{count} Tage"


def test_the_language_follows_the_system_unless_chosen() -> None:
    assert i18n.resolve("system", {"LANG": "de_DE.UTF-8"}) == "de"
    assert i18n.resolve("", {"LANGUAGE": "de_AT:en"}) == "de"
    assert i18n.resolve(None, {"LANG": "fr_FR.UTF-8"}) == "en"
    assert i18n.resolve("system", {"LANG": "C.UTF-8"}) == "en"
    assert i18n.resolve("en", {"LANG": "de_DE.UTF-8"}) == "en"
    assert i18n.resolve("de", {}) == "de"
    assert i18n.resolve("xx", {"LANG": "de_DE"}) == "de"


def test_dates_numbers_and_durations_go_by_the_locale(german: None) -> None:
    day = date(2024, 5, 6)
    assert words.long_date(day) == "Mo., 6. Mai 2024"
    assert words.short_date(day) == "6. Mai"
    assert words.day_heading(date(2024, 12, 2)) == "Montag, 2. Dezember"
    assert words.date_range(date(2024, 1, 1), date(2024, 12, 31)) == "1. Jan. – 31. Dez. 2024"
    assert words.mean_pain(4.5) == "4,5"
    assert words.seconds_text(2.5) == "2,5 s"
    assert words.percent(0.8) == "80\u00a0%"
    assert words.describe_duration(3900) == "1 h 5 min"
    assert words.plural(1, "session") == "1 Einheit"
    assert words.plural(3, "session") == "3 Einheiten"
    assert words.plan_text(0, [0, 2, 4]) == "am Mo., Mi., Fr."


def test_english_is_unchanged_and_needs_no_catalog() -> None:
    assert i18n.language() == "en"
    assert words.long_date(date(2024, 5, 6)) == "Mon 6 May 2024"
    assert words.percent(0.8) == "80%"
    assert words.outcome_label("stopped", "pain_spreading") == "Stopped: pain spreading"


def test_safety_wording_is_in_german(german: None) -> None:
    text = safety.safety_text()
    assert "Notfall: Hol sofort Hilfe" in text
    assert "Cauda-equina-Syndrom" in text
    assert "112" in text
    reason = safety.stop_reason("pain_spreading").translated()
    assert reason.label == "Schmerz zieht weiter ins Bein"
    assert reason.advice is not None and reason.advice.title == "Aufzuhören war richtig"
    assert words.outcome_label("stopped", "pain_spreading") == "Abgebrochen: Schmerz zieht ins Bein"
    assert safety.reach_label("below_knee") == "Unter dem Knie"


def _built_in(kind: str) -> dict[str, dict[str, object]]:
    if kind == "exercises":
        with (LIBRARY_DIR / "exercises.toml").open("rb") as file:
            return {item["id"]: item for item in tomllib.load(file)["exercise"]}
    found = {}
    for path in sorted((LIBRARY_DIR / "routines").glob("*.toml")):
        with path.open("rb") as file:
            routine = tomllib.load(file)
        found[routine["id"]] = routine
    return found


@pytest.mark.parametrize(
    ("kind", "fields"), [("exercises", EXERCISE_TEXT_FIELDS), ("routines", ROUTINE_TEXT_FIELDS)]
)
def test_every_built_in_has_german_words_and_no_stale_ones(
    kind: str, fields: tuple[str, ...]
) -> None:
    english = _built_in(kind)
    with (LIBRARY_DIR / "de" / f"{kind}.toml").open("rb") as file:
        german = tomllib.load(file)
    assert set(german) == set(english), "every built-in id, and no id that is gone"
    for key, item in english.items():
        for field in fields:
            if field not in item:
                assert field not in german[key], f"{key}.{field} has no English"
                continue
            words_de = german[key].get(field)
            assert words_de, f"{key}.{field} has no German"
            if isinstance(item[field], list):
                assert isinstance(words_de, list)
                assert len(words_de) == len(item[field]), f"{key}.{field}: one line for each"
            assert words_de != item[field], f"{key}.{field} is still English"
        assert set(german[key]) <= set(fields), f"{key} has fields that are not words"


def test_the_library_loads_in_german(german: None) -> None:
    library = load_library(None)
    assert not library.problems
    routine = library.routines["gentle-start"]
    assert routine.name == "Sanfter Start"
    assert routine.blocks[0].exercise.name == "Nervengleiten im Sitzen"
    assert routine.blocks[0].dose == load_library_english().routines["gentle-start"].blocks[0].dose


def load_library_english() -> Library:
    previous = i18n.language()
    i18n.set_language("en")
    try:
        return load_library(None)
    finally:
        i18n.set_language(previous)


def test_a_session_in_german_by_keyboard(german_app: App) -> None:
    app, window = german_app, german_app.window
    app.start_by_keyboard(5, 6)
    player = window.flow.player
    assert player.isVisible()
    assert player.title_label.text() == "Mach dich bereit"
    assert "Oberschenkel-Rückseite dehnen im Liegen" in player.detail_label.text()
    app.run(5.05)
    assert player.title_label.text() == "Oberschenkel-Rückseite dehnen im Liegen"
    app.run(10 + 3 + 10 + 8 + 0.2)
    assert player.title_label.text() == "Aufstehen vom Stuhl"
    for _ in range(2):
        app.run(20)
        app.player_keys(Qt.Key.Key_Return)
        app.run(6.05)
    app.player_keys(Qt.Key.Key_Enter)
    app.keys("3", Qt.Key.Key_Down, "4", Qt.Key.Key_Return)
    record = app.log.sessions()[0]
    assert record.status == "completed"
    finish = window.flow.finish
    assert finish.isVisible()
    assert finish.figures["duration"].text().endswith(" s")


def test_a_stopped_session_in_german_from_today_to_today(german_app: App) -> None:
    """Every page a session passes through, in German: Today, the check-in, the player's
    buttons, the stop sheet, its advice, the after check-in, the end screen and Today again."""
    app, window = german_app, german_app.window
    nav = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert nav == ["Heute", "Programme", "Übungen", "Fortschritt", "Verlauf"]
    today = window.today
    assert today.heading.text().startswith("Heute, ")
    assert "Einheiten diese Woche" in today.week.text()
    assert today.last.text() == "Noch keine Einheiten. Wähl unten ein Programm, um anzufangen."
    assert window.menuBar().actions()[0].text() == "&Datei"

    assert window.start_routine("short")
    check_in = window.flow.check_in
    assert check_in is not None and check_in.isVisible()
    assert check_in.title_label.text() == "Bevor du anfängst: Wie sind deine Schmerzen?"
    assert check_in.save_button.text() == "Einheit &starten"
    reach = [button.text() for button in check_in.reach.group.buttons()]
    assert "Unter dem Knie" in reach and "Nur Rücken" in reach
    app.rate(5, 6)

    player = window.flow.player
    assert player.pause_button.text() == "Pause (Leertaste)"
    assert player.stop_button.text() == "Stopp (S)"
    assert player.pain_button.text() == "Stopp – Schmerz zieht ins Bein"
    assert player.skip_button.accessibleName() == "Überspringen"
    assert player.detail_label.text() == (
        "Fang in Rückenlage an. Gleich: Oberschenkel-Rückseite dehnen im Liegen"
        " – Linke Seite · 10 s halten"
    )
    app.run(5.05)
    assert player.detail_label.text() == "Linke Seite · 10 s halten"

    app.player_keys(Qt.Key.Key_S)
    sheet = window.flow.stop_sheet
    assert sheet.isVisible()
    labels = [button.accessibleName() for button in sheet.reason_buttons.values()]
    assert labels[0] == "Schmerz zieht weiter ins Bein"
    assert sheet.reason_buttons["pain_spreading"].text() == "1   Schmerz zieht weiter ins Bein"
    app.keys("1")

    advice = window.flow.advice
    assert advice.isVisible()
    assert advice.text().startswith("Was du jetzt tun kannst: ")
    assert "Wann du dir Hilfe holen solltest: " in advice.text()
    app.keys(Qt.Key.Key_Return)

    after = window.flow.check_in
    assert after is not None and after.isVisible()
    assert after.title_label.text() == "Nach deiner Einheit: Wie sind deine Schmerzen jetzt?"
    assert after.reference_label.text() == "Vor der Einheit: Rücken 5, Bein 6"
    app.rate(4, 7)

    finish = window.flow.finish
    assert finish.isVisible()
    assert finish.heading.text() == "Einheit abgebrochen"
    assert finish.home_button.text() == "Zurück zu Heute"
    assert finish.figures["steps"].text() == "0 von 4"
    finish.home_button.click()
    assert today.isVisible()
    assert today.last.text().startswith("Letzte Einheit: ")
    assert "(abgebrochen: Schmerz zieht ins Bein). Beinschmerz 6 → 7  (schlechter)." in (
        today.last.text()
    )


def test_logged_names_of_built_ins_are_shown_in_todays_language(tmp_path: Path) -> None:
    """The log keeps the names a session ran under; History shows a built-in's in today's
    language either way round, and a name the user chose as it was written."""
    english = load_library(None)
    with SessionLog(tmp_path / "log.sqlite") as log:
        session_id = gentle_session(log, english)
        steps = [s for s in log.steps(session_id) if s.exercise_id]
        record = log.session(session_id)
    assert record is not None and record.routine_name == "Gentle start"
    glide = steps[0]
    i18n.set_language("de")
    try:
        german = load_library(None)
        german_glide = german.exercises[glide.exercise_id].name
        assert german_glide != glide.exercise_name
        assert library_text.shown_routine_name("gentle-start", "Gentle start") == "Sanfter Start"
        assert library_text.shown_exercise_name(glide.exercise_id, glide.exercise_name) == (
            german_glide
        )
        assert SessionTableModel.row_texts(record)[1] == "Sanfter Start"
        assert library_text.shown_routine_name("gentle-start", "My gentle one") == "My gentle one"
        assert library_text.shown_exercise_name("no-such", "Own stretch") == "Own stretch"
        assert library_text.shown_exercise_name(glide.exercise_id, None) is None
    finally:
        i18n.set_language("en")
    load_library(None)  # a session logged in German reads in English again
    assert library_text.shown_routine_name("gentle-start", "Sanfter Start") == "Gentle start"
    assert library_text.shown_exercise_name(glide.exercise_id, german_glide) == (
        glide.exercise_name
    )


def test_the_command_line_speaks_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line's own messages follow LANGUAGE, like its PDFs."""
    from sciatica_coach.cli import main

    monkeypatch.setenv("LANGUAGE", "de")
    try:
        assert main(["--data-dir", str(tmp_path / "data"), "history"]) == 0
        assert capsys.readouterr().out == "Noch keine Einheiten eingetragen.\n"
        assert main(["--data-dir", str(tmp_path / "data"), "plan", "nope"]) == 2
        assert "unbekanntes Programm 'nope'" in capsys.readouterr().err
    finally:
        i18n.set_language("en")


def test_the_command_lines_history_is_german_with_built_in_names_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Headings and the routine's name of a session logged in English, read in German."""
    from sciatica_coach.cli import main

    data = paths.ensure_private_dir(tmp_path / "data")
    with SessionLog(data / paths.DATABASE_NAME) as log:
        gentle_session(log, load_library(None))
    monkeypatch.setenv("LANGUAGE", "de")
    try:
        assert main(["--data-dir", str(data), "history"]) == 0
        heading, row = capsys.readouterr().out.splitlines()[:2]
    finally:
        i18n.set_language("en")
    assert heading.split() == ["ID", "DATUM", "PROGRAMM", "MIN", "STATUS", "RÜCKEN", "BEIN"]
    assert "Sanfter Start" in row and "Gentle start" not in row


def test_argparse_speaks_german_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse's own words (usage, options, its errors) come through our catalog."""
    from sciatica_coach.cli import main

    monkeypatch.setenv("LANGUAGE", "de")
    data = str(tmp_path / "data")
    try:
        with pytest.raises(SystemExit):
            main(["--help"])
        shown = capsys.readouterr().out
        assert shown.startswith("Aufruf: sciatica-coach")
        assert "Optionen:" in shown and "diese Hilfe zeigen und beenden" in shown
        assert "usage" not in shown and "show this help" not in shown
        assert main(["--data-dir", data, "plan"]) == 2
        assert "diese Argumente fehlen: routine" in capsys.readouterr().err
        assert main(["--data-dir", data, "history", "--nope"]) == 2
        assert "unbekannte Argumente: --nope" in capsys.readouterr().err
    finally:
        i18n.set_language("en")
    monkeypatch.setenv("LANGUAGE", "en")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage: sciatica-coach")


@needs_poppler
def test_the_exercise_sheet_prints_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line speaks the system's language (LANGUAGE here)."""
    from sciatica_coach.cli import main

    monkeypatch.setenv("LANGUAGE", "de")
    out = tmp_path / "sheet.pdf"
    data = tmp_path / "data"
    args = ["--data-dir", str(data), "sheet", "gentle-start", "--pdf", str(out)]
    assert main([*args, "--from", "2024-05-08"]) == 0
    text = pdf_words(out)
    assert "Sanfter Start" in text
    assert "Nervengleiten im Sitzen" in text
    assert "Vorsicht" in text or "Mach die Bewegung kleiner" in text
    assert "Seite 1 von 2" in text
    assert "Gedruckt am" in text
    # pdftotext reads the page number beside the footer's first line in between its lines.
    footer = " ".join(i18n._(safety.REPORT_FOOTER).split())
    assert footer.startswith("Erstellt")
    assert footer in text.replace(" Seite 1 von 2", "").replace("Gedruckt am", " Gedruckt am")
    assert i18n.language() == "de"


@needs_poppler
def test_the_session_summary_and_progress_report_print_in_german(
    tmp_path: Path, data: Path, log: SessionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both PDFs from the command line in German: German headings and dates, and none of
    the English headings left; a built-in routine logged in English is named in German (the
    notes are the user's own)."""
    from sciatica_coach.cli import main

    library = load_library_english()
    gentle_session(log, library)  # Mon 6 May 2024, completed, one set skipped
    gentle_session(log, library, stop_after=5, start=MONDAY_MORNING + timedelta(days=2))
    monkeypatch.setenv("LANGUAGE", "de")
    summary, report = tmp_path / "summary.pdf", tmp_path / "report.pdf"
    assert main(["--data-dir", str(data), "summary", "1", "--pdf", str(summary)]) == 0
    text = pdf_words(summary)
    for expected in (
        "Zusammenfassung der Einheit",
        "Mo., 6. Mai 2024",
        "ZEIT BEIM ÜBEN",
        "GESCHAFFTE RUNDEN",
        "Geplant (Runden × Menge)",
        "Nervengleiten im Sitzen",
        "Schmerz (0 = keiner, 10 = am schlimmsten)",
        "Vorher Nachher Veränderung",
        "Diese Woche",
        "Notizen zur Einheit",
        "Seite 1 von 1",
        "Sanfter Start",  # logged in English as "Gentle start"
    ):
        assert expected in text, expected
    for english in (
        "Gentle start",
        "Exercise session summary",
        "TIME EXERCISING",
        "Exercises",
        "Picture",
        "Sets done",
        "Before",
        "This week",
        "Notes",
        "Session notes",
        "Page 1",
    ):
        assert english not in text, english

    args = ["report", "--from", "2024-05-01", "--to", "2024-05-31", "--pdf", str(report)]
    assert main(["--data-dir", str(data), *args]) == 0
    text = pdf_words(report)
    for expected in (
        "Fortschrittsbericht",
        "Mo., 6. Mai 2024",
        "GESCHAFFTE EINHEITEN",
        "Einheiten pro Woche",
        "Verlauf der Schmerzen",
        "Woche für Woche",
        "Früher beendete Einheiten",
        "Schmerz zieht weiter ins Bein",
        "Abbrüche zur Sicherheit",
        "Deine Beschwerden",
        "Vorschläge",
        "Notiz zur Einheit",
    ):
        assert expected in text, expected
    for english in (
        "Exercise progress report",
        "Sessions per week",
        "Pain trend",
        "Week by week",
        "Week starting",
        "Sessions ended early",
        "Safety stops",
        "Symptom profile",
        "Suggestions",
        "Notes",
        "Session note",
    ):
        assert english not in text, english


def test_the_routines_editor_and_exercises_pages_in_german(german_app: App) -> None:
    from sciatica_coach.ui.pages import Page

    window = german_app.window
    window.show_page(Page.ROUTINES)
    routines = window.routines
    assert routines.start_button.text() == "Dieses Programm starten"
    assert routines.list.currentItem().text().endswith(" min")
    assert "Minuten · Stufe " in routines.facts.text() and "eingebaut" in routines.facts.text()
    assert (
        routines.hide_marked.text() == "Übungen a&usblenden, die mein Bein schlimmer machen können"
    )
    editor = routines.new_routine()
    assert editor is not None
    assert editor.name.text() == "Mein Programm"
    assert editor.save_button.text() == "Programm speichern (Strg+S)"
    assert editor.length.text().startswith("Etwa ") or editor.length.text() == (
        "Noch nicht bereit zum Speichern"
    )
    assert [editor.sides.itemText(n) for n in range(editor.sides.count())] == [
        "wie bei der Übung",
        "keine",
        "beide",
        "abwechselnd",
    ]
    editor.cancel_button.click()

    window.show_page(Page.LIBRARY)
    library = window.library_page.content()
    assert library.practise_button.text() == "Diese Übung üben"
    assert library.search.placeholderText() == "Nach Namen suchen"
    assert library.cues_heading.text() == "So geht es"
    assert "Bewegung: " in library.facts.text() and "Menge: " in library.facts.text()


def test_routine_file_problems_are_in_german(german: None, tmp_path: Path) -> None:
    from sciatica_coach.core.catalog import RoutineError, load_routine_file

    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "Bad Id"\nname = "Bad"\ncolour = 1\n\n[[block]]\nexercise = "nope"\n'
        '\n[[exercise]]\nid = "mine"\nname = "Mine"\ngroup = "core"\nposition = "seated"\n'
        'mode = "hold"\nhold = -3\ncues = ["Sit."]\n',
        encoding="utf-8",
    )
    with pytest.raises(RoutineError) as caught:
        load_routine_file(path, {}, label="bad.toml")
    text = str(caught.value)
    assert "bad.toml: Programm 'Bad Id': unbekanntes Feld 'colour' (erlaubt:" in text
    assert 'id darf nur Kleinbuchstaben, Ziffern und - enthalten, ist aber "Bad Id"' in text
    assert "Übung 'mine': hold muss eine positive Zahl Sekunden sein, ist aber -3" in text
    assert "Block Nr. 1: unbekannte Übungs-id 'nope'" in text


def test_csv_problems_are_in_german(german: None) -> None:
    from sciatica_coach.core.csv_io import CsvImportError, parse_csv

    with pytest.raises(CsvImportError) as caught:
        parse_csv("started_at,routine_id,colour\n")
    text = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith("Zeile 1, Spalte 3 (colour): unbekannte Spalte;") for line in text)
    with pytest.raises(CsvImportError) as caught:
        parse_csv("")
    assert str(caught.value) == "Zeile 1: die Datei ist leer; sie braucht eine Kopfzeile"


def test_log_errors_save_errors_and_the_practice_name_are_in_german(
    german: None, tmp_path: Path
) -> None:
    from sciatica_coach.core import schema
    from sciatica_coach.core.exercise_search import practice_routine
    from sciatica_coach.core.routine_writer import draft_from_text

    error = schema._damaged(tmp_path / "log.sqlite3")
    assert "ist beschädigt oder keine Datenbank" in str(error)
    with pytest.raises(ValueError, match="ist keine Programmdatei"):
        draft_from_text("id = ", path=tmp_path / "bad.toml")
    exercise = next(iter(load_library(None).exercises.values()))
    assert practice_routine(exercise).name.startswith("Üben: ")

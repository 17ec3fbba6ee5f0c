"""Command line: the app by default, sub-commands for headless work.

Exit codes: 0 ok, 1 failure, 2 bad input. Errors go to stderr, one clear line each.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sciatica_coach import __version__, i18n
from sciatica_coach.core import paths
from sciatica_coach.core.words import (
    minutes_seconds,
    outcome_label,
    pain_pair,
    side_name,
    terminal_text,
)
from sciatica_coach.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from sciatica_coach.core.catalog import Routine
    from sciatica_coach.core.instance_lock import InstanceLock
    from sciatica_coach.core.log import SessionLog
    from sciatica_coach.report.sheet import SheetOptions

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A failure worth one line on stderr; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


# argparse looks up its own words through gettext as it runs. These are the ones a user of
# this command line can meet; marking them here puts them in the catalog.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)


def _argparse_words(message: str | None) -> str | None:
    return _(message) if message else message


def _argparse_plural(singular: str, plural: str, count: int) -> str:
    return ngettext(singular, plural, count)


def speak_argparse_in_our_language() -> None:
    """Send argparse's own words (usage, options, its errors) through our catalog; it
    imported gettext's functions by name, so its module globals are the ones to replace."""
    vars(argparse)["_"] = _argparse_words
    vars(argparse)["ngettext"] = _argparse_plural


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandError(
            _("{prog}: {message} (see --help)").format(prog=self.prog, message=message),
            EXIT_BAD_INPUT,
        )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {text}").format(text=repr(text))
        ) from None


SINCE_START = "start"


def _report_start(text: str) -> date | str:
    """A report's first day: a date, or 'start' for the day the user started."""
    return SINCE_START if text.strip().lower() == SINCE_START else _iso_date(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sciatica-coach",
        description=_("A guided home-exercise coach for sciatica. With no command, opens the app."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("run a short routine offscreen on a fast clock into a temporary folder, then exit"),
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help=_("start in the tray (or minimised), as start at login does"),
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("where your log and routines live (also ${variable})").format(
            variable=paths.DATA_DIR_ENV
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("routines", help=_("list routines: id, name, minutes, source"))
    start = commands.add_parser(
        "start", help=_("open the app (or the one already open) at a routine's check-in")
    )
    start.add_argument("routine", help=_("routine id, e.g. gentle-start"))
    plan = commands.add_parser("plan", help=_("print a routine's timeline with times"))
    plan.add_argument("routine", help=_("routine id, e.g. gentle-start"))
    check = commands.add_parser("check", help=_("validate a routine file"))
    check.add_argument("file", type=Path, help=_("a routine .toml file"))
    history = commands.add_parser("history", help=_("list logged sessions, newest first"))
    history.add_argument("--since", type=_iso_date, metavar="DATE", help=_("from this date on"))
    calendar = commands.add_parser(
        "plan-calendar", help=_("write the weekly plan as repeating calendar events (.ics)")
    )
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    calendar.add_argument("--ics", type=Path, required=True, metavar="OUT.ics", help=_("to write"))
    calendar.add_argument(
        "--from", dest="start", type=_iso_date, metavar="DATE", help=_("first day (default: today)")
    )
    calendar.add_argument("--routine", metavar="ID", help=_("the routine to name in the events"))
    summary = commands.add_parser("summary", help=_("write a one-page PDF summary of a session"))
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    summary.add_argument(
        "session",
        nargs="?",
        default="last",
        metavar="ID|last",
        help=_("session id (default: last)"),
    )
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    summary.add_argument(
        "--pdf", type=Path, required=True, metavar="OUT.pdf", help=_("PDF to write")
    )
    _paper_option(summary)
    report = commands.add_parser("report", help=_("write a progress report PDF for a date range"))
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    report.add_argument(
        "--from",
        dest="start",
        type=_report_start,
        metavar="DATE|start",
        help=_("first day, or 'start' for since you started (default: 12 weeks ago)"),
    )
    report.add_argument(
        "--to", dest="end", type=_iso_date, metavar="DATE", help=_("last day (default: today)")
    )
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    report.add_argument(
        "--pdf", type=Path, required=True, metavar="OUT.pdf", help=_("PDF to write")
    )
    _paper_option(report)
    export = commands.add_parser("export", help=_("write the history as CSV, one row per step"))
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    export.add_argument(
        "--csv", required=True, metavar="OUT.csv", help=_("file to write, or - for stdout")
    )
    export.add_argument("--from", dest="start", type=_iso_date, metavar="DATE", help=_("first day"))
    export.add_argument("--to", dest="end", type=_iso_date, metavar="DATE", help=_("last day"))
    import_ = commands.add_parser(
        "import", help=_("add sessions from a CSV file (e.g. a paper log)")
    )
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    import_.add_argument(
        "--csv", type=Path, required=True, metavar="IN.csv", help=_("file to read")
    )
    commands.add_parser("safety", help=_("print the warning signs, the stop rules and who to ask"))
    sheet = commands.add_parser(
        "sheet", help=_("write a printable exercise sheet of a routine as PDF (two pages at most)")
    )
    sheet.add_argument("routine", help=_("routine id, e.g. gentle-start, or a routine .toml file"))
    # i18n: not words (a metavar: the placeholder argparse shows for a value)
    sheet.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf", help=_("PDF to write"))
    sheet.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="DATE",
        help=_("the tick grid starts in this week (default: this week)"),
    )
    _paper_option(sheet)
    return parser


def _paper_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--paper", choices=("a4", "letter"), help=_("paper size (default: from your locale)")
    )


# Qt's own command-line options (https://doc.qt.io/qt-6/qapplication.html#QApplication and
# QGuiApplication), passed to Qt when the app starts instead of being refused as unknown.
QT_OPTIONS_WITH_VALUE = frozenset(
    {
        "-style",
        "-stylesheet",
        "-platform",
        "-platformpluginpath",
        "-platformtheme",
        "-plugin",
        "-qwindowgeometry",
        "-qwindowtitle",
        "-qwindowicon",
        "-session",
        "-display",
        "-geometry",
    }
)
QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"})


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Qt's options) from a command line; "-style fusion" and
    "-style=fusion" both go to Qt."""
    ours: list[str] = []
    qt: list[str] = []
    items = iter(argv)
    for item in items:
        name = item.split("=", 1)[0]
        if name in QT_OPTIONS_WITH_VALUE and "=" in item:
            qt.append(item)
        elif item in QT_OPTIONS_WITH_VALUE:
            qt.append(item)
            value = next(items, None)
            if value is not None:
                qt.append(value)
        elif item in QT_FLAGS:
            qt.append(item)
        else:
            ours.append(item)
    return ours, qt


def main(argv: Sequence[str] | None = None) -> int:
    # The terminal and the PDFs speak the system's language (LANGUAGE, LC_ALL, LANG); the app
    # then applies the settings page's choice over it before its first page.
    i18n.set_language(i18n.SYSTEM)
    speak_argparse_in_our_language()
    parser = build_parser()
    own, qt_options = split_qt_options(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(own)
        if qt_options and args.command not in (None, "start"):
            raise CommandError(
                _(
                    "{option} is an option for the app's window; it does nothing for '{command}'"
                ).format(option=qt_options[0], command=args.command),
                EXIT_BAD_INPUT,
            )
        if args.self_test:
            from sciatica_coach.selftest import run_self_test

            return run_self_test()
        data = paths.data_dir(args.data_dir, os.environ)
        if data.exists() and not data.is_dir():
            raise _not_a_folder(data)
        if args.command in (None, "start"):
            from sciatica_coach.core.library import load_library
            from sciatica_coach.ui.app import run_app

            routine = getattr(args, "routine", None) if args.command == "start" else None
            if routine is not None and load_library(data).find(routine) is None:
                raise CommandError(
                    _("No routine with id {id}; 'sciatica-coach routines' lists them.").format(
                        id=repr(routine)
                    ),
                    EXIT_BAD_INPUT,
                )
            background = bool(getattr(args, "background", False))
            return run_app(data, routine, qt_options, background=background)
        handler = _COMMANDS[args.command]
        return handler(args, data)
    except CommandError as error:
        _say(error, err=True)
        return error.code
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away ("history | head"): nothing more to say, and no traceback
        # when Python flushes the closed pipe on its way out.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as error:
        # A log that opened but fails later (a damaged page, a full disk, a lock held too
        # long) is one line like any other error, never a traceback.
        from sciatica_coach.core.records import LogError

        if not isinstance(error, LogError):
            raise
        _say(error, err=True)
        return EXIT_FAILURE


def _say(text: object, *, err: bool = False, keep_newlines: bool = False) -> None:
    """Print one message; names and notes come from files, so control characters in them are
    shown escaped rather than acted on by the terminal."""
    print(terminal_text(str(text), keep_newlines=keep_newlines), file=sys.stderr if err else None)


def _cmd_routines(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core.library import load_library
    from sciatica_coach.core.timeline import expand_routine

    library = load_library(data)
    for problem in library.problems:
        _say(_("skipped: {problem}").format(problem=problem), err=True)
    # Translators: column headings of `sciatica-coach routines`, in capitals.
    rows = [(_("ID"), _("NAME"), _("MIN"), _("LEVEL"), _("SOURCE"))]
    for routine in sorted(library.routines.values(), key=lambda r: (not r.builtin, r.id)):
        minutes = expand_routine(routine).total_seconds / 60
        source = _("built-in") if routine.builtin else str(routine.source)
        rows.append((routine.id, routine.name, f"{minutes:.0f}", str(routine.level), source))
    _print_table(rows)
    return EXIT_OK


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    rows = [[terminal_text(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        _say("  ".join(cells).rstrip())


def _cmd_plan(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core.library import load_library
    from sciatica_coach.core.timeline import WORK, expand_routine

    library = load_library(data)
    routine = library.find(args.routine)
    if routine is None:
        known = ", ".join(sorted(library.routines)) or _("none")
        raise CommandError(
            _("unknown routine '{id}' (known: {known})").format(id=args.routine, known=known),
            EXIT_BAD_INPUT,
        )
    timeline = expand_routine(routine)
    _say(
        _("{name} ({id}), level {level}").format(
            name=routine.name, id=routine.id, level=routine.level
        )
    )
    if routine.description:
        _say(routine.description, keep_newlines=True)
    print()
    at = 0.0
    for step in timeline.steps:
        detail = ""
        if step.kind == WORK:
            parts = [_("set {number}/{count}").format(number=step.set_number, count=step.set_count)]
            if step.side:
                parts.append(side_name(step.side))
            if step.reps is not None:
                pace = (
                    _("self-paced")
                    if step.self_paced
                    else _("{seconds} s each").format(seconds=f"{step.tempo:g}")
                )
                count = (
                    _("{count} reps each side").format(count=step.reps)
                    if step.alternating
                    else _("{count} reps").format(count=step.reps)
                )
                parts.append(f"{count}, {pace}")
            else:
                parts.append(_("hold {seconds} s").format(seconds=f"{step.seconds:g}"))
            detail = ", ".join(parts)
        elif step.side:
            detail = _to_side(step.side)
        length = ("~" if step.self_paced else "") + minutes_seconds(step.seconds)
        _say(f"{minutes_seconds(at):>6}  {length:>6}  {step.title:<28} {detail}".rstrip())
        at += step.seconds
    total = timeline.total_seconds
    line = "\n" + _("Total {time} ({minutes} min)").format(
        time=minutes_seconds(total), minutes=f"{total / 60:.1f}"
    )
    if routine.target_minutes:
        line += _("; stated length {minutes} min").format(minutes=f"{routine.target_minutes:g}")
    _say(line, keep_newlines=True)
    _say_cautions(routine)
    return EXIT_OK


def _to_side(side: str) -> str:
    if side == "left":
        return _("to the left side")
    if side == "right":
        return _("to the right side")
    return _("to the {side} side").format(side=side)


def _say_cautions(routine: Routine) -> None:
    """Each exercise once, with its cautions and its easier and harder versions."""
    from sciatica_coach.core.words import plan_cautions

    print()
    _say(_("Take care"), keep_newlines=True)
    for text in plan_cautions(routine):
        _say(text, keep_newlines=True)


def _cmd_check(args: argparse.Namespace, data: Path) -> int:
    """The verdict the app reaches on this file (same reader, same rules), and then each of its
    pictures decoded the way the player decodes it."""
    from sciatica_coach.core.catalog import Problem, RoutineError, load_routine_file
    from sciatica_coach.core.library import load_library
    from sciatica_coach.core.timeline import expand_routine

    path: Path = args.file
    if not path.exists() and not path.is_symlink():
        raise CommandError(_("{path}: no such file").format(path=path), EXIT_BAD_INPUT)
    library = load_library(None)
    try:
        routine = load_routine_file(path, library.exercises, label=str(path))
    except RoutineError as error:
        for problem in error.problems:
            _say(problem, err=True)
        return EXIT_BAD_INPUT
    problems: list[Problem] = []
    pictures = {b.exercise.id: b.exercise.image for b in routine.blocks if b.exercise.image}
    folder = path.parent.resolve()
    if pictures:
        from sciatica_coach.core.pictures import PictureError
        from sciatica_coach.illustrations.qt_pictures import check_user_picture

        for exercise_id, image in pictures.items():
            try:
                check_user_picture(image)
            except PictureError as error:
                item = _("exercise '{id}'").format(id=exercise_id)
                shown = image.relative_to(folder) if image.is_relative_to(folder) else image
                message = _("image {path} {error}").format(path=shown, error=error)
                problems.append(Problem(str(path), item, "image", message))
    for problem in problems:
        _say(problem, err=True)
    if problems:
        return EXIT_BAD_INPUT
    minutes = expand_routine(routine).total_seconds / 60
    count = len(routine.blocks)
    _say(
        ngettext(
            "{path}: ok, routine '{id}' with {count} exercise, {minutes} min",
            "{path}: ok, routine '{id}' with {count} exercises, {minutes} min",
            count,
        ).format(path=path, id=routine.id, count=count, minutes=f"{minutes:.1f}")
    )
    return EXIT_OK


def _cmd_history(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core.library_text import shown_routine_name

    if not (data / paths.DATABASE_NAME).exists():
        _say(_("No sessions logged yet."))
        return EXIT_OK
    log = _open_log(data)
    try:
        sessions = log.sessions(since=args.since)
    finally:
        log.close()
    if not sessions:
        _say(_("No sessions logged in that range."))
        return EXIT_OK
    # Translators: column headings of `sciatica-coach history`, in capitals.
    rows = [(_("ID"), _("DATE"), _("ROUTINE"), _("MIN"), _("STATUS"), _("BACK"), _("LEG"))]
    for record in sessions:
        status = outcome_label(record.status, record.stop_reason)
        rows.append(
            (
                str(record.id),
                record.local_date.isoformat(),
                shown_routine_name(record.routine_id, record.routine_name),
                f"{record.active_seconds / 60:.0f}",
                status,
                pain_pair(record.pain_before, record.pain_after, "back"),
                pain_pair(record.pain_before, record.pain_after, "leg"),
            )
        )
    _print_table(rows)
    return EXIT_OK


def _open_log(data: Path) -> SessionLog:
    from sciatica_coach.core.log import SessionLog
    from sciatica_coach.core.records import LogError

    try:
        # The app may be mid-session on this log: leave its session in progress alone.
        return SessionLog(data / paths.DATABASE_NAME, recover=False)
    except LogError as error:
        raise CommandError(str(error)) from None


def _writer_lock(data: Path) -> InstanceLock:
    """The data folder's lock, which the app holds while it runs; refused if it is taken."""
    from sciatica_coach.core.instance_lock import InstanceLock, InstanceLockHeld

    try:
        return InstanceLock.acquire(data)
    except InstanceLockHeld as error:
        raise CommandError(
            _("{error} Close it, then try again; nothing was written to the log.").format(
                error=error
            )
        ) from None
    except OSError as error:
        raise CommandError(
            _("Cannot lock the data folder {folder}: {error}.").format(
                folder=data, error=error.strerror or error
            )
        ) from None


def _start_qt() -> object:
    """The QGuiApplication that report painting needs, made without a display.

    On Linux and other X11/Wayland systems the offscreen platform is used (unless
    QT_QPA_PLATFORM says otherwise), so these commands run over ssh, in cron and in CI;
    Windows and macOS can paint without a visible window on their own platform.
    """
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform not in ("win32", "darwin") and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication([sys.argv[0] if sys.argv else "sciatica-coach"])
    return app


def _output_path(path: Path) -> Path:
    """``path`` if a file may be written there; a link, pipe, device or folder is refused."""
    from sciatica_coach.core.outputs import OutputError, check_target

    try:
        check_target(path)
    except OutputError as error:
        raise CommandError(str(error), EXIT_BAD_INPUT) from None
    return path


def _not_a_folder(data: Path) -> CommandError:
    return CommandError(
        _(
            "The data folder {folder} is a file, not a folder; choose another with --data-dir."
        ).format(folder=data)
    )


def _private_data(data: Path, *, create: bool = False) -> Path:
    """The data folder, tightened to owner-only if it exists (made, with ``create``)."""
    try:
        return paths.ensure_private_dir(data, create=create)
    except NotADirectoryError:
        raise _not_a_folder(data) from None
    except OSError as error:
        if create:
            raise CommandError(
                _("Cannot use the data folder {folder}: {error}.").format(
                    folder=data, error=error.strerror or error
                )
            ) from None
        return data  # a folder only read from stays usable even if it cannot be tightened


def _rendered(write: Callable[[], int]) -> int:
    """Run a PDF writer; a report that cannot be made or saved becomes one line on stderr."""
    from sciatica_coach.core.outputs import OutputError
    from sciatica_coach.report.paint import ReportError

    try:
        return write()
    except (ReportError, OutputError) as error:
        raise CommandError(str(error)) from None


def _cmd_summary(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core.library import load_library
    from sciatica_coach.core.records import LogError

    target = _output_path(args.pdf)
    wanted: str = args.session
    if wanted != "last" and not wanted.isdigit():
        raise CommandError(
            _("not a session id: {id} (use a number or 'last')").format(id=repr(wanted)),
            EXIT_BAD_INPUT,
        )
    _private_data(data)
    if not (data / paths.DATABASE_NAME).exists():
        raise CommandError(_("No sessions logged yet: there is nothing to summarise."))
    log = _open_log(data)
    try:
        if wanted == "last":
            newest = log.sessions(limit=1)
            if not newest:
                raise CommandError(_("No sessions logged yet: there is nothing to summarise."))
            session_id = newest[0].id
        else:
            session_id = int(wanted)
        try:
            record = log.session(session_id)
        except LogError:
            raise CommandError(
                _("no session {id} in the log (see: sciatica-coach history)").format(id=session_id),
                EXIT_BAD_INPUT,
            ) from None
        _start_qt()
        from sciatica_coach.report.documents import write_session_summary_pdf

        pages = _rendered(
            lambda: write_session_summary_pdf(
                log, load_library(data), session_id, target, paper=args.paper
            )
        )
    finally:
        log.close()
    _say(
        ngettext(
            "Wrote {path}: session {id} of {date}, {count} page",
            "Wrote {path}: session {id} of {date}, {count} pages",
            pages,
        ).format(path=target, id=session_id, date=record.local_date, count=pages)
    )
    return EXIT_OK


def _started_on(data: Path) -> date:
    """The day the user started (first session or first plan), for ``report --from start``."""
    from sciatica_coach.core.stats import started_on

    day = None
    if (data / paths.DATABASE_NAME).exists():
        log = _open_log(data)
        try:
            day = started_on(log)
        finally:
            log.close()
    if day is None:
        raise CommandError(_("No sessions logged yet: there is nothing to report."))
    return day


def _cmd_report(args: argparse.Namespace, data: Path) -> int:
    from datetime import timedelta

    target = _output_path(args.pdf)
    end: date = args.end or date.today()
    start: date = (
        _started_on(data)
        if args.start == SINCE_START
        else args.start or end - timedelta(weeks=12) + timedelta(days=1)
    )
    if end < start:
        raise CommandError(
            _("--to {end} is before --from {start}").format(end=end, start=start), EXIT_BAD_INPUT
        )
    if (end - start).days > 3 * 366:
        raise CommandError(
            _("the range is longer than three years; choose a shorter one"), EXIT_BAD_INPUT
        )
    _private_data(data)
    if not (data / paths.DATABASE_NAME).exists():
        raise CommandError(_("No sessions logged yet: there is nothing to report."))
    log = _open_log(data)
    try:
        _start_qt()
        from sciatica_coach.report.documents import write_progress_report_pdf

        pages = _rendered(
            lambda: write_progress_report_pdf(log, start, end, target, paper=args.paper)
        )
    finally:
        log.close()
    _say(
        ngettext(
            "Wrote {path}: progress from {start} to {end}, {count} page",
            "Wrote {path}: progress from {start} to {end}, {count} pages",
            pages,
        ).format(path=target, start=start, end=end, count=pages)
    )
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core import outputs
    from sciatica_coach.core.csv_io import COLUMNS, export_csv

    to_stdout = args.csv == "-"
    target = None if to_stdout else _output_path(Path(args.csv))
    _private_data(data)
    try:
        if not (data / paths.DATABASE_NAME).exists():
            header = ",".join(COLUMNS) + "\r\n"
            if target is None:
                sys.stdout.write(header)
            else:
                outputs.write_text(target, header)
            return EXIT_OK
        log = _open_log(data)
        try:
            if target is None:
                export_csv(log, sys.stdout, args.start, args.end)
                return EXIT_OK
            with outputs.open_text(target) as out:
                summary = export_csv(log, out, args.start, args.end)
        finally:
            log.close()
    except outputs.OutputError as error:
        raise CommandError(str(error)) from None
    _say(
        _("Wrote {path}: {sessions} sessions, {rows} rows").format(
            path=target, sessions=summary.sessions, rows=summary.rows
        )
    )
    return EXIT_OK


def _cmd_plan_calendar(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core import outputs
    from sciatica_coach.core.calendar_export import CalendarError, plan_calendar
    from sciatica_coach.core.library import load_library
    from sciatica_coach.core.records import WeeklyPlan
    from sciatica_coach.core.timeline import expand_routine

    target = _output_path(args.ics)
    start = args.start or date.today()
    routine = None
    if args.routine:
        routine = load_library(data).find(args.routine)
        if routine is None:
            raise CommandError(
                _("No routine with id {id}; 'sciatica-coach routines' lists them.").format(
                    id=repr(args.routine)
                ),
                EXIT_BAD_INPUT,
            )
    plan, times = WeeklyPlan(), {}
    if (data / paths.DATABASE_NAME).exists():
        with _open_log(data) as log:
            plan, times = log.plan(start), log.reminder_times()
    minutes = round(expand_routine(routine).total_seconds / 60) if routine else 20
    try:
        name = routine.name if routine else None
        text = plan_calendar(plan, times, start, max(minutes, 5), name)
        outputs.write_bytes(target, text)
    except CalendarError as error:
        raise CommandError(str(error), EXIT_BAD_INPUT) from None
    except outputs.OutputError as error:
        raise CommandError(str(error)) from None
    _say(
        _("Wrote {path}: the plan from {start}, repeating weekly").format(
            path=target, start=start.isoformat()
        )
    )
    return EXIT_OK


MAX_PROBLEMS_SHOWN = 50


def _cmd_import(args: argparse.Namespace, data: Path) -> int:
    from datetime import datetime

    from sciatica_coach.core.csv_io import (
        CsvImportError,
        CsvReadError,
        decode_csv,
        import_csv,
        read_csv_file,
    )

    source: Path = args.csv
    try:
        raw = read_csv_file(source)
    except CsvReadError as error:
        raise CommandError(str(error), EXIT_BAD_INPUT) from None
    _private_data(data, create=True)

    def local(naive: datetime) -> datetime:
        return naive.astimezone()  # a time written without an offset is this computer's

    try:
        text = decode_csv(raw)
        # The app writes to the log as a session runs: only one writer at a time.
        with _writer_lock(data):
            log = _open_log(data)
            try:
                # Nothing is added to a log that is already damaged anywhere, indexes too.
                log.check_integrity()
                result = import_csv(log, text, localise=local)
            finally:
                log.close()
    except CsvImportError as error:
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            _say(f"{source}: {problem}", err=True)
        hidden = len(error.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            more = ngettext(
                "{path}: ... and {count} more problem",
                "{path}: ... and {count} more problems",
                hidden,
            )
            _say(more.format(path=source, count=hidden), err=True)
        _say(
            _("{path}: nothing was imported; fix the rows above and try again").format(path=source),
            err=True,
        )
        return EXIT_BAD_INPUT
    added = result.sessions_added
    line = ngettext(
        "Imported {count} session ({steps} steps) from {path}",
        "Imported {count} sessions ({steps} steps) from {path}",
        added,
    ).format(count=added, steps=result.steps_added, path=source)
    if result.already_present:
        line += _("; {count} already in the log were left as they were").format(
            count=result.already_present
        )
    _say(line)
    return EXIT_OK


def _cmd_sheet(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core.catalog import RoutineError, load_routine_file
    from sciatica_coach.core.library import load_library

    target = _output_path(args.pdf)
    library = load_library(data)
    wanted: str = args.routine
    routine = library.find(wanted)
    if routine is None and wanted.endswith(".toml"):
        path = Path(wanted)
        if not path.exists():
            raise CommandError(_("{path}: no such file").format(path=path), EXIT_BAD_INPUT)
        try:
            routine = load_routine_file(path, library.exercises, label=str(path))
        except RoutineError as error:
            for problem in error.problems:
                _say(problem, err=True)
            return EXIT_BAD_INPUT
    if routine is None:
        known = ", ".join(sorted(library.routines)) or _("none")
        raise CommandError(
            _("unknown routine '{id}' (known: {known})").format(id=wanted, known=known),
            EXIT_BAD_INPUT,
        )
    today = date.today()
    options = _sheet_options(data, args.start or today)
    _start_qt()
    from sciatica_coach.report.sheet import write_sheet_pdf

    pages = _rendered(
        lambda: write_sheet_pdf(routine, target, options, paper=args.paper, printed_on=today)
    )
    _say(
        ngettext(
            "Wrote {path}: exercise sheet of {routine}, {count} page",
            "Wrote {path}: exercise sheet of {routine}, {count} pages",
            pages,
        ).format(path=target, routine=routine.name, count=pages)
    )
    return EXIT_OK


def _sheet_options(data: Path, start: date) -> SheetOptions:
    """The grid's start and the weekly plan from the log, if there is a log to read."""
    from sciatica_coach.core.records import LogError
    from sciatica_coach.report.sheet import SheetOptions

    if not (data / paths.DATABASE_NAME).exists():
        return SheetOptions(start=start)
    try:
        log = _open_log(data)
    except CommandError:
        return SheetOptions(start=start)  # the sheet does not need the log; `history` says why
    try:
        return SheetOptions(start=start, plan=log.plan(start))
    except LogError:
        return SheetOptions(start=start)
    finally:
        log.close()


def _cmd_safety(args: argparse.Namespace, data: Path) -> int:
    from sciatica_coach.core.safety import safety_text

    _say(safety_text(), keep_newlines=True)
    return EXIT_OK


_COMMANDS = {
    "routines": _cmd_routines,
    "plan": _cmd_plan,
    "plan-calendar": _cmd_plan_calendar,
    "check": _cmd_check,
    "history": _cmd_history,
    "summary": _cmd_summary,
    "report": _cmd_report,
    "export": _cmd_export,
    "import": _cmd_import,
    "safety": _cmd_safety,
    "sheet": _cmd_sheet,
}

"""Command line: parse arguments, call the Python API, turn errors into messages.

Exit codes: 0 success, 1 bad data or a failed report, 2 bad usage (SPEC §3).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Sequence

from .attendance import BASES, EXCUSED_POLICIES
from .errors import DataError, ToolkitError, UsageError, shown_problems
from .text import tn

__all__ = ["main", "build_parser"]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit",
        description="Evaluation toolkit for JST–NGO cooperation programmes (Model współpracy).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a whole dataset; every problem as FILE:LINE:COLUMN")
    p.add_argument("--data", required=True, type=Path, help="dataset folder or .xlsx workbook")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("synth", help="write a valid fictitious dataset of any size")
    size = p.add_mutually_exclusive_group(required=True)
    size.add_argument("--gminas", type=_positive_int, help="number of gminas")
    size.add_argument("--demo", action="store_true",
                      help="the shipped demo dataset (the programme's four gminas); "
                           "same as --example demo")
    size.add_argument("--example", choices=("demo", "probus", "mowes2"),
                      help="one of the shipped example datasets (data/NAME), one per "
                           "programme shape")
    p.add_argument("--out", required=True, type=Path, help="folder to write the CSV files to")
    p.add_argument("--seed", type=int, default=None,
                   help="random seed (default 0; the example's own seed with --demo "
                        "or --example)")
    p.set_defaults(run=_cmd_synth)

    p = sub.add_parser("diplomas", help="who earns the Academy diploma (trainers)")
    p.add_argument("--data", required=True, type=Path, help="dataset folder or .xlsx workbook")
    p.add_argument("--threshold", type=_share, default=None,
                   help="attendance share needed (default: the programme's diploma_threshold, "
                        "else 0.8)")
    p.add_argument("--basis", choices=BASES, default=None,
                   help="count days or hours (default: the programme's diploma_basis, else days)")
    p.add_argument("--excused", choices=EXCUSED_POLICIES, default=None,
                   help="an excused absence counts as absent, is excluded, or present "
                        "(default: the programme's diploma_excused, else absent)")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="sessions after this day have not happened yet")
    p.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    p.add_argument("--pdf", type=Path, default=None, metavar="DIR",
                   help="also write one diploma PDF per eligible participant into DIR")
    p.add_argument("--register", type=Path, default=None, metavar="FILE",
                   help="the register of diploma numbers, kept across runs (default: "
                        "DIR/rejestr_dyplomow.csv with --pdf)")
    p.add_argument("--issued-on", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="date of issue of new diplomas (default: today)")
    p.add_argument("--lang", choices=("pl", "en"), default="pl",
                   help="language of the workbook's headers and of the diplomas")
    p.set_defaults(run=_cmd_diplomas)

    p = sub.add_parser("import", help="convert real-world lists and exports into tables")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    k = kinds.add_parser("attendance", help="an attendance list, a long attendance table or "
                                            "an online-meeting report (.xlsx, .csv, .tsv)")
    k.add_argument("sheet", type=Path, metavar="SHEET")
    k.add_argument("--data", required=True, type=Path,
                   help="dataset whose participants and sessions the list is matched to")
    k.add_argument("--out", required=True, type=Path, help="the attendance table to write (.csv)")
    k.set_defaults(run=_cmd_import_attendance)
    k = kinds.add_parser("survey", help="a Google Forms or LimeSurvey export (.csv, .tsv, .xlsx)")
    k.add_argument("export", type=Path, metavar="EXPORT")
    k.add_argument("--format", default=None, choices=("google", "limesurvey"),
                   dest="export_format",
                   help="the tool the export comes from (default: detected from its columns)")
    k.add_argument("--instrument", required=True, help="the instrument's name in items.csv")
    k.add_argument("--data", required=True, type=Path,
                   help="dataset whose items, gminas and participants the export is matched to")
    k.add_argument("--out", required=True, type=Path, help="the responses table to write (.csv)")
    k.add_argument("--gmina", default=None, metavar="ID",
                   help="the gmina (TERYT code or name) of every response, for an export "
                        "without a Gmina column")
    k.add_argument("--date-order", default=None, choices=("dmy", "mdy"), dest="date_order",
                   help="how to read dates like 12/11/2019 when every date fits both orders")
    k.set_defaults(run=_cmd_import_survey)

    p = sub.add_parser("tables", help="the figures behind the reports, one sheet each (.xlsx)")
    p.add_argument("--data", required=True, type=Path, help="dataset folder or .xlsx workbook")
    p.add_argument("--out", required=True, type=Path, help="FILE.xlsx")
    p.add_argument("--lang", choices=("pl", "en"), default="pl",
                   help="language of the gmina_name of the ALL rows")
    p.set_defaults(run=_cmd_tables)

    p = sub.add_parser("report", help="the per-gmina evaluation reports (papermill)")
    p.add_argument("--data", required=True, type=Path, help="dataset folder or .xlsx workbook")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--gmina", action="append", default=None, metavar="ID",
                   help="only this gmina (TERYT code); repeat for more")
    p.add_argument("--workers", type=_positive_int, default=None,
                   help="parallel notebook runs (default: number of CPUs)")
    p.add_argument("--format", default="html",
                   help="html, optionally with pdf and docx: html,pdf,docx (default html)")
    p.add_argument("--lang", choices=("pl", "en"), default="pl", help="report language")
    p.add_argument("--notebook", type=Path, default=None,
                   help="your own parameterised notebook instead of the built-in one")
    p.add_argument("--force", action="store_true", help="re-run gminas whose inputs are unchanged")
    p.add_argument("--scheduler", default="local", metavar="local|dask|ADDRESS",
                   help="where the notebooks run: local worker processes (default), dask (a "
                        "Dask LocalCluster of --workers single-threaded workers) or an "
                        "existing Dask cluster's scheduler address (tcp://host:8786)")
    p.set_defaults(run=_cmd_report)
    return parser


def _share(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number such as 0.8, got {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 1, got {text}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date YYYY-MM-DD, got {text!r}") from None


def _print_warnings(problems) -> None:
    for line in shown_problems(problems):
        print(line, file=sys.stderr)


def _cmd_diplomas(args) -> int:
    from .dataset import load_dataset
    from .diploma_register import REGISTER_FILE
    from .diplomas import diploma_list, number_diplomas, write_diploma_list

    data = load_dataset(args.data)
    _print_warnings(data.warnings)
    rules = data.programme.diploma_rules(as_of=args.as_of, threshold=args.threshold,
                                         basis=args.basis, excused=args.excused)
    table = diploma_list(data, rules)
    register = args.register or (args.pdf / REGISTER_FILE if args.pdf is not None else None)
    if register is not None:
        table = number_diplomas(table, data, register, issued_on=args.issued_on)
    write_diploma_list(table, args.out, data.gminas, basis=rules.basis, lang=args.lang)
    counts = table["status"].value_counts()
    print(f"{args.out}: {tn('n_participants', len(table), 'en')}: " + ", ".join(
        f"{counts.get(s, 0)} {s}" for s in ("eligible", "on_track", "at_risk", "ineligible")))
    if args.pdf is not None:
        from .diplomas_pdf import write_diplomas

        paths = write_diplomas(table, args.pdf, gminas=data.gminas, programme=data.programme,
                               basis=rules.basis, lang=args.lang)
        print(f"{args.pdf}: {tn('n_diplomas', len(paths), 'en')}")
    return 0


def _cmd_import_attendance(args) -> int:
    from .dataset import load_dataset
    from .io.attendance_import import import_attendance
    from .io.files import atomic_write

    data = load_dataset(args.data)
    result = import_attendance(args.sheet, data)
    for line in result.formats:
        print(line, file=sys.stderr)
    table = result.table
    atomic_write(args.out, table.to_csv(index=False, lineterminator="\n"))
    print(f"{args.out}: {tn('n_rows', len(table), 'en')} of attendance from {args.sheet}")
    return 0


def _cmd_import_survey(args) -> int:
    from .dataset import load_dataset
    from .io.files import atomic_write
    from .io.survey import import_survey

    data = load_dataset(args.data)
    result = import_survey(args.export, args.export_format, args.instrument, data,
                           gmina=args.gmina, date_order=args.date_order)
    how = "detected from its columns" if result.detected else "as given by --format"
    tool = {"google": "Google Forms", "limesurvey": "LimeSurvey"}[result.format]
    print(f"{args.export}: a {tool} export ({how})", file=sys.stderr)
    if result.date_order:
        print(f"{args.export}: dates read as {result.date_order}", file=sys.stderr)
    if result.skipped:
        print(f"{args.export}: {tn('n_incomplete_skipped', result.skipped, 'en')} "
              "(empty submitdate)", file=sys.stderr)
    _print_warnings(result.warnings)
    atomic_write(args.out, result.responses.to_csv(index=False, lineterminator="\n"))
    print(f"{args.out}: {tn('n_responses', result.n_responses, 'en')} "
          f"({tn('n_answers', len(result.responses), 'en')}) from {args.export}; "
          f"{tn('n_incomplete_skipped', result.skipped, 'en')}")
    return 0


def _cmd_tables(args) -> int:
    from .dataset import load_dataset
    from .figures import programme_tables, write_tables

    if args.out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out must end in .xlsx; got {args.out.name!r}")
    data = load_dataset(args.data)
    frames = programme_tables(data)
    write_tables(frames, args.out, data.gminas, lang=args.lang,
                 diplomas=data.programme.diplomas)
    print(f"{args.out}: " + ", ".join(f"{name} ({tn('n_rows', len(f), 'en')})"
                                      for name, f in frames.items()))
    return 0


def _cmd_validate(args) -> int:
    from .validation import validate

    problems = validate(args.data)
    for line in shown_problems(problems):
        print(line, file=sys.stderr)
    errors = sum(p.count for p in problems if p.is_error)
    warnings = sum(p.count for p in problems if not p.is_error)
    if errors:
        print(f"{args.data}: {tn('n_errors', errors, 'en')}, {tn('n_warnings', warnings, 'en')}",
              file=sys.stderr)
        return 1
    print(f"{args.data}: OK ({tn('n_warnings', warnings, 'en')})")
    return 0


def _cmd_synth(args) -> int:
    from .examples import example_dataset, synthesize, write_dataset

    try:
        if args.demo or args.example:
            tables = example_dataset(args.example or "demo", seed=args.seed)
        else:
            tables = synthesize(args.gminas, seed=args.seed or 0)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    paths = write_dataset(tables, args.out)
    print(f"{args.out}: {tn('n_tables', len(paths), 'en')}, "
          f"{tn('n_gminas', len(tables['gminas']), 'en')}")
    return 0


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _cmd_report(args) -> int:
    import signal
    import threading

    from .report.runner import run_reports

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    # SIGTERM ends a run as Ctrl-C does: its workers and kernels stopped, exit 130.
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt) if main_thread else None
    try:
        result = run_reports(
            args.data, args.out, gminas=args.gmina, workers=args.workers, formats=formats,
            lang=args.lang, notebook=args.notebook, force=args.force, scheduler=args.scheduler,
        )
    finally:
        if main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print(result.describe())
    return 0 if result.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        for line in shown_problems(exc.problems):
            print(line, file=sys.stderr)
        print(f"{exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad data: one line, no traceback
        if os.environ.get("TOOLKIT_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} "
              "(set TOOLKIT_DEBUG=1 to see the traceback)", file=sys.stderr)
        return 1

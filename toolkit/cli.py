"""Command line: parse arguments, call the Python API, turn errors into messages.

Exit codes: 0 success, 1 bad data or a failed report, 2 bad usage (SPEC §3).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from .errors import DataError, ToolkitError, UsageError

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
                      help="the shipped demo dataset (the programme's four gminas)")
    p.add_argument("--out", required=True, type=Path, help="folder to write the CSV files to")
    p.add_argument("--seed", type=int, default=None,
                   help="random seed (default 0; the demo's own seed with --demo)")
    p.set_defaults(run=_cmd_synth)

    p = sub.add_parser("report", help="the per-gmina evaluation reports (papermill)")
    p.add_argument("--data", required=True, type=Path, help="dataset folder or .xlsx workbook")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--gmina", action="append", default=None, metavar="ID",
                   help="only this gmina (TERYT code); repeat for more")
    p.add_argument("--workers", type=_positive_int, default=None,
                   help="parallel notebook runs (default: number of CPUs)")
    p.add_argument("--format", default="html", help="html, or html,pdf (default html)")
    p.add_argument("--lang", choices=("pl", "en"), default="pl", help="report language")
    p.add_argument("--notebook", type=Path, default=None,
                   help="your own parameterised notebook instead of the built-in one")
    p.add_argument("--force", action="store_true", help="re-run gminas whose inputs are unchanged")
    p.set_defaults(run=_cmd_report)
    return parser


def _cmd_validate(args) -> int:
    from .validation import validate

    problems = validate(args.data)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        print(f"{args.data}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(f"{args.data}: OK ({warnings} warning(s))")
    return 0


def _cmd_synth(args) -> int:
    from .synth import demo_dataset, synthesize, write_dataset

    try:
        if args.demo:
            tables = demo_dataset() if args.seed is None else demo_dataset(seed=args.seed)
        else:
            tables = synthesize(args.gminas, seed=args.seed or 0)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    paths = write_dataset(tables, args.out)
    print(f"{args.out}: {len(paths)} tables, {len(tables['gminas'])} gminas")
    return 0


def _cmd_report(args) -> int:
    from .report.runner import run_reports

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    result = run_reports(
        args.data, args.out, gminas=args.gmina, workers=args.workers, formats=formats,
        lang=args.lang, notebook=args.notebook, force=args.force,
    )
    print(result.describe())
    return 0 if result.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
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

"""One exception hierarchy; the CLI turns each into a message and an exit code."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

__all__ = ["Problem", "ToolkitError", "DataError", "UsageError", "ReportError", "shown_problems",
           "MAX_SHOWN"]

#: Problems printed per file; the rest are summed up by kind (a damaged file can hold millions).
MAX_SHOWN = 200


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the input, located as ``FILE:LINE:COLUMN``.

    Parameters
    ----------
    file
        The file as the user named it; for a workbook ``BOOK.xlsx[sheet]``.
    line
        1-based line of the file (the header is line 1); the row for a workbook.
    column
        1-based column number.
    message
        What is wrong, naming the column and the value.
    severity
        ``"error"`` or ``"warning"``; warnings do not fail validation.
    cell
        A spreadsheet cell (``E7``) where a sheet is not a table (an attendance list):
        then the problem reads ``FILE:CELL: message``, as in ``lista.xlsx[Zjazd 1]:E7``.
    count
        How many problems this one stands for: more than 1 when a damaged file repeats the
        same problem on thousands of rows, and only the first are listed one by one.
    """

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"
    cell: str | None = None
    count: int = field(default=1, compare=False)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        where = self.cell if self.cell else f"{self.line}:{self.column}"
        return f"{self.file}:{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def _kind(message: str) -> str:
    """A message without its values: ``'x' is not in gminas`` and ``'y' …`` are one kind."""
    message = re.sub(r" \(and [\d ]+ more like it below, not listed\)$", "", message)
    message = re.sub(r"=[^,)]*", "=…", re.sub(r"'[^']*'", "'…'", message))
    return re.sub(r"\d+(?:[ .,]\d+)*", "N", message)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


#: Messages of lines that could not be read as CSV: listed before other problems, never
#: hidden in a "… more of this kind" line while the listing has room.
_UNREADABLE_LINE = re.compile(r"malformed CSV|row has [\d ]+ fields but the header has")


def _unreadable(problem: Problem) -> bool:
    return bool(_UNREADABLE_LINE.match(problem.message))


def _example(problem: Problem) -> str:
    """One real problem, intact, as a folded line quotes it."""
    message = re.sub(r" \(and [\d ]+ more like it below, not listed\)$", "", problem.message)
    where = (f"cell {problem.cell}" if problem.cell
             else f"line {problem.line}, column {problem.column}")
    warning = "warning: " if not problem.is_error else ""
    return f"(first at {where}): {warning}{message}"


def shown_problems(problems: Iterable[Problem], limit: int = MAX_SHOWN) -> list[str]:
    """The lines to print for ``problems``: per file the first ``limit``, then the rest by kind.

    Parameters
    ----------
    problems
        Problems sorted by location.
    limit
        Problems listed one by one per file.

    Returns
    -------
    list of str
        ``FILE:LINE:COLUMN: message`` lines, and for a file with more than ``limit``
        problems one line per kind of the rest, most frequent first (at most ten, then one
        for all other kinds), quoting the first of them as it is:
        ``FILE: … and 970 312 more of this kind (first at line 655, column 3): row has 2
        fields but the header has 7``.

    Notes
    -----
    Lines that could not be read as CSV (malformed, wrong number of fields) have up to
    half of the ``limit`` kept for them (listed in file order with the rest), so that a
    broken line is never hidden behind thousands of problems of the cells around it; only
    beyond that many are they counted by kind.
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    lines: list[str] = []
    for file, found in by_file.items():
        unreadable = [p for p in found if _unreadable(p)]
        if len(found) > limit and unreadable:
            others = [p for p in found if not _unreadable(p)]
            # Up to half the listing (more when the others leave room) is kept for them.
            k = min(len(unreadable), max(limit // 2, limit - len(others)))
            shown = sorted(unreadable[:k] + others[:limit - k])
            rest = unreadable[k:] + others[limit - k:]
        else:
            shown, rest = found[:limit], found[limit:]
        lines += [str(p) for p in shown]
        if not rest:
            continue
        counts: Counter = Counter()
        first: dict[str, Problem] = {}
        for p in rest:
            kind = ("warning: " if not p.is_error else "") + _kind(p.message)
            counts[kind] += p.count
            first.setdefault(kind, p)
        kinds = counts.most_common()
        for kind, n in kinds[:10]:
            lines.append(f"{file}: … and {_thousands(n)} more of this kind "
                         f"{_example(first[kind])}")
        if len(kinds) > 10:
            others_n = sum(n for _, n in kinds[10:])
            lines.append(f"{file}: … and {_thousands(others_n)} more of {len(kinds) - 10} "
                         "other kinds")
    return lines


class ToolkitError(Exception):
    """Base class of every error the toolkit reports to a user."""


class UsageError(ToolkitError):
    """The command or function was called wrongly (exit code 2)."""


class DataError(ToolkitError):
    """The input data has problems; carries every one of them.

    Parameters
    ----------
    problems
        All problems found in one pass (errors and warnings), sorted by location.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
        from .text import tn

        n = sum(p.count for p in self.problems if p.is_error)
        super().__init__(f"{tn('n_problems', n, 'en')} in the input data")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class ReportError(ToolkitError):
    """A report could not be produced (one gmina's notebook failed, an export failed)."""

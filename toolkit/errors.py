"""One exception hierarchy; the CLI turns each into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

__all__ = ["Problem", "ToolkitError", "DataError", "UsageError", "ReportError"]


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
    """

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"
    cell: str | None = None

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        where = self.cell if self.cell else f"{self.line}:{self.column}"
        return f"{self.file}:{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


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

        n = sum(p.is_error for p in self.problems)
        super().__init__(f"{tn('n_problems', n, 'en')} in the input data")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class ReportError(ToolkitError):
    """A report could not be produced (one gmina's notebook failed, an export failed)."""

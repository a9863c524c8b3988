"""Which column of a survey export is what: the format, fixed columns, items.

:func:`classify` gives every column of an :class:`~toolkit.io.survey_export.Export` its
role: ``gmina``, ``participant``, ``time`` (Google's timestamp, LimeSurvey's
``submitdate``), ``id`` (LimeSurvey's response id) or ``item``. Columns that are not
questions (LimeSurvey's system and timing columns, Google's e-mail and score) are passed
over; any other column that matches no item is a warning naming it once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..errors import Problem
from . import survey_limesurvey as lime
from .survey_export import Export
from .survey_google import EMAIL, GOOGLE_TIME, IGNORED, parse_one
from .survey_match import Item, fixed_key, key, listed, match_items, norm

__all__ = ["Column", "classify", "detect_format"]

_GMINA = {"gmina", "gmina id", "teryt", "kod teryt", "kod gminy"}
_PARTICIPANT = {"participant id", "id uczestnika", "identyfikator uczestnika",
                "kod uczestnika"}
_ROLE_NAMES = {"gmina": "gmina", "participant": "participant", "time": "time of the response",
               "id": "response id"}


@dataclass
class Column:
    """A column of the export that is imported, and what it gives."""

    number: int    # 1-based column in the file
    header: str    # the header cell as written
    role: str      # item, gmina, participant, time, id
    item: Item | None = None


def detect_format(export: Export) -> str:
    """``limesurvey`` or ``google``, from an export's columns (see the module docstring)."""
    columns = [export.column(n) for n in range(1, min(len(export.header), 5) + 1)]
    if lime.is_limesurvey(export.header, columns, parse_one):
        return "limesurvey"
    return "google"


def _fixed_role(header: str, fmt: str) -> str | None:
    fkey = fixed_key(header)
    if fkey in _GMINA:
        return "gmina"
    if fkey in _PARTICIPANT:
        return "participant"
    if fmt == "google":
        return "time" if fkey in GOOGLE_TIME else None
    role = lime.system_role(header)
    return {"id": "id", "submitdate": "time"}.get(role)


def _ignored(header: str, fmt: str) -> bool:
    fkey = fixed_key(header)
    if fkey in EMAIL or fkey in IGNORED:
        return True
    return fmt == "limesurvey" and lime.system_role(header) is not None


def classify(export: Export, items: list[Item], fmt: str, instrument: str,
             problems: list[Problem], warnings: list[Problem]) -> list[Column]:
    """The columns to import, each with its role.

    Parameters
    ----------
    export
        The export as read.
    items
        The instrument's items.
    fmt
        ``google`` or ``limesurvey``.
    instrument
        The instrument's name, for messages.
    problems, warnings
        Lists the errors and the warnings found are appended to: a fixed column given
        twice, a column matching several items or an item matched twice (errors); a
        column that matches no item, once per column (a warning).

    Returns
    -------
    list of Column
        The fixed columns (gmina, participant, time, id) and the matched item columns.
    """
    counts = Counter(key(h) for h in export.header)
    seen: Counter = Counter()
    columns: list[Column] = []
    taken: dict[str, Column] = {}
    roles: dict[str, Column] = {}
    for number, text in enumerate(export.header, start=1):
        hkey = key(text)
        seen[hkey] += 1
        if not hkey:
            if any(export.column(number)):
                warnings.append(export.at(None, number, "a column without a header: not "
                                                        "imported", "warning"))
            continue
        role = _fixed_role(text, fmt)
        if role is not None:
            if role in roles:
                problems.append(export.at(None, number, f"column '{text}' gives the "
                                          f"{_ROLE_NAMES[role]} again (also column "
                                          f"{roles[role].number} '{roles[role].header}')"))
                continue
            roles[role] = Column(number, text, role)
            columns.append(roles[role])
            continue
        code = lime.code_of(text) if fmt == "limesurvey" else None
        hits, how = match_items(text, seen[hkey], counts[hkey] > 1, items, code)
        if len(hits) > 1:
            problems.append(export.at(None, number, f"column '{text}' matches several items "
                                      f"of instrument '{instrument}' by {how}: "
                                      f"{listed(i.item_id for i in hits)}"))
            continue
        if hits:
            item = hits[0]
            if item.item_id in taken:
                other = taken[item.item_id]
                problems.append(export.at(None, number, f"column '{text}' matches item "
                                          f"'{item.item_id}', as column {other.number} "
                                          f"'{other.header}' does"))
                continue
            taken[item.item_id] = Column(number, text, "item", item)
            columns.append(taken[item.item_id])
            continue
        if _ignored(text, fmt):
            continue
        if counts[hkey] > 1:
            where = [str(n) for n, h in enumerate(export.header, start=1) if key(h) == hkey]
            message = (f"column {number} '{text}' matches no item of instrument "
                       f"'{instrument}': columns {listed(where)} have this header; give "
                       f"items.source '{norm(text)} #{seen[hkey]}' to import this one")
        else:
            message = (f"column '{text}' matches no item of instrument '{instrument}' "
                       "(by source or text): not imported")
        warnings.append(export.at(None, number, message, "warning"))
    return columns

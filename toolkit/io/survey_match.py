"""Match an export's columns and cells to a dataset: items, gminas, participants.

Headers, items' texts and sources and gmina names are compared after NFC, collapsing
runs of whitespace, trimming and case folding. An item's ``source`` may end in ``#N``
(``Edad #2``): it names the N-th column (counting from 1, left to right) of the columns
whose header is ``Edad`` — the way to tell apart two columns with one header.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from ..dataset import Dataset
from ..errors import UsageError

__all__ = ["Item", "instrument_items", "match_items", "Gminas", "Participants", "norm", "key",
           "fixed_key", "listed"]

_GRID = re.compile(r"(?s)(.*?)\s*\[([^\[\]]+)\]")
_POSITION = re.compile(r"(?s)(.*?)\s*#\s*(\d+)")
_TERYT_IN_TEXT = re.compile(r"(?<!\d)(\d{6,7})(?!\d)")
_GMINA_PREFIX = re.compile(
    r"(?:miasto i gmina|gmina i miasto|gmina|gm\.?|miasto|m\.)\s+(?:miejska\s+|wiejska\s+|"
    r"miejsko-wiejska\s+)?")
_MAX_LISTED = 6


def norm(text) -> str:
    """NFC text with runs of whitespace collapsed to one space, trimmed."""
    if text is None or text is pd.NA or (isinstance(text, float) and text != text):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def key(text) -> str:
    """How headers, items' texts and sources and gmina names are compared."""
    return norm(text).casefold()


def fixed_key(text) -> str:
    """How fixed column names are compared: :func:`key`, ``_`` as a space, no final ``:``."""
    return " ".join(key(text).replace("_", " ").rstrip(":").split())


def listed(values, limit: int = _MAX_LISTED) -> str:
    values = list(values)
    more = f", … ({len(values) - limit} more)" if len(values) > limit else ""
    return ", ".join(values[:limit]) + more


@dataclass(frozen=True)
class Item:
    """An item of the instrument, as columns are matched to it."""

    item_id: str
    kind: str
    scale: str | None
    text_key: str
    source_key: str        # the source without its "#N"
    position: int | None   # N of a "#N" source
    order: int


def instrument_items(data: Dataset, instrument: str) -> list[Item]:
    """The items of ``instrument``, in the order of ``items``."""
    items = data.get("items")
    if items is None:
        raise UsageError(f"the dataset {data.source!r} has no items table: the export's "
                         "columns are matched to the items of the instrument")
    mine = items[items["instrument"].map(norm) == norm(instrument)]
    if mine.empty:
        known = sorted({norm(i) for i in items["instrument"] if norm(i)})
        raise UsageError(f"instrument {instrument!r} has no items in the dataset "
                         f"(instruments: {listed(known, 20) or 'none'})")
    out = []
    for order, row in enumerate(mine.to_dict("records")):
        source, position = norm(row.get("source")), None
        numbered = _POSITION.fullmatch(source)
        if numbered and numbered.group(1):
            source, position = numbered.group(1), int(numbered.group(2))
        out.append(Item(item_id=norm(row["item_id"]), kind=norm(row["kind"]).lower(),
                        scale=norm(row.get("scale")) or None, text_key=key(row.get("text")),
                        source_key=key(source), position=position, order=order))
    return out


def match_items(header: str, nth: int, repeated: bool, items: list[Item],
                code: str | None) -> tuple[list[Item], str]:
    """The items a column matches, and how.

    Parameters
    ----------
    header
        The column's header as written.
    nth
        Which column of that header it is (1 for the first).
    repeated
        Whether another column has the same header: then only a ``#N`` source matches.
    code
        The question code of a LimeSurvey "code. text" header, else None.
    """
    hkey = key(header)
    if not hkey:
        return [], ""
    hits = [i for i in items if i.position == nth and i.source_key == hkey]
    if hits or repeated:
        return hits, "source"
    plain = [i for i in items if i.position is None]
    hits = [i for i in plain if i.source_key and i.source_key == hkey]
    if hits:
        return hits, "source"
    hits = [i for i in plain if i.text_key == hkey]
    if hits:
        return hits, "text"
    if code is not None:
        hits = [i for i in plain if i.source_key and i.source_key == key(code)]
        if hits:
            return hits, "source"
        # "CODE. text": the text as a full-text export would head the column.
        text = norm(header)[len(norm(code)):].lstrip(". ")
        if text:
            hits, how = match_items(text, nth, False, items, None)
            if hits:
                return hits, how
    grid = _GRID.fullmatch(norm(header))
    if grid:  # Google's grid "Question [Row]", LimeSurvey's "Question [Subquestion]"
        hits = [i for i in plain if i.text_key == key(grid.group(2))]
        if hits:
            return hits, "grid row"
    return [], ""


class Gminas:
    """Gminas by TERYT code and by name (case and spacing ignored, Polish letters kept)."""

    def __init__(self, gminas: pd.DataFrame):
        self.ids = {norm(g) for g in gminas["gmina_id"]}
        self.names: dict[str, list[str]] = {}
        self.display: dict[str, str] = {}
        for gid, name in zip(gminas["gmina_id"], gminas["name"]):
            self.names.setdefault(key(name), []).append(norm(gid))
            self.display[norm(gid)] = norm(name)
        self.cache: dict[str, tuple[str | None, str | None]] = {}

    def resolve(self, value: str) -> tuple[str | None, str | None]:
        """``(gmina_id, None)`` or ``(None, message)``."""
        if value not in self.cache:
            self.cache[value] = self._resolve(value)
        return self.cache[value]

    def _by_name(self, name_key: str) -> tuple[str | None, str | None] | None:
        ids = self.names.get(name_key)
        if not ids:
            return None
        if len(ids) > 1:
            return None, (f"several gminas are named '{self.display[ids[0]]}' "
                          f"({listed(ids)}): give the TERYT code")
        return ids[0], None

    def _resolve(self, value: str) -> tuple[str | None, str | None]:
        text = norm(value)
        if text.isdigit():
            code = text.zfill(7) if len(text) == 6 else text
            if code in self.ids:
                return code, None
            return None, f"gmina '{text}': no gmina of the dataset has this TERYT code"
        folded = text.casefold()
        found = self._by_name(folded)
        if found is None:
            bare = _GMINA_PREFIX.sub("", folded, count=1) if _GMINA_PREFIX.match(folded) \
                else folded
            found = self._by_name(bare) if bare != folded else None
        if found is None:
            code = _TERYT_IN_TEXT.search(text)
            if code and code.group(1).zfill(7) in self.ids:
                found = code.group(1).zfill(7), None
        if found is not None:
            return found
        close = difflib.get_close_matches(folded, list(self.names), n=1, cutoff=0.75)
        if close:
            suggestion = f"; did you mean '{self.display[self.names[close[0]][0]]}'?"
        else:
            suggestion = f" (gminas: {listed(sorted(self.display.values()))})"
        return None, (f"gmina '{text}' matches no gmina of the dataset by name or TERYT "
                      f"code{suggestion}")


class Participants:
    """The dataset's participants by id (case ignored when unambiguous), with their gmina."""

    def __init__(self, participants: pd.DataFrame | None):
        self.present = participants is not None
        self.home: dict[str, str] = {}
        self.folded: dict[str, list[str]] = {}
        if participants is not None:
            for pid, gid in zip(participants["participant_id"], participants["gmina_id"]):
                pid = norm(pid)
                self.home.setdefault(pid, norm(gid))
                self.folded.setdefault(pid.casefold(), []).append(pid)

    def resolve(self, value: str) -> tuple[str | None, str | None]:
        text = norm(value)
        if not self.present or text in self.home:
            return text, None
        same = self.folded.get(text.casefold(), [])
        if len(same) == 1:
            return same[0], None
        return None, f"participant '{text}' is not in the dataset's participants"


def no_match_message(data: Dataset, instrument: str, header: list[str], fmt: str) -> str:
    """The error for an export none of whose columns matches an item of ``instrument``.

    Names the items' sources (else texts) the columns were compared with, and the other
    instruments whose items the export's headers do match (an export of another
    instrument, or a wrong ``--instrument``).
    """
    items = data.get("items")
    mine = items[items["instrument"].map(norm) == norm(instrument)]
    wanted = [f"'{norm(r.get('source')) or norm(r.get('text'))}'"
              for r in mine.to_dict("records")]
    headers = {key(h) for h in header}
    for h in header if fmt == "limesurvey" else ():
        code = _code_of(h)
        if code:  # "CODE. text": by its code or its text
            headers |= {key(code), key(norm(h)[len(norm(code)):].lstrip(". "))}
    headers.discard("")
    others: dict[str, int] = {}
    for row in items.to_dict("records"):
        name = norm(row.get("instrument"))
        source = _POSITION.fullmatch(norm(row.get("source")))
        source = source.group(1) if source and source.group(1) else norm(row.get("source"))
        if name != norm(instrument) and (key(source) in headers
                                         or key(row.get("text")) in headers):
            others[name] = others.get(name, 0) + 1
    message = (f"no column of the export matches an item of instrument '{instrument}' "
               f"(by items.source, else items.text); its items: {listed(wanted, 6)}")
    if others:
        best = [f"'{n}' ({others[n]} columns)"
                for n in sorted(others, key=lambda n: (-others[n], n))]
        message += (f". The export's columns match items of instrument {listed(best, 3)}: "
                    "is it that instrument's export (--instrument)?")
    else:
        message += (". Is it this instrument's export? If so, put the export's headers, "
                    "exactly as in the file, in items.source")
    return message


def _code_of(header: str) -> str | None:
    from .survey_limesurvey import code_of  # survey_limesurvey imports nothing from here
    return code_of(header)

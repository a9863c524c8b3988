"""The programme a dataset belongs to (SPEC §2 ``programme`` and ``labels``).

Every output that names or rules the programme asks :class:`Programme`: its name, its
Academy, the diploma rules and numbering, the commitment rule, the action-plan rule and
how the reports name what the data names by an id. Nothing else in the toolkit names a
programme; without a ``programme`` table the wording is neutral ("program", "Akademia").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields

import pandas as pd

from . import config
from .attendance import BASES, EXCUSED_POLICIES, DiplomaRules

__all__ = ["Programme", "PROGRAMME_KEYS", "parse_value", "readable_id"]


def _share(text: str) -> float:
    value = float(text.replace(",", "."))
    if not 0 < value <= 1:
        raise ValueError("must be a share in (0, 1], e.g. 0.8")
    return value


def _count(text: str) -> int:
    value = float(text.replace(",", "."))
    if value < 0 or not value.is_integer():
        raise ValueError("must be a whole number ≥ 0")
    return int(value)


def _date(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("must be a real date written YYYY-MM-DD")
    return dt.date.fromisoformat(text)


def _choice(*allowed: str):
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"must be one of: {', '.join(allowed)}")
        return text
    return parse


#: Every key of the ``programme`` table (SPEC §2) and how its value is read.
PROGRAMME_KEYS = {
    "name": str, "title": str, "operator": str, "partners": str, "region": str,
    "start": _date, "end": _date, "funding": str, "academy_name": str,
    "diploma_threshold": _share,
    "diploma_basis": _choice(*BASES),
    "diploma_excused": _choice(*EXCUSED_POLICIES),
    "diploma_prefix": str, "diploma_place": str,
    "commitment_min_total": _count, "commitment_min_per_plane": _count,
    "actions_min_per_area": _count,
    "as_of": _date,
}


def parse_value(key: str, text: str):
    """The value of programme ``key`` read from ``text``; ``ValueError`` says what is wrong."""
    return PROGRAMME_KEYS[key](str(text).strip())


def readable_id(value: str) -> str:
    """A readable fallback for an id without a label: ``ocena_zjazd1`` → ``Ocena zjazd1``."""
    text = re.sub(r"[_\s]+", " ", str(value)).strip()
    return text[:1].upper() + text[1:] if text else text


@dataclass(frozen=True)
class Programme:
    """What the dataset says about its programme; neutral defaults where it says nothing.

    Attributes
    ----------
    name, title, operator, partners, region, funding, academy_name, diploma_place : str or None
        As given in the ``programme`` table.
    start, end, as_of : datetime.date or None
    diploma_threshold, diploma_basis, diploma_excused, diploma_prefix
        The diploma rules and numbering (command-line options override the rules).
    commitment_min_total, commitment_min_per_plane
        Adopted recommendations a gmina commits to, in all and in each plane.
    actions_min_per_area
        Actions an action plan needs in each area to cover it.
    diplomas
        Whether attendance earns a diploma: a programme described by a ``programme`` table
        awards diplomas when it names an Academy (``academy_name``) or a ``diploma_*`` rule;
        without a ``programme`` table the SPEC defaults hold (diplomas at 0.8).
    labels
        ``(kind, id) → (label, label_en)`` from the ``labels`` table.
    """

    name: str | None = None
    title: str | None = None
    operator: str | None = None
    partners: str | None = None
    region: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    funding: str | None = None
    academy_name: str | None = None
    diploma_threshold: float = config.DIPLOMA_THRESHOLD
    diploma_basis: str = config.DIPLOMA_BASIS
    diploma_excused: str = config.DIPLOMA_EXCUSED
    diploma_prefix: str = config.DIPLOMA_PREFIX
    diploma_place: str | None = None
    commitment_min_total: int = config.COMMITMENT_MIN_TOTAL
    commitment_min_per_plane: int = config.COMMITMENT_MIN_PER_PLANE
    actions_min_per_area: int = config.ACTIONS_MIN_PER_AREA
    as_of: dt.date | None = None
    diplomas: bool = True
    labels: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_tables(cls, programme: pd.DataFrame | None = None,
                    labels: pd.DataFrame | None = None) -> "Programme":
        """The programme described by validated ``programme`` and ``labels`` tables.

        Unknown keys and values that do not parse are left out (validation reports them).
        """
        values = {}
        if programme is not None and not programme.empty:
            for key, text in zip(programme["key"], programme["value"]):
                key = str(key).strip()
                if key in PROGRAMME_KEYS and isinstance(text, str) and text.strip():
                    try:
                        values[key] = parse_value(key, text)
                    except ValueError:
                        continue
        named = {}
        if labels is not None and not labels.empty:
            english = labels["label_en"] if "label_en" in labels else [None] * len(labels)
            for kind, id_, label, label_en in zip(labels["kind"], labels["id"], labels["label"],
                                                  english):
                named[(str(kind), str(id_))] = (str(label),
                                                label_en if isinstance(label_en, str) else None)
        known = {f.name for f in fields(cls)}
        described = programme is not None and not programme.empty
        diplomas = not described or any(k == "academy_name" or k.startswith("diploma_")
                                        for k in values)
        return cls(**{k: v for k, v in values.items() if k in known}, diplomas=diplomas,
                   labels=named)

    def academy(self, lang: str = "pl") -> str:
        """The Academy's name, or the neutral "Akademia" / "Academy"."""
        from .text import t

        return self.academy_name or t("academy_neutral", lang)

    def label(self, kind: str, id_, lang: str = "pl") -> str:
        """How a reader is told ``id_`` of ``kind`` (``labels``; a readable id otherwise)."""
        found = self.labels.get((kind, str(id_)))
        if found is None:
            return readable_id(id_)
        polish, english = found
        return english if lang == "en" and english else polish

    def diploma_rules(self, as_of: dt.date | None = None, threshold: float | None = None,
                      basis: str | None = None, excused: str | None = None):
        """The programme's diploma rules; any argument given overrides the programme."""
        return DiplomaRules(
            threshold=self.diploma_threshold if threshold is None else threshold,
            basis=self.diploma_basis if basis is None else basis,
            excused=self.diploma_excused if excused is None else excused,
            as_of=as_of)

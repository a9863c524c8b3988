"""Answer scales (SPEC §2 ``scales``): the built-in 1–5 scales and those a dataset declares.

A :class:`Scale` knows its range, the answers counted as positive, its labels (Polish and
English) and its non-answers, and turns raw answers into numbers. Every part of the
toolkit that reads a Likert answer asks the item's scale: nothing assumes 1–5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "Scale",
    "BUILTIN_SCALES",
    "DEFAULT_SCALE",
    "NON_ANSWERS",
    "normalise_label",
    "scales_from_table",
    "item_scale",
    "other_label_columns",
]

_SPACE_RUN = re.compile(r"\s+")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]0*)?")

#: Answers that are no answer on every scale (SPEC §2), Polish and English.
NON_ANSWERS = frozenset({
    "", "trudno powiedzieć", "nie wiem", "nie dotyczy",
    "don't know", "dont know", "do not know", "not applicable", "n/a", "na",
})


def normalise_label(text) -> str:
    """Lower-case, trim and collapse spaces (``'  Raczej  TAK '`` → ``'raczej tak'``).

    Typographic apostrophes become ``'`` so that "Don’t know" is "don't know".
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)):
        return ""
    return _SPACE_RUN.sub(" ", str(text).replace("\u2019", "'")).strip().lower()


@dataclass(frozen=True)
class Scale:
    """One answer scale: whole numbers ``min``..``max``.

    Attributes
    ----------
    name
        The id that ``items.scale`` uses (empty for the default numeric 1–5 scale).
    min, max
        The lowest and highest answer.
    positive_min
        The lowest answer counted as positive (``share_positive``).
    labels, labels_en
        Polish and English labels from ``min`` to ``max`` (empty when not declared).
    labels_other
        Labels in further languages (``labels_es``, ``labels_nl`` … columns of ``scales``),
        each from ``min`` to ``max``: answers written with them are read, reports never
        show them.
    dont_know
        Further non-answers of this scale (normalised), besides :data:`NON_ANSWERS`.
    """

    name: str
    min: int
    max: int
    positive_min: int
    labels: tuple[str, ...] = ()
    labels_en: tuple[str, ...] = ()
    dont_know: frozenset[str] = field(default_factory=frozenset)
    labels_other: tuple[tuple[str, ...], ...] = ()

    @property
    def values(self) -> range:
        """Every valid answer, in order."""
        return range(self.min, self.max + 1)

    @property
    def label_values(self) -> dict[str, int]:
        """Normalised label (Polish, English or a further language) → value."""
        out: dict[str, int] = {}
        # Polish wins a clash, then English, then the further languages in column order.
        for labels in (*reversed(self.labels_other), self.labels_en, self.labels):
            out.update({normalise_label(text): self.min + i for i, text in enumerate(labels)})
        return out

    @property
    def non_answers(self) -> frozenset[str]:
        return NON_ANSWERS | self.dont_know

    @property
    def span(self) -> str:
        """The range as text: ``'1–7'``."""
        return f"{self.min}–{self.max}"

    @property
    def positive_span(self) -> str:
        """The answers counted as positive as text: ``'6–7'`` (``'10'`` when one value)."""
        if self.positive_min >= self.max:
            return str(self.max)
        return f"{self.positive_min}–{self.max}"

    @property
    def midpoint(self) -> float:
        """The centre of the range (``4`` on 1–7, ``5`` on 0–10)."""
        return (self.min + self.max) / 2

    def label(self, value: int, lang: str = "pl") -> str:
        """The label of ``value`` in ``lang`` (the number itself where none is declared)."""
        labels = self.labels_en if lang == "en" and self.labels_en else self.labels
        i = int(value) - self.min
        return labels[i] if 0 <= i < len(labels) else str(int(value))

    def describe(self) -> str:
        """The scale as an error message shows it: ``agree5 (1–5 or: 1 zdecydowanie nie, …)``."""
        span = f"{self.min}–{self.max}"
        labels = self.labels or self.labels_en  # a scale declared with English labels only
        if not labels:
            return f"{self.name} ({span})" if self.name else span
        listed = ", ".join(f"{self.min + i} {text}" for i, text in enumerate(labels))
        return f"{self.name} ({span} or: {listed})"

    def parse(self, answers: pd.Series) -> tuple[pd.Series, pd.Series]:
        """Turn raw answers into numbers on this scale.

        Returns
        -------
        values, invalid
            ``values``: float, NaN for non-answers and invalid answers. ``invalid``: True
            where the answer is neither a whole number in range, a label nor a non-answer.
        """
        norm = answers.map(normalise_label)
        values = pd.Series(np.nan, index=answers.index, dtype=float)
        number = norm.where(norm.str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool))
        numeric = pd.to_numeric(number.str.replace(",", ".", regex=False), errors="coerce")
        in_range = numeric.between(self.min, self.max)
        values[in_range] = numeric[in_range]
        labelled = norm.map(self.label_values)
        values = values.fillna(labelled)
        invalid = values.isna() & ~norm.isin(self.non_answers)
        return values.astype(float), invalid


def _pl_en(pl: tuple[str, ...], en: tuple[str, ...], name: str) -> Scale:
    return Scale(name, 1, 5, 4, pl, en)


#: The built-in scales (SPEC §2).
BUILTIN_SCALES: dict[str, Scale] = {
    "agree5": _pl_en(
        ("zdecydowanie nie", "raczej nie", "ani tak, ani nie", "raczej tak", "zdecydowanie tak"),
        ("strongly disagree", "disagree", "neither agree nor disagree", "agree",
         "strongly agree"),
        "agree5"),
    "rating5": _pl_en(
        ("bardzo źle", "źle", "średnio", "dobrze", "bardzo dobrze"),
        ("very poor", "poor", "average", "good", "very good"),
        "rating5"),
}

#: The scale of a Likert item that names none: numbers 1–5, the top two positive.
DEFAULT_SCALE = Scale("", 1, 5, 4)


def _split(value) -> tuple[str, ...]:
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return tuple(part.strip() for part in text.split(";")) if text.strip() else ()


#: ``scales`` columns with labels in a further language: ``labels_es``, ``labels_nl``,
#: ``labels_de_at`` … (``labels_en`` is English, ``labels`` Polish).
OTHER_LABELS = re.compile(r"labels_(?!en$)[a-z]{2,3}(?:_[a-z0-9]{2,8})?")


def other_label_columns(columns) -> list[str]:
    """The columns of a ``scales`` table that hold labels in a further language."""
    return [str(c) for c in columns if OTHER_LABELS.fullmatch(str(c).strip().lower())]


def scales_from_table(table: pd.DataFrame | None) -> dict[str, Scale]:
    """The built-in scales plus those of a (validated) ``scales`` table.

    A declared scale with the name of a built-in one replaces it. ``positive_min``
    defaults to the top two answers (``max - 1``). Columns ``labels_XX`` (a language code
    other than ``en``: ``labels_es``, ``labels_nl`` …) give further labels the answers may
    be written with (an export in that language).
    """
    out = dict(BUILTIN_SCALES)
    if table is None or table.empty:
        return out
    others = other_label_columns(table.columns)
    for row in table.to_dict("records"):
        lo, hi = int(row["min"]), int(row["max"])
        positive = row.get("positive_min")
        positive = hi - 1 if positive is None or pd.isna(positive) else int(positive)
        out[str(row["scale"])] = Scale(
            str(row["scale"]), lo, hi, positive,
            _split(row.get("labels")), _split(row.get("labels_en")),
            frozenset(normalise_label(t) for t in _split(row.get("dont_know"))),
            tuple(found for found in (_split(row.get(c)) for c in others) if found))
    return out


def item_scale(name, scales: dict[str, Scale]) -> Scale:
    """The scale an item names (``items.scale``); :data:`DEFAULT_SCALE` when it names none.

    Raises ``KeyError`` for a name that is neither built in nor declared (validation
    reports it as an error naming the item before this is reached).
    """
    text = normalise_label(name)
    if not text:
        return DEFAULT_SCALE
    if name in scales:
        return scales[name]
    if text in scales:
        return scales[text]
    # Case and spaces do not matter ("Agree7" in items, "agree7" in scales).
    by_text = {normalise_label(key): scale for key, scale in scales.items()}
    return by_text[text]

"""Checks of the ``scales`` table and of what refers to it (SPEC §2 ``scales``).

Used by :mod:`toolkit.validation.cross_table`: the declared scales must be readable
(whole numbers ``min < max``, ``positive_min`` within them, one label per answer), and
every ``items.scale`` must name a built-in or declared scale. The scales that pass are returned,
so that the answers are then checked on their item's own scale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import Problem
from ..io.tables import RawTable
from ..scales import (BUILTIN_SCALES, Scale, normalise_label, other_label_columns,
                      scales_from_table)

__all__ = ["scale_problems"]


def _split_count(value) -> int:
    """How many ``;``-separated entries a labels cell holds (0 when empty)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return 0
    text = str(value)
    return len(text.split(";")) if text.strip() else 0


def _declared(raw: RawTable, frame: pd.DataFrame) -> tuple[list[Problem], pd.DataFrame, set]:
    """Problems of the ``scales`` rows, the rows that are sound, the names of the others."""
    problems: list[Problem] = []
    sound = np.ones(len(frame), dtype=bool)
    names = frame["scale"].astype(object).to_numpy()
    for row in range(len(frame)):
        name, lo, hi = names[row], frame["min"].iat[row], frame["max"].iat[row]
        if pd.isna(lo) or pd.isna(hi):  # not a whole number: reported by the schema
            sound[row] = False
            continue
        lo, hi = int(lo), int(hi)
        if lo >= hi:
            problems.append(raw.problem(row, "max", (
                f"max: scale '{name}' has max {hi}, which must be greater than its min {lo}")))
            sound[row] = False
            continue
        positive = frame["positive_min"].iat[row] if "positive_min" in frame else pd.NA
        if pd.notna(positive) and not lo <= int(positive) <= hi:
            problems.append(raw.problem(row, "positive_min", (
                f"positive_min: {int(positive)} is outside scale '{name}' ({lo}–{hi})")))
            sound[row] = False
        for column in ("labels", "labels_en", *other_label_columns(frame.columns)):
            if column not in frame:
                continue
            found, expected = _split_count(frame[column].iat[row]), hi - lo + 1
            if found and found != expected:
                problems.append(raw.problem(row, column, (
                    f"{column}: scale '{name}' ({lo}–{hi}) needs {expected} labels separated "
                    f"by ';', one for each answer from {lo} to {hi}; found {found}")))
                sound[row] = False
    broken = {normalise_label(n) for n, ok in zip(names, sound) if not ok and pd.notna(n)}
    return problems, frame[sound], broken


def scale_problems(raw: dict[str, RawTable], typed: dict[str, pd.DataFrame]
                   ) -> tuple[list[Problem], dict[str, Scale], set[str]]:
    """Check ``scales`` and the scale each item names.

    Returns
    -------
    problems, known, broken
        Every problem found; the usable scales by name (built-in and declared); the
        (normalised) names of declared scales whose row is wrong — their items' answers
        cannot be checked and are left alone.
    """
    problems: list[Problem] = []
    known, broken = dict(BUILTIN_SCALES), set()
    if "scales" in typed:
        found, sound, broken = _declared(raw["scales"], typed["scales"])
        problems += found
        known = scales_from_table(sound.drop_duplicates("scale"))
    items = typed.get("items")
    if items is None or "scale" not in items:
        return problems, known, broken
    names = {normalise_label(n) for n in known} | broken
    given = items["scale"].astype(object).to_numpy()
    unknown = [isinstance(v, str) and normalise_label(v) != "" and normalise_label(v) not in names
               for v in given]
    listed = ", ".join(sorted(known))
    where = "the scales table" if "scales" in typed else "a scales table (there is none)"
    problems += raw["items"].problems(np.flatnonzero(unknown), "scale", lambda r: (
        f"scale: item '{items['item_id'].iat[r]}' names the scale '{given[r]}', which is "
        f"neither built in nor declared in {where} (known scales: {listed})"))
    return problems, known, broken

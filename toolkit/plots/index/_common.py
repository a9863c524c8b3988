"""Shared parts of the LIJW figures: colours of a change, number formats, wrapping,
gmina names, the gaps a cut list leaves."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ...index import OVERALL
from ...text import format_number, shown_difference

UP = "#2e7d32"
DOWN = "#c62828"
SAME = "#757575"
_PLANE_LABELS = {"I": "Plane I", "II": "Plane II", "III": "Plane III", OVERALL: "Overall"}


def _fixed(value, lang: str, digits: int = 2) -> str:
    """A number with exactly ``digits`` decimals and the locale's decimal sign (2,80)."""
    text = format_number(value, lang, digits)
    if digits <= 0:
        return text
    point = "," if lang == "pl" else "."
    whole, _, decimals = text.partition(point)
    return f"{whole}{point}{decimals.ljust(digits, '0')}"


def _fmt(value, lang: str, digits: int = 2) -> str:
    return "—" if value is None or pd.isna(value) else _fixed(value, lang, digits)


def _signed(value, lang: str, digits: int = 2) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = _fixed(value, lang, digits)
    return "+" + text if value > 0 else ("±" + text if value == 0 else text)


def _shown_change(first, last) -> float:
    """The change between two scores as shown (last − first of the rounded scores)."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return np.nan
    return float(shown_difference(first, last, "score"))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _colour(change) -> str:
    if pd.isna(change) or abs(change) < 1e-12:
        return SAME
    return UP if change > 0 else DOWN


def _gmina_names(gminas: pd.DataFrame | None, ids) -> dict[str, str]:
    """Display name per gmina_id: the name, with the id where two gminas share a name."""
    ids = [str(g) for g in ids]
    if gminas is None or "name" not in gminas:
        return {g: g for g in ids}
    names = gminas.assign(gmina_id=gminas["gmina_id"].astype(str)).drop_duplicates(
        "gmina_id").set_index("gmina_id")["name"]
    shown = {g: str(names.get(g, g)) for g in ids}
    counts = pd.Series(list(shown.values())).value_counts()
    return {g: (f"{n} ({g})" if counts[n] > 1 and n != g else n) for g, n in shown.items()}


def _horizontal_box(ax, values, y: float) -> None:
    style = dict(positions=[y], widths=0.5, showfliers=False, patch_artist=True,
                 manage_ticks=False, boxprops=dict(facecolor="#eeeeee", edgecolor="#bdbdbd"),
                 medianprops=dict(color="#9e9e9e"), whiskerprops=dict(color="#bdbdbd"),
                 capprops=dict(color="#bdbdbd"), zorder=1)
    try:
        ax.boxplot(values, orientation="horizontal", **style)
    except TypeError:  # matplotlib < 3.10 has no ``orientation``
        ax.boxplot(values, vert=False, **style)


def _gap_sizes(shown: list, order: list[str]) -> list[int]:
    """How many gminas of ``order`` each ``None`` gap of ``shown`` stands for."""
    rank = {g: i for i, g in enumerate(order)}
    sizes, previous = [], -1
    for i, g in enumerate(shown):
        if g is not None:
            previous = rank[g]
            continue
        following = next((rank[h] for h in shown[i + 1:] if h is not None), len(order))
        sizes.append(following - previous - 1)
    return sizes

"""Programme-wide figures, computed once per run and shared by every report.

What ``tables`` writes and what the reports read. Pure: a :class:`Dataset` in, frames out.
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .io.tables import TABLE_NAMES

__all__ = ["holdings_by_gmina", "GMINA_TABLES"]

#: Tables whose rows belong to one gmina (directly or through a participant).
GMINA_TABLES = ("participants", "attendance", "responses", "index_scores", "recommendations",
                "support")


def holdings_by_gmina(data: Dataset) -> pd.DataFrame:
    """Rows of each gmina-level table per gmina.

    Returns
    -------
    pandas.DataFrame
        One row per gmina: ``gmina_id``, ``name`` and one integer column per table of
        :data:`GMINA_TABLES` that the dataset has (attendance counted through its
        participants; responses by the response's gmina).
    """
    out = data.gminas[["gmina_id", "name"]].copy()
    home = None
    if data.has("participants"):
        home = data["participants"].drop_duplicates("participant_id").set_index(
            "participant_id")["gmina_id"]
    for name in GMINA_TABLES:
        frame = data.get(name)
        if frame is None:
            continue
        if "gmina_id" in frame:
            keys = frame["gmina_id"]
        elif home is not None and "participant_id" in frame:
            keys = frame["participant_id"].map(home)
        else:
            continue
        counts = keys.value_counts()
        out[name] = out["gmina_id"].map(counts).fillna(0).astype(int)
    return out.reset_index(drop=True)


"""The tables shipped with the toolkit that a dataset may leave out (SPEC §6).

Today one: the LIJW index areas, used when a dataset has no ``index_areas`` table. Read by
validation (scores are checked against the areas) and by :class:`~toolkit.dataset.Dataset`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import config

__all__ = ["default_index_areas"]


@lru_cache(maxsize=1)
def _default_areas() -> pd.DataFrame:
    return pd.read_csv(config.DEFAULT_INDEX_AREAS, dtype={"area_id": str, "plane": str,
                                                          "name": str, "source": str})


def default_index_areas() -> pd.DataFrame:
    """The LIJW areas shipped with the toolkit (SPEC §6), each with its source."""
    areas = _default_areas().copy()
    areas[["scale_min", "scale_max"]] = areas[["scale_min", "scale_max"]].astype(float)
    return areas

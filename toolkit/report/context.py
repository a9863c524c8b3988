"""What a report notebook works with: its gmina's slice and the programme figures.

``python -m toolkit report`` validates the dataset once, computes the programme figures
once and leaves them, with one slice per gmina, in a cache under the run's output folder;
a notebook then loads only its own slice. Run on its own (plain ``papermill``, or in
JupyterLab) a notebook reads and validates the dataset itself.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import config
from ..config import ALL
from ..dataset import Dataset, load_dataset
from ..actions import path_summary
from ..figures import attendance_by_sector, holdings_by_gmina, programme_tables
from ..index import index_change
from ..programme import Programme
from ..questionnaires import likert_by_instrument, scale_reliability
from ..text import check_lang

__all__ = ["ReportContext", "SummaryContext", "report_context", "summary_context",
           "programme_figures", "write_cache", "PROGRAMME_FILE",
           "CONCLUSIONS_FILE"]

PROGRAMME_FILE = "programme.pkl"
#: The evaluator's words on the programme (``conclusions`` of ``ALL``): the summary's only,
#: kept apart from the figures every gmina's report is hashed with.
CONCLUSIONS_FILE = "conclusions.pkl"


@dataclass(frozen=True)
class ReportContext:
    """Everything one gmina's report reads.

    Attributes
    ----------
    gmina_id, lang
        The report's gmina and language.
    data
        The gmina's slice of the dataset (:meth:`Dataset.for_gmina`).
    programme
        Programme-wide figures by name (see :func:`programme_figures`).
    """

    gmina_id: str
    lang: str
    data: Dataset
    programme: dict

    @property
    def gmina(self) -> pd.Series:
        return self.data.gmina(self.gmina_id)

    @property
    def info(self) -> Programme:
        """The programme the report belongs to (name, Academy, rules, labels)."""
        return self.programme["info"]


@dataclass(frozen=True)
class SummaryContext:
    """Everything the programme summary reads: the programme figures, in a language."""

    lang: str
    programme: dict

    @property
    def info(self) -> Programme:
        """The programme the summary belongs to (name, Academy, rules, labels)."""
        return self.programme["info"]


def programme_figures(data: Dataset) -> dict:
    """The programme-wide figures every report may compare with (computed once a run)."""
    tables = programme_tables(data)
    surveyed = data.has("items", "responses")
    scales, if_deleted = (scale_reliability(data["responses"], data["items"],
                                            scales=data.scales) if surveyed
                          else (None, None))
    change = (index_change(data["index_scores"], data.index_areas)
              if data.has("index_scores") else None)
    ratings = likert_by_instrument(data["responses"], data["items"],
                                   scales=data.scales) if surveyed else None
    has_paths = "path" in data.gminas and data.gminas["path"].notna().any()
    return {
        **tables,
        "info": data.programme,
        "index_change": change,
        # Area scores are programme-level (one row per gmina, wave and area, no people).
        "index_scores": data.get("index_scores"),
        "likert_by_instrument": ratings,
        # The support paths side by side (None without gminas.path).
        "paths": (path_summary(data.gminas, data.get("actions"), data.data_date(),
                               tables["attendance"], ratings, change,
                               data.programme.actions_min_per_area) if has_paths else None),
        "scales": scales,
        "scales_if_deleted": if_deleted,
        # Attendance per sector (JST, NGO, informal …), per gmina and ALL.
        "sectors": _sectors(data),
        "item_labels": (data["items"].drop_duplicates("item_id").set_index("item_id")["text"]
                        .to_dict() if data.has("items") else {}),
        "source": data.source,
        "data_date": data.data_date(),
        "gminas": data.gminas.copy(),
        "holdings": holdings_by_gmina(data),
        "index_areas": data.index_areas.copy(),
        "index_areas_are_default": data.index_areas_are_default,
        # Which tables the dataset has (the summary says which analyses are left out).
        "tables": sorted(data.tables),
        "conclusions": _programme_conclusions(data),
    }


def _sectors(data: Dataset) -> pd.DataFrame | None:
    """:func:`toolkit.figures.attendance_by_sector` of the whole dataset (``None`` without
    attendance)."""
    if not data.has("participants", "sessions", "attendance"):
        return None
    from ..attendance import diploma_table

    return attendance_by_sector(diploma_table(data["participants"], data["sessions"],
                                              data["attendance"], data.programme.diploma_rules()))


def _programme_conclusions(data: Dataset) -> pd.DataFrame | None:
    """The ``conclusions`` rows about the whole programme (``gmina_id`` ``ALL``)."""
    frame = data.get("conclusions")
    if frame is None:
        return None
    return frame[frame["gmina_id"].astype(str) == ALL].reset_index(drop=True)


def write_cache(data: Dataset, cache_dir: Path, gmina_ids) -> None:
    """Write the programme figures and each gmina's slice under ``cache_dir``."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    figures = programme_figures(data)
    _dump(figures.pop("conclusions"), cache_dir / CONCLUSIONS_FILE)
    _dump(figures, cache_dir / PROGRAMME_FILE)
    # Reports never show names, so nothing written beside them holds any.
    for gmina_id, part in data.without_names().gmina_slices(gmina_ids):
        _dump(part, cache_dir / f"gmina-{gmina_id}.pkl")


def _dump(obj, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def _load(path: Path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def report_context(gmina_id: str, data_dir=None, lang: str = "pl", cache_dir=None) -> ReportContext:
    """Load what the report of ``gmina_id`` needs.

    Parameters
    ----------
    gmina_id
        The gmina's TERYT code (text).
    data_dir
        Dataset folder or workbook; ``None`` means the shipped demo dataset.
    lang
        ``"pl"`` (default) or ``"en"``.
    cache_dir
        The runner's cache (set by ``python -m toolkit report``); ``None`` reads
        ``data_dir`` directly.
    """
    check_lang(lang)
    # papermill's ``-p gmina_id 0201011`` arrives as the integer 201011.
    gmina_id = str(gmina_id).zfill(7) if isinstance(gmina_id, int) else str(gmina_id)
    if cache_dir is not None and (Path(cache_dir) / f"gmina-{gmina_id}.pkl").exists():
        cache_dir = Path(cache_dir)
        return ReportContext(gmina_id, lang, _load(cache_dir / f"gmina-{gmina_id}.pkl"),
                             _load(cache_dir / PROGRAMME_FILE))
    data = load_dataset(config.DEMO_DATA_DIR if data_dir is None else data_dir).without_names()
    return ReportContext(gmina_id, lang, data.for_gmina(gmina_id), programme_figures(data))


def summary_context(data_dir=None, lang: str = "pl", cache_dir=None) -> SummaryContext:
    """Load what the programme summary needs (see :func:`report_context`)."""
    check_lang(lang)
    if cache_dir is not None and (Path(cache_dir) / PROGRAMME_FILE).exists():
        figures = _load(Path(cache_dir) / PROGRAMME_FILE)
        if (Path(cache_dir) / CONCLUSIONS_FILE).exists():
            figures["conclusions"] = _load(Path(cache_dir) / CONCLUSIONS_FILE)
        return SummaryContext(lang, figures)
    data = load_dataset(config.DEMO_DATA_DIR if data_dir is None else data_dir)
    return SummaryContext(lang, programme_figures(data))

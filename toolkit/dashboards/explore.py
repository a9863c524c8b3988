"""The evaluators' dashboard: which gmina lags, which session lost people, which area moved.

Two parts, kept apart:

- :class:`ExploreFrames` (pure, no widgets, no drawing) computes once, from the whole
  dataset, small count arrays indexed gmina × sector × … (attendance per session, Likert
  answers per item and value, knowledge scores per test, LIJW plane scores per wave,
  recommendations per plane). Its methods turn a :class:`Selection` into the frames the
  views show, by summing over the selected rows of those arrays: no dataset pass, no
  groupby over people on an interaction.
- :class:`ExploreDashboard` wires ipywidgets to it and draws every view into a figure
  made once; an interaction moves the existing artists and re-renders only the views it
  affects (a sector change leaves the index alone, an instrument change touches only the
  questionnaire view).

Every view shows the selection against the whole programme. No names are shown
(participants never appear, not even by id), and questionnaire and knowledge-test figures
over fewer than :data:`toolkit.config.MIN_RESPONDENTS` respondents are suppressed.
"""

from __future__ import annotations

import html

import io
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import config
from ..attendance import attendance_records, diploma_table
from ..commitments import recommendation_summary
from ..config import ALL, PLANES
from ..dataset import Dataset, load_dataset
from ..index import OVERALL, area_scales, index_table, wave_order
from ..io.excel import Sheet, write_workbook
from ..io.files import atomic_path
from ..plots._style import HIGHLIGHT, MUTED
from ..questionnaires import knowledge_scores, knowledge_tests, likert_answers
from ..scales import DEFAULT_SCALE, item_scale
from ..text import check_lang, format_count, format_figure, format_number, format_share, t, tn
from .download import browser_download

__all__ = ["ExploreDashboard", "ExploreFrames", "Selection", "SECTOR_CHOICES", "VIEWS"]

#: Sector filter values: every participant, or one sector (SPEC §2 ``participants.sector``).
SECTOR_CHOICES = ("all", *config.SECTORS)
#: The views, in the order they are shown and exported.
VIEWS = ("attendance", "likert", "knowledge", "index", "recommendations")
#: Which views a control changes. The summary line comes last: when a browser shows the
#: new summary, the new images have reached it too (comm messages keep their order).
_AFFECTS = {
    "gminas": (*VIEWS, "summary"),
    "sector": ("attendance", "likert", "knowledge", "summary"),
    "instrument": ("likert",),
    "wave": ("index",),
}
# Sector positions in the arrays: the three sectors, then "unknown" (an anonymous answer).
_SECTORS = (*config.SECTORS, None)
_UNKNOWN = len(config.SECTORS)
_ALL_GMINAS = "__all__"
_DPI = 90


@dataclass(frozen=True)
class Selection:
    """What the evaluator looks at.

    Attributes
    ----------
    gminas
        TERYT codes of the selected gminas; empty: every gmina.
    sector
        ``"all"`` or one of :data:`toolkit.config.SECTORS`. Index and recommendations
        belong to a whole gmina and ignore it.
    """

    gminas: tuple[str, ...] = ()
    sector: str = "all"

    def __post_init__(self):
        if self.sector not in SECTOR_CHOICES:
            raise ValueError(f"sector must be one of {', '.join(SECTOR_CHOICES)}; "
                             f"got {self.sector!r}")
        object.__setattr__(self, "gminas", tuple(str(g) for g in self.gminas))


def _ratio(num, den):
    """num / den elementwise, NaN where den is 0 (no warnings)."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _scale_or_default(name, scales):
    """The item's scale; an unknown name (only in data that skipped validation) reads
    as numbers 1–5."""
    try:
        return item_scale(name, scales)
    except KeyError:
        return DEFAULT_SCALE


class ExploreFrames:
    """Count arrays behind the explore dashboard, computed once from a dataset.

    Parameters
    ----------
    data
        A validated :class:`Dataset`.
    min_n
        Questionnaire and knowledge figures over fewer respondents are suppressed.

    Notes
    -----
    Every array is indexed first by gmina (the order of ``gminas``) and sector
    (JST, NGO, other, unknown), so a selection's figure is a sum over a few rows; the
    programme's figure is the sum over all of them, which is the ``ALL`` row of the
    ``tables`` sheets (:func:`toolkit.figures.programme_tables`) computed the same way:

    - attendance: per session, participants expected and present (present or late);
      share = present / expected;
    - diplomas: participants, eligible ones and the sum of shares (default rules);
    - Likert: answers per item and value of its own scale (non-answers excluded);
      mean = Σ v·n_v / Σ n_v, share positive = Σ_{v ≥ positive_min} n_v / n;
    - knowledge: per test, paired participants and the sums of their pre and post
      shares correct; mean = sum / pairs;
    - index: each gmina's plane and overall score per wave
      (:func:`toolkit.index.index_table`); a selection's score is the mean over its
      gminas with a score, the programme's is the ``ALL`` row (mean over gminas);
    - recommendations: each gmina's adopted recommendations per plane and in total,
      and whether it met the commitment (:func:`toolkit.commitments.recommendation_summary`);
      shown as means per gmina.

    The arrays are built from the domain functions behind
    :func:`toolkit.report.context.programme_figures` rather than from its frames: a
    selection of several gminas, or of one sector, needs the counts, not the per-gmina
    figures, and ``programme_figures`` spends most of its time (about 20 s at 2 479
    gminas) on tests and intervals the views never show. ``tests/test_explore.py``
    checks that the programme side equals its ``ALL`` rows.
    """

    def __init__(self, data: Dataset, min_n: int = config.MIN_RESPONDENTS):
        self.min_n = min_n
        self._per_sector: dict[int, np.ndarray] = {}
        gminas = data.gminas
        self.gmina_ids = gminas["gmina_id"].astype(str).tolist()
        self.gmina_names = dict(zip(self.gmina_ids, gminas["name"].astype(str)))
        self._gpos = {g: i for i, g in enumerate(self.gmina_ids)}
        people = data.get("participants")
        if people is not None:
            people = people.drop_duplicates("participant_id")
            self._home = people.set_index("participant_id")["gmina_id"].astype(str)
            self._sector = people.set_index("participant_id")["sector"]
        else:
            self._home = self._sector = pd.Series(dtype=object)
        self.sectors = [s for s in config.SECTORS
                        if people is not None and (people["sector"] == s).any()]
        self._attendance(data)
        self._likert(data)
        self._knowledge(data)
        self._index(data)
        self._recommendations(data)

    # -- precomputation -------------------------------------------------------------

    def _positions(self, gmina_ids: pd.Series) -> np.ndarray:
        return gmina_ids.astype(str).map(self._gpos).to_numpy(dtype=float)

    def _sector_positions(self, participant_ids: pd.Series) -> np.ndarray:
        codes = {s: i for i, s in enumerate(config.SECTORS)}
        sector = participant_ids.map(self._sector).map(codes)
        return sector.fillna(_UNKNOWN).to_numpy(dtype=np.int64)

    def _cube(self, g: np.ndarray, s: np.ndarray, rest: tuple, shape: tuple,
              weights=None) -> np.ndarray:
        """Sum ``weights`` (1 each by default) into a gmina × sector × ``shape`` array."""
        out = np.zeros((len(self.gmina_ids), len(_SECTORS), *shape))
        keep = ~np.isnan(g)
        index = (g[keep].astype(np.int64), s[keep], *(r[keep] for r in rest))
        np.add.at(out, index, 1.0 if weights is None else np.asarray(weights, float)[keep])
        return out

    def _attendance(self, data: Dataset) -> None:
        self.has_attendance = data.has("participants", "sessions", "attendance")
        if not self.has_attendance:
            self.sessions = pd.DataFrame(columns=["session_id", "zjazd", "day", "date"])
            return
        sessions = (data["sessions"].drop_duplicates("session_id")
                    .sort_values(["date", "zjazd", "day"], kind="stable").reset_index(drop=True))
        self.sessions = sessions[["session_id", "zjazd", "day", "date"]]
        records = attendance_records(data["participants"], data["sessions"], data["attendance"])
        g = self._positions(records["participant_id"].map(self._home))
        s = self._sector_positions(records["participant_id"])
        k = records["session_id"].map({sid: i for i, sid in enumerate(sessions["session_id"])})
        k = k.to_numpy(dtype=np.int64)
        came = records["status"].isin(["present", "late"]).to_numpy(dtype=float)
        shape = (len(sessions),)
        self._expected = self._cube(g, s, (k,), shape)
        self._present = self._cube(g, s, (k,), shape, came)

        diplomas = diploma_table(data["participants"], data["sessions"], data["attendance"])
        g = self._positions(diplomas["gmina_id"])
        s = self._sector_positions(diplomas["participant_id"])
        share = diplomas["share"].to_numpy(dtype=float)
        self._people = self._cube(g, s, (), ())
        self._eligible = self._cube(g, s, (), (), diplomas["eligible"].to_numpy(dtype=float))
        self._share_sum = self._cube(g, s, (), (), np.nan_to_num(share))
        self._share_n = self._cube(g, s, (), (), ~np.isnan(share))

    def _likert(self, data: Dataset) -> None:
        self.has_likert = data.has("items", "responses")
        self.instruments: list[str] = []
        self.items = pd.DataFrame(columns=["item_id", "instrument", "text"])
        if not self.has_likert:
            return
        items = data["items"]
        likert = (items[items["kind"] == "likert"].drop_duplicates("item_id")
                  .reset_index(drop=True))
        self.items = likert[["item_id", "instrument", "text"]]
        self.instruments = list(dict.fromkeys(likert["instrument"]))
        scales = data.scales
        names = likert["scale"] if "scale" in likert else [None] * len(likert)
        # Each item on its own scale; the count cube spans every value of those in use.
        self.item_scales = [_scale_or_default(name, scales) for name in names]
        lo = min((sc.min for sc in self.item_scales), default=DEFAULT_SCALE.min)
        hi = max((sc.max for sc in self.item_scales), default=DEFAULT_SCALE.max)
        self._values = np.arange(lo, hi + 1, dtype=float)
        self._positive = np.array([[v >= sc.positive_min for v in self._values]
                                   for sc in self.item_scales], dtype=bool).reshape(
            len(likert), len(self._values))
        answers = likert_answers(data["responses"], items, scales)
        g = self._positions(answers["gmina_id"])
        s = self._sector_positions(answers["participant_id"])
        j = answers["item_id"].map({i: n for n, i in enumerate(likert["item_id"])})
        v = answers["value"].to_numpy(dtype=np.int64) - lo
        self._answers = self._cube(g, s, (j.to_numpy(dtype=np.int64), v),
                                   (len(likert), len(self._values)))
        self.has_likert = bool(self.instruments)

    def _knowledge(self, data: Dataset) -> None:
        self.tests: list[str] = []
        if not data.has("items", "responses"):
            self.has_knowledge = False
            return
        self.tests = knowledge_tests(data["items"])
        self.has_knowledge = bool(self.tests)
        shape = (len(self.tests),)
        self._pairs = np.zeros((len(self.gmina_ids), len(_SECTORS), *shape))
        self._pre_sum = np.zeros_like(self._pairs)
        self._post_sum = np.zeros_like(self._pairs)
        for n, test in enumerate(self.tests):
            scores = knowledge_scores(data["responses"], data["items"], test)
            g = self._positions(scores["gmina_id"])
            s = self._sector_positions(scores["participant_id"])
            k = np.full(len(scores), n)
            self._pairs += self._cube(g, s, (k,), shape)
            self._pre_sum += self._cube(g, s, (k,), shape, scores["pre"])
            self._post_sum += self._cube(g, s, (k,), shape, scores["post"])

    def _index(self, data: Dataset) -> None:
        self.has_index = data.has("index_scores") and len(data["index_scores"]) > 0
        self.waves: list[str] = []
        self.planes: list[str] = []
        self.index_scale = (0.0, 5.0)
        if not self.has_index:
            return
        table = index_table(data["index_scores"], data.index_areas)
        scales = area_scales(data.index_areas)
        self.index_scale = (float(scales["scale_min"].min()), float(scales["scale_max"].max()))
        self.waves = wave_order(table)
        self.planes = list(dict.fromkeys(table["plane"]))
        wpos = {w: i for i, w in enumerate(self.waves)}
        ppos = {p: i for i, p in enumerate(self.planes)}
        own = table[table["gmina_id"] != ALL]
        self._plane_scores = np.full((len(self.gmina_ids), len(self.waves), len(self.planes)),
                                     np.nan)
        g = self._positions(own["gmina_id"])
        keep = ~np.isnan(g)
        self._plane_scores[g[keep].astype(np.int64),
                           own["wave"].map(wpos).to_numpy()[keep],
                           own["plane"].map(ppos).to_numpy()[keep]] = own["score"].to_numpy()[keep]
        whole = table[table["gmina_id"] == ALL]
        self._programme_index = np.full((len(self.waves), len(self.planes)), np.nan)
        self._programme_index_n = np.zeros((len(self.waves), len(self.planes)))
        self._programme_index[whole["wave"].map(wpos), whole["plane"].map(ppos)] = whole["score"]
        self._programme_index_n[whole["wave"].map(wpos),
                                whole["plane"].map(ppos)] = whole["n_areas"]

    def _recommendations(self, data: Dataset) -> None:
        self.has_recommendations = data.has("recommendations")
        if not self.has_recommendations:
            return
        programme = data.programme
        self.min_adopted = programme.commitment_min_total
        self.min_per_plane = programme.commitment_min_per_plane
        summary = recommendation_summary(data["recommendations"], self.gmina_ids,
                                         self.min_adopted, self.min_per_plane)
        own = summary[summary["gmina_id"] != ALL].set_index("gmina_id").reindex(self.gmina_ids)
        self._adopted = own[[*(f"adopted_{p}" for p in PLANES), "adopted_total"]].to_numpy(float)
        self._met = own["commitment_met"].fillna(False).to_numpy(dtype=float)
        self.most_adopted = float(np.nanmax(self._adopted, initial=0.0))

    # -- selections -----------------------------------------------------------------

    def gmina_positions(self, selection: Selection) -> np.ndarray | None:
        """Row positions of the selected gminas (``None``: every gmina)."""
        if not selection.gminas:
            return None
        unknown = [g for g in selection.gminas if g not in self._gpos]
        if unknown:
            raise ValueError(f"gminas must be gmina_ids of the dataset; got {unknown[:5]}")
        return np.fromiter((self._gpos[g] for g in selection.gminas), dtype=np.int64)

    @staticmethod
    def sector_mask(selection: Selection) -> np.ndarray:
        """Which sector rows the selection keeps (``all`` also keeps anonymous answers)."""
        if selection.sector == "all":
            return np.ones(len(_SECTORS), dtype=bool)
        return np.array([s == selection.sector for s in _SECTORS])

    def _select(self, cube: np.ndarray, selection: Selection) -> np.ndarray:
        """``cube`` summed over the selected gminas and sectors."""
        rows = self.gmina_positions(selection)
        if rows is None:  # every gmina: the sums per sector, computed once
            key = id(cube)
            if key not in self._per_sector:
                self._per_sector[key] = cube.sum(axis=0)
            return self._per_sector[key][self.sector_mask(selection)].sum(axis=0)
        return cube[rows][:, self.sector_mask(selection)].sum(axis=(0, 1))

    @staticmethod
    def _whole(cube: np.ndarray) -> np.ndarray:
        return cube.sum(axis=(0, 1))

    def gmina_count(self, selection: Selection) -> int:
        return len(self.gmina_ids) if not selection.gminas else len(selection.gminas)

    def people(self, selection: Selection) -> pd.DataFrame:
        """Academy participants, diplomas and mean attendance share: selection and programme.

        Returns
        -------
        pandas.DataFrame
            Index ``selection``, ``programme``; columns ``gminas``, ``participants``,
            ``diplomas``, ``diploma_rate``, ``mean_share``.
        """
        rows = []
        for which in ("selection", "programme"):
            if not self.has_attendance:
                rows.append((self.gmina_count(selection) if which == "selection"
                             else len(self.gmina_ids), 0, 0, np.nan, np.nan))
                continue
            pick = ((lambda c: self._select(c, selection)) if which == "selection"
                    else self._whole)
            n, k = pick(self._people), pick(self._eligible)
            rows.append((self.gmina_count(selection) if which == "selection"
                         else len(self.gmina_ids), int(n), int(k), float(_ratio(k, n)),
                         float(_ratio(pick(self._share_sum), pick(self._share_n)))))
        return pd.DataFrame(rows, index=["selection", "programme"],
                            columns=["gminas", "participants", "diplomas", "diploma_rate",
                                     "mean_share"])

    def attendance(self, selection: Selection) -> pd.DataFrame:
        """Share present (or late) per Academy session: selection and programme.

        Returns
        -------
        pandas.DataFrame
            One row per session in date order: ``session_id``, ``zjazd``, ``day``,
            ``date``, ``expected``, ``present``, ``share`` (the selection),
            ``programme_expected``, ``programme_present``, ``programme_share``.
        """
        out = self.sessions.copy()
        if not self.has_attendance:
            for column in ("expected", "present", "share", "programme_expected",
                           "programme_present", "programme_share"):
                out[column] = pd.Series(dtype=float)
            return out
        expected, present = (self._select(c, selection) for c in (self._expected, self._present))
        out["expected"] = expected.astype(np.int64)
        out["present"] = present.astype(np.int64)
        out["share"] = _ratio(present, expected)
        whole_e, whole_p = self._whole(self._expected), self._whole(self._present)
        out["programme_expected"] = whole_e.astype(np.int64)
        out["programme_present"] = whole_p.astype(np.int64)
        out["programme_share"] = _ratio(whole_p, whole_e)
        return out

    def likert(self, selection: Selection, instrument: str) -> pd.DataFrame:
        """Item means of one questionnaire: selection and programme.

        Returns
        -------
        pandas.DataFrame
            One row per Likert item of ``instrument``: ``item_id``, ``text``, ``n``
            (valid answers), ``mean``, ``share_positive``, ``suppressed`` (n below the
            minimum: mean and share blanked), then the same for the programme with the
            prefix ``programme_``, then the item's scale: ``scale_min``, ``scale_max``,
            ``positive_min`` (the share positive counts answers from it).
        """
        columns = ["item_id", "text", "n", "mean", "share_positive", "suppressed",
                   "programme_n", "programme_mean", "programme_share_positive",
                   "programme_suppressed", "scale_min", "scale_max", "positive_min"]
        if not self.has_likert:
            return pd.DataFrame(columns=columns)
        if instrument not in self.instruments:
            raise ValueError(f"instrument must be one of {', '.join(self.instruments)}; "
                             f"got {instrument!r}")
        rows = np.flatnonzero((self.items["instrument"] == instrument).to_numpy())
        out = self.items.iloc[rows][["item_id", "text"]].reset_index(drop=True)
        values = self._values
        positive = self._positive[rows]
        for prefix, counts in (("", self._select(self._answers, selection)[rows]),
                               ("programme_", self._whole(self._answers)[rows])):
            n = counts.sum(axis=1)
            hidden = n < self.min_n
            out[f"{prefix}n"] = n.astype(np.int64)
            out[f"{prefix}mean"] = np.where(hidden, np.nan, _ratio(counts @ values, n))
            out[f"{prefix}share_positive"] = np.where(
                hidden, np.nan, _ratio((counts * positive).sum(axis=1), n))
            out[f"{prefix}suppressed"] = hidden
        scales = [self.item_scales[r] for r in rows]
        out["scale_min"] = [sc.min for sc in scales]
        out["scale_max"] = [sc.max for sc in scales]
        out["positive_min"] = [sc.positive_min for sc in scales]
        return out[columns]

    def knowledge(self, selection: Selection) -> pd.DataFrame:
        """Knowledge tests before and after: selection and programme.

        Returns
        -------
        pandas.DataFrame
            One row per test: ``test``, ``n_pairs``, ``pre_mean``, ``post_mean``,
            ``gain_mean`` (shares correct 0–1, means over the paired participants),
            ``suppressed`` (fewer pairs than the minimum: means blanked), then the same
            for the programme with the prefix ``programme_``.
        """
        columns = ["test", "n_pairs", "pre_mean", "post_mean", "gain_mean", "suppressed",
                   "programme_n_pairs", "programme_pre_mean", "programme_post_mean",
                   "programme_gain_mean", "programme_suppressed"]
        if not self.has_knowledge:
            return pd.DataFrame(columns=columns)
        out = pd.DataFrame({"test": self.tests})
        for prefix, pick in (("", lambda c: self._select(c, selection)),
                             ("programme_", self._whole)):
            pairs, pre, post = pick(self._pairs), pick(self._pre_sum), pick(self._post_sum)
            hidden = pairs < self.min_n
            out[f"{prefix}n_pairs"] = pairs.astype(np.int64)
            out[f"{prefix}pre_mean"] = np.where(hidden, np.nan, _ratio(pre, pairs))
            out[f"{prefix}post_mean"] = np.where(hidden, np.nan, _ratio(post, pairs))
            out[f"{prefix}gain_mean"] = out[f"{prefix}post_mean"] - out[f"{prefix}pre_mean"]
            out[f"{prefix}suppressed"] = hidden
        return out[columns]

    def index(self, selection: Selection, wave: str) -> pd.DataFrame:
        """LIJW plane and overall scores in one wave: selection and programme.

        Returns
        -------
        pandas.DataFrame
            One row per plane (``I``, ``II``, ``III``, ``overall``): ``wave``, ``plane``,
            ``score`` (mean over the selected gminas that have one), ``n_gminas`` (those
            gminas), ``programme_score`` (mean over every gmina, the ``ALL`` row of
            :func:`toolkit.index.index_table`), ``programme_n_gminas``.
        """
        columns = ["wave", "plane", "score", "n_gminas", "programme_score",
                   "programme_n_gminas"]
        if not self.has_index:
            return pd.DataFrame(columns=columns)
        if wave not in self.waves:
            raise ValueError(f"wave must be one of {', '.join(self.waves)}; got {wave!r}")
        w = self.waves.index(wave)
        rows = self.gmina_positions(selection)
        scores = self._plane_scores[:, w] if rows is None else self._plane_scores[rows, w]
        scored = ~np.isnan(scores)
        n = scored.sum(axis=0)
        return pd.DataFrame({
            "wave": wave, "plane": self.planes,
            "score": _ratio(np.where(scored, scores, 0).sum(axis=0), n),
            "n_gminas": n.astype(np.int64),
            "programme_score": self._programme_index[w],
            "programme_n_gminas": self._programme_index_n[w].astype(np.int64),
        }, columns=columns)

    def recommendations(self, selection: Selection) -> pd.DataFrame:
        """Recommendations adopted per plane and in total, and the commitment met.

        Returns
        -------
        pandas.DataFrame
            Rows ``adopted_I``, ``adopted_II``, ``adopted_III``, ``adopted_total``
            (adopted recommendations, mean per gmina), ``commitment_met`` (gminas that
            met it) and ``gminas``; columns ``measure``, ``selection``, ``programme``.
        """
        measures = [*(f"adopted_{p}" for p in PLANES), "adopted_total", "commitment_met",
                    "gminas"]
        if not self.has_recommendations:
            return pd.DataFrame({"measure": measures, "selection": np.nan,
                                 "programme": np.nan})
        rows = self.gmina_positions(selection)
        columns = {}
        for which, pick in (("selection", rows), ("programme", None)):
            adopted = self._adopted if pick is None else self._adopted[pick]
            met = self._met if pick is None else self._met[pick]
            n = len(adopted)
            columns[which] = [*(_ratio(adopted.sum(axis=0), n)), float(met.sum()), float(n)]
        return pd.DataFrame({"measure": measures, **columns})


# -- drawing ------------------------------------------------------------------------------
#
# Each view is one figure made once. What depends only on the programme and the view's
# static choice (axes, ticks, titles, the programme's marks) is drawn once into a cached
# background; an update restores it and draws only the selection's artists (blitting),
# which is most of the speed: text is what Agg is slowest at.


def _fixed(value, lang: str, digits: int = 2) -> str:
    """A number with exactly ``digits`` decimals in the locale's style (2,40 in Polish)."""
    text = format_number(value, lang, digits)
    point = "," if lang == "pl" else "."
    whole, _, decimals = text.partition(point)
    return f"{whole}{point}{decimals.ljust(digits, '0')}" if digits else text


def _count(value, lang: str) -> str:
    """A count with the locale's grouping (11 079 in Polish)."""
    return format_count(int(value), lang)


def _encode(buffer) -> bytes:
    """An RGBA buffer as PNG bytes (level-1 compression: fast, still small)."""
    from PIL import Image

    image = Image.frombuffer("RGBA", (buffer.shape[1], buffer.shape[0]), buffer, "raw", "RGBA",
                             0, 1)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _key(values, *choices) -> tuple:
    """What a background depends on, comparable (NaN never equals itself; None does)."""
    return (*choices, *(None if pd.isna(v) else float(v) for v in values))


def _no_data(ax, text: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=9, color=MUTED,
            transform=ax.transAxes)


class _View:
    """One view: a figure made once, the selection's artists redrawn on a cached background.

    Subclasses build the axes in ``__init__`` (calling :meth:`_animate` on every artist
    that shows the selection) and move artists in ``draw(frame)``, setting
    ``self.static`` to whatever the background depends on (e.g. the questionnaire).
    """

    name = ""

    def __init__(self, lang: str, width: float = 5.6, height: float = 3.1, left=0.11,
                 right=0.97, bottom=0.15, top=0.84):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.lang = lang
        self.fig = Figure(figsize=(width, height), dpi=_DPI)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((left, bottom, right - left, top - bottom))
        for side in ("top", "right"):
            self.ax.spines[side].set_visible(False)
        self.ax.tick_params(labelsize=8)
        self.available = True
        self.static: tuple = ()
        self._animated: list = []
        self._background = None
        self._background_key = None

    def _animate(self, *artists) -> None:
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)

    def _title(self, text: str, pad: float = 16) -> None:
        self.ax.set_title(text, fontsize=9, loc="left", pad=pad)

    def png(self) -> bytes:
        """The view as PNG: the cached background (redrawn when ``static`` changed) with
        the selection's artists drawn on it."""
        canvas = self.fig.canvas
        if self._background is None or self._background_key != self.static:
            canvas.draw()  # everything but the animated artists
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key = self.static
        else:
            canvas.restore_region(self._background)
        for artist in self._animated:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return _encode(canvas.buffer_rgba())

    def full_png(self) -> bytes:
        """The view drawn from scratch, every artist included (for exports)."""
        for artist in self._animated:
            artist.set_animated(False)
        try:
            self.fig.canvas.draw()
            return _encode(self.fig.canvas.buffer_rgba())
        finally:
            for artist in self._animated:
                artist.set_animated(True)
            self._background = None


class _PairedBars:
    """A bar for the selection and one for the programme, side by side, per group."""

    def __init__(self, view: _View, groups: int):
        ax, lang = view.ax, view.lang
        self.x = np.arange(groups, dtype=float)
        self.selection = ax.bar(self.x - 0.2, np.zeros(groups), width=0.4, color=HIGHLIGHT,
                                label=t("explore_selection", lang))
        self.programme = ax.bar(self.x + 0.2, np.zeros(groups), width=0.4, color=MUTED,
                                label=t("explore_programme", lang))
        self.selection_labels = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=7)
                                 for x in self.x - 0.2]
        self.programme_labels = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=7)
                                 for x in self.x + 0.2]
        view._animate(*self.selection, *self.selection_labels)

    @staticmethod
    def _set(bars, labels, values, text) -> None:
        for bar, label, value in zip(bars, labels, values):
            shown = 0.0 if pd.isna(value) else float(value)
            bar.set_height(shown)
            label.set_y(shown)
            label.set_text("—" if pd.isna(value) else text(value))

    def set(self, selection, programme, text) -> None:
        self._set(self.selection, self.selection_labels, list(selection), text)
        self._set(self.programme, self.programme_labels, list(programme), text)


def _legend_labels(legend, *texts: str) -> None:
    for artist, text in zip(legend.get_texts(), texts):
        artist.set_text(text)


class _AttendanceView(_View):
    name = "attendance"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang, top=0.88)
        ax = self.ax
        self._title(t("explore_attendance_title", lang), pad=6)
        self.available = frames.has_attendance and len(frames.sessions) > 0
        if not self.available:
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_attendance", lang)))
            return
        sessions = frames.sessions
        x = np.arange(len(sessions))
        ax.set_xticks(x, [f"{t('zjazd_short', lang)}{z}/{d}"
                          for z, d in zip(sessions["zjazd"], sessions["day"])])
        ax.set_xlim(-0.4, len(x) - 0.6)
        ax.set_ylim(0, 1.05)
        ax.yaxis.set_major_formatter(lambda v, _: format_share(v, lang))
        ax.grid(axis="y", color="#eeeeee")
        (self.programme,) = ax.plot(x, np.zeros(len(x)), color=MUTED, linestyle="--",
                                    marker="D", markersize=4, linewidth=1.2, zorder=2.2)
        (self.selection,) = ax.plot(x, np.zeros(len(x)), color=HIGHLIGHT, marker="o",
                                    markersize=5, linewidth=2)
        self.legend = ax.legend([self.selection, self.programme], ["", ""], loc="lower left",
                                fontsize=7, frameon=False)
        # The programme's line goes on top: where they coincide, both stay visible.
        self._animate(self.selection, self.programme, self.legend)

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        programme = frame["programme_share"].to_numpy(dtype=float)
        self.selection.set_ydata(frame["share"].to_numpy(dtype=float))
        self.programme.set_ydata(programme)
        self.static = _key(programme)
        lang = self.lang
        _legend_labels(self.legend,
                       t("explore_legend_n", lang, label=t("explore_selection", lang),
                         people=tn("n_people", int(frame["expected"].max()), lang)),
                       t("explore_legend_n", lang, label=t("explore_programme", lang),
                         people=tn("n_people", int(frame["programme_expected"].max()), lang)))


class _LikertView(_View):
    name = "likert"

    def __init__(self, frames: ExploreFrames, lang: str):
        most = max((int((frames.items["instrument"] == i).sum()) for i in frames.instruments),
                   default=1)
        super().__init__(lang, height=max(3.1, 1.0 + 0.36 * most), left=0.36, bottom=0.12,
                         top=0.88)
        ax = self.ax
        self.available = frames.has_likert
        if not self.available:
            self._title(t("explore_likert_title_none", lang))
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_questionnaires", lang)))
            return
        from matplotlib.collections import LineCollection

        ax.grid(axis="x", color="#eeeeee")
        self.links = LineCollection([], colors=MUTED, linewidths=1, zorder=1)
        ax.add_collection(self.links)
        (self.programme,) = ax.plot([], [], linestyle="none", marker="D", color=MUTED,
                                    markersize=5, zorder=4, label=t("explore_programme", lang))
        (self.selection,) = ax.plot([], [], linestyle="none", marker="o", color=HIGHLIGHT,
                                    markersize=7, zorder=3, label=t("explore_selection", lang))
        self.notes = [ax.text(3, 0, "", ha="center", va="center", fontsize=7, color=MUTED,
                              style="italic", visible=False) for _ in range(most)]
        ax.legend(handles=[self.selection, self.programme], loc="lower left",
                  bbox_to_anchor=(0, 1.0), ncol=2, fontsize=7, frameon=False)
        self._animate(self.links, self.selection, self.programme, *self.notes)
        self.instrument = None

    def draw(self, frame: pd.DataFrame, instrument: str) -> None:
        if not self.available:
            return
        y = np.arange(len(frame))[::-1].astype(float)
        lo = frame["scale_min"].to_numpy(dtype=float)
        hi = frame["scale_max"].to_numpy(dtype=float)
        # One scale: its own axis. Several: each mean as a share of its item's range
        # (0 % = the scale's minimum), the scale written after the item.
        one = len(frame) == 0 or (len(set(lo)) == 1 and len(set(hi)) == 1)
        if instrument != self.instrument:
            self.instrument = instrument
            texts = [str(s) if one else f"{s} ({a:g}–{b:g})"
                     for s, a, b in zip(frame["text"], lo, hi)]
            self.ax.set_yticks(y, [textwrap.fill(x, 34) for x in texts], fontsize=7)
            self.ax.set_ylim(-0.6, len(frame) - 0.4)
            if one:
                a, b = (lo[0], hi[0]) if len(frame) else (DEFAULT_SCALE.min, DEFAULT_SCALE.max)
                self.ax.set_xlim(a - 0.2, b + 0.2)
                self.ax.set_xticks(range(int(a), int(b) + 1),
                                   [str(v) for v in range(int(a), int(b) + 1)])
            else:
                self.ax.set_xlim(-0.05, 1.05)
                self.ax.set_xticks([0, 0.5, 1], [t("explore_scale_low", self.lang), "",
                                                 t("explore_scale_high", self.lang)])
            self._title(t("explore_likert_title", self.lang, instrument=instrument))
        mine = frame["mean"].to_numpy(dtype=float)
        whole = frame["programme_mean"].to_numpy(dtype=float)
        if not one:
            mine, whole = (mine - lo) / (hi - lo), (whole - lo) / (hi - lo)
        self.bounds = self.ax.get_xlim()
        self.selection.set_data(mine, y)
        self.programme.set_data(whole, y)
        self.static = _key(whole, instrument)
        both = ~np.isnan(mine) & ~np.isnan(whole)
        self.links.set_segments([[(a, yi), (b, yi)] for a, b, yi in
                                 zip(mine[both], whole[both], y[both])])
        hidden = frame["suppressed"].to_numpy(dtype=bool)
        for i, note in enumerate(self.notes):
            show = bool(i < len(frame) and hidden[i])
            note.set_visible(show)
            if show:
                # Opposite the programme's mark, so the two never overlap.
                a, b = self.bounds[0] + 0.2 * one, self.bounds[1] - 0.2 * one
                left = np.isnan(whole[i]) or whole[i] > (a + b) / 2
                note.set_position((a if left else b, y[i]))
                note.set_ha("left" if left else "right")
                note.set_text(t("explore_suppressed", self.lang, min_n=config.MIN_RESPONDENTS,
                                answers=tn("n_answers", int(frame["n"].iat[i]), self.lang)))


class _KnowledgeView(_View):
    name = "knowledge"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang)
        ax = self.ax
        self._title(t("explore_knowledge_title", lang))
        self.available = frames.has_knowledge
        if not self.available:
            _no_data(ax, t("explore_no_data", lang, what=t("explore_knowledge_what", lang)))
            return
        tests = frames.tests
        groups = [(test, when) for test in tests for when in ("pre", "post")]
        self.bars = _PairedBars(self, len(groups))
        ax.set_xticks(self.bars.x, [t(f"explore_{when}", lang) if len(tests) == 1
                                    else f"{test}\n{t(f'explore_{when}', lang)}"
                                    for test, when in groups])
        ax.set_ylim(0, 1.12)
        ax.yaxis.set_major_formatter(lambda v, _: format_share(v, lang))
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        self.legend = ax.legend(handles=[self.bars.selection, self.bars.programme],
                                labels=["", ""], loc="lower left", bbox_to_anchor=(0, 1.0),
                                ncol=2, fontsize=7, frameon=False)
        self.note = ax.text(0.5, 0.55, "", transform=ax.transAxes, ha="center", fontsize=8,
                            color=MUTED, style="italic")
        self._animate(self.legend, self.note)

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        lang = self.lang
        whole = frame[["programme_pre_mean", "programme_post_mean"]].to_numpy(float).ravel()
        self.bars.set(frame[["pre_mean", "post_mean"]].to_numpy(dtype=float).ravel(), whole,
                      lambda v: format_share(v, lang))
        self.static = _key(whole)
        _legend_labels(self.legend,
                       t("explore_legend_pairs", lang, label=t("explore_selection", lang),
                         pairs=tn("n_pairs", int(frame["n_pairs"].sum()), lang)),
                       t("explore_legend_pairs", lang, label=t("explore_programme", lang),
                         pairs=tn("n_pairs", int(frame["programme_n_pairs"].sum()), lang)))
        self.note.set_text(t("explore_knowledge_suppressed", lang,
                             pairs=tn("n_pairs", config.MIN_RESPONDENTS, lang))
                           if frame["suppressed"].any() else "")


class _IndexView(_View):
    name = "index"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang)
        ax = self.ax
        self.available = frames.has_index
        if not self.available:
            self._title(t("explore_index_title_none", lang))
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_index", lang)))
            return
        self.bars = _PairedBars(self, len(frames.planes))
        ax.set_xticks(self.bars.x, [t("explore_overall", lang) if p == OVERALL
                                    else t("explore_plane", lang, plane=p) for p in frames.planes])
        low, high = frames.index_scale
        ax.set_ylim(low, high + 0.08 * (high - low))
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        self.legend = ax.legend(handles=[self.bars.selection, self.bars.programme],
                                labels=["", ""], loc="lower left", bbox_to_anchor=(0, 1.0),
                                ncol=2, fontsize=7, frameon=False)
        self._animate(self.legend)

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        lang = self.lang
        wave = frame["wave"].iat[0]
        self._title(t("explore_index_title", lang, wave=wave))
        self.bars.set(frame["score"], frame["programme_score"],
                      lambda v: format_figure(v, "score", lang))
        self.static = _key(frame["programme_score"], wave)
        _legend_labels(self.legend,
                       t("explore_legend_gminas", lang, label=t("explore_selection", lang),
                         gminas=tn("n_gminas", int(frame["n_gminas"].max()), lang)),
                       t("explore_legend_gminas", lang, label=t("explore_programme", lang),
                         gminas=tn("n_gminas", int(frame["programme_n_gminas"].max()), lang)))


class _RecommendationsView(_View):
    name = "recommendations"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang)
        ax = self.ax
        self._title(t("explore_recommendations_title", lang))
        self.available = frames.has_recommendations
        if not self.available:
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_recommendations", lang)))
            return
        self.bars = _PairedBars(self, len(PLANES) + 1)
        ax.set_xticks(self.bars.x, [*(t("explore_plane", lang, plane=p) for p in PLANES),
                                    t("explore_total", lang)])
        x_total = self.bars.x[-1]
        self.min_adopted = frames.min_adopted
        per_plane = [frames.min_per_plane] * 2
        rules = [ax.plot([-0.45, len(PLANES) - 0.55], per_plane, color="black", linestyle="--",
                         linewidth=0.8)[0],
                 ax.plot([x_total - 0.45, x_total + 0.45], [self.min_adopted] * 2,
                         color="black", linestyle="--", linewidth=0.8)[0]]
        # The same axis for every selection (the most any gmina adopted), so bars compare.
        ax.set_ylim(0, max(self.min_adopted, frames.most_adopted) * 1.35 + 0.3)
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        ax.legend(handles=[self.bars.selection, self.bars.programme], loc="lower left",
                  bbox_to_anchor=(0, 1.0), ncol=2, fontsize=7, frameon=False)
        self.met = ax.text(0.01, 0.97, "", transform=ax.transAxes, fontsize=7, va="top")
        self._animate(*rules, self.met)  # the rules stay on top of the selection's bars

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        values = frame.set_index("measure")
        keys = [*(f"adopted_{p}" for p in PLANES), "adopted_total"]
        whole = values.loc[keys, "programme"]
        self.bars.set(values.loc[keys, "selection"], whole,
                      lambda v: _fixed(v, self.lang, 2 if v != round(v) else 0))
        self.static = _key(whole)
        self.met.set_text(t("explore_recommendations_met", self.lang,
                            k=_count(values.at["commitment_met", "selection"], self.lang),
                            gminas_of=tn("n_gminas_of", int(values.at["gminas", "selection"]),
                                         self.lang),
                            K=_count(values.at["commitment_met", "programme"], self.lang),
                            programme_gminas_of=tn(
                                "n_gminas_of", int(values.at["gminas", "programme"]), self.lang),
                            min_n=self.min_adopted))


# -- the dashboard --------------------------------------------------------------------------


class ExploreDashboard:
    """Filters for gminas, sector, questionnaire and LIJW wave; five linked views of the
    selection against the whole programme; export of the current view to ``.xlsx`` and
    ``.png``.

    Parameters
    ----------
    data
        A :class:`Dataset`, or a dataset folder/workbook (``None``: the demo dataset).
    lang
        ``"pl"`` (default) or ``"en"``.
    out
        Where the export buttons write, without extension: ``OUT.xlsx`` and ``OUT.png``.
        A relative path is taken from the project folder (``outputs/`` of the project,
        wherever JupyterLab or Voilà start the kernel).

    Attributes
    ----------
    widget
        The dashboard (display it in a notebook).
    frames
        The :class:`ExploreFrames` computed once at construction.
    views
        The current frame of each view (``attendance``, ``likert``, ``knowledge``,
        ``index``, ``recommendations``) and ``people`` (the summary line's figures).
    figures
        The figure of each view; an update moves its artists and re-renders it.

    Notes
    -----
    Construction computes every count the views need (:class:`ExploreFrames`); an
    interaction only sums the selected rows of those arrays and redraws the views it
    affects. :meth:`update` returns its wall time and :meth:`timings` the time each part
    took, so a benchmark can check that an interaction stays under 300 ms at national
    scale (``benchmarks/bench_explore.py``).

    Examples
    --------
    >>> ExploreDashboard("data/demo").widget   # in JupyterLab: shows the dashboard
    """

    def __init__(self, data=None, lang: str = "pl", out: str | Path = "outputs/eksploracja"):
        import ipywidgets as w

        self.lang = check_lang(lang)
        self.data = data if isinstance(data, Dataset) else load_dataset(
            config.DEMO_DATA_DIR if data is None else data)
        self.frames = ExploreFrames(self.data)
        frames = self.frames
        self.views: dict[str, pd.DataFrame] = {}
        self._plots = {view.name: view for view in (
            _AttendanceView(frames, lang), _LikertView(frames, lang), _KnowledgeView(frames, lang),
            _IndexView(frames, lang), _RecommendationsView(frames, lang))}
        self.figures = {name: plot.fig for name, plot in self._plots.items()}
        self._timings: dict[str, float] = {}

        labels = [f"{frames.gmina_names[g]} ({g})" for g in frames.gmina_ids]
        self._by_label = dict(zip(labels, frames.gmina_ids))
        all_label = f"— {t('explore_all_gminas', lang, n=len(frames.gmina_ids))} —"
        self.gminas = w.SelectMultiple(
            options=[(all_label, _ALL_GMINAS), *zip(labels, frames.gmina_ids)],
            value=(_ALL_GMINAS,), rows=9, description=t("explore_gminas", lang),
            layout=w.Layout(width="380px"))
        self.search = w.Combobox(options=labels, placeholder=t("explore_search_placeholder", lang),
                                 ensure_option=False, description=t("explore_search", lang),
                                 layout=w.Layout(width="290px"))
        self.reset = w.Button(description=t("explore_reset", lang), layout=w.Layout(width="86px"),
                              tooltip=t("explore_reset_tip", lang))
        self.sector = w.ToggleButtons(
            options=[(t(f"explore_sector_{s}", lang), s) for s in ("all", *frames.sectors)],
            value="all", style={"button_width": "76px"})
        # ToggleButtons puts its description above the buttons: a label like the
        # dropdowns' (80 px, right-aligned) keeps the controls in one column.
        sector_label = w.HTML(f"<div style='text-align: right'>{t('explore_sector', lang)}</div>",
                              layout=w.Layout(width="80px", margin="0 8px 0 0"))
        self.instrument = w.Dropdown(options=frames.instruments or [None],
                                     value=(frames.instruments or [None])[0],
                                     description=t("explore_instrument", lang),
                                     disabled=not frames.instruments)
        self.wave = w.Dropdown(options=frames.waves or [None],
                               value=(frames.waves or [None])[-1],
                               description=t("explore_wave", lang), disabled=not frames.waves)
        self.path = w.Text(value=str(self.out_stem(out)), description=t("explore_file", lang),
                           layout=w.Layout(width="420px"))
        self.xlsx_button = w.Button(description=t("explore_export_xlsx", lang),
                                    icon="file-excel-o")
        self.png_button = w.Button(description=t("explore_export_png", lang), icon="image")
        self.message = w.HTML()
        # Where the export buttons display the script that hands the file to the browser.
        self.download = w.Output(layout=w.Layout(display="none"))
        self.summary = w.HTML(layout=w.Layout(margin="6px 0"))
        self.summary.add_class("explore-summary")
        self.images = {name: w.Image(format="png", layout=w.Layout(width="100%",
                                                                   max_width="560px"))
                       for name in VIEWS}
        self.note = w.HTML("<div style='font-size: 12px; line-height: 1.45; color: #555'>"
                           f"{t('explore_note', lang, min_n=config.MIN_RESPONDENTS)}</div>")

        self.gminas.observe(self._on_gminas, names="value")
        self.search.observe(self._on_search, names="value")
        self.reset.on_click(lambda _: self.select(()))
        self.sector.observe(lambda _: self.update(_AFFECTS["sector"]), names="value")
        self.instrument.observe(lambda _: self.update(_AFFECTS["instrument"]), names="value")
        self.wave.observe(lambda _: self.update(_AFFECTS["wave"]), names="value")
        self.xlsx_button.on_click(lambda _: self._export(self.export_xlsx))
        self.png_button.on_click(lambda _: self._export(self.export_png))

        box = dict(layout=w.Layout(margin="0 18px 0 0"))
        controls = w.HBox([
            w.VBox([w.HBox([self.search, self.reset]), self.gminas], **box),
            w.VBox([w.HBox([sector_label, self.sector], layout=w.Layout(align_items="center")),
                    self.instrument, self.wave, self.path,
                    w.HBox([self.xlsx_button, self.png_button, self.message, self.download],
                           layout=w.Layout(margin="0 0 0 88px", align_items="center"))]),
        ])
        grid = w.GridBox([self.images[name] for name in VIEWS] + [self.note],
                         layout=w.Layout(grid_template_columns="repeat(2, minmax(0, 560px))",
                                         grid_gap="8px 16px"))
        programme = self.data.programme
        heading = (t("programme_named", lang, programme=programme.name) if programme.name
                   else t("programme_unnamed", lang))
        self.heading = w.HTML(f"<h3>{html.escape(heading)}</h3>")
        self.widget = w.VBox([self.heading, controls, self.summary, grid])
        self.widget.add_class("explore-dashboard")
        self.update()

    # -- state --------------------------------------------------------------------------

    @staticmethod
    def out_stem(out: str | Path) -> Path:
        """Where exports go: ``out`` (relative: from the project folder), no extension."""
        path = Path(out)
        if path.suffix.lower() in (".xlsx", ".png"):
            path = path.with_suffix("")
        return path if path.is_absolute() else config.REPO_DIR / path

    @property
    def selection(self) -> Selection:
        """The current :class:`Selection` (gminas and sector)."""
        chosen = tuple(g for g in self.gminas.value if g != _ALL_GMINAS)
        return Selection(chosen, self.sector.value)

    def select(self, gmina_ids=(), sector: str | None = None) -> None:
        """Select gminas by TERYT code (empty: every gmina) and optionally a sector."""
        gmina_ids = tuple(str(g) for g in gmina_ids)
        self.frames.gmina_positions(Selection(gmina_ids))  # names a wrong gmina_id
        if sector is not None:
            self.sector.value = sector
        self.gminas.value = gmina_ids or (_ALL_GMINAS,)

    def _on_gminas(self, change) -> None:
        new, old = tuple(change["new"]), tuple(change["old"] or ())
        if not new:
            self.gminas.value = (_ALL_GMINAS,)  # observed again: that call updates
            return
        if _ALL_GMINAS in new and len(new) > 1:
            # "all" was there and gminas were added: keep the gminas; "all" was just
            # picked: it replaces them.
            self.gminas.value = (tuple(g for g in new if g != _ALL_GMINAS) if _ALL_GMINAS in old
                                 else (_ALL_GMINAS,))
            return
        self.update(_AFFECTS["gminas"])

    def _on_search(self, change) -> None:
        gmina_id = self._by_label.get(change["new"]) or (
            change["new"].strip() if change["new"].strip() in self.frames.gmina_names else None)
        if gmina_id is None:
            return
        current = self.selection.gminas
        if gmina_id not in current:
            self.gminas.value = (*current, gmina_id)
        self.search.value = ""

    # -- update ---------------------------------------------------------------------------

    def update(self, what=None) -> float:
        """Recompute the views ``what`` (default: all) for the current controls and
        re-render them; returns the elapsed seconds (see :meth:`timings`)."""
        start = time.perf_counter()
        what = _AFFECTS["gminas"] if what is None else tuple(what)
        selection, frames = self.selection, self.frames
        timings: dict[str, float] = {}
        for name in what:
            began = time.perf_counter()
            if name == "summary":
                self.views["people"] = frames.people(selection)
                self.summary.value = self._summary_html(selection)
            else:
                plot = self._plots[name]
                if name == "likert":
                    frame = (frames.likert(selection, self.instrument.value)
                             if frames.has_likert else frames.likert(selection, None))
                    plot.draw(frame, self.instrument.value)
                elif name == "index":
                    frame = (frames.index(selection, self.wave.value) if frames.has_index
                             else frames.index(selection, None))
                    plot.draw(frame)
                else:
                    frame = getattr(frames, name)(selection)
                    plot.draw(frame)
                self.views[name] = frame
                computed = time.perf_counter()
                timings[f"{name}_compute"] = computed - began
                self.images[name].value = plot.png()
                timings[f"{name}_render"] = time.perf_counter() - computed
            timings[name] = time.perf_counter() - began
        timings["total"] = time.perf_counter() - start
        self._timings = timings
        return timings["total"]

    def timings(self) -> dict[str, float]:
        """Seconds the last :meth:`update` took: ``total``, each view, and for each view
        ``<view>_compute`` (selection → frame, artists moved) and ``<view>_render`` (PNG)."""
        return dict(self._timings)

    def _gmina_text(self, selection: Selection) -> str:
        if not selection.gminas:
            return t("explore_all_gminas", self.lang, n=len(self.frames.gmina_ids))
        names = [self.frames.gmina_names[g] for g in selection.gminas]
        if len(names) <= 3:
            return ", ".join(names)
        return t("explore_more_gminas", self.lang, names=", ".join(names[:3]),
                 others=tn("n_other_gminas", len(names) - 3, self.lang),
                 gminas=tn("n_gminas", len(names), self.lang))

    def _summary_html(self, selection: Selection) -> str:
        people = self.views["people"]
        lang = self.lang

        def share(value):
            return "—" if pd.isna(value) else format_share(value, lang)

        mine, whole = people.loc["selection"], people.loc["programme"]
        return t("explore_summary", lang,
                 gminas=self._gmina_text(selection),
                 sector=t(f"explore_sector_{selection.sector}", lang),
                 n=_count(mine["participants"], lang), k=_count(mine["diplomas"], lang),
                 rate=share(mine["diploma_rate"]), share=share(mine["mean_share"]),
                 N=_count(whole["participants"], lang), K=_count(whole["diplomas"], lang),
                 programme_rate=share(whole["diploma_rate"]),
                 programme_share=share(whole["mean_share"]))

    # -- export ---------------------------------------------------------------------------

    def _export(self, how) -> None:
        """A button's export: write the file on the server, then download it in the browser."""
        written = how()
        browser_download(self.download, written)
        self.message.value = t("explore_saved", self.lang, path=written)

    def _stem(self) -> Path:
        return self.out_stem(self.path.value)

    def export_xlsx(self, path: str | Path | None = None) -> Path:
        """Write the current views to ``.xlsx``: the selection, then one sheet per view."""
        path = Path(path) if path is not None else self._stem().with_suffix(".xlsx")
        lang = self.lang
        selection = self.selection
        about = pd.DataFrame({
            "what": [t("explore_gminas", lang), t("explore_sector", lang),
                     t("explore_instrument", lang), t("explore_wave", lang),
                     t("explore_source", lang)],
            "value": [self._gmina_text(selection) if len(selection.gminas) <= 3
                      else "; ".join(f"{self.frames.gmina_names[g]} ({g})"
                                     for g in selection.gminas),
                      t(f"explore_sector_{selection.sector}", lang),
                      self.instrument.value or "—", self.wave.value or "—", self.data.source],
        })
        head = {c: t(f"explore_col_{c}", lang) for c in (
            "what", "value", "session_id", "zjazd", "day", "date", "expected", "present", "share",
            "programme_expected", "programme_present", "programme_share", "item_id", "text",
            "n", "mean", "share_positive", "suppressed", "programme_n", "programme_mean",
            "programme_share_positive", "programme_suppressed", "scale_min", "scale_max",
            "positive_min", "test", "n_pairs",
            "pre_mean", "post_mean", "gain_mean", "programme_n_pairs", "programme_pre_mean",
            "programme_post_mean", "programme_gain_mean", "wave", "plane", "score",
            "n_gminas", "programme_score", "programme_n_gminas", "measure", "selection",
            "programme", "gminas", "participants", "diplomas", "diploma_rate", "mean_share")}
        people = self.views["people"].rename(index={
            "selection": t("explore_selection", lang), "programme": t("explore_programme", lang)})
        recs = self.views["recommendations"].assign(
            measure=lambda f: f["measure"].map(lambda m: t(f"explore_measure_{m}", lang)))
        likert = self.views["likert"]
        sheets = [
            Sheet(t("explore_sheet_selection", lang), about, head),
            Sheet(t("explore_sheet_people", lang),
                  people.rename_axis("what").reset_index(), head,
                  percent=("diploma_rate", "mean_share")),
            Sheet(t("explore_sheet_attendance", lang), self.views["attendance"], head,
                  percent=("share", "programme_share")),
            Sheet(t("explore_sheet_likert", lang, instrument=self.instrument.value or ""),
                  likert, head, percent=("share_positive", "programme_share_positive")),
            Sheet(t("explore_sheet_knowledge", lang), self.views["knowledge"], head,
                  percent=("pre_mean", "post_mean", "gain_mean", "programme_pre_mean",
                           "programme_post_mean", "programme_gain_mean")),
            Sheet(t("explore_sheet_index", lang), self.views["index"], head),
            Sheet(t("explore_sheet_recommendations", lang), recs, head),
        ]
        return write_workbook(path, sheets)

    def export_png(self, path: str | Path | None = None) -> Path:
        """Write the current views as one ``.png``: the selection on top, views in a grid."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        path = Path(path) if path is not None else self._stem().with_suffix(".png")
        images = [Image.open(io.BytesIO(self._plots[name].full_png())) for name in VIEWS]
        width = max(image.width for image in images)
        header_fig = Figure(figsize=(2 * width / _DPI, 0.45), dpi=_DPI)
        FigureCanvasAgg(header_fig)
        selection = self.selection
        header_fig.text(0.01, 0.5, t("explore_png_header", self.lang,
                                     gminas=self._gmina_text(selection),
                                     sector=t(f"explore_sector_{selection.sector}", self.lang)),
                        va="center", fontsize=10)
        header_fig.canvas.draw()
        header = Image.open(io.BytesIO(_encode(header_fig.canvas.buffer_rgba())))
        rows = [images[i:i + 2] for i in range(0, len(images), 2)]
        heights = [max(image.height for image in row) for row in rows]
        sheet = Image.new("RGB", (2 * width, header.height + sum(heights)), "white")
        sheet.paste(header, (0, 0))
        y = header.height
        for row, height in zip(rows, heights):
            for column, image in enumerate(row):
                sheet.paste(image, (column * width, y))
            y += height
        with atomic_path(path) as tmp:
            sheet.save(tmp, format="PNG")
        return path

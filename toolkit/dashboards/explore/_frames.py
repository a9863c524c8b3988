"""The explore dashboard's data: count arrays computed once, summed per selection.

:class:`ExploreFrames` (pure: no widgets, no drawing) computes once, from the whole
dataset, small count arrays indexed gmina × sector × …; its methods turn a
:class:`Selection` into the frames the views show (:mod:`._views`) by summing over the
selected rows of those arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ... import config
from ...attendance import attendance_records, diploma_table
from ...commitments import recommendation_summary
from ...config import ALL, PLANES
from ...dataset import Dataset
from ...index import area_scales, index_table, wave_order
from ...questionnaires import knowledge_scores, knowledge_tests, likert_answers
from ...scales import DEFAULT_SCALE, item_scale

#: Sector filter values: every participant, or one sector (SPEC §2 ``participants.sector``).
SECTOR_CHOICES = ("all", *config.SECTORS)
# Sector positions in the arrays: the three sectors, then "unknown" (an anonymous answer).
_SECTORS = (*config.SECTORS, None)
_UNKNOWN = len(config.SECTORS)


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

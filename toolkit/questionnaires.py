"""Evaluation questionnaires and knowledge tests: Likert items, scales, pre/post tests.

Pure functions: frames in, frames out (fixed, documented columns). Figures over fewer
than :data:`toolkit.config.MIN_RESPONDENTS` respondents are suppressed; a statistical
test is reported only from its documented minimum n.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import config
from ._statistics import signed_rank_test, wilson_interval
from .config import ALL
from .scales import BUILTIN_SCALES, Scale, item_scale
from .scales import normalise_label as normalise_answer  # one normaliser of answer text

__all__ = [
    "normalise_answer",
    "likert_values",
    "likert_answers",
    "likert_table",
    "likert_by_instrument",
    "cronbach_alpha",
    "scale_reliability",
    "RELIABILITY_STATUSES",
    "knowledge_scores",
    "knowledge_table",
    "item_difficulty",
    "open_answers",
    "knowledge_tests",
    "LIKERT_COLUMNS",
    "KNOWLEDGE_COLUMNS",
    "count_columns",
]


#: Columns of :func:`likert_table` (the ``likert`` sheet of ``tables``), in order. The
#: counts ``n_1`` … ``n_5`` are always there; ``n_k`` of any other value of a scale in use
#: (``n_0``, ``n_6`` … ``n_10``) is added in order of ``k`` (:func:`count_columns`).
LIKERT_COLUMNS = ["gmina_id", "instrument", "item_id", "n", "mean", "sd", "share_positive",
                  "suppressed", "positive_low", "positive_high",
                  "scale", "scale_min", "scale_max", "positive_min",
                  *[f"n_{v}" for v in range(1, 6)]]
_BASE_COUNTS = range(1, 6)
#: Columns of :func:`knowledge_table` (the ``knowledge`` sheet of ``tables``), in order.
KNOWLEDGE_COLUMNS = ["gmina_id", "n_pairs", "pre_mean", "post_mean", "gain_mean", "test",
                     "p_value", "effect_size", "instrument", "n_nonzero"]


def count_columns(values) -> list[str]:
    """The ``n_k`` columns for the answer values ``values``: ``n_1`` … ``n_5`` always, and
    every other value in order (``[0, 10]`` → ``n_0``, ``n_1`` … ``n_5``, ``n_10``)."""
    return [f"n_{v}" for v in sorted(set(_BASE_COUNTS) | {int(v) for v in values})]


def likert_values(answers: pd.Series, scales: pd.Series,
                  known: dict[str, Scale] | None = None) -> tuple[pd.Series, pd.Series]:
    """Turn Likert answers into numbers on each answer's own scale.

    Parameters
    ----------
    answers
        Raw answers: whole numbers of the item's scale (as text) or its labels (Polish
        or English; case and spaces do not matter).
    scales
        The item's scale name for each answer (``agree5``, a declared scale, or missing:
        numbers 1–5).
    known
        Scales by name (:attr:`toolkit.dataset.Dataset.scales`); default: the built-in
        ones.

    Returns
    -------
    values, invalid
        ``values``: float on the item's scale, NaN for non-answers ("trudno powiedzieć",
        "nie wiem", "nie dotyczy", empty, the scale's own ``dont_know``) and for invalid
        answers. ``invalid``: True where the answer is neither a whole number of the
        scale, one of its labels nor a non-answer, and for every answer of an item whose
        scale is unknown (validation names that item).
    """
    known = BUILTIN_SCALES if known is None else known
    values = pd.Series(np.nan, index=answers.index, dtype=float)
    invalid = pd.Series(False, index=answers.index, dtype=bool)
    names = pd.Series(scales, index=answers.index, dtype=object)
    names = names.where(names.notna(), "").astype(str)
    for name in names.unique():
        where = (names == name).to_numpy()
        try:
            scale = item_scale(name, known)
        except KeyError:
            invalid[where] = True
            continue
        got, bad = scale.parse(answers[where])
        values[where] = got.to_numpy()
        invalid[where] = bad.to_numpy()
    return values, invalid


def likert_answers(responses: pd.DataFrame, items: pd.DataFrame,
                   scales: dict[str, Scale] | None = None) -> pd.DataFrame:
    """Valid Likert answers as numbers, one row per answer.

    Parameters
    ----------
    responses, items
        The dataset's tables.
    scales
        Scales by name (:attr:`toolkit.dataset.Dataset.scales`); default: the built-in
        ones.

    Returns
    -------
    pandas.DataFrame
        ``response_id``, ``gmina_id``, ``participant_id``, ``instrument``, ``item_id``,
        ``construct``, ``value`` (on the item's scale), ``scale`` (its name, empty for
        the default 1–5), ``scale_min``, ``scale_max``, ``positive_min`` and ``positive``
        (``value ≥ positive_min``); non-answers and invalid answers are dropped.
    """
    known = BUILTIN_SCALES if scales is None else scales
    likert = items[items["kind"] == "likert"].drop_duplicates("item_id").set_index("item_id")
    rows = responses[responses["item_id"].isin(likert.index)]
    scale = rows["item_id"].map(likert["scale"]) if "scale" in likert else pd.Series(
        None, index=rows.index, dtype=object)
    answer = rows["answer"] if "answer" in rows else pd.Series(None, index=rows.index)
    values, _ = likert_values(answer, scale, known)
    info = {}
    for item, name in (likert["scale"].items() if "scale" in likert
                       else ((i, None) for i in likert.index)):
        try:
            found = item_scale(name, known)
            info[item] = (found.name, found.min, found.max, found.positive_min)
        except KeyError:  # validation names the item; its answers are all invalid
            info[item] = (None, np.nan, np.nan, np.nan)
    info = pd.DataFrame.from_dict(info, orient="index",
                                  columns=["scale", "scale_min", "scale_max", "positive_min"])
    item = rows["item_id"]
    out = pd.DataFrame({
        "response_id": rows["response_id"],
        "gmina_id": rows["gmina_id"] if "gmina_id" in rows else None,
        "participant_id": rows["participant_id"] if "participant_id" in rows else None,
        "instrument": rows["instrument"],
        "item_id": rows["item_id"],
        "construct": rows["item_id"].map(likert["construct"]) if "construct" in likert else None,
        "value": values,
        **{column: item.map(info[column]) for column in info.columns},
    })
    out["positive"] = out["value"] >= out["positive_min"]
    return out[out["value"].notna()].reset_index(drop=True)


def _describe(answers: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = answers.groupby(keys, sort=False)
    out = grouped["value"].agg(n="size", mean="mean", sd="std").reset_index()
    positive = grouped["positive"].sum().to_numpy()
    out["share_positive"] = positive / out["n"]
    out["positive_low"], out["positive_high"] = wilson_interval(positive, out["n"].to_numpy())
    if "item_id" in keys:
        first = grouped[["scale", "scale_min", "scale_max", "positive_min"]].first()
        out = out.merge(first.reset_index(), on=keys, how="left")
    counts = (answers.assign(v=answers["value"].astype(int))
              .pivot_table(index=keys, columns="v", values="value", aggfunc="size", fill_value=0))
    values = sorted(set(_BASE_COUNTS) | {int(v) for v in counts.columns})
    counts = counts.reindex(columns=values, fill_value=0)
    counts.columns = [f"n_{v}" for v in counts.columns]
    return out.merge(counts.reset_index(), on=keys, how="left")


def likert_table(responses: pd.DataFrame, items: pd.DataFrame,
                 min_n: int = config.MIN_RESPONDENTS,
                 scales: dict[str, Scale] | None = None) -> pd.DataFrame:
    """Likert figures per gmina, instrument and item, and for the programme (``ALL``).

    Parameters
    ----------
    responses, items
        The dataset's tables (responses' ``gmina_id`` filled from the participant).
    min_n
        Breakdowns over fewer valid answers are suppressed (SPEC §5).
    scales
        Scales by name (:attr:`toolkit.dataset.Dataset.scales`); default: the built-in
        ones.

    Returns
    -------
    pandas.DataFrame
        :data:`LIKERT_COLUMNS`: ``n`` valid answers (non-answers excluded), ``mean``,
        ``sd`` (sample, ddof = 1), ``share_positive`` (answers at or above the item's
        ``positive_min`` among valid ones: 4–5 on the built-in scales),
        ``positive_low``/``positive_high`` (95 % Wilson interval of that share),
        ``scale`` (the item's scale name, empty for plain numbers 1–5), ``scale_min``,
        ``scale_max``, ``positive_min``, the distribution ``n_1`` … ``n_5`` plus ``n_k``
        of every other value of the scales in use (:func:`count_columns`; 0 where ``k``
        is not on an item's scale), and ``suppressed`` (``n < min_n``: every figure but
        ``n`` is blanked). Rows for ``ALL`` follow each gmina's rows.

    Notes
    -----
    mean = Σv / n; sd = √(Σ(v − mean)² / (n − 1));
    share_positive = #{v ≥ positive_min} / n.
    """
    answers = likert_answers(responses, items, scales)
    keys = ["gmina_id", "instrument", "item_id"]
    if answers.empty:
        return pd.DataFrame(columns=LIKERT_COLUMNS)
    per = _describe(answers, keys)
    whole = _describe(answers.assign(gmina_id=ALL), keys)
    out = pd.concat([per, whole], ignore_index=True)
    out["suppressed"] = out["n"] < min_n
    counts = count_columns(range(int(answers["scale_min"].min()),
                                 int(answers["scale_max"].max()) + 1))
    for column in counts:
        if column not in out:
            out[column] = 0
    figures = ["mean", "sd", "share_positive", "positive_low", "positive_high", *counts]
    out[figures] = out[figures].astype(float)
    out.loc[out["suppressed"], figures] = np.nan
    for column in ("scale_min", "scale_max", "positive_min"):
        out[column] = out[column].astype(int)
    out["scale"] = out["scale"].fillna("")
    return out[[c for c in LIKERT_COLUMNS if not c.startswith("n_")] + counts]


def likert_by_instrument(responses: pd.DataFrame, items: pd.DataFrame,
                         min_n: int = config.MIN_RESPONDENTS,
                         scales: dict[str, Scale] | None = None) -> pd.DataFrame:
    """All Likert answers of each questionnaire pooled, per gmina and for ``ALL``.

    Returns
    -------
    pandas.DataFrame
        ``gmina_id``, ``instrument``, ``respondents`` (distinct responses), ``n``
        (valid answers), ``mean``, ``sd``, ``share_positive``, ``positive_low``,
        ``positive_high``, ``suppressed`` (fewer than ``min_n`` respondents: figures
        blanked), ``scale_min``, ``scale_max`` (the range of the questionnaire's items;
        NaN, and ``mean``/``sd`` too, when its items are on different ranges).
        ``share_positive``: each answer judged on its item's scale.
    """
    answers = likert_answers(responses, items, scales)
    columns = ["gmina_id", "instrument", "respondents", "n", "mean", "sd", "share_positive",
               "positive_low", "positive_high", "suppressed", "scale_min", "scale_max"]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    keys = ["gmina_id", "instrument"]
    frames = []
    for frame in (answers, answers.assign(gmina_id=ALL)):
        described = _describe(frame, keys)
        described["respondents"] = frame.groupby(keys, sort=False)["response_id"].nunique().to_numpy()
        frames.append(described)
    out = pd.concat(frames, ignore_index=True)
    out["suppressed"] = out["respondents"] < min_n
    figures = ["mean", "sd", "share_positive", "positive_low", "positive_high"]
    out[figures] = out[figures].astype(float)
    out.loc[out["suppressed"], figures] = np.nan
    # A questionnaire whose items are on different ranges has no meaningful pooled mean.
    ranges = answers.groupby("instrument")[["scale_min", "scale_max"]].agg(["min", "max"])
    one = ((ranges[("scale_min", "min")] == ranges[("scale_min", "max")])
           & (ranges[("scale_max", "min")] == ranges[("scale_max", "max")]))
    for column in ("scale_min", "scale_max"):
        out[column] = out["instrument"].map(ranges[(column, "min")].where(one))
    out.loc[out["scale_min"].isna(), ["mean", "sd"]] = np.nan
    return out[columns]


def cronbach_alpha(data: pd.DataFrame, confidence: float = 0.95) -> dict:
    """Cronbach's alpha of a respondents × items table (complete rows only).

    Returns
    -------
    dict
        ``alpha``, ``ci_low``, ``ci_high`` (Feldt's F-based interval), ``n``
        (complete respondents), ``k`` (items).

    Notes
    -----
    α = k/(k − 1) · (1 − Σ var(item) / var(total)), sample variances (ddof = 1).
    Feldt: with F quantiles on (n − 1, (n − 1)(k − 1)) degrees of freedom,
    low = 1 − (1 − α)·F(1 − γ/2), high = 1 − (1 − α)·F(γ/2), γ = 1 − confidence.
    """
    complete = data.dropna()
    n, k = complete.shape
    if k < 2 or n < 2:
        return {"alpha": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n": n, "k": k}
    item_var = complete.var(axis=0, ddof=1).sum()
    total_var = complete.sum(axis=1).var(ddof=1)
    alpha = k / (k - 1) * (1 - item_var / total_var) if total_var > 0 else np.nan
    from scipy import stats  # here, not at import: loading a dataset does not need scipy

    gamma = 1 - confidence
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf(1 - gamma / 2, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(gamma / 2, df1, df2)
    return {"alpha": alpha, "ci_low": low, "ci_high": high, "n": n, "k": k}


#: Values of ``status`` in :func:`scale_reliability`'s ``scales``: why alpha is (not) shown.
RELIABILITY_STATUSES = ("computed", "too_few_items", "too_few_respondents", "negative",
                        "no_variance")


def scale_reliability(responses: pd.DataFrame, items: pd.DataFrame,
                      min_n: int = config.MIN_ALPHA_RESPONDENTS,
                      min_items: int = config.MIN_ALPHA_ITEMS,
                      scales: dict[str, Scale] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cronbach's alpha of every ``construct`` of ≥ 2 Likert items, per instrument, or why not.

    Parameters
    ----------
    responses, items
        The tables of the respondents to assess (a gmina's, or the whole programme's).
    min_n
        Alpha is computed only with at least this many complete respondents
        (:data:`toolkit.config.MIN_ALPHA_RESPONDENTS`).
    min_items
        Alpha is computed only for scales of at least this many items
        (:data:`toolkit.config.MIN_ALPHA_ITEMS`).
    scales
        Answer scales by name (:attr:`toolkit.dataset.Dataset.scales`); default: the
        built-in ones.

    Returns
    -------
    scales, if_deleted
        ``scales``: ``instrument``, ``construct``, ``k`` (items), ``n`` (complete
        respondents), ``alpha``, ``ci_low``, ``ci_high``, ``status`` (one of
        :data:`RELIABILITY_STATUSES`):

        - ``computed``: ``k ≥ min_items``, ``n ≥ min_n`` and α ≥ 0: alpha with its
          Feldt interval;
        - ``too_few_items``: ``k < min_items`` (a construct of a single item is not a
          scale and is not listed);
        - ``too_few_respondents``: ``n < min_n``;
        - ``negative``: α < 0 — not interpretable (the items covary negatively on the
          whole): ``alpha`` keeps the value, no interval;
        - ``no_variance``: every complete respondent has the same total, α is undefined.

        Figures of a scale that is not ``computed`` are NaN (but ``alpha`` of a
        ``negative`` one).
        ``if_deleted``: ``instrument``, ``construct``, ``item_id``, ``alpha_if_deleted``
        — only for ``computed`` scales.
    """
    answers = likert_answers(responses, items, scales).dropna(subset=["construct"])
    rows, dropped = [], []
    for (instrument, construct), group in answers.groupby(["instrument", "construct"], sort=False):
        wide = group.pivot_table(index="response_id", columns="item_id", values="value")
        k = wide.shape[1]
        if k < 2:
            continue
        complete = wide.dropna()
        result = {"alpha": np.nan, "ci_low": np.nan, "ci_high": np.nan}
        if k < min_items:
            status = "too_few_items"
        elif len(complete) < min_n:
            status = "too_few_respondents"
        else:
            result = cronbach_alpha(complete)
            if np.isnan(result["alpha"]):
                status = "no_variance"
            elif result["alpha"] < 0:
                status = "negative"
                result = {**result, "ci_low": np.nan, "ci_high": np.nan}
            else:
                status = "computed"
        rows.append({"instrument": instrument, "construct": construct, "k": k,
                     "n": len(complete), "alpha": result["alpha"], "ci_low": result["ci_low"],
                     "ci_high": result["ci_high"], "status": status})
        if status == "computed":
            for item in wide.columns:
                dropped.append({"instrument": instrument, "construct": construct, "item_id": item,
                                "alpha_if_deleted": cronbach_alpha(complete.drop(columns=item))["alpha"]})
    scales = pd.DataFrame(rows, columns=["instrument", "construct", "k", "n", "alpha", "ci_low",
                                         "ci_high", "status"])
    if_deleted = pd.DataFrame(dropped, columns=["instrument", "construct", "item_id",
                                                "alpha_if_deleted"])
    return scales, if_deleted


def knowledge_tests(items: pd.DataFrame) -> list[str]:
    """Names of the knowledge tests: ``NAME`` for each pair ``NAME_pre``/``NAME_post``."""
    instruments = set(items.loc[items["kind"] == "knowledge", "instrument"])
    return sorted(name[:-4] for name in instruments
                  if name.endswith("_pre") and f"{name[:-4]}_post" in instruments)


def _answer_key(items: pd.DataFrame, instrument: str) -> pd.Series:
    """``item_id`` → normalised correct answer of the instrument's knowledge items.

    Items without a correct answer (empty, or no ``correct`` column at all) are left out:
    they cannot be scored.
    """
    keyed = items[(items["instrument"] == instrument) & (items["kind"] == "knowledge")]
    keyed = keyed.drop_duplicates("item_id").set_index("item_id")
    if "correct" not in keyed:
        return pd.Series(dtype=object)
    key = keyed["correct"].map(normalise_answer)
    return key[key != ""]


def knowledge_scores(responses: pd.DataFrame, items: pd.DataFrame, test: str) -> pd.DataFrame:
    """Each participant's share of correct answers before and after, paired.

    A knowledge item is correct when the answer equals ``correct`` (case and spaces
    ignored); an empty or missing answer is wrong; an item without ``correct`` is left
    out of the test. Only participants with both the ``_pre`` and the ``_post`` test
    are kept; a participant's repeated answer to an item counts once (the first).

    Returns
    -------
    pandas.DataFrame
        ``participant_id``, ``gmina_id``, ``pre``, ``post`` (shares 0–1), ``gain``,
        then ``pre_correct``, ``post_correct`` (counts of correct answers),
        ``pre_items``, ``post_items`` (the tests' numbers of scored items) and
        ``difference``: the gain as an exact integer, in units of
        1/lcm(``pre_items``, ``post_items``) — equal gains give equal differences
        (``gain`` is that integer divided by the lcm, so equal gains are also equal
        floats, e.g. 1/5 never becomes 0.19999999999999996).
    """
    per, sizes = {}, {}
    for wave in ("pre", "post"):
        instrument = f"{test}_{wave}"
        key = _answer_key(items, instrument)
        rows = responses[(responses["instrument"] == instrument)
                         & responses["participant_id"].notna()
                         & responses["item_id"].isin(key.index)]
        rows = rows.drop_duplicates(["participant_id", "item_id"])
        answer = (rows["answer"] if "answer" in rows else pd.Series("", index=rows.index)
                  ).map(normalise_answer)
        right = (answer == rows["item_id"].map(key)) & (answer != "")
        per[wave] = (rows.assign(right=right.astype(np.int64))
                     .groupby("participant_id", sort=False)
                     .agg(gmina_id=("gmina_id", "first"), right=("right", "sum")))
        sizes[wave] = len(key)
    paired = per["pre"][["gmina_id", "right"]].rename(columns={"right": "right_pre"}).join(
        per["post"][["right"]].rename(columns={"right": "right_post"}), how="inner")
    pre_items, post_items = sizes["pre"], sizes["post"]
    common = int(np.lcm(pre_items, post_items)) if pre_items and post_items else 1
    pre_correct = paired["right_pre"].to_numpy(dtype=np.int64)
    post_correct = paired["right_post"].to_numpy(dtype=np.int64)
    difference = (post_correct * (common // max(post_items, 1))
                  - pre_correct * (common // max(pre_items, 1)))
    out = pd.DataFrame({
        "participant_id": paired.index.to_numpy(),
        "gmina_id": paired["gmina_id"].to_numpy(),
        "pre": pre_correct / pre_items if pre_items else np.nan,
        "post": post_correct / post_items if post_items else np.nan,
        "gain": difference / common,
        "pre_correct": pre_correct,
        "post_correct": post_correct,
        "pre_items": pre_items,
        "post_items": post_items,
        "difference": difference,
    })
    return out.reset_index(drop=True)


def knowledge_table(responses: pd.DataFrame, items: pd.DataFrame, test: str,
                    min_nonzero: int = config.MIN_PAIRS_TEST) -> pd.DataFrame:
    """Knowledge gain per gmina and for the programme (``ALL``).

    Parameters
    ----------
    responses, items
        The dataset's tables.
    test
        The knowledge test's name (``NAME`` of ``NAME_pre``/``NAME_post``).
    min_nonzero
        The Wilcoxon test is run only with at least this many non-zero differences.

    Returns
    -------
    pandas.DataFrame
        :data:`KNOWLEDGE_COLUMNS`: ``n_pairs`` (participants with both tests),
        ``pre_mean``, ``post_mean``, ``gain_mean`` (means over the pairs of the shares
        correct), ``test`` (how the p-value was computed: ``"wilcoxon-exact"``,
        ``"wilcoxon-permutation"`` or ``"wilcoxon-approx"``; empty when no test was
        run), ``p_value`` (two-sided),
        ``effect_size`` (matched-pairs rank-biserial correlation), ``instrument`` (the
        knowledge test's name), ``n_nonzero`` (pairs whose score changed).

    Notes
    -----
    The Wilcoxon signed-rank test drops zero differences, and with fewer than 6
    non-zero differences its two-sided p-value cannot go below 0.05 (the smallest is
    2/2⁵ = 0.0625 at n = 5), so the test is run only from ``min_nonzero`` non-zero
    differences. The differences are exact (from the counts of correct answers,
    :func:`knowledge_scores`), and the same differences give the p-value and the
    effect size; method: :func:`toolkit._statistics.signed_rank_test`.
    Rank-biserial r = (R⁺ − R⁻)/(R⁺ + R⁻) over the ranks of the non-zero |differences|.
    """
    scores = knowledge_scores(responses, items, test)
    rows = []
    groups = [(g, s) for g, s in scores.groupby("gmina_id", sort=False)] + [(ALL, scores)]
    for gmina_id, group in groups:
        result = signed_rank_test(group["difference"].to_numpy(), min_nonzero)
        rows.append({"gmina_id": gmina_id, "n_pairs": len(group),
                     "pre_mean": group["pre"].mean(), "post_mean": group["post"].mean(),
                     "gain_mean": group["gain"].mean(), **result, "instrument": test})
    return pd.DataFrame(rows, columns=KNOWLEDGE_COLUMNS)


def item_difficulty(responses: pd.DataFrame, items: pd.DataFrame, test: str) -> pd.DataFrame:
    """Share of correct answers per question before and after (paired participants only).

    Questions of the two tests are matched by their text, else by their order; only
    questions with a correct answer are scored (as in :func:`knowledge_scores`).

    Returns
    -------
    pandas.DataFrame
        ``question`` (1, 2, …), ``text``, ``pre_item``, ``post_item``, ``pre_correct``,
        ``post_correct`` (shares 0–1), ``n``.
    """
    paired = set(knowledge_scores(responses, items, test)["participant_id"])
    out = []
    per_wave = {}
    for wave in ("pre", "post"):
        key = _answer_key(items, f"{test}_{wave}")
        keyed = items[(items["instrument"] == f"{test}_{wave}") & (items["kind"] == "knowledge")
                      & items["item_id"].isin(key.index)]
        per_wave[wave] = (keyed.drop_duplicates("item_id").reset_index(drop=True)
                          .assign(correct=lambda f: f["item_id"].map(key)))
    post_by_text = {normalise_answer(x): i for i, x in enumerate(per_wave["post"]["text"])}
    for i, pre_item in per_wave["pre"].iterrows():
        j = post_by_text.get(normalise_answer(pre_item["text"]), i)
        if j >= len(per_wave["post"]):
            continue
        post_item = per_wave["post"].iloc[j]
        shares = []
        for item in (pre_item, post_item):
            rows = responses[(responses["item_id"] == item["item_id"])
                             & responses["participant_id"].isin(paired)]
            right = (rows.drop_duplicates("participant_id")["answer"].map(normalise_answer)
                     == normalise_answer(item["correct"])).sum()
            shares.append(right / len(paired) if paired else np.nan)
        out.append({"question": i + 1, "text": pre_item["text"], "pre_item": pre_item["item_id"],
                    "post_item": post_item["item_id"], "pre_correct": shares[0],
                    "post_correct": shares[1], "n": len(paired)})
    return pd.DataFrame(out, columns=["question", "text", "pre_item", "post_item", "pre_correct",
                                      "post_correct", "n"])


def open_answers(responses: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Non-empty answers to open questions, without any participant identifier.

    Returns
    -------
    pandas.DataFrame
        ``instrument``, ``item_id``, ``text`` (the question), ``answer``; rows in
        submission order within each question.
    """
    open_items = items[items["kind"] == "open"].drop_duplicates("item_id").set_index("item_id")
    rows = responses[responses["item_id"].isin(open_items.index)]
    rows = rows[rows["answer"].map(normalise_answer) != ""] if "answer" in rows else rows.iloc[:0]
    if "submitted_at" in rows:
        rows = rows.sort_values(["instrument", "item_id", "submitted_at"], kind="stable")
    return pd.DataFrame({
        "instrument": rows["instrument"].to_numpy(),
        "item_id": rows["item_id"].to_numpy(),
        "text": rows["item_id"].map(open_items["text"]).to_numpy(),
        "answer": rows["answer"].astype(str).str.strip().to_numpy(),
    })

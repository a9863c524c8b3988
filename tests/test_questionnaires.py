"""Questionnaire statistics against hand calculations and scipy."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from conftest import wilson_by_hand
from toolkit.questionnaires import (KNOWLEDGE_COLUMNS, LIKERT_COLUMNS, cronbach_alpha,
                                    item_difficulty, knowledge_scores, knowledge_table,
                                    knowledge_tests, likert_by_instrument, likert_table,
                                    likert_values, open_answers,
                                    scale_reliability)

ITEMS = pd.DataFrame({
    "item_id": ["q1", "q2", "q3", "c1"],
    "instrument": ["ankieta"] * 4,
    "text": ["Przydatność", "Trenerzy", "Materiały", "Uwagi"],
    "kind": ["likert", "likert", "likert", "open"],
    "scale": ["agree5", "rating5", "rating5", None],
    "construct": ["s", "s", "s", None],
    "correct": [None] * 4,
})


def responses(rows) -> pd.DataFrame:
    """``rows``: (response_id, gmina_id, item_id, answer)."""
    frame = pd.DataFrame(rows, columns=["response_id", "gmina_id", "item_id", "answer"])
    frame["instrument"] = "ankieta"
    frame["participant_id"] = None
    frame["submitted_at"] = pd.Timestamp("2014-11-21")
    return frame


def test_likert_values_labels_numbers_and_non_answers():
    answers = pd.Series(["raczej tak", "ZDECYDOWANIE  NIE", "4", "trudno powiedzieć", "", "dobrze",
                         "7", None])
    scales = pd.Series(["agree5"] * 5 + ["agree5", "agree5", "agree5"])
    values, invalid = likert_values(answers, scales)
    assert values.tolist()[:3] == [4.0, 1.0, 4.0]
    assert values.iloc[3:].isna().all()
    assert invalid.tolist() == [False, False, False, False, False, True, True, False]


def test_likert_figures_by_hand():
    rows = [(f"R{i}", "1208053", "q1", a) for i, a in enumerate(
        ["zdecydowanie tak", "raczej tak", "ani tak, ani nie", "raczej nie", "5", "nie wiem"])]
    rows += [("S1", "0201011", "q1", "5"), ("S2", "0201011", "q1", "4")]
    out = likert_table(responses(rows), ITEMS)
    assert list(out.columns) == LIKERT_COLUMNS
    row = out[(out.gmina_id == "1208053") & (out.item_id == "q1")].iloc[0]
    values = [5, 4, 3, 2, 5]  # "nie wiem" is a non-answer
    assert row["n"] == 5 and row["mean"] == pytest.approx(19 / 5)
    assert row["sd"] == pytest.approx(math.sqrt(sum((v - 3.8) ** 2 for v in values) / 4))
    assert row["share_positive"] == pytest.approx(3 / 5)
    assert (row["positive_low"], row["positive_high"]) == pytest.approx(wilson_by_hand(3, 5))
    assert [row[f"n_{v}"] for v in range(1, 6)] == [0, 1, 1, 1, 2]
    assert not row["suppressed"]
    # Two answers in Bolesławiec: suppressed, no figures shown.
    small = out[(out.gmina_id == "0201011")].iloc[0]
    assert small["suppressed"] and small["n"] == 2
    assert small[["mean", "sd", "share_positive", "n_5"]].isna().all()
    # The programme row pools all seven valid answers.
    whole = out[out.gmina_id == "ALL"].iloc[0]
    assert whole["n"] == 7 and whole["mean"] == pytest.approx(28 / 7)


def test_cronbach_alpha_by_hand():
    # 5 respondents × 3 items. Item variances (ddof 1): 6.8/4 = 1.7, 6.8/4 = 1.7, 1.2/4 = 0.3,
    # Σ = 3.7; totals 6, 9, 12, 10, 13 (mean 10): variance 30/4 = 7.5;
    # α = 3/2 · (1 − 3.7/7.5) = 0.76.
    data = pd.DataFrame({"a": [1, 2, 4, 3, 4], "b": [2, 4, 5, 3, 5], "c": [3, 3, 3, 4, 4]})
    result = cronbach_alpha(data)
    assert result["alpha"] == pytest.approx(0.76)
    assert (result["n"], result["k"]) == (5, 3)
    # Feldt's interval on F(n − 1, (n − 1)(k − 1)) = F(4, 8).
    assert result["ci_low"] == pytest.approx(1 - 0.24 * stats.f.ppf(0.975, 4, 8))
    assert result["ci_high"] == pytest.approx(1 - 0.24 * stats.f.ppf(0.025, 4, 8))
    assert result["ci_low"] < 0.76 < result["ci_high"]


def alpha_by_hand(rows: list[tuple]) -> float:
    """Cronbach's alpha written out from the formula, in plain Python: rows are respondents.

    α = k/(k − 1) · (1 − Σ var(item) / var(total)), sample variances (n − 1).
    """
    def var(values):
        mean = sum(values) / len(values)
        return sum((v - mean) ** 2 for v in values) / (len(values) - 1)

    k = len(rows[0])
    items = sum(var([r[j] for r in rows]) for j in range(k))
    return k / (k - 1) * (1 - items / var([sum(r) for r in rows]))


def scale_rows(answers: list[tuple], items=("q1", "q2", "q3")) -> list[tuple]:
    rows = []
    for i, answer in enumerate(answers):
        rows += [(f"R{i}", "1208053", item, str(a)) for item, a in zip(items, answer)]
    return rows


#: Ten respondents' answers to q1–q3, all complete (α ≈ 0.9, by hand below).
TEN = [(5, 4, 4), (4, 4, 3), (2, 3, 2), (3, 3, 3), (1, 2, 1), (5, 5, 4), (4, 3, 4),
       (2, 2, 3), (3, 4, 3), (1, 1, 2)]


def test_alpha_is_not_computed_for_a_two_item_scale():
    items = ITEMS.assign(construct=["s", "s", None, None])  # q3 outside the scale
    scales, deleted = scale_reliability(responses(scale_rows(TEN)), items)
    row = scales.iloc[0]
    assert (row["k"], row["n"], row["status"]) == (2, 10, "too_few_items")
    assert row[["alpha", "ci_low", "ci_high"]].isna().all() and deleted.empty


def test_alpha_is_not_computed_from_nine_complete_respondents():
    # Nine complete, a tenth without q3: nine complete respondents.
    tenth = [("R9", "1208053", "q1", "1"), ("R9", "1208053", "q2", "1")]
    scales, deleted = scale_reliability(responses(scale_rows(TEN[:9]) + tenth), ITEMS)
    row = scales.iloc[0]
    assert (row["k"], row["n"], row["status"]) == (3, 9, "too_few_respondents")
    assert row[["alpha", "ci_low", "ci_high"]].isna().all() and deleted.empty


def test_negative_alpha_is_not_interpretable():
    # q3 runs against q1 and q2: the total varies less than the items (α < 0).
    answers = [(a, b, 6 - a) for a, b in [(5, 4), (4, 5), (2, 1), (1, 2), (3, 3), (5, 5),
                                           (1, 1), (4, 4), (2, 2), (3, 4)]]
    expected = alpha_by_hand(answers)
    assert expected < 0
    scales, deleted = scale_reliability(responses(scale_rows(answers)), ITEMS)
    row = scales.iloc[0]
    assert (row["k"], row["n"], row["status"]) == (3, 10, "negative")
    assert row["alpha"] == pytest.approx(expected)
    assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"]) and deleted.empty


def test_alpha_shown_from_three_items_and_ten_respondents_by_hand():
    scales, deleted = scale_reliability(responses(scale_rows(TEN)), ITEMS)
    row = scales.iloc[0]
    assert (row["k"], row["n"], row["status"]) == (3, 10, "computed")
    alpha = alpha_by_hand(TEN)
    assert 0 < alpha < 1
    assert row["alpha"] == pytest.approx(alpha)
    assert row["ci_low"] < alpha < row["ci_high"]
    dropped = deleted.set_index("item_id")["alpha_if_deleted"]
    assert list(dropped.index) == ["q1", "q2", "q3"]
    for j, item in enumerate(["q1", "q2", "q3"]):
        rest = [tuple(v for i, v in enumerate(r) if i != j) for r in TEN]
        assert dropped[item] == pytest.approx(alpha_by_hand(rest))


def test_alpha_minimums_come_from_config():
    from toolkit import config

    assert (config.MIN_ALPHA_ITEMS, config.MIN_ALPHA_RESPONDENTS) == (3, 10)
    # Lowered minimums let the same two-item scale through.
    items = ITEMS.assign(construct=["s", "s", None, None])
    scales, _ = scale_reliability(responses(scale_rows(TEN)), items, min_items=2)
    assert scales.loc[0, "status"] == "computed"
    assert scales.loc[0, "alpha"] == pytest.approx(alpha_by_hand([r[:2] for r in TEN]))


KNOWLEDGE = pd.DataFrame({
    "item_id": [f"pre{i}" for i in range(1, 5)] + [f"post{i}" for i in range(1, 5)],
    "instrument": ["test_pre"] * 4 + ["test_post"] * 4,
    "text": ["Pytanie 1", "Pytanie 2", "Pytanie 3", "Pytanie 4"] * 2,
    "kind": ["knowledge"] * 8,
    "scale": None, "construct": None,
    "correct": ["a", "b", "c", "D"] * 2,
})


def knowledge_answers(pairs: dict[str, tuple[str, str]], gmina="1208053") -> pd.DataFrame:
    """``{participant: ("abcd", "abcx")}``: answers to the four questions before and after;
    ``_`` is an empty answer, ``.`` no row."""
    rows = []
    for pid, (pre, post) in pairs.items():
        for wave, answers in (("pre", pre), ("post", post)):
            for i, a in enumerate(answers, start=1):
                if a != ".":
                    rows.append((f"{pid}-{wave}", f"test_{wave}", f"{wave}{i}",
                                 "" if a == "_" else a, pid, gmina))
    return pd.DataFrame(rows, columns=["response_id", "instrument", "item_id", "answer",
                                       "participant_id", "gmina_id"])


def test_knowledge_scores_by_hand():
    answers = knowledge_answers({"A": ("axcd", "abcd"), "B": ("_.cD", "abcX"), "C": ("abcd", "....")})
    assert knowledge_tests(KNOWLEDGE) == ["test"]
    scores = knowledge_scores(answers, KNOWLEDGE, "test").set_index("participant_id")
    # A: 3/4 → 4/4; B: empty and missing are wrong, 'D' matches 'd' → 2/4 → 3/4; C has no post.
    assert scores.loc["A", ["pre", "post", "gain"]].tolist() == [0.75, 1.0, 0.25]
    assert scores.loc["B", ["pre", "post", "gain"]].tolist() == [0.5, 0.75, 0.25]
    assert "C" not in scores.index


def test_no_test_below_six_pairs():
    answers = knowledge_answers({p: ("axxx", "abxx") for p in "ABCDE"})
    out = knowledge_table(answers, KNOWLEDGE, "test")
    assert list(out.columns) == KNOWLEDGE_COLUMNS
    row = out.iloc[0]
    assert row["n_pairs"] == 5 and row["test"] == ""
    assert math.isnan(row["p_value"]) and math.isnan(row["effect_size"])
    assert row["gain_mean"] == pytest.approx(0.25)


def test_no_test_below_six_non_zero_differences():
    # Eight pairs, but three scored the same before and after: 5 non-zero differences,
    # and the Wilcoxon test drops zeros, so it could not reach p < 0.05: not run.
    same = {p: ("abxx", "abxx") for p in "XYZ"}
    answers = knowledge_answers({**{p: ("axxx", "abxx") for p in "ABCDE"}, **same})
    row = knowledge_table(answers, KNOWLEDGE, "test").iloc[0]
    assert row[["n_pairs", "n_nonzero", "test"]].tolist() == [8, 5, ""]
    assert math.isnan(row["p_value"]) and math.isnan(row["effect_size"])
    # A sixth changed score: the test is run, over the six non-zero differences only.
    answers = knowledge_answers({**{p: ("axxx", "abxx") for p in "ABCDEF"}, **same})
    row = knowledge_table(answers, KNOWLEDGE, "test").iloc[0]
    assert row[["n_pairs", "n_nonzero", "test"]].tolist() == [9, 6, "wilcoxon-permutation"]
    assert row["p_value"] == pytest.approx(stats.wilcoxon([1] * 6, method="exact").pvalue)
    assert row["p_value"] == pytest.approx(2 / 64) and row["effect_size"] == 1.0


def _shares_test(pre: list[float], post: list[float]):
    """Knowledge tables for participants whose shares correct are pre → post (of 8 items)."""
    items = pd.DataFrame({
        "item_id": [f"{w}{i}" for w in ("pre", "post") for i in range(8)],
        "instrument": [f"t_{w}" for w in ("pre", "post") for _ in range(8)],
        "text": [f"Q{i}" for _ in range(2) for i in range(8)], "kind": "knowledge",
        "correct": "a"})
    rows = []
    for p, (a, b) in enumerate(zip(pre, post)):
        for wave, share in (("pre", a), ("post", b)):
            right = round(share * 8)
            rows += [(f"{p}{wave}", f"t_{wave}", f"{wave}{i}", "a" if i < right else "b", f"P{p}",
                      "1208053") for i in range(8)]
    answers = pd.DataFrame(rows, columns=["response_id", "instrument", "item_id", "answer",
                                          "participant_id", "gmina_id"])
    return knowledge_table(answers, items, "t").iloc[0]


def test_wilcoxon_exact_p_and_rank_biserial_by_hand():
    # Six distinct positive gains: exact two-sided p = 2 / 2⁶ = 0.03125; r = 1.
    pre = [0.0] * 6
    post = [1 / 8, 2 / 8, 3 / 8, 4 / 8, 5 / 8, 6 / 8]
    row = _shares_test(pre, post)
    assert row["test"] == "wilcoxon-exact" and row["n_pairs"] == 6
    assert row["p_value"] == pytest.approx(2 / 64) and row["effect_size"] == pytest.approx(1.0)
    # Gains 1..5 eighths and one loss of 6: R⁺ = 15, R⁻ = 6 → r = 9/21; exact p = 2·14/64.
    row = _shares_test([0.0] * 5 + [0.75], [1 / 8, 2 / 8, 3 / 8, 4 / 8, 5 / 8, 0.0])
    assert row["effect_size"] == pytest.approx(9 / 21)
    assert row["p_value"] == pytest.approx(28 / 64)
    assert row["p_value"] == pytest.approx(stats.wilcoxon([1, 2, 3, 4, 5, -6]).pvalue)


def _counts_test(pre: list[int], post: list[int], k: int, k_post: int | None = None):
    """Scores and knowledge table of participants with ``pre``/``post`` correct answers
    out of ``k`` questions (``k_post`` after, if different)."""
    k_post = k if k_post is None else k_post
    sizes = {"pre": k, "post": k_post}
    items = pd.DataFrame({
        "item_id": [f"{w}{i}" for w in ("pre", "post") for i in range(sizes[w])],
        "instrument": [f"t_{w}" for w in ("pre", "post") for _ in range(sizes[w])],
        "text": [f"Q{i}" for w in ("pre", "post") for i in range(sizes[w])], "kind": "knowledge",
        "correct": "a"})
    rows = []
    for p, (a, b) in enumerate(zip(pre, post)):
        for wave, right in (("pre", a), ("post", b)):
            rows += [(f"{p}{wave}", f"t_{wave}", f"{wave}{i}", "a" if i < right else "b", f"P{p}",
                      "1208053") for i in range(sizes[wave])]
    answers = pd.DataFrame(rows, columns=["response_id", "instrument", "item_id", "answer",
                                          "participant_id", "gmina_id"])
    return knowledge_scores(answers, items, "t"), knowledge_table(answers, items, "t").iloc[0]


def test_five_question_test_keeps_its_ties():
    # Shares c/5: as floats, 4/5 − 3/5, 3/5 − 2/5 and 1/5 − 0/5 differ in the last bit,
    # which split one tie into three ranks (p = 0.0938, r = 0.857 before the fix).
    pre, post = [2, 3, 0, 1, 2, 3], [3, 4, 1, 2, 4, 2]
    scores, row = _counts_test(pre, post, k=5)
    exact = np.array(post) - np.array(pre)  # the differences in correct answers
    assert scores["difference"].tolist() == exact.tolist() == [1, 1, 1, 1, 2, -1]
    assert scores["gain"].tolist() == [0.2, 0.2, 0.2, 0.2, 0.4, -0.2]  # equal gains, equal floats
    assert scores["pre_items"].tolist() == [5] * 6
    # Ties among |d| at n = 6: the exact p-value over all 2⁶ sign patterns, which scipy
    # gives by exhaustive permutation; the effect size from the same ranks.
    reference = stats.wilcoxon(exact, method=stats.PermutationMethod())
    assert row["test"] == "wilcoxon-permutation"
    assert row["p_value"] == pytest.approx(stats.wilcoxon(exact).pvalue)  # scipy's "auto"
    assert row["p_value"] == pytest.approx(reference.pvalue) == pytest.approx(0.1875)
    # Mid-ranks: the five |1|s share rank 3, the 2 has rank 6: R⁺ = 4·3 + 6 = 18, R⁻ = 3.
    assert row["effect_size"] == pytest.approx((18 - 3) / 21) == pytest.approx(0.714, abs=5e-4)


def test_pre_and_post_tests_of_different_lengths():
    # 3 of 4 before, 4 of 5 after: the gain is 4/5 − 3/4 = 1/20, in units of 1/20: 1.
    scores, _ = _counts_test([3, 2], [4, 5], k=4, k_post=5)
    assert scores["difference"].tolist() == [1, 10]
    assert scores["gain"].tolist() == [0.05, 0.5]


@pytest.mark.parametrize("seed, n, span, reference", [
    (1, 8, 20, "exact"), (2, 20, 60, "exact"), (3, 50, 400, "exact"),    # distinct |d|
    (4, 9, 3, "permutation"), (5, 10, 4, "permutation"),                 # ties, n ≤ 13
    (6, 18, 5, "asymptotic"), (10, 17, 2, "asymptotic"),                # ties, n > 13: normal
    (7, 80, 6, "asymptotic"), (8, 200, 30, "asymptotic"),               # above 50: normal
    (11, 12, 3, "every_sign"),                                         # ties, by hand
])
def test_signed_rank_test_against_scipy(seed, n, span, reference):
    from toolkit._statistics import signed_rank_test

    rng = np.random.default_rng(seed)
    if reference == "exact":
        d = rng.choice(np.arange(1, span), size=n, replace=False) * rng.choice([-1, 1], size=n)
        d[0] = abs(d[0])  # not all of one sign
    else:
        d = rng.integers(-span, span + 2, size=n)  # ties and zeros
    nonzero = d[d != 0]
    ranks = stats.rankdata(np.abs(nonzero))
    plus, minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
    if reference == "every_sign":
        # Beyond scipy's exhaustive range: R⁺ of every one of the 2ⁿ sign patterns.
        import itertools

        every = np.array(list(itertools.product([0, 1], repeat=len(ranks)))) @ ranks
        expected = min(1.0, 2 * min((every <= plus).mean(), (every >= plus).mean()))
    else:
        method = {"exact": "exact", "asymptotic": "asymptotic",
                  "permutation": stats.PermutationMethod()}[reference]
        expected = stats.wilcoxon(nonzero, method=method, zero_method="wilcox").pvalue
    got = signed_rank_test(d, 6)
    assert got["n_nonzero"] == len(nonzero)
    assert got["test"] == {"exact": "wilcoxon-exact", "permutation": "wilcoxon-permutation",
                           "every_sign": "wilcoxon-permutation",
                           "asymptotic": "wilcoxon-approx"}[reference]
    assert got["p_value"] == pytest.approx(expected, rel=1e-9)
    # The method is the one scipy's own default ("auto", scipy >= 1.15) picks.
    assert got["p_value"] == pytest.approx(stats.wilcoxon(d).pvalue, rel=1e-9)
    assert got["effect_size"] == pytest.approx((plus - minus) / (plus + minus))


def test_knowledge_items_without_a_correct_answer_are_left_out():
    answers = knowledge_answers({"A": ("axcd", "abcd"), "B": ("abxd", "abcd")})
    # Question 4 has no correct answer: scored out of 3.
    partial = KNOWLEDGE.assign(correct=["a", "b", "c", None] * 2)
    scores = knowledge_scores(answers, partial, "test").set_index("participant_id")
    assert scores.loc["A", ["pre_correct", "post_correct", "pre_items"]].tolist() == [2, 3, 3]
    assert scores.loc["A", "pre"] == 2 / 3
    assert item_difficulty(answers, partial, "test")["question"].tolist() == [1, 2, 3]
    # No correct column at all: no test can be scored, nothing crashes.
    bare = KNOWLEDGE.drop(columns="correct")
    assert knowledge_scores(answers, bare, "test").empty
    assert item_difficulty(answers, bare, "test").empty
    table = knowledge_table(answers, bare, "test")
    assert table["gmina_id"].tolist() == ["ALL"] and table["n_pairs"].tolist() == [0]


def test_item_difficulty_pairs_questions_by_text():
    answers = knowledge_answers({"A": ("axcd", "abcd"), "B": ("abxd", "abcd")})
    out = item_difficulty(answers, KNOWLEDGE, "test").set_index("question")
    assert out.loc[2, ["pre_correct", "post_correct"]].tolist() == [0.5, 1.0]
    assert out.loc[3, ["pre_correct", "post_correct"]].tolist() == [0.5, 1.0]
    assert out.loc[1, ["pre_correct", "post_correct", "n"]].tolist() == [1.0, 1.0, 2]


def test_open_answers_carry_no_identifier():
    rows = responses([("R1", "1208053", "c1", "Więcej przykładów"), ("R2", "1208053", "c1", "  "),
                      ("R3", "1208053", "c1", "Sala za mała;\nkawa zimna")])
    rows["participant_id"] = ["P1", "P2", "P3"]
    out = open_answers(rows, ITEMS)
    assert out["answer"].tolist() == ["Więcej przykładów", "Sala za mała;\nkawa zimna"]
    assert not {"participant_id", "response_id", "gmina_id"} & set(out.columns)


# -- declared answer scales (SPEC §2 scales) ------------------------------------------------

from toolkit.scales import BUILTIN_SCALES, Scale  # noqa: E402

SCALED_ITEMS = pd.DataFrame({
    "item_id": ["s7", "s10", "t7"],
    "instrument": ["ankieta"] * 3,
    "text": ["Siedem", "Dziesięć", "Siedem bis"],
    "kind": ["likert"] * 3,
    "scale": ["agree7", "nps", "agree7"],  # one declared scale used by two items
    "construct": [None] * 3,
    "correct": [None] * 3,
})
SCALED = {**BUILTIN_SCALES, "agree7": Scale("agree7", 1, 7, 6),
          "nps": Scale("nps", 0, 10, 9, dont_know=frozenset({"nie mam zdania"}))}


def test_likert_values_on_declared_scales_and_unknown_ones():
    answers = pd.Series(["7", "0", "10", "11", "nie mam zdania", "8", "3"])
    names = pd.Series(["agree7", "nps", "nps", "nps", "nps", "agree7", "agree9"])
    values, invalid = likert_values(answers, names, SCALED)
    assert values.tolist()[:3] == [7.0, 0.0, 10.0]
    assert values.iloc[3:].isna().all()
    # 11 is off 0–10, 8 off 1–7; an unknown scale cannot read any answer.
    assert invalid.tolist() == [False, False, False, True, False, True, True]


def test_share_positive_from_each_items_positive_min():
    # s7 (1–7, positive 6–7): 7, 6, 5, 5, 2 → mean 5.0, positive 2/5.
    # s10 (0–10, positive 9–10): 10, 8, 9, 0 → mean 6.75, positive 2/4.
    # t7: every answer ≤ 5 (5, 5, 4) → positive 0, not the 1–5 reading's 3/3.
    rows = ([(f"A{i}", "1208053", "s7", a) for i, a in enumerate(["7", "6", "5", "5", "2"])]
            + [(f"B{i}", "1208053", "s10", a) for i, a in enumerate(["10", "8", "9", "0"])]
            + [(f"C{i}", "1208053", "t7", a) for i, a in enumerate(["5", "5", "4"])])
    out = likert_table(responses(rows), SCALED_ITEMS, scales=SCALED)
    mine = out[out["gmina_id"] == "1208053"].set_index("item_id")
    assert mine.loc["s7", ["n", "mean", "share_positive"]].tolist() == pytest.approx([5, 5.0, 0.4])
    assert mine.loc["s10", ["n", "mean", "share_positive"]].tolist() == pytest.approx(
        [4, 6.75, 0.5])
    assert mine.loc["t7", ["mean", "share_positive"]].tolist() == pytest.approx([14 / 3, 0.0])
    low, high = wilson_by_hand(2, 4)
    assert mine.loc["s10", ["positive_low", "positive_high"]].tolist() == pytest.approx([low, high])
    assert [c for c in out.columns if c.startswith("n_")] == [f"n_{v}" for v in range(11)]
    assert mine.loc["s7", ["n_0", "n_6", "n_7", "n_8"]].tolist() == [0, 1, 1, 0]
    assert mine.loc["s10", "positive_min"] == 9 and mine.loc["s7", "scale_max"] == 7


def test_pooled_questionnaire_mean_only_on_one_range():
    rows = ([(f"A{i}", "1208053", "s7", a) for i, a in enumerate(["7", "6", "2"])]
            + [(f"A{i}", "1208053", "t7", a) for i, a in enumerate(["5", "5", "4"])]
            + [(f"A{i}", "1208053", "s10", a) for i, a in enumerate(["10", "8", "9"])])
    both = likert_by_instrument(responses(rows), SCALED_ITEMS, scales=SCALED)
    mine = both[both["gmina_id"] == "1208053"].iloc[0]
    # 1–7 and 0–10 in one questionnaire: no pooled mean; positive: 7, 6, 10, 9 of 9.
    assert pd.isna(mine["mean"]) and pd.isna(mine["scale_min"])
    assert mine["share_positive"] == pytest.approx(4 / 9)
    seven = likert_by_instrument(responses(rows[:6]), SCALED_ITEMS, scales=SCALED)
    row = seven[seven["gmina_id"] == "1208053"].iloc[0]
    assert row[["mean", "scale_min", "scale_max"]].tolist() == pytest.approx([29 / 6, 1, 7])

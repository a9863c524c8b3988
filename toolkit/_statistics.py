"""Small statistical helpers shared by the domain modules (maths only, no data handling)."""

from __future__ import annotations

import numpy as np

__all__ = ["wilson_interval", "signed_rank_test", "EXACT_MAX_N", "PERMUTATION_MAX_N"]

#: Without ties or zeros, up to this many differences the signed-rank p-value is exact.
EXACT_MAX_N = 50
#: With ties or zeros, up to this many non-zero differences it is exact over all sign
#: patterns of the mid-ranks (a permutation test); above it, normal.
PERMUTATION_MAX_N = 13


def wilson_interval(successes, n, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion (statsmodels), NaN where ``n`` is 0.

    The bounds always hold the observed share: 0 successes give exactly 0 as the lower
    bound and ``n`` successes exactly 1 as the upper one (the formula's values, which
    floating point misses by ~1e-17 for some ``n``).
    """
    from statsmodels.stats.proportion import proportion_confint

    successes = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    safe = np.where(n > 0, n, 1)
    low, high = proportion_confint(successes, safe, alpha=alpha, method="wilson")
    share = successes / safe
    low = np.clip(np.minimum(np.where(successes <= 0, 0.0, low), share), 0.0, 1.0)
    high = np.clip(np.maximum(np.where(successes >= safe, 1.0, high), share), 0.0, 1.0)
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


def _exact_two_sided(doubled_ranks: np.ndarray, doubled_plus: int) -> float:
    """Two-sided p of R⁺ under H0: every sign pattern of the given (mid)ranks equally likely.

    ``doubled_ranks`` are 2 × the ranks (integers, also for mid-ranks of ties);
    the count of sign patterns per value of 2R⁺ is built one rank at a time.
    """
    total = int(doubled_ranks.sum())
    counts = np.zeros(total + 1, dtype=np.int64)  # at most 2**50 patterns: fits int64
    counts[0] = 1
    for rank in doubled_ranks:
        shifted = np.zeros_like(counts)
        shifted[rank:] = counts[: total + 1 - rank]
        counts += shifted
    patterns = 2.0 ** len(doubled_ranks)
    lower = counts[: doubled_plus + 1].sum() / patterns
    upper = counts[doubled_plus:].sum() / patterns
    return float(min(1.0, 2 * min(lower, upper)))


def signed_rank_test(differences, min_nonzero: int) -> dict:
    """Wilcoxon signed-rank test and matched-pairs rank-biserial correlation.

    Parameters
    ----------
    differences
        Paired differences (after − before), exact: integers (or values that compare
        equal exactly when they are equal) — ties are found by equality.
    min_nonzero
        The test is run only with at least this many non-zero differences.

    Returns
    -------
    dict
        ``test`` (``"wilcoxon-exact"``, ``"wilcoxon-permutation"``, ``"wilcoxon-approx"``,
        or ``""`` when not run),
        ``p_value`` (two-sided; NaN when not run), ``effect_size`` (rank-biserial r;
        NaN when not run), ``n_nonzero``.

    Notes
    -----
    Zero differences are dropped before ranking (Wilcoxon's method); ``n`` is the number
    of non-zero differences. The absolute differences are ranked, ties get mid-ranks,
    and R⁺, R⁻ are the rank sums of the positive and negative differences.

    The method follows scipy's ``method="auto"`` (scipy ≥ 1.15), chosen here explicitly
    so that the result does not depend on the installed scipy:

    - no ties and no zeros, ``n ≤`` :data:`EXACT_MAX_N` (``wilcoxon-exact``), or ties
      or zeros with at most :data:`PERMUTATION_MAX_N` pairs, zeros included
      (``wilcoxon-permutation``): the
      null distribution of R⁺ is enumerated over all 2ⁿ sign patterns of the observed
      (mid)ranks; p = min(1, 2·min(P(R⁺ ≤ r), P(R⁺ ≥ r)));
    - otherwise (``wilcoxon-approx``): normal approximation, z = (R⁺ − n(n+1)/4) / σ with
      σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over groups of t tied values, no continuity
      correction; p = 2·(1 − Φ(|z|)).

    r = (R⁺ − R⁻)/(R⁺ + R⁻), from the same ranks.
    """
    from scipy import stats

    d = np.asarray(differences)
    nonzero = d[d != 0]
    n = len(nonzero)
    if n < max(min_nonzero, 1):
        return {"test": "", "p_value": np.nan, "effect_size": np.nan, "n_nonzero": n}
    ranks = stats.rankdata(np.abs(nonzero))  # mid-ranks for ties
    plus, minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
    effect = float((plus - minus) / (plus + minus))
    _, ties = np.unique(np.abs(nonzero), return_counts=True)
    plain = (ties == 1).all() and n == len(d)
    if (plain and n <= EXACT_MAX_N) or (not plain and len(d) <= PERMUTATION_MAX_N):
        doubled = np.rint(2 * ranks).astype(np.int64)
        p = _exact_two_sided(doubled, int(doubled[nonzero > 0].sum()))
        return {"test": "wilcoxon-exact" if plain else "wilcoxon-permutation", "p_value": p,
                "effect_size": effect, "n_nonzero": n}
    variance = n * (n + 1) * (2 * n + 1) / 24 - (ties ** 3 - ties).sum() / 48
    z = (plus - n * (n + 1) / 4) / np.sqrt(variance)
    p = float(min(1.0, 2 * stats.norm.sf(abs(z))))
    return {"test": "wilcoxon-approx", "p_value": p, "effect_size": effect, "n_nonzero": n}

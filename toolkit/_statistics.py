"""Small statistical helpers shared by the domain modules (maths only, no data handling)."""

from __future__ import annotations

import numpy as np

__all__ = ["wilson_interval"]


def wilson_interval(successes, n, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion (statsmodels), NaN where ``n`` is 0."""
    from statsmodels.stats.proportion import proportion_confint

    successes = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    safe = np.where(n > 0, n, 1)
    low, high = proportion_confint(successes, safe, alpha=alpha, method="wilson")
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)

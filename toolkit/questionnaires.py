"""Questionnaires: Likert answers, knowledge tests.

Pure functions: frames in, frames (or series) out.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .config import LIKERT_MAX, LIKERT_MIN, LIKERT_SCALES, NON_ANSWERS

__all__ = ["normalise_answer", "likert_values"]

_SPACE_RUN = re.compile(r"\s+")


def normalise_answer(text) -> str:
    """Lower-case, trim and collapse spaces of an answer label (``'  Raczej  TAK '`` → ``'raczej tak'``)."""
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return ""
    return _SPACE_RUN.sub(" ", str(text)).strip().lower()


def likert_values(answers: pd.Series, scales: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Turn Likert answers into numbers 1–5.

    Parameters
    ----------
    answers
        Raw answers: numbers 1–5 (as text) or the Polish labels of the item's scale.
    scales
        The item's scale name for each answer (``agree5``, ``rating5`` or missing).

    Returns
    -------
    values, invalid
        ``values``: float 1–5, NaN for non-answers ("trudno powiedzieć", "nie wiem",
        "nie dotyczy", empty) and for invalid answers. ``invalid``: True where the
        answer is neither a valid value, a label of the scale nor a non-answer.
    """
    norm = answers.map(normalise_answer)
    values = pd.Series(np.nan, index=answers.index, dtype=float)
    numeric = pd.to_numeric(norm.str.replace(",", ".", regex=False), errors="coerce")
    is_number = numeric.notna() & (numeric == numeric.round()) & numeric.between(LIKERT_MIN, LIKERT_MAX)
    values[is_number] = numeric[is_number]
    for scale, labels in LIKERT_SCALES.items():
        mapped = norm[scales == scale].map(labels)
        values.loc[mapped.index[mapped.notna()]] = mapped.dropna().astype(float)
    non_answer = norm.isin(NON_ANSWERS)
    invalid = values.isna() & ~non_answer
    return values, invalid

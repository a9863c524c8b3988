"""Report wording in Polish (default) and English, and locale-aware formatting (babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

from . import en, pl

__all__ = ["LANGS", "t", "labels", "format_date", "format_period", "format_number", "format_share", "check_lang"]

LANGS = {"pl": pl.TEXT, "en": en.TEXT}
_LOCALES = {"pl": "pl_PL", "en": "en_GB"}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported report language, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def t(key: str, lang: str = "pl", **values) -> str:
    """The report text ``key`` in ``lang``, with ``values`` filled in."""
    return LANGS[check_lang(lang)][key].format(**values)


def labels(key: str, lang: str = "pl") -> dict:
    """A set of labels (a dict, e.g. a plot's keyword arguments) in ``lang``; a copy."""
    import copy

    return copy.deepcopy(LANGS[check_lang(lang)][f"labels_{key}"])


def format_date(value, lang: str = "pl") -> str:
    """``2014-11-21`` → ``21 listopada 2014`` (pl) / ``21 November 2014`` (en)."""
    if value is None:
        return "—"
    if hasattr(value, "date"):
        value = value.date()
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return _babel_date(value, format="long", locale=_LOCALES[check_lang(lang)])


def format_period(first, last, lang: str = "pl") -> str:
    """``20 listopada 2014 – 6 marca 2015`` (one date when both are the same day)."""
    first_text, last_text = format_date(first, lang), format_date(last, lang)
    return first_text if first_text == last_text else f"{first_text} – {last_text}"


def format_number(value, lang: str = "pl", digits: int = 2) -> str:
    """A number with the locale's decimal sign (``2,96`` in Polish)."""
    return format_decimal(round(float(value), digits), locale=_LOCALES[check_lang(lang)],
                          format=f"#,##0.{'#' * digits}" if digits else "#,##0")


def format_share(value, lang: str = "pl", digits: int = 0) -> str:
    """A share 0–1 as a percentage (``87 %`` in Polish, ``87%`` in English)."""
    pattern = "#,##0" + (f".{'0' * digits}" if digits else "") + "\u00a0%"
    if lang == "en":
        pattern = pattern.replace("\u00a0", "")
    return format_percent(float(value), format=pattern, locale=_LOCALES[check_lang(lang)])


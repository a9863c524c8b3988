"""Report wording in Polish (default) and English, and locale-aware formatting (babel).

Words: :func:`t` fills in a text; :func:`tn` picks the plural form of a counted noun by
the CLDR plural rules of the language (``babel.Locale.plural_form``: Polish ``one``,
``few``, ``many``, ``other``; English ``one``, ``other``). Plural entries are the keys
starting with ``n_`` in ``pl.py``/``en.py``, each a dict holding exactly its language's
categories (checked at import).

Numbers: one precision per kind of figure (:data:`FIGURES`), rounded half-up through
``decimal`` (0.525 → ``53 %``, 0.875 → ``88 %``), a real minus sign (U+2212) and the
locale's separators from babel; :func:`format_change` derives a difference from the
values as shown, so the text adds up.
"""

from __future__ import annotations

import datetime as dt
import decimal
import numbers
from decimal import Decimal
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

from . import en, pl

__all__ = ["LANGS", "FIGURES", "Change", "t", "tn", "count_label", "labels", "format_date",
           "format_period", "format_number", "format_share", "format_count", "format_figure",
           "format_change", "shown_difference", "plural_category", "check_lang"]

LANGS = {"pl": pl.TEXT, "en": en.TEXT}
_LOCALES = {"pl": "pl_PL", "en": "en_GB"}
_PLURAL_RULES = {lang: Locale.parse(locale).plural_form for lang, locale in _LOCALES.items()}

MINUS = "\u2212"
_NBSP = "\u00a0"

#: Decimals shown for each kind of figure (README "Numbers and words"). ``share``: a
#: share 0–1 shown as a percentage; ``pp``: a difference of two shares in percentage
#: points; ``mean``: a mean of Likert answers; ``score``: an LIJW score and its changes;
#: ``coefficient``: Cronbach's alpha, effect sizes; ``p_value``; ``count``.
FIGURES = {"share": 0, "pp": 0, "mean": 2, "score": 2, "coefficient": 2, "p_value": 3,
           "count": 0}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported report language, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


_CLDR = {"zero", "one", "two", "few", "many", "other"}  # the plural categories


def _check_plurals() -> None:
    """Every ``n_`` entry, and every label given as plural forms, holds exactly its
    locale's plural categories (and ``other``)."""
    for lang, text in LANGS.items():
        wanted = set(_PLURAL_RULES[lang].tags) | {"other"}
        # The catalogues' plural entries, and the counting labels of the plots' label sets.
        entries = list(text.items()) + [
            (f"{key}.{name}", label) for key, entry in text.items() if key.startswith("labels_")
            for name, label in entry.items() if isinstance(label, dict) and set(label) & _CLDR]
        for key, entry in entries:
            plural = key.startswith("n_") or "." in key
            if plural and (not isinstance(entry, dict) or set(entry) != wanted):
                got = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
                raise ValueError(f"toolkit/text/{lang}.py: {key}: plural forms must be "
                                 f"{sorted(wanted)}; got {got}")


_check_plurals()


def t(key: str, lang: str = "pl", **values) -> str:
    """The report text ``key`` in ``lang``, with ``values`` filled in.

    A whole number (an ``int``, not a ``bool``) is shown as a count in ``lang``'s grouping,
    as :func:`tn` shows it: ``9 744 z 11 079``, never ``9744 z 11 079``.
    """
    values = {name: format_count(value, lang) if _is_count(value) else value
              for name, value in values.items()}
    return LANGS[check_lang(lang)][key].format(**values)


def _is_count(value) -> bool:
    """A whole number given as a number (numpy's too): not a bool, not a float."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def tn(key: str, n, lang: str = "pl", *, n_markup: str = "{}", **values) -> str:
    """The plural entry ``key`` for the count ``n`` in ``lang``, with ``n`` formatted.

    Parameters
    ----------
    key : str
        A key starting with ``n_`` in ``pl.py``/``en.py``, e.g. ``"n_gminas"``.
    n : int, float or Decimal
        The count. A whole number is shown with the locale's grouping (``1 234``), a
        fraction with up to two decimals (``7,5``); the form follows the number as shown.
    lang : {"pl", "en"}
    n_markup : str
        Wraps the formatted number, e.g. ``"<b>{}</b>"``.
    **values
        Other fields of the text.

    Returns
    -------
    str
        ``tn("n_gminas", 22)`` → ``22 gminy``; ``tn("n_gminas", 25)`` → ``25 gmin``;
        ``tn("n_gminas", 2, "en")`` → ``2 gminas``.
    """
    shown = _shown_count(n)
    return _plural(key, shown, n_markup.format(_count_text(shown, lang)), lang, **values)


def count_label(label: str | dict, n, lang: str = "pl", **values) -> str:
    """A plot's label that counts: ``label`` with the count ``n`` formatted for ``lang``.

    ``label`` is a text with ``{n}`` or, where the counted noun changes with the number,
    its plural forms by CLDR category (as an ``n_`` entry of the catalogues): the labels
    a section passes to a plot, which knows the count. ``count_label({"one": "{n} gmina",
    "few": "{n} gminy", "many": "{n} gmin", "other": "{n} gminy"}, 2419)`` →
    ``2 419 gmin``.
    """
    shown = _shown_count(n)
    if isinstance(label, dict):
        label = label[_PLURAL_RULES[check_lang(lang)](abs(shown))]
    return label.format(n=_count_text(shown, lang), **values)


def _count_text(shown: Decimal, lang: str) -> str:
    """A count as shown: the locale's grouping, up to two decimals for a fraction."""
    return _format(shown, "#,##0" if shown == shown.to_integral_value() else "#,##0.##", lang)


def _plural(key: str, shown: Decimal, text: str, lang: str, **values) -> str:
    """The form of plural entry ``key`` for the number ``shown`` (shown as ``text``)."""
    entry = LANGS[check_lang(lang)][key]
    return entry[_PLURAL_RULES[lang](abs(shown))].format(n=text, **values)


def plural_category(n, lang: str = "pl") -> str:
    """The CLDR plural category of ``n`` as shown: ``one``, ``few``, ``many`` or ``other``."""
    return _PLURAL_RULES[check_lang(lang)](abs(_shown_count(n)))


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


# -- numbers -------------------------------------------------------------------------------


#: Significant digits a float is trusted to (the guard against binary noise): a mean of
#: 2.30 and 2.31 is stored as 2.3049999999999997, which is 2.305 to 12 digits and so shows
#: as 2,31 (half-up on the decimal value), not 2,30.
_TRUSTED_DIGITS = 12


def _decimal(value) -> Decimal:
    """``value`` as the Decimal a person reads (0.145 → 0.145, not 0.14499…).

    A float is taken at its shortest ``repr`` and then to :data:`_TRUSTED_DIGITS`
    significant digits, so that arithmetic noise in the last binary digits (2.30499…97
    for 2.305) never decides a half-up rounding.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        return exact
    with decimal.localcontext() as context:
        context.prec = _TRUSTED_DIGITS
        context.rounding = decimal.ROUND_HALF_EVEN
        return +exact


def _round(value: Decimal, digits: int) -> Decimal:
    """Half-up to ``digits`` decimals; ``-0`` becomes ``0``."""
    rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def _shown_count(n) -> Decimal:
    """A count as shown: whole numbers without decimals, fractions to at most two."""
    value = _round(_decimal(n), 2)
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


def _format(value: Decimal, pattern: str, lang: str, percent: bool = False) -> str:
    """Babel formatting, rounding half-up, with a real minus sign."""
    locale = _LOCALES[check_lang(lang)]
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        if percent:
            text = format_percent(value, format=pattern, locale=locale)
        else:
            text = format_decimal(value, format=pattern, locale=locale)
    return _minus(text)


def _decimals(digits: int, fixed: bool) -> str:
    return ("." + ("0" if fixed else "#") * digits) if digits else ""


def _percent_pattern(digits: int, lang: str) -> str:
    return "#,##0" + _decimals(digits, True) + (_NBSP if lang == "pl" else "") + "%"


def format_number(value, lang: str = "pl", digits: int = 2) -> str:
    """A quantity with up to ``digits`` decimals (``52,5``, ``2,96``, ``8``), rounded half-up.

    For figures of a kind (means, scores, p-values: fixed decimals) use
    :func:`format_figure`.
    """
    value = _round(_decimal(value), digits)
    return _format(value, "#,##0" + _decimals(digits, False), lang)


def format_count(value, lang: str = "pl") -> str:
    """A whole number with the locale's grouping (``11 079`` in Polish, ``11,079`` in English)."""
    return _format(_round(_decimal(value), 0), "#,##0", lang)


def format_share(value, lang: str = "pl", digits: int = 0) -> str:
    """A share 0–1 as a percentage, half-up (``53 %`` in Polish with a no-break space,
    ``53%`` in English)."""
    value = _round(_decimal(value), digits + 2)
    return _format(value, _percent_pattern(digits, lang), lang, percent=True)


def format_figure(value, kind: str, lang: str = "pl", *, signed: bool = False) -> str:
    """A figure of a kind (:data:`FIGURES`) with that kind's fixed number of decimals.

    Parameters
    ----------
    value : float, int or Decimal
        For ``share`` a share 0–1; for ``pp`` a difference of two shares 0–1 (0.375 is
        38 percentage points); otherwise the figure itself.
    kind : str
        A key of :data:`FIGURES`.
    lang : {"pl", "en"}
    signed : bool
        Show ``+`` before a positive value (a change); ``pp`` is always signed.

    Returns
    -------
    str
        ``format_figure(4.5, "mean")`` → ``4,50``; ``format_figure(-0.2, "score")`` →
        ``−0,20``; ``format_figure(0.525, "share")`` → ``53 %``;
        ``format_figure(0.375, "pp")`` → ``+38 pkt proc.``.
    """
    if kind not in FIGURES:
        raise ValueError(f"kind must be one of {', '.join(FIGURES)}; got {kind!r}")
    digits = FIGURES[kind]
    pattern = "#,##0" + _decimals(digits, True)
    if kind == "share":
        shown = _round(_decimal(value) * 100, digits)
        text = _format(shown / 100, _percent_pattern(digits, lang), lang, percent=True)
    elif kind == "pp":
        shown = _round(_decimal(value) * 100, digits)
        text = _plural("n_pp", shown, _format(shown, pattern, lang), lang)
        signed = True
    else:
        shown = _round(_decimal(value), digits)
        text = _format(shown, pattern, lang)
    return "+" + text if signed and shown > 0 else text


class Change(NamedTuple):
    """A before/after pair as shown, and the change derived from the shown values."""

    before: str
    after: str
    change: str
    #: the change in the unit shown (percentage points for shares), from the rounded values
    difference: Decimal


def format_change(before, after, kind: str, lang: str = "pl") -> Change:
    """``before`` and ``after`` rounded as shown, and their difference from those roundings.

    Parameters
    ----------
    before, after : float, int or Decimal
        Two figures of the same kind.
    kind : str
        A key of :data:`FIGURES`. For ``share`` the change is in percentage points.
    lang : {"pl", "en"}

    Returns
    -------
    Change
        ``format_change(0.525, 0.9, "share")`` → ``Change("53 %", "90 %", "+37 pkt proc.",
        Decimal("37"))``: 90 − 53, not the unrounded 37.5 shown as 38.
    """
    difference = shown_difference(before, after, kind)
    if kind == "share":
        change = format_figure(difference / 100, "pp", lang)
    else:
        change = format_figure(difference, kind, lang, signed=True)
    return Change(format_figure(before, kind, lang), format_figure(after, kind, lang), change,
                  difference)


def shown_difference(before, after, kind: str) -> Decimal:
    """``after − before`` of the two figures as shown (each rounded half-up to its kind's
    decimals): the one rule for every change a report, chart or text alternative shows.

    Parameters
    ----------
    before, after : float, int or Decimal
        Two figures of the same kind.
    kind : str
        A key of :data:`FIGURES`. For ``share`` the difference is in percentage points.

    Returns
    -------
    Decimal
        ``shown_difference(2.3049999999999997, 3.24, "score")`` → ``Decimal("0.93")``
        (3,24 − 2,31); ``shown_difference(0.525, 0.9, "share")`` → ``Decimal("37")``.
    """
    if kind not in FIGURES:
        raise ValueError(f"kind must be one of {', '.join(FIGURES)}; got {kind!r}")
    digits = FIGURES[kind]
    scale = 100 if kind == "share" else 1
    first = _round(_decimal(before) * scale, digits)
    last = _round(_decimal(after) * scale, digits)
    return last - first


def unnest_brackets(text: str) -> str:
    """Brackets inside brackets written with a comma instead, as Polish style wants:
    ``(diagnoza (2021))`` → ``(diagnoza, 2021)``.

    Only a bracket opened after a space inside another bracket is rewritten; Markdown
    links (``[text](#anchor)``) and unbalanced brackets are left as they are.
    """
    if not text or "(" not in text:
        return text
    stack: list[int] = []
    pending: dict[int, list[tuple[int, int]]] = {}
    drop: dict[int, str] = {}
    for i, char in enumerate(text):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            start = stack.pop()
            # Rewritten only once the outer bracket closes too (so it is balanced).
            for inner_start, inner_end in pending.pop(start, []):
                drop.update({inner_start - 1: ",", inner_start: " ", inner_end: ""})
            outer = stack[-1] if stack else None
            if (outer is not None and start > 0 and text[start - 1] == " "
                    and text[outer - 1:outer] != "]"):
                pending.setdefault(outer, []).append((start, i))
    if not drop:
        return text
    out = [drop.get(i, c) for i, c in enumerate(text)]
    return "".join(out).replace(",  ", ", ")


__all__ += ["unnest_brackets"]

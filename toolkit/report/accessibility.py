"""Accessibility fixes of the exported report page (WCAG 2.1 AA, checked with axe-core).

nbconvert's page is close to accessible; what it gets wrong is fixed here, after export,
so the report's wording and the notebook are untouched:

- ``<html lang>``: nbconvert writes ``en`` whatever the report's language; the page
  gets the notebook's papermill parameter ``lang`` (screen readers pick their voice by it).
- images: nbconvert gives an image without a text alternative the English alt
  "No description has been provided for this image". A figure displayed with ``alt``
  metadata keeps it; one without gets an alt in the report's language saying that it has
  no text description (not an invented description).
- keyboard: each cell's input and output area can take the focus (``tabindex="0"``), so
  that one wider than the page can be scrolled without a mouse (nbconvert's own exporter
  does this in a pass of its own; the report's exporter leaves it here).
- table headers: pandas' header cells (``<th>``) get ``scope`` (``col``/``colgroup``
  in the head, ``row``/``rowgroup`` in the body), so each data cell's headers are unambiguous.

``tests/test_accessibility.py`` runs axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa)
on every demo report and the summary.
"""

from __future__ import annotations

from ..text import check_lang, t

__all__ = ["NBCONVERT_PLACEHOLDER_ALT", "accessible_html", "missing_alt_count"]

#: The alt text nbconvert gives an image that has none.
NBCONVERT_PLACEHOLDER_ALT = "No description has been provided for this image"
DEFAULT_LANG = "pl"
#: What nbconvert's HTML exporter makes focusable: cells' inputs and outputs.
_FOCUSABLE = ".jp-Notebook div.jp-Cell-inputWrapper, .jp-Notebook div.jp-OutputArea-output"


def _soup(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, features="html.parser")


def accessible_html(html: str, lang: str = DEFAULT_LANG) -> str:
    """The exported page ``html`` with the fixes above, for a report in ``lang``.

    Parameters
    ----------
    html
        A page exported by nbconvert (:func:`toolkit.report.export.notebook_to_html`).
    lang
        The report's language, ``"pl"`` or ``"en"``.

    Returns
    -------
    str
        The fixed page; applying it again changes nothing.
    """
    lang = check_lang(lang)
    soup = _soup(html)
    root = soup.find("html")
    if root is not None:
        root["lang"] = lang
    for area in soup.select(_FOCUSABLE):
        area["tabindex"] = "0"
    for image in soup.find_all("img"):
        alt = image.get("alt")
        if alt is None or alt.strip() == NBCONVERT_PLACEHOLDER_ALT:
            image["alt"] = t("figure_no_alt", lang)
    for table in soup.find_all("table"):
        for cell in table.find_all("th"):
            if cell.get("scope"):
                continue
            row = cell.find_parent("tr")
            # A header of columns: in the table's head, or in a row of headers only.
            heads_columns = cell.find_parent("thead") is not None or (
                row is not None and all(c.name == "th" for c in row.find_all(["td", "th"])))
            span = cell.get("colspan" if heads_columns else "rowspan", "1")
            wide = str(span).strip() not in ("", "1")
            cell["scope"] = (("colgroup" if wide else "col") if heads_columns
                             else ("rowgroup" if wide else "row"))
    return str(soup)


def missing_alt_count(html: str, lang: str = DEFAULT_LANG) -> int:
    """How many images of a fixed page have no text description of their own (the
    figures still to describe)."""
    marker = t("figure_no_alt", lang)
    return sum(1 for image in _soup(html).find_all("img") if image.get("alt") == marker)

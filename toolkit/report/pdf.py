"""PDF export of a report's HTML page (WeasyPrint): tagged PDF/UA, title and language set.

The page layout (A4, numbered pages, running header, breaks) is the page's own print
stylesheet, written by :func:`toolkit.report.export.notebook_to_html`.

Every report page carries the same large stylesheets (nbconvert's JupyterLab theme,
≈ 250 kB); parsing them is a good part of a PDF's time. A worker process parses each
distinct stylesheet once and keeps it (with one font configuration) for the reports that
follow: the page's ``<style>`` elements are handed to WeasyPrint already parsed, in the
page's order, so the cascade is the one the page itself gives.

WeasyPrint decodes each PNG and encodes it again only to take its compressed pixel rows
(the PNG's IDAT chunks) into the PDF, ≈ 7 % of a report's PDF time. The report figures'
PNGs (8-bit RGB, not interlaced: :mod:`toolkit.plots._png`) already hold rows as the PDF
needs them, and go in as written (:func:`_stored_rows`); any other image takes
WeasyPrint's own way.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct

__all__ = ["html_to_pdf"]

# The @page rules of a page that has none of its own (an HTML not made by the toolkit).
_FALLBACK = "@page { size: A4; margin: 15mm }"

# A <style> element as nbconvert and pandas write it: no media, CSS type or none.
_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<css>.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_PLAIN_ATTRS = re.compile(r"^\s*(type\s*=\s*[\"']text/css[\"']\s*)?$", re.IGNORECASE)
_LINK = re.compile(r"<link\b", re.IGNORECASE)
# An important declaration in a style attribute: weighed differently against user sheets.
_INLINE_IMPORTANT = re.compile(r"\bstyle\s*=\s*(\"[^\"]*|'[^']*)!\s*important", re.IGNORECASE)

# A PNG's signature (a file format's constant; toolkit.plots._png writes it too: importing
# it from there would load matplotlib into every PDF export), then its header chunk, the
# fields after the size: bit depth, colour type (0 grey, 2 RGB), compression, filter,
# interlace.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_HEADER = struct.Struct("!I4sIIBBBBB")
_PNG_AS_STORED = {(8, 0, 0, 0, 0): "L", (8, 2, 0, 0, 0): "RGB"}

# A long data: URI as an attribute's whole value, with no character the HTML parser would
# read otherwise than it is written (no entity, no quote, no space).
_DATA_URI = re.compile(r'(?<=\ssrc=")data:[\w/+.;,=-]{256,}(?=")')
_STAND_IN = "toolkit-data-uri:{}"

_CACHE_LIMIT = 64  # distinct stylesheets kept per process
_CACHE_MIN = 4096  # characters: a smaller sheet (a table's, the running header's) is cheap


class _Styles:
    """Parsed stylesheets and the font configuration, kept by a worker process."""

    def __init__(self):
        from weasyprint.css.counters import CounterStyle
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        self.counter_style = CounterStyle()
        self.sheets: dict[str, object] = {}

    def sheet(self, css: str):
        from weasyprint import CSS

        key = hashlib.sha256(css.encode("utf-8", "surrogatepass")).hexdigest()
        found = self.sheets.get(key)
        if found is None:
            found = CSS(string=css, font_config=self.font_config,
                        counter_style=self.counter_style)
            if len(css) >= _CACHE_MIN and len(self.sheets) < _CACHE_LIMIT:
                self.sheets[key] = found
        return found


_STYLES: _Styles | None = None


def _styles() -> _Styles:
    global _STYLES
    if _STYLES is None:
        _STYLES = _Styles()
    return _STYLES


def _stored_rows(image) -> bytes | None:
    """The compressed pixel rows of a Pillow ``image`` opened from PNG bytes, as stored,
    when they are what the PDF takes (8-bit grey or RGB, not interlaced, and nothing
    changed since it was opened); else ``None``."""
    source = getattr(image, "fp", None)
    if getattr(image, "format", None) != "PNG" or not isinstance(source, io.BytesIO):
        return None
    data = source.getbuffer()
    if data[:8] != _PNG_SIGNATURE or len(data) < 8 + _PNG_HEADER.size:
        return None
    _, kind, *_, depth, colour, compression, filtering, interlace = _PNG_HEADER.unpack_from(
        data, 8)
    if kind != b"IHDR" or _PNG_AS_STORED.get(
            (depth, colour, compression, filtering, interlace)) != image.mode:
        return None
    rows, at = [], 8
    while at + 8 <= len(data):
        length, kind = struct.unpack_from("!I4s", data, at)
        if kind == b"IDAT":
            rows.append(bytes(data[at + 8:at + 8 + length]))
        at += 12 + length
    return b"".join(rows) or None


def _keep_png_rows() -> None:
    """Let WeasyPrint take a PNG's rows as stored (:func:`_stored_rows`) instead of
    decoding and encoding them again; its own way stays for every other image."""
    from weasyprint.images import RasterImage

    own = RasterImage.__dict__.get("_get_png_data")
    if not isinstance(own, staticmethod) or hasattr(own.__func__, "__wrapped__"):
        return  # not WeasyPrint's method as known, or replaced already

    def png_data(pillow_image):
        rows = _stored_rows(pillow_image)
        return rows if rows is not None else own.__func__(pillow_image)

    png_data.__wrapped__ = own.__func__
    RasterImage._get_png_data = staticmethod(png_data)


def _split_styles(html: str) -> tuple[str, list[str]] | None:
    """The page without its ``<style>`` elements, and their CSS in the page's order.

    ``None`` when the page links a stylesheet, restricts one to a medium or marks a
    declaration of a ``style`` attribute ``!important``: WeasyPrint then reads the page's
    styles itself.
    """
    if _LINK.search(html) or _INLINE_IMPORTANT.search(html):
        return None
    sheets = []
    for match in _STYLE.finditer(html):
        if not _PLAIN_ATTRS.match(match.group("attrs")):
            return None
        sheets.append(match.group("css"))
    return _STYLE.sub("", html), sheets


def _without_data_uris(html: str) -> tuple[str, list[str]]:
    """The page with each long ``data:`` URI of a ``src`` replaced by a stand-in naming
    its place in the list returned beside (none when the page has the stand-ins' prefix
    already)."""
    if _STAND_IN.format("") in html:
        return html, []
    uris: list[str] = []

    def stand_in(match: re.Match) -> str:
        uris.append(match.group())
        return _STAND_IN.format(len(uris) - 1)

    return _DATA_URI.sub(stand_in, html), uris


def _parse(page: str, uris: list[str]):
    """WeasyPrint's document of ``page`` (from :func:`_without_data_uris`), the ``data:``
    URIs set back on the elements that had them."""
    from weasyprint import HTML

    document = HTML(string=page)
    if uris:
        prefix = _STAND_IN.format("")
        for element in document.etree_element.iter():
            source = element.get("src")
            if source is not None and source.startswith(prefix):
                element.set("src", uris[int(source[len(prefix):])])
    return document


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML page to a tagged PDF (PDF/UA-1, A4).

    The PDF's title is the page's ``<title>``, its language the page's ``<html lang>``;
    its structure tree (headings, paragraphs, tables, figures with their alternative
    text) makes it readable by screen readers.
    """
    _keep_png_rows()
    styles = _styles()
    html, uris = _without_data_uris(html)
    fallback = [] if "@page" in html else [styles.sheet(_FALLBACK)]
    split = _split_styles(html)
    if split is None:
        page, sheets = html, fallback
    else:
        # The page's own sheets, parsed once per process, in the page's order. Passed as
        # the user's, they keep their order; the page has no other author styles (no
        # important style attributes, no presentational hints) to weigh them against.
        page, own = split
        sheets = [styles.sheet(css) for css in own] + fallback
    return _parse(page, uris).write_pdf(stylesheets=sheets, pdf_variant="pdf/ua-1",
                                        pdf_tags=True, font_config=styles.font_config,
                                        counter_style=styles.counter_style)

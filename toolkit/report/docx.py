"""Word export of a report's HTML page: pandoc (``pypandoc-binary``), then python-docx.

Pandoc turns the page's headings into Word's heading styles (a table of contents works),
its tables into Word tables and its figures into pictures carrying their alternative
text; the language is set in the document's styles (``w:lang``). python-docx then adds
the running footer (the gmina and the programme, "strona X z Y") and the document's
title and language in its properties.

Pandoc reads an image given as a ``data:`` URI slowly (two thirds of a report's Word
export went into decoding its figures). It only needs an image's size and resolution to
size the picture, so it is given a small stand-in of the same size and resolution for
each figure, and the figure's own bytes replace the stand-in in the document afterwards.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import tempfile
from pathlib import Path

__all__ = ["html_to_docx", "LANG_TAGS"]

# Report language → the language tag Word spells (w:lang, core properties).
LANG_TAGS = {"pl": "pl-PL", "en": "en-GB"}

# Left out for pandoc: stylesheets and scripts mean nothing to Word, and a <title> would
# become a Title paragraph repeating the report's first heading.
_DROP = re.compile(r"<(style|script|title)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
_PNG_URI = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)")
# A table row's or cell's tag, and the class and id it carries: pandas writes both on every
# cell, Word has no use for them, and pandoc keeps them in memory for each cell (a summary
# of 2 479 gminas took 2.9 GiB and 16 s in pandoc with them, 1.1 GiB and 7 s without).
_CELL_TAG = re.compile(r"<t[rdh]\b[^>]*>", re.IGNORECASE)
_CLASS_OR_ID = re.compile(r"""\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*')""", re.IGNORECASE)


def _plain_cells(page: str) -> str:
    """``page`` with its table rows and cells stripped of their classes and ids (their
    spans, scopes and contents kept)."""
    return _CELL_TAG.sub(lambda tag: _CLASS_OR_ID.sub("", tag.group(0)), page)


def _stand_in(png: bytes, number: int) -> bytes | None:
    """A small PNG of the same size and resolution as ``png``, told apart by ``number``;
    ``None`` when ``png`` cannot be read."""
    from PIL import Image, PngImagePlugin

    try:
        with Image.open(io.BytesIO(png)) as image:
            size, dpi = image.size, image.info.get("dpi")
    except Exception:  # not a PNG Pillow reads: pandoc gets it as it is
        return None
    info = PngImagePlugin.PngInfo()
    info.add_text("toolkit-figure", str(number))
    out = io.BytesIO()
    Image.new("1", size).save(out, format="PNG", pnginfo=info,
                              **({"dpi": dpi} if dpi else {}))
    return out.getvalue()


def _with_stand_ins(page: str) -> tuple[str, dict[bytes, bytes]]:
    """``page`` with each PNG figure replaced by its stand-in; stand-in → the figure's
    bytes."""
    figures: dict[bytes, bytes] = {}  # a figure's bytes → its stand-in
    originals: dict[bytes, bytes] = {}

    def replace(match):
        try:
            png = base64.b64decode(match.group(1), validate=False)
        except (binascii.Error, ValueError):
            return match.group(0)
        stand_in = figures.get(png)
        if stand_in is None:
            stand_in = _stand_in(png, len(figures))
            if stand_in is None:
                return match.group(0)
            figures[png] = stand_in
            originals[stand_in] = png
        return "data:image/png;base64," + base64.b64encode(stand_in).decode("ascii")

    return _PNG_URI.sub(replace, page), originals


def _put_back(document, originals: dict[bytes, bytes]) -> None:
    """Put each figure's own bytes in place of its stand-in, and its text alternative
    where pandoc wrote the image's source (``pic:cNvPr/@descr``: a data URI of the whole
    figure, which screen readers would read and which doubles the document's size)."""
    for part in document.part.package.iter_parts():
        blob = getattr(part, "_blob", None)
        if blob in originals:
            part._blob = originals[blob]
    for drawing in document.element.body.iter("{*}inline", "{*}anchor"):
        frame = next(drawing.iter("{*}docPr"), None)
        alt = "" if frame is None else frame.get("descr", "")
        for picture in drawing.iter("{*}cNvPr"):
            if picture.get("descr", "").startswith("data:") or picture.get("descr") is None:
                picture.set("descr", alt)


def _page_field(paragraph, instruction: str) -> None:
    """Append a Word field (``PAGE``, ``NUMPAGES``) to ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = paragraph.add_run()
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run._r.append(mark)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _footer(document, head: str, lang: str) -> None:
    """A4 pages; the running footer: ``head`` on the left, "strona X z Y" on the right."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    from ..text import t

    for section in document.sections:
        # Pandoc's document names no page: A4 with the PDF's margins.
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
        section.footer.is_linked_to_previous = False
        paragraph = section.footer.paragraphs[0]
        paragraph.text = ""
        width = section.page_width - section.left_margin - section.right_margin
        paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        if head:
            paragraph.add_run(head)
        paragraph.add_run("\t")
        template = t("page_number", lang, page="\0PAGE\0", pages="\0NUMPAGES\0")
        for i, piece in enumerate(template.split("\0")):
            if i % 2:
                _page_field(paragraph, piece)
            elif piece:
                paragraph.add_run(piece)
        for run in paragraph.runs:
            run.font.size = Pt(8)


def html_to_docx(html: str, head: str = "", lang: str | None = None) -> bytes:
    """A Word document (``.docx`` bytes) of a self-contained report page.

    Parameters
    ----------
    html
        The page (:func:`toolkit.report.export.notebook_to_html`), images embedded.
    head
        The running footer's text: the gmina and the programme.
    lang
        ``"pl"`` or ``"en"``; ``None`` reads the page's ``<html lang>``.

    Returns
    -------
    bytes
    """
    import docx
    import pypandoc

    lang = lang or (_LANG.search(html).group(1) if _LANG.search(html) else "pl")
    tag = LANG_TAGS.get(lang, lang)
    title = _TITLE.search(html)
    title = title.group(1).strip() if title else ""
    page, originals = _with_stand_ins(_plain_cells(_DROP.sub("", html)))
    with tempfile.TemporaryDirectory(prefix="toolkit-docx-") as tmp:
        target = Path(tmp) / "report.docx"
        pypandoc.convert_text(page, "docx", format="html", outputfile=str(target),
                              extra_args=[f"--metadata=lang:{tag}", "--resource-path", tmp],
                              sandbox=True)
        document = docx.Document(str(target))
    _put_back(document, originals)
    _footer(document, head, lang)
    document.core_properties.language = tag
    if title:
        import html as html_module

        document.core_properties.title = html_module.unescape(title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

"""PDF export of a report's HTML page (WeasyPrint): tagged PDF/UA, title and language set.

The page layout (A4, numbered pages, running header, breaks) is the page's own print
stylesheet, written by :func:`toolkit.report.export.notebook_to_html`.
"""

from __future__ import annotations

__all__ = ["html_to_pdf"]

# The @page rules of a page that has none of its own (an HTML not made by the toolkit).
_FALLBACK = "@page { size: A4; margin: 15mm }"


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML page to a tagged PDF (PDF/UA-1, A4).

    The PDF's title is the page's ``<title>``, its language the page's ``<html lang>``;
    its structure tree (headings, paragraphs, tables, figures with their alternative
    text) makes it readable by screen readers.
    """
    from weasyprint import CSS, HTML

    sheets = [] if "@page" in html else [CSS(string=_FALLBACK)]
    return HTML(string=html).write_pdf(stylesheets=sheets, pdf_variant="pdf/ua-1",
                                       pdf_tags=True)

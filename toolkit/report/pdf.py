"""PDF export of a report's HTML page (WeasyPrint)."""

from __future__ import annotations

__all__ = ["html_to_pdf"]


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML page to PDF bytes (A4)."""
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(stylesheets=[CSS(string="@page { size: A4; margin: 15mm }")])

"""Exporting executed notebooks to HTML in-process."""

from __future__ import annotations

import nbformat

from ..config import PACKAGE_DIR

__all__ = ["notebook_to_html"]

_TEMPLATES = PACKAGE_DIR / "templates"


def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="report_html",
        extra_template_basedirs=[str(_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        exclude_anchor_links=True,
    )
    return exporter


def notebook_to_html(notebook: nbformat.NotebookNode, title: str | None = None) -> str:
    """A self-contained HTML page of an executed notebook: outputs only, images embedded.

    Code cells' inputs, prompts and anything written to stderr (warnings) are left out;
    no script or style is loaded from the web.
    """
    nb = nbformat.from_dict(notebook)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    resources = {"metadata": {"name": title}} if title else None
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    from .accessibility import accessible_html, report_lang  # lang, alt texts, th scope

    return accessible_html(body, report_lang(nb))

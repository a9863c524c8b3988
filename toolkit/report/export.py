"""Writing outputs safely, and exporting executed notebooks to HTML in-process."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

from ..config import PACKAGE_DIR

__all__ = ["atomic_write", "notebook_to_html"]

_TEMPLATES = PACKAGE_DIR / "templates"


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    A reader never sees a half-written file, and an interrupted write leaves the
    previous version intact.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    return body

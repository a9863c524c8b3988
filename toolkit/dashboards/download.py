"""Send a file to the browser as a download, from a dashboard's kernel.

ipywidgets has no download widget: a button's callback runs in the kernel, which can
write a file on the server but cannot make the person's browser save one. The dashboards
therefore display a small script into an ``Output`` widget; the browser runs it (Voilà
and JupyterLab both execute ``application/javascript`` outputs of an ``Output`` widget,
which are trusted), and it clicks a hidden ``<a download>`` link to the file's bytes.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import uuid
from pathlib import Path

__all__ = ["MIME_TYPES", "browser_download", "download_script"]

#: Media types of the files the dashboards export.
MIME_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".csv": "text/csv",
    ".pdf": "application/pdf",
}


def _mime(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return (MIME_TYPES.get(suffix) or mimetypes.guess_type(filename)[0]
            or "application/octet-stream")


def download_script(payload: bytes, filename: str, mime: str | None = None,
                    token: str | None = None) -> str:
    """JavaScript that makes the browser save ``payload`` as ``filename``.

    Parameters
    ----------
    payload
        The file's bytes.
    filename
        The name the browser offers (no folders: only the last part of a path is kept).
    mime
        The media type (default: from the file name's extension).
    token
        A unique id of this download (default: a random one). The script runs once per
        page for a given token, so an output shown again (a widget redrawn, a second view
        of the same ``Output``) does not download the file again.

    Returns
    -------
    str
        The script: it decodes the base64 bytes into a ``Blob`` (no size limit of
        ``data:`` links), clicks a hidden ``<a download>`` link to it and frees it later.
    """
    name = Path(filename).name
    if not name:
        raise ValueError(f"filename must name a file; got {filename!r}")
    token = token or uuid.uuid4().hex
    data = base64.b64encode(payload).decode("ascii")
    return (
        "(() => {\n"
        "  const done = (window.__toolkitDownloads = window.__toolkitDownloads || new Set());\n"
        f"  if (done.has({json.dumps(token)})) return;\n"
        f"  done.add({json.dumps(token)});\n"
        f"  const text = atob({json.dumps(data)});\n"
        "  const bytes = new Uint8Array(text.length);\n"
        "  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n"
        f"  const blob = new Blob([bytes], {{type: {json.dumps(mime or _mime(name))}}});\n"
        "  const url = URL.createObjectURL(blob);\n"
        "  const link = document.createElement('a');\n"
        f"  link.href = url; link.download = {json.dumps(name)}; link.style.display = 'none';\n"
        "  document.body.appendChild(link);\n"
        "  link.click();\n"
        "  link.remove();\n"
        "  setTimeout(() => URL.revokeObjectURL(url), 60000);\n"
        "})();"
    )


def browser_download(output, path: str | Path, filename: str | None = None,
                     mime: str | None = None) -> str:
    """Offer the file at ``path`` as a download in the browser showing ``output``.

    Parameters
    ----------
    output
        An ``ipywidgets.Output`` that is part of the displayed dashboard (it may be
        hidden: it shows nothing). Its previous script is cleared first.
    path
        The file already written on the server (the dashboards keep writing it).
    filename
        The name offered to the browser (default: ``path``'s name).
    mime
        The media type (default: from the extension).

    Returns
    -------
    str
        The script displayed (for tests).
    """
    from IPython.display import Javascript, display

    path = Path(path)
    script = download_script(path.read_bytes(), filename or path.name, mime)
    output.clear_output(wait=True)
    with output:
        display(Javascript(script))
    return script

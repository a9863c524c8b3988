"""Exporting executed notebooks to HTML in-process, ready to print.

The page carries the report's language (``<html lang>``), its title (the report's first
level-1 heading) and a print stylesheet: A4 pages numbered "strona X z Y" / "page X of Y",
a running header with the gmina and the programme, headings kept with what follows them,
figures and table rows never split (``templates/report_html/print.css``).
"""

from __future__ import annotations

import re
import threading

import nbformat

from ..config import PACKAGE_DIR

__all__ = ["notebook_to_html", "notebook_lang", "notebook_title", "running_head", "page_css"]

_TEMPLATES = PACKAGE_DIR / "templates"
TITLE_TAG = "title-block"
DEFAULT_LANG = "pl"
# The top page margin holds the running header; HEADER_GAP_MM of it stays empty under it.
PAGE_MARGIN_TOP_MM = 24
HEADER_GAP_MM = 6
_HEADING_1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


_EXPORTERS: dict[tuple[int, str], object] = {}


def _exporter(lang: str):
    """This thread's HTML exporter for ``lang``, made once (its templates compiled once).

    A worker process exports report after report: building the exporter and compiling
    its Jinja templates each time cost about as much as the export itself.
    """
    key = (threading.get_ident(), lang)
    exporter = _EXPORTERS.get(key)
    if exporter is None:
        exporter = _EXPORTERS[key] = _new_exporter(lang)
    return exporter


def _new_exporter(lang: str):
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last step, a pass over the whole page with
        BeautifulSoup (images without ``alt`` get one, cells' input and outputs get
        ``tabindex``): :func:`toolkit.report.accessibility.accessible_html` does the same in
        its own pass over the page, and the page is parsed and written once instead of
        twice (≈ 0.02 s per report)."""

        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node (nbconvert 7.16-7.17) up to its closing pass.
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    # The notebook is validated once, after its preprocessing, not after each step.
    return ReportExporter(**_exporter_options(lang), optimistic_validation=True)


def _exporter_options(lang: str) -> dict:
    """The HTML exporter's options: the report template, outputs only, images embedded."""
    return dict(template_name="report_html", extra_template_basedirs=[str(_TEMPLATES)],
                exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                embed_images=True, exclude_anchor_links=True, language_code=lang)


def notebook_lang(notebook: nbformat.NotebookNode, default: str = DEFAULT_LANG) -> str:
    """The report's language: the notebook's papermill parameter ``lang``, else ``default``."""
    params = notebook.get("metadata", {}).get("papermill", {}).get("parameters", {}) or {}
    lang = params.get("lang")
    return lang if isinstance(lang, str) and lang else default


def _markdown_outputs(notebook):
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown")
            if text:
                yield cell, "".join(text) if isinstance(text, list) else text


def notebook_title(notebook: nbformat.NotebookNode) -> str | None:
    """The report's title: the first level-1 heading it shows, or ``None``."""
    for _, text in _markdown_outputs(notebook):
        match = _HEADING_1.search(text)
        if match:
            return re.sub(r"[*_`]", "", match.group(1)).strip()
    return None


def running_head(lang: str, programme_name: str | None, gmina: str | None = None) -> str:
    """The text of the running header (PDF) and footer (Word): the gmina and the programme."""
    from ..text import t

    programme = (t("programme_named", lang, programme=programme_name) if programme_name
                 else t("programme_unnamed", lang))
    return t("running_head", lang, name=gmina, programme=programme) if gmina else programme


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and ``<`` escaped)."""
    out = []
    for ch in text:
        out.append(f"\\{ord(ch):x} " if ch in '"\\<>\n\r' else ch)
    return '"' + "".join(out) + '"'


def _page_number_content(lang: str) -> str:
    """CSS ``content`` for "strona X z Y" in ``lang``, from the report text."""
    from ..text import t

    template = t("page_number", lang, page="\0page\0", pages="\0pages\0")
    parts = []
    for i, piece in enumerate(template.split("\0")):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def page_css(lang: str, head: str = "") -> str:
    """The ``@page`` rules: A4, the running header, "strona X z Y" at the foot."""
    top = f"@top-left {{ content: {_css_string(head)}; }}" if head else ""
    # The header sits in its own margin box, kept clear of the page area by padding and
    # a rule under it: a heading that opens a page (its top margin truncated at the
    # break) starts below the header, never on it.
    return (
        f"@page {{ size: A4; margin: {PAGE_MARGIN_TOP_MM}mm 16mm 18mm 16mm;\n"
        "  font-family: sans-serif; font-size: 8pt; color: #444;\n"
        f"  {top}\n"
        f"  @bottom-right {{ content: {_page_number_content(lang)}; }}\n"
        "}\n"
        "@page { @top-left { font-size: 8pt; color: #444; vertical-align: bottom;\n"
        f"                   padding-bottom: {HEADER_GAP_MM}mm; }}\n"
        "        @bottom-right { font-size: 8pt; color: #444; vertical-align: top;\n"
        "                        padding-top: 3mm; } }\n"
    )


def notebook_to_html(notebook: nbformat.NotebookNode, title: str | None = None,
                     lang: str | None = None, programme_name: str | None = None,
                     gmina: str | None = None) -> str:
    """A self-contained HTML page of an executed notebook: outputs only, images embedded.

    Code cells' inputs, prompts and anything written to stderr (warnings) are left out;
    no script or style is loaded from the web.

    Parameters
    ----------
    notebook
        The executed notebook.
    title
        The page's title when the report shows no level-1 heading.
    lang
        ``<html lang>`` and the language of the page numbers; ``None`` reads the notebook's
        papermill parameter ``lang`` (Polish when it has none).
    programme_name, gmina
        The running header of the printed pages (either may be ``None``).
    """
    nb = nbformat.from_dict(notebook)
    lang = lang or notebook_lang(nb)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    for cell, text in _markdown_outputs(nb):  # the cell showing the title is the title block
        if _HEADING_1.search(text):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            tags.append(TITLE_TAG)
            break
    name = notebook_title(nb) or title
    resources = {"page_css": page_css(lang, running_head(lang, programme_name, gmina))}
    if name:
        resources["metadata"] = {"name": name}
    body, _ = _exporter(lang).from_notebook_node(nb, resources=resources)
    from .accessibility import accessible_html  # alt texts, th scope

    return accessible_html(body, lang)

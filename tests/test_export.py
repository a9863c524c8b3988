"""Report export: HTML language and title, tagged print-ready PDF, Word document.

These tests export a hand-made executed notebook (no kernel), so they are quick; the
runner's end-to-end export is tested in test_report.py.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import tempfile
import zipfile

import nbformat
import numpy as np
import pytest

from conftest import REPO
from toolkit.report.docx import html_to_docx
from toolkit.report.export import notebook_to_html, running_head
from toolkit.report.pdf import html_to_pdf

TITLE = "Raport ewaluacyjny: gmina Zębowice"
PROGRAMME = "Program próbny"
SECTIONS = 10


def _png(width: int, height: int, shade: int) -> str:
    from PIL import Image

    image = Image.new("RGB", (width, height), (shade, 120, 200 - shade))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _markdown(text: str):
    return nbformat.v4.new_output("display_data", data={"text/markdown": text})


def _figure(k: int):
    return nbformat.v4.new_output(
        "display_data", data={"image/png": _png(800, 420 + 37 * (k % 4), 20 * k),
                              "text/plain": "<Figure>"},
        metadata={"image/png": {"alt": f"Wykres {k}: odsetek obecnych w sekcji {k}"}})


def _table(k: int):
    rows = "".join(f"<tr><td>wiersz {k}.{r}</td><td>{r * k}</td></tr>" for r in range(1, 4))
    html = (f"<table><thead><tr><th>Pozycja {k}</th><th>Liczba</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")
    return nbformat.v4.new_output("display_data", data={"text/html": html,
                                                        "text/plain": "table"})


def _notebook(lang: str = "pl") -> nbformat.NotebookNode:
    """An executed report: a title block, then sections of a heading, a paragraph of a
    varying length, a figure and a table (enough for several pages)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"parameters": {"gmina_id": "1234567", "lang": lang}}
    cells = [nbformat.v4.new_code_cell("header", outputs=[
        _markdown(f"# {TITLE}"), _markdown("**Gmina:** Zębowice  \n**Kod TERYT:** 1234567"),
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: ostrzeżenie\n")])]
    for k in range(SECTIONS):
        words = " ".join(["Zdanie o współpracy gminy z organizacjami."] * (8 + 23 * (k % 5)))
        cells.append(nbformat.v4.new_code_cell(f"section {k}", outputs=[
            _markdown(f"## Sekcja {k}"), _markdown(f"Akapit{k}. {words}"), _figure(k),
            _table(k)]))
    nb.cells = cells
    return nb


@pytest.fixture(scope="module")
def html() -> str:
    return notebook_to_html(_notebook(), programme_name=PROGRAMME, gmina="Zębowice")


@pytest.fixture(scope="module")
def pdf(html):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(html_to_pdf(html)))


@pytest.fixture(scope="module")
def docx_bytes(html) -> bytes:
    return html_to_docx(html, running_head("pl", PROGRAMME, "Zębowice"), "pl")


def test_html_language_and_title_come_from_the_report():
    polish = notebook_to_html(_notebook("pl"))
    assert re.search(r'<html lang="pl"', polish)
    assert f"<title>{TITLE}</title>" in polish
    assert "ostrzeżenie" not in polish  # stderr is left out
    english = notebook_to_html(_notebook("en"))
    assert re.search(r'<html lang="en"', english) and "page " in english
    # An explicit language wins over the notebook's parameter.
    assert re.search(r'<html lang="en"', notebook_to_html(_notebook("pl"), lang="en"))


def test_html_figures_keep_their_alternative_text(html):
    alts = re.findall(r'<img[^>]*\balt="([^"]*)"', html)
    assert alts == [f"Wykres {k}: odsetek obecnych w sekcji {k}" for k in range(SECTIONS)]


def test_pdf_is_tagged_with_the_reports_title_and_language(pdf):
    from pypdf.generic import BooleanObject

    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "pl"
    assert pdf.metadata.title == TITLE


def _pages_text(pdf) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pdf.pages]


def test_every_pdf_page_is_numbered_and_carries_the_running_header(pdf):
    pages = _pages_text(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"strona {number} z {len(pages)}" in text, text[-200:]
        assert f"gmina Zębowice · Program „{PROGRAMME}”" in text


def _lines(page) -> list[tuple[float, float, str]]:
    """(baseline y, font size, text) of every piece of text on ``page``, top first."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # the text matrix placed by the current transformation matrix
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((y, size * abs(tm[3] * cm[3] or 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda line: -line[0])


def _heading_opened_pdf():
    """The report with a page forced open by a heading (a page break before section 3):
    tables now break between rows, so a page may otherwise never start with a heading."""
    from pypdf import PdfReader

    nb = _notebook()
    nb.cells[4].outputs[0] = _markdown('<h2 style="break-before: page">Sekcja 3</h2>')
    html = notebook_to_html(nb, programme_name=PROGRAMME, gmina="Zębowice")
    return PdfReader(io.BytesIO(html_to_pdf(html)))


def test_running_header_keeps_clear_of_the_first_line_of_every_page(pdf):
    head = f"gmina Zębowice · Program „{PROGRAMME}”"
    opened_by_heading = 0
    for number, page in enumerate([*pdf.pages, *_heading_opened_pdf().pages], start=1):
        lines = _lines(page)
        header = [line for line in lines if line[2] == head]
        body = [line for line in lines if line[2] != head and "strona" not in line[2]]
        assert len(header) == 1 and body, number
        head_y, head_size, _ = header[0]
        first_y, first_size, first_text = body[0]
        opened_by_heading += first_text.startswith("Sekcja")
        # The header's lowest descender stays at least 2 mm above the first line's
        # tallest glyph (an accented capital reaches about one font size above baseline).
        header_bottom = head_y - 0.3 * head_size
        first_top = first_y + first_size
        assert header_bottom - first_top >= 2 / 25.4 * 72, (number, first_text,
                                                            header_bottom, first_top)
    assert opened_by_heading >= 1  # the case the header used to overlap


def test_english_pdf_pages_are_numbered_in_english():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(html_to_pdf(notebook_to_html(_notebook("en")))))
    pages = _pages_text(reader)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert all(f"page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))


def test_pdf_headings_stay_with_what_follows_and_figures_are_whole(pdf):
    pages = _pages_text(pdf)

    def page_of(marker: str) -> int:
        found = [i for i, text in enumerate(pages) if marker in text]
        assert len(found) == 1, (marker, found)
        return found[0]

    for k in range(SECTIONS):
        # A heading is never the last thing on its page: its paragraph starts there too.
        assert page_of(f"Sekcja {k} ") == page_of(f"Akapit{k}."), k
        # A table's rows are never split: its header and its rows are on one page.
        assert page_of(f"Pozycja {k} ") == page_of(f"wiersz {k}.3"), k
    # A figure split over two pages would be drawn (``/name Do``) on both.
    drawn = []
    for page in pdf.pages:
        objects = page["/Resources"]["/XObject"]
        names = re.findall(rb"/([^\s/]+)\s+Do\b", page.get_contents().get_data())
        drawn += [n for n in names if objects["/" + n.decode()]["/Subtype"] == "/Image"]
    assert len(drawn) == len(set(drawn)) == SECTIONS


def test_word_document_has_headings_tables_figures_and_the_footer(docx_bytes):
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(docx_bytes))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert document.paragraphs[0].style.name == "Heading 1"  # the title is not repeated
    assert headings == [("Heading 1", TITLE)] + [("Heading 2", f"Sekcja {k}")
                                                 for k in range(SECTIONS)]
    assert len(document.tables) == SECTIONS
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Pozycja 0", "Liczba"]
    assert [c.text for c in first.rows[3].cells] == ["wiersz 0.3", "0"]
    described = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    assert described == [f"Wykres {k}: odsetek obecnych w sekcji {k}" for k in range(SECTIONS)]
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith(f"gmina Zębowice · Program „{PROGRAMME}”\tstrona ")
    fields = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "pl-PL"


def test_word_document_language_is_set_in_its_styles(docx_bytes):
    styles = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/styles.xml").decode()
    assert re.search(r'<w:lang\b[^>]*w:val="pl-PL"', styles)
    english = html_to_docx(notebook_to_html(_notebook("en")))
    styles = zipfile.ZipFile(io.BytesIO(english)).read("word/styles.xml").decode()
    assert re.search(r'<w:lang\b[^>]*w:val="en-GB"', styles)


def test_report_formats_accept_docx_and_refuse_others(tmp_path, capsys):
    from toolkit import cli

    # An unknown format is bad usage (exit 2), named in the message with the accepted ones.
    code = cli.main(["report", "--data", str(tmp_path), "--out", str(tmp_path / "o"),
                     "--format", "html,odt"])
    assert code == 2
    assert "html,pdf,docx" in capsys.readouterr().err


def _page_streams(pdf_bytes: bytes) -> list[bytes]:
    from pypdf import PdfReader

    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


def test_pdf_with_parsed_stylesheets_is_the_plain_weasyprint_pdf(html):
    """The page's stylesheets, parsed once per process and passed in the page's order,
    lay out every page exactly as WeasyPrint reading the page's own ``<style>`` does."""
    from weasyprint import HTML

    from toolkit.report import pdf as pdf_module

    plain = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    first = html_to_pdf(html)
    cached = len(pdf_module._styles().sheets)
    other = html.replace("Zdanie o współpracy", "Zdanie o partnerstwie")
    again = html_to_pdf(other)
    assert cached >= 1 and len(pdf_module._styles().sheets) == cached  # parsed once
    assert _page_streams(first) == _page_streams(plain)
    assert _page_streams(again) == _page_streams(
        HTML(string=other).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True))
    # A page whose style attribute says !important is left to WeasyPrint as it is.
    assert pdf_module._split_styles('<p style="color: red !important">x</p>') is None
    assert pdf_module._split_styles('<style media="screen">p {}</style>') is None
    assert pdf_module._split_styles("<style>p {}</style><p>x</p>") == ("<p>x</p>", ["p {}"])


def test_word_pictures_are_the_figures_at_pandocs_own_size(html, docx_bytes):
    """Pandoc is given stand-ins for the figures: the document still holds each figure's
    own bytes, sized as pandoc sizes the figure itself."""
    import pypandoc

    figures = [base64.b64decode(b) for b in
               re.findall(r'src="data:image/png;base64,([^"]+)"', html)]
    package = zipfile.ZipFile(io.BytesIO(docx_bytes))
    media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert figures and sorted(media) == sorted(figures)
    body = package.read("word/document.xml").decode()
    page = re.sub(r"<(style|script|title)\b.*?</\1\s*>", "", html, flags=re.DOTALL)
    with tempfile.TemporaryDirectory() as tmp:
        target = f"{tmp}/plain.docx"
        pypandoc.convert_text(page, "docx", format="html", outputfile=target, sandbox=True,
                              extra_args=["--resource-path", tmp])
        plain = zipfile.ZipFile(target).read("word/document.xml").decode()
    extents = re.compile(r'<wp:extent cx="(\d+)" cy="(\d+)"')
    assert extents.findall(body) == extents.findall(plain)
    # Where pandoc wrote the picture's source (a data URI of the whole figure), the
    # picture carries its text alternative instead, as its frame does.
    assert "data:image" not in body
    frames = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    pictures = re.findall(r'<pic:cNvPr [^>]*descr="([^"]*)"', body)
    assert pictures == frames and all(frames)


def test_word_export_gives_pandoc_cells_without_their_classes_and_ids(monkeypatch):
    """pandas writes a class and an id on every cell; pandoc would hold them all in memory
    (gigabytes for a national summary) and Word has no use for them. Spans stay."""
    import docx
    import pypandoc
    from docx.oxml.ns import qn

    given = []
    convert = pypandoc.convert_text

    def spy(source, *args, **kwargs):
        given.append(source)
        return convert(source, *args, **kwargs)

    monkeypatch.setattr(pypandoc, "convert_text", spy)
    page = ('<html lang="pl"><body><table id="T_1" class="dataframe"><thead>'
            '<tr class="head"><th class="col_heading level0 col0" id="T_1_level0_col0" '
            'colspan="2" scope="colgroup">Gmina i wynik</th></tr></thead><tbody>'
            "<tr><td class='data row0 col0' id='T_1_row0_col0'>Zębowice</td>"
            '<td class="data row0 col1" id="T_1_row0_col1">4,25</td></tr></tbody></table>'
            "</body></html>")
    document = docx.Document(io.BytesIO(html_to_docx(page)))
    cells = re.findall(r"<t[rdh]\b[^>]*>", given[0])
    assert cells == ["<tr>", '<th colspan="2" scope="colgroup">', "<tr>", "<td>", "<td>"]
    assert '<table id="T_1" class="dataframe">' in given[0]  # only rows and cells
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["Zębowice", "4,25"]
    spans = [e.get(qn("w:val")) for e in table._tbl.iter(qn("w:gridSpan"))]
    assert spans == ["2"]


def test_html_export_reuses_its_exporter_with_the_same_result():
    """One exporter per language and thread, kept: a page exported after others is the
    page a fresh exporter gives."""
    from toolkit.report import export

    other = _notebook("pl")
    other.cells = other.cells[:3]
    export._EXPORTERS.clear()
    fresh = notebook_to_html(other, programme_name=PROGRAMME, gmina="Zębowice")
    notebook_to_html(_notebook("pl"), programme_name="Inny program", gmina="Inna")
    notebook_to_html(_notebook("en"))
    assert len(export._EXPORTERS) == 2
    assert notebook_to_html(other, programme_name=PROGRAMME, gmina="Zębowice") == fresh


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_html_export_is_nbconvert_s_own_page_made_accessible(monkeypatch, lang):
    """The report's exporter leaves nbconvert's closing pass over the page (alt texts,
    focusable cells) to the accessibility pass: the page is the one nbconvert's own
    HTML exporter and that pass give, a figure without a text alternative included."""
    import threading

    from nbconvert import HTMLExporter

    from toolkit.report import export

    nb = _notebook(lang)
    nb.cells[1].outputs.append(nbformat.v4.new_output(
        "display_data", data={"image/png": _png(40, 30, 5), "text/plain": "<Figure>"}))
    ours = notebook_to_html(nb, programme_name=PROGRAMME, gmina="Zębowice")
    monkeypatch.setitem(export._EXPORTERS, (threading.get_ident(), lang),
                        HTMLExporter(**export._exporter_options(lang)))
    theirs = notebook_to_html(nb, programme_name=PROGRAMME, gmina="Zębowice")
    assert ours == theirs
    assert ours.count('tabindex="0"') >= SECTIONS and "No description" not in ours


def test_a_workers_warm_up_prepares_the_exports():
    """Before its first gmina a worker builds the exporter, parses the page's large
    stylesheets and runs pandoc once, on a one-heading page."""
    from toolkit.report import export
    from toolkit.report import pdf as pdf_module
    from toolkit.report.worker import _warm_up_exports

    export._EXPORTERS.clear()
    pdf_module._STYLES = None
    _warm_up_exports(("html", "pdf", "docx"), "en")
    assert [lang for _, lang in export._EXPORTERS] == ["en"]
    parsed = set(pdf_module._styles().sheets)
    assert parsed  # the JupyterLab theme, at least
    html = notebook_to_html(_notebook("en"))
    html_to_pdf(html)
    assert set(pdf_module._styles().sheets) == parsed  # nothing large parsed again


def test_a_workers_warm_up_freezes_what_it_keeps_out_of_the_collectors_sight():
    code = """
import gc
from toolkit.report import worker
worker._warm_up_kernel = lambda: None  # the kernel's own warm-up is another test's
before = gc.get_freeze_count()
worker._warm_up_now(("html", "pdf"), "pl")
print(before, gc.get_freeze_count())
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 10_000


def test_after_a_large_notebook_a_worker_frees_its_cyclic_garbage_and_gives_memory_back():
    """After the summary (the task that releases its kernel) the worker collects the
    cycles its exports left and trims C's heap (a subprocess: the test's own process
    keeps its collector as it is)."""
    code = """
import gc, weakref
import psutil
from toolkit.report import worker
gc.disable()  # nothing but the worker's call may collect the cycles below
class Box:
    pass
boxes = []
for _ in range(200_000):
    box = Box()
    box.me = box
    box.payload = bytearray(256)
    boxes.append(box)
first = weakref.ref(boxes[0])
del boxes, box
before = psutil.Process().memory_info().rss
assert first() is not None
worker._give_back_memory()
print(first() is None, (before - psutil.Process().memory_info().rss) / 2**20)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    freed, mib = done.stdout.split()
    assert freed == "True"
    assert float(mib) > 40  # ≈ 100 MiB of boxes and payloads, back to the system


def test_the_summary_s_pdf_starts_and_ends_with_memory_given_back(monkeypatch, tmp_path):
    """The task that releases its kernel (the summary, the run's largest PDF) collects and
    trims before its PDF and again before pandoc starts for its Word document, so that
    the PDF's peak does not depend on when the collector last ran and pandoc does not
    run beside what the PDF left; a gmina's report does neither."""
    import papermill

    from toolkit.report import docx, pdf, worker

    calls = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: _notebook())
    monkeypatch.setattr(worker, "_worker_kernel", lambda fresh=False: None)
    monkeypatch.setattr(worker, "_release_kernel", lambda: calls.append("release"))
    monkeypatch.setattr(worker, "_give_back_memory", lambda: calls.append("give back"))
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: calls.append("pdf") or b"%PDF")
    monkeypatch.setattr(docx, "html_to_docx", lambda *a: calls.append("docx") or b"PK")

    def run(name, **task):
        calls.clear()
        entry = worker._run_notebook_now({
            "name": name, "notebook": "-", "out_dir": str(tmp_path / name),
            "formats": ["html", "pdf", "docx"], "inputs_hash": "-",
            "parameters": {"lang": "pl"}, **task})
        assert entry["status"] == "ok", entry
        return list(calls)

    assert run("summary", release_kernel=True) == [
        "release", "give back", "pdf", "give back", "docx", "give back"]
    assert run("report") == ["pdf", "docx"]


def _long_table_notebook(intro_sentences: int) -> nbformat.NotebookNode:
    """A heading, an intro of ``intro_sentences``, a table of 40 rows, then the colophon
    as the last cell (as the report notebooks end)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"parameters": {"gmina_id": "1234567", "lang": "pl"}}
    intro = " ".join(["Zdanie o danych gminy zebranych w programie."] * intro_sentences)
    rows = "".join(f"<tr><td>wiersz {r}</td><td>{r}</td></tr>" for r in range(1, 41))
    table = (f"<table><caption>Tabela długa</caption>"
             f"<thead><tr><th>Pozycja</th><th>Liczba</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>")
    nb.cells = [
        nbformat.v4.new_code_cell("title", outputs=[_markdown(f"# {TITLE}")]),
        nbformat.v4.new_code_cell("holdings", outputs=[
            _markdown(f"## Aneks\n\nWstęp. {intro}"),
            nbformat.v4.new_output("display_data", data={"text/html": table,
                                                         "text/plain": "table"})]),
        nbformat.v4.new_code_cell("footer", outputs=[
            _markdown("---\nKolofon programu.  \nRaport wygenerowany dziś.")])]
    return nb


@pytest.mark.parametrize("intro_sentences", range(60, 151, 6))
def test_a_long_table_follows_its_intro_and_the_colophon_is_never_alone(intro_sentences):
    """A table taller than the rest of the page starts under its heading and intro (split
    between rows, at least two rows on each page, its caption with its first rows), and
    the colophon shares its page with the table's last rows (issue 18: a summary page
    holding only the colophon)."""
    from pypdf import PdfReader

    html = notebook_to_html(_long_table_notebook(intro_sentences), programme_name=PROGRAMME,
                            gmina="Zębowice")
    pages = _pages_text(PdfReader(io.BytesIO(html_to_pdf(html))))

    def page_of(marker: str) -> int:
        found = [i for i, text in enumerate(pages) if marker in text]
        assert found, marker
        return found[0]

    rows = [[r for r in range(1, 41) if re.search(rf"wiersz {r}\b", text)] for text in pages]
    intro_page = max(i for i, text in enumerate(pages) if "Zdanie o danych" in text)
    # The table starts under its intro, or on the next page when the caption and two rows
    # do not fit (with 60 sentences more than half the page is free: it must start there).
    assert page_of("wiersz 1 ") in (intro_page, intro_page + 1), (intro_sentences, rows)
    if intro_sentences == 60:
        assert page_of("wiersz 1 ") == intro_page, rows
    assert page_of("Tabela długa") == page_of("wiersz 1 ")  # caption with its first rows
    assert all(len(r) >= 2 for r in rows if r), rows
    colophon = page_of("Kolofon programu")
    assert rows[colophon], (intro_sentences, rows)  # never the colophon alone


def _png_bytes(image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format="png", **options)
    return out.getvalue()


def _idat(png: bytes) -> bytes:
    rows, at = [], 8
    while at < len(png):
        length, kind = int.from_bytes(png[at:at + 4], "big"), png[at + 4:at + 8]
        if kind == b"IDAT":
            rows.append(png[at + 8:at + 8 + length])
        at += 12 + length
    return b"".join(rows)


def test_pdf_takes_a_figures_png_rows_as_stored_and_shows_every_image_as_its_source():
    """An 8-bit RGB PNG (what the report figures are) goes into the PDF as written; one
    with a palette and one with transparency take WeasyPrint's own way; each image the
    PDF shows has its source's pixels."""
    from PIL import Image
    from pypdf import PdfReader

    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(40, 60, 3), dtype=np.uint8)
    palette = Image.fromarray(pixels[:, ::-1], "RGB").quantize(colors=16)
    sources = {"plain": _png_bytes(Image.fromarray(pixels, "RGB"), compress_level=3),
               "palette": _png_bytes(palette),
               "alpha": _png_bytes(Image.fromarray(
                   np.dstack([pixels[::-1], pixels[:, :, :1]]), "RGBA"))}
    images = "".join(f'<img alt="{name}" src="data:image/png;base64,'
                     f'{base64.b64encode(data).decode()}">' for name, data in sources.items())
    pdf = html_to_pdf(f'<html lang="pl"><head><title>Obrazy</title></head><body>{images}'
                      "</body></html>")

    assert _idat(sources["plain"]) in pdf
    assert _idat(sources["palette"]) not in pdf and _idat(sources["alpha"]) not in pdf
    shown = [np.asarray(image.image.convert("RGB"))
             for image in PdfReader(io.BytesIO(pdf)).pages[0].images]
    expected = [pixels, np.asarray(palette.convert("RGB")), pixels[::-1]]
    assert len(shown) == 3
    assert all(any(np.array_equal(s, e) for s in shown) for e in expected)


def test_png_rows_are_taken_as_stored_only_when_the_pdf_reads_them_so():
    """Interlaced rows or 16-bit samples are not what the PDF's image says: such a PNG
    (its header's fields set so; the CRC is not read) is left to WeasyPrint."""
    import zlib

    from PIL import Image

    from toolkit.report.pdf import _stored_rows

    png = _png_bytes(Image.new("RGB", (5, 4), "teal"))
    assert _stored_rows(Image.open(io.BytesIO(png))) == _idat(png) != b""

    def header(**fields) -> bytes:
        at = {"depth": 24, "interlace": 28}
        data = bytearray(png)
        for name, value in fields.items():
            data[at[name]] = value
        data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
        return bytes(data)

    assert _stored_rows(Image.open(io.BytesIO(header(interlace=1)))) is None
    assert _stored_rows(Image.open(io.BytesIO(header(depth=16)))) is None
    assert _stored_rows(Image.new("RGB", (5, 4))) is None  # not read from PNG bytes


def test_pdf_parses_the_page_without_its_data_uris_and_sets_each_back_in_its_place():
    """Long ``data:`` URIs are taken out of the page before it is parsed and set back on
    their elements; one the parser would read otherwise than written (an entity) stays,
    and a page that holds the stand-ins' prefix already is parsed as it is."""
    from toolkit.report.pdf import _STAND_IN, _parse, _without_data_uris

    first, second = "data:image/png;base64," + "A" * 300, "data:image/png;base64," + "B" * 300
    entity = "data:text/plain," + "x" * 300 + "&amp;y"
    page = (f'<p><img alt="a" src="{first}"><img alt="b" src="{second}">'
            f'<img alt="c" src="{entity}"><img alt="d" src="data:,short"></p>')

    stripped, uris = _without_data_uris(page)
    assert uris == [first, second]
    assert first not in stripped and second not in stripped and entity in stripped
    sources = [element.get("src") for element in _parse(stripped, uris).etree_element.iter()
               if element.get("src") is not None]
    assert sources == [first, second, "data:text/plain," + "x" * 300 + "&y", "data:,short"]

    own = page + _STAND_IN.format(0)
    assert _without_data_uris(own) == (own, [])

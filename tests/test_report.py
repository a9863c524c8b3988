"""Per-gmina reports: the runner, the HTML, the built-in notebook under plain papermill."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from toolkit import load_dataset
from toolkit.report.runner import GMINA_NOTEBOOK, run_reports


def _names(data_dir) -> list[str]:
    people = load_dataset(data_dir)["participants"]
    return sorted(set(people["first_name"]) | set(people["last_name"]))


def _visible_text(html: str) -> str:
    """The text a reader sees: no tags, attributes (embedded images), styles or scripts."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("style", "script")

        def handle_endtag(self, tag):
            self.hidden -= tag in ("style", "script")

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """One run over the TINY dataset (both gminas), shared by the tests that only read it."""
    from conftest import TINY, write_tables

    root = tmp_path_factory.mktemp("run")
    data = write_tables(root / "data", TINY)
    result = run_reports(data, root / "out", workers=2, progress=False)
    return data, root / "out", result


def test_run_writes_every_output(tiny_run):
    data, out, result = tiny_run
    assert result.ok, result.describe()
    for gmina_id in ("1208053", "0201011"):
        assert (out / gmina_id / "report.html").stat().st_size > 0
        nbformat.validate(nbformat.read(out / gmina_id / "report.ipynb", as_version=4))
    assert (out / "summary.html").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest) == {"1208053", "0201011"}
    for entry in manifest.values():
        assert entry["status"] == "ok" and entry["error"] is None
        assert entry["seconds"] > 0 and re.fullmatch(r"[0-9a-f]{64}", entry["inputs_hash"])
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.running.ipynb"))


def test_html_is_self_contained_without_code(tiny_run):
    _, out, _ = tiny_run
    html = (out / "1208053" / "report.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="pl"', html)
    assert "<title>Raport ewaluacyjny: gmina Miechów</title>" in html
    assert re.search(r'<html lang="pl"', (out / "summary.html").read_text(encoding="utf-8"))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script src" not in html
    assert "report_context" not in html and "import" not in _visible_text(html)
    text = _visible_text(html)
    assert "Raport ewaluacyjny: gmina Miechów" in text
    assert "Kod TERYT: 1208053" in text and "gmina miejsko-wiejska" in text
    assert "Stan danych na: 20 maja 2015" in text


def test_reports_hold_no_names_and_no_other_gminas_participants(tiny_run):
    data, out, _ = tiny_run
    names = _names(data)
    for page in [out / "summary.html", *out.glob("*/report.html"), *out.glob("*/report.ipynb")]:
        text = page.read_text(encoding="utf-8")
        text = _visible_text(text) if page.suffix == ".html" else text
        assert not [n for n in names if re.search(rf"\b{n}\b", text)], page
    # Nor does anything written beside them (the run's cache of slices and figures).
    for cached in (out / ".cache").glob("*.pkl"):
        raw = cached.read_bytes()
        assert not [n for n in names if re.search(rb"\b" + n.encode() + rb"\b", raw)], cached
    people = load_dataset(data)["participants"]
    for gmina_id in ("1208053", "0201011"):
        text = _visible_text((out / gmina_id / "report.html").read_text(encoding="utf-8"))
        others = people.loc[people["gmina_id"] != gmina_id, "participant_id"]
        assert not [p for p in others if re.search(rf"\b{p}\b", text)]


def test_rerun_skips_unchanged_and_force_reruns(tiny_run, tmp_path):
    data, out, _ = tiny_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = run_reports(data, copy, workers=1, progress=False)
    assert [e["status"] for e in again.entries.values()] == ["skipped", "skipped"]
    forced = run_reports(data, copy, gminas=["0201011"], workers=1, force=True, progress=False)
    assert [e["status"] for e in forced.entries.values()] == ["ok"], forced.describe()
    manifest = json.loads((copy / "manifest.json").read_text())
    assert manifest["1208053"]["status"] == "skipped" and manifest["0201011"]["status"] == "ok"


@pytest.mark.parametrize("data_dir", ["data/demo", "data/probus", "data/mowes2"])
def test_the_inputs_of_each_gmina_are_its_slices_hashes(data_dir):
    """The bytes hashed for skipping a gmina, made from each table's row hashes at once,
    are those of its own slice hashed on its own: its tables in name order, each with its
    columns and its rows' hashes (pandas' hash_pandas_object of the slice)."""
    import pandas as pd

    from toolkit.report.runner import _slices_bytes

    data = load_dataset(data_dir).without_names()
    ids = [*data.gminas["gmina_id"], "9999999"]  # and a gmina with no rows at all
    made = _slices_bytes(data, ids)
    for gmina_id, part in data.gmina_slices(ids):
        alone = b"".join(
            name.encode() + ",".join(map(str, frame.columns)).encode()
            + pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
            for name, frame in sorted(part.tables.items()))
        assert made[gmina_id] == alone, gmina_id
    assert len(set(made.values())) == len(made)  # every gmina's differs


def test_changed_data_reruns_only_that_gmina(tiny_dir, tmp_path):
    run_reports(tiny_dir, tmp_path / "out", workers=2, progress=False)
    # An open answer is Miechów's alone: no programme figure is computed from it.
    responses = tiny_dir / "responses.csv"
    responses.write_text(responses.read_text().replace("mniej teorii", "więcej praktyki"),
                         encoding="utf-8")
    result = run_reports(tiny_dir, tmp_path / "out", workers=2, progress=False)
    statuses = {g: e["status"] for g, e in result.entries.items()}
    # Only Miechów's slice changed; the programme figures Bolesławiec reads did not.
    assert statuses == {"1208053": "ok", "0201011": "skipped"}


def test_english_report(tiny_dir, tmp_path):
    result = run_reports(tiny_dir, tmp_path / "en", gminas=["0201011"], lang="en",
                         workers=1, progress=False)
    assert result.ok, result.describe()
    html = (tmp_path / "en" / "0201011" / "report.html").read_text()
    assert re.search(r'<html lang="en"', html)
    assert re.search(r'<html lang="en"', (tmp_path / "en" / "summary.html").read_text())
    text = _visible_text(html)
    assert "Evaluation report: gmina Bolesławiec" in text and "urban gmina" in text
    assert "Raport" not in text


FAILING = """
import nbformat
nb = nbformat.read({src!r}, as_version=4)
nb.cells.insert(3, nbformat.v4.new_code_cell(
    "if gmina_id == '0201011':\\n    raise ValueError('brak danych dla gminy')"))
nbformat.write(nb, {dst!r})
"""


def test_a_failing_gmina_does_not_stop_the_others(tiny_run, tmp_path):
    data, out, _ = tiny_run
    notebook = tmp_path / "own.ipynb"
    exec(FAILING.format(src=str(GMINA_NOTEBOOK), dst=str(notebook)))
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    good_before = (copy / "0201011" / "report.html").read_bytes()
    result = run_reports(data, copy, workers=2, notebook=notebook, progress=False)
    assert not result.ok
    assert result.entries["1208053"]["status"] == "ok"
    failed = result.entries["0201011"]
    assert failed["status"] == "failed" and failed["error"] == "ValueError: brak danych dla gminy"
    # The executed notebook is kept with the failing cell marked; the last good HTML survives.
    kept = nbformat.read(copy / "0201011" / "report.ipynb", as_version=4)
    assert any(o.get("output_type") == "error" for c in kept.cells for o in c.get("outputs", []))
    assert (copy / "0201011" / "report.html").read_bytes() == good_before
    assert "0201011: failed: ValueError: brak danych dla gminy" in result.describe()


def test_builtin_notebook_runs_with_plain_papermill(tiny_dir, tmp_path):
    out = tmp_path / "plain.ipynb"
    papermill = Path(sys.executable).with_name("papermill")
    done = subprocess.run([str(papermill), str(GMINA_NOTEBOOK), str(out), "-p", "gmina_id",
                           "0201011", "-p", "data_dir", str(tiny_dir), "-p", "lang", "en",
                           "--execution-timeout", "300"],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(out, as_version=4)
    shown = "".join(str(o.get("data", {}).get("text/markdown", "")) for c in nb.cells
                    for o in c.get("outputs", []))
    # papermill passes 0201011 as the integer 201011: the leading zero must come back.
    assert "Evaluation report: gmina Bolesławiec" in shown and "0201011" in shown


def test_committed_notebooks_have_no_outputs_and_one_parameters_cell():
    for path in (REPO / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path
        assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1, path


def test_demo_gmina_report(tmp_path):
    from conftest import DEMO

    result = run_reports(DEMO, tmp_path, gminas=["1217032"], workers=1, progress=False)
    assert result.ok, result.describe()
    text = _visible_text((tmp_path / "1217032" / "report.html").read_text(encoding="utf-8"))
    assert "Raport ewaluacyjny: gmina Bukowina Tatrzańska" in text
    assert "gmina wiejska" in text and "tatrzański" in text
    names = _names(DEMO)
    assert not [n for n in names if re.search(rf"\b{n}\b", text)]


def test_dask_local_cluster_runs_two_gminas(tiny_dir, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        result = run_reports(tiny_dir, tmp_path, scheduler=cluster.scheduler_address,
                             progress=False)
    assert result.ok, result.describe()
    assert {g: e["status"] for g, e in result.entries.items()} == {"1208053": "ok",
                                                                   "0201011": "ok"}
    assert (tmp_path / "0201011" / "report.html").exists()


def test_dask_scheduler_gives_the_local_runs_outputs_and_manifest(tiny_run, tmp_path):
    """``scheduler="dask"``: a LocalCluster of single-threaded workers started for the run;
    the same files, the same pages and the same manifest as the local pool's run."""
    data, local_out, local = tiny_run
    result = run_reports(data, tmp_path / "out", workers=2, scheduler="dask", progress=False)
    assert result.ok, result.describe()
    out = tmp_path / "out"

    def files(root):
        return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                      if p.is_file() and ".cache" not in p.parts)

    assert files(out) == files(local_out)
    manifest = json.loads((out / "manifest.json").read_text())
    expected = json.loads((local_out / "manifest.json").read_text())
    assert {g: (e["status"], e["inputs_hash"], e["error"]) for g, e in manifest.items()} == {
        g: (e["status"], e["inputs_hash"], e["error"]) for g, e in expected.items()}
    for page in ("1208053/report.html", "0201011/report.html", "summary.html"):
        assert _visible_text((out / page).read_text(encoding="utf-8")) == _visible_text(
            (local_out / page).read_text(encoding="utf-8")), page


def _worker_upkeep() -> dict:
    """What the worker running this task does besides its tasks, and how often (ms)."""
    import dask
    from distributed import get_worker

    worker = get_worker()
    return {"profile": dask.config.get("distributed.worker.profile.enabled"),
            **{name: worker.periodic_callbacks[name].callback_time
               for name in ("tick", "monitor", "memory_monitor")}}


def test_dask_local_cluster_does_little_besides_the_notebooks(tmp_path):
    """The run's own LocalCluster serves no dashboard: its workers' statistical profiler (a
    stack sample of the running notebook's thread every 10 ms) is off; its servers check
    their event loops each second (not every 20 ms), sample the system every 5 s (not
    every 0.5 s), and the worker's memory is measured each second (not every 0.1 s) by the
    worker and by its nanny, which still ends a worker past its limit."""
    import dask
    from distributed import get_client

    from toolkit.report.runner import _executor

    before = dask.config.get("distributed.admin.tick.interval")
    with _executor(1, tmp_path / "run.log", "dask") as pool:
        assert pool.submit(_worker_upkeep).result(timeout=60) == {
            "profile": False, "tick": 1000, "monitor": 5000, "memory_monitor": 1000}
        client = get_client()

        def ticks(dask_scheduler):
            return dask_scheduler.periodic_callbacks["tick"].callback_time

        def nanny_checks(dask_worker):  # run on a nanny: its memory check
            return dask_worker.periodic_callbacks["memory_monitor"].callback_time

        assert client.run_on_scheduler(ticks) == 1000
        assert list(client.run(nanny_checks, nanny=True).values()) == [1000]
    # The settings are the run's cluster's, not left behind in the calling process.
    assert before != "1s"
    assert dask.config.get("distributed.admin.tick.interval") == before


def test_scheduler_must_be_local_dask_or_an_address(tiny_dir, tmp_path):
    from toolkit import UsageError

    with pytest.raises(UsageError, match="local, dask or a Dask scheduler"):
        run_reports(tiny_dir, tmp_path, scheduler="slurm", progress=False)


def test_unreachable_scheduler_is_bad_usage(tiny_dir, tmp_path):
    from toolkit import UsageError

    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        run_reports(tiny_dir, tmp_path, scheduler="tcp://127.0.0.1:1", progress=False)


def test_pdf_and_word_reports(tiny_dir, tmp_path):
    from html import unescape

    import docx
    from docx.oxml.ns import qn
    from pypdf import PdfReader
    from pypdf.generic import BooleanObject

    result = run_reports(tiny_dir, tmp_path, gminas=["1208053"],
                         formats=("html", "pdf", "docx"), workers=1, progress=False)
    assert result.ok, result.describe()
    title = "Raport ewaluacyjny: gmina Miechów"
    html = (tmp_path / "1208053" / "report.html").read_text(encoding="utf-8")
    pdf = PdfReader(tmp_path / "1208053" / "report.pdf")
    pages = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert title in " ".join(pages)
    # Tagged (PDF/UA), with the report's title and language; every page numbered and
    # headed with the gmina and the programme.
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True) and "/StructTreeRoot" in root
    assert root["/Lang"] == "pl" and pdf.metadata.title == title
    for number, text in enumerate(pages, start=1):
        assert f"strona {number} z {len(pages)}" in text and "gmina Miechów · " in text
    # The Word document: the HTML's headings as Word headings, its tables, its figures
    # with their alternative text, Polish, the running footer.
    document = docx.Document(tmp_path / "1208053" / "report.docx")
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    shown = [unescape(re.sub(r"<[^>]+>", "", h))
             for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html)]
    assert headings == shown and headings[0] == title
    assert document.paragraphs[0].style.name == "Heading 1"
    assert len(document.tables) == html.count("<table") > 0
    described = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    assert described == [unescape(a) for a in re.findall(r'<img[^>]*\balt="([^"]*)"', html)]
    assert described
    assert document.core_properties.language == "pl-PL"
    assert document.sections[0].footer.paragraphs[0].text.startswith("gmina Miechów · ")
    assert (tmp_path / "summary.pdf").exists() and (tmp_path / "summary.docx").exists()
    assert not list(tmp_path.rglob("*.tmp"))


REUSE = """
import nbformat
nb = nbformat.read({src!r}, as_version=4)
nb.cells.insert(3, nbformat.v4.new_code_cell(
    "import os\\n"
    "assert 'leftover' not in globals(), 'the previous gmina leaked into this one'\\n"
    "leftover = True\\n"
    "print('kernel pid', os.getpid())\\n"
    "print('frozen', __import__('gc').get_freeze_count())\\n"
    "print('flush', get_ipython().display_pub._flush_streams.__qualname__)"))
nb.cells.insert(4, nbformat.v4.new_code_cell(
    "import sys\\n"
    "print('before')\\n"
    "display('shown')\\n"
    "print('after', file=sys.stderr)\\n"
    "display('last')"))
nbformat.write(nb, {dst!r})
"""


def _printed(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))


def _kernel_pids(notebook: Path) -> set[str]:
    return set(re.findall(r"kernel pid (\d+)", _printed(notebook)))


@pytest.mark.parametrize("formats", [("html",), ("html", "pdf")])
def test_one_worker_reuses_its_kernel_with_a_clean_namespace(tiny_dir, tmp_path, monkeypatch,
                                                             formats):
    from toolkit.report import runner

    notebook, summary = tmp_path / "reuse.ipynb", tmp_path / "summary.ipynb"
    exec(REUSE.format(src=str(GMINA_NOTEBOOK), dst=str(notebook)))
    exec(REUSE.format(src=str(runner.SUMMARY_NOTEBOOK), dst=str(summary)))
    monkeypatch.setattr(runner, "SUMMARY_NOTEBOOK", summary)
    result = run_reports(tiny_dir, tmp_path / "out", workers=1, notebook=notebook,
                         progress=False, formats=formats)
    assert result.ok, result.describe()
    pids = set()
    for gmina_id in ("1208053", "0201011"):
        pids |= _kernel_pids(tmp_path / "out" / gmina_id / "report.ipynb")
    assert len(pids) == 1  # both gminas ran in one kernel, and neither saw the other's state
    # The reset before the second froze what the kernel kept (its libraries) out of the
    # garbage collector's sight.
    frozen = re.search(r"frozen (\d+)", _printed(tmp_path / "out" / "0201011" / "report.ipynb"))
    assert int(frozen.group(1)) > 10_000
    # It also made a display flush only the output streams with something waiting, and
    # what a cell prints and displays keeps its order.
    second = tmp_path / "out" / "0201011" / "report.ipynb"
    assert "flush _flush_only_pending_streams.<locals>" in _printed(second)
    shown = [(o.output_type, o.get("name"), o.get("text") or o.data["text/plain"])
             for c in nbformat.read(second, as_version=4).cells if "display('last')" in c.source
             for o in c.outputs]
    assert shown == [("stream", "stdout", "before\n"), ("display_data", None, "'shown'"),
                     ("stream", "stderr", "after\n"), ("display_data", None, "'last'")]
    # The summary ran first in the same worker. Before a PDF export its kernel, which
    # holds every gmina's figures, was stopped rather than kept beside the PDF and for
    # the gminas; without one, the gminas reused it.
    ran_summary = _kernel_pids(tmp_path / "out" / "summary.ipynb")
    assert len(ran_summary) == 1
    assert bool(ran_summary & pids) is ("pdf" not in formats)


def test_a_report_run_starts_without_building_jsonschemas_iri_checker():
    """The run's processes do without rfc3987-syntax (0.9 s of Lark grammars at import);
    nbformat still validates the notebooks it writes."""
    code = """
import sys
import toolkit.report.runner
import nbformat
assert sys.modules["rfc3987_syntax"] is None, "jsonschema imported rfc3987_syntax"
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
nbformat.validate(nb)
nb.cells[0]["execution_count"] = "one"
try:
    nbformat.validate(nb)
except nbformat.ValidationError:
    print("invalid notebook refused")
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "invalid notebook refused"

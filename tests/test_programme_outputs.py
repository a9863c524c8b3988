"""Every output names the programme the data describes, and only it (issue: any programme).

A copy of the demo dataset is renamed; its reports, summary, diplomas and dashboards must
carry the new name and never the old one. Without a ``programme`` table no output names
any programme.
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import DEMO
from toolkit import cli

pypdf = pytest.importorskip("pypdf")

OLD = ("Współpraca na medal", "Akademia Współpracy", "Akademii Współpracy")
GMINA = "1208053"


def _html_text(path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def _outputs(data, out) -> dict[str, str]:
    """The texts a reader gets from ``data``: a report, the summary, a diploma, dashboards."""
    from toolkit.dashboards.diplomas import DiplomaDashboard
    from toolkit.dashboards.explore import ExploreDashboard
    from toolkit.report.runner import run_reports

    result = run_reports(data, out / "reports", gminas=[GMINA], workers=1, progress=False)
    assert result.ok, result.describe()
    assert cli.main(["diplomas", "--data", str(data), "--out", str(out / "d.xlsx"),
                     "--pdf", str(out / "pdf")]) == 0
    diploma = sorted((out / "pdf").glob("*.pdf"))[0]
    return {
        "report": _html_text(out / "reports" / GMINA / "report.html"),
        "summary": _html_text(out / "reports" / "summary.html"),
        "diploma": _pdf_text(diploma),
        "diplomas dashboard": DiplomaDashboard(data, out=out / "x.xlsx").heading.value,
        "explore dashboard": ExploreDashboard(data, out=out / "view").heading.value,
    }


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    root = tmp_path_factory.mktemp("renamed")
    data = shutil.copytree(DEMO, root / "data")
    text = (data / "programme.csv").read_text(encoding="utf-8")
    text = text.replace("Współpraca na medal", "Razem dla Gminy").replace(
        "Akademia Współpracy", "Szkoła Partnerstwa")
    (data / "programme.csv").write_text(text, encoding="utf-8")
    return _outputs(data, root)


@pytest.mark.parametrize("output", ["report", "summary", "diploma", "diplomas dashboard",
                                    "explore dashboard"])
def test_the_renamed_programme_is_named_everywhere(renamed, output):
    text = renamed[output]
    assert "Razem dla Gminy" in text
    for old in OLD:
        assert old not in text


def test_the_academy_name_comes_from_the_data(renamed):
    for output in ("report", "diploma", "diplomas dashboard"):
        assert "Szkoła Partnerstwa" in renamed[output], output


def test_without_a_programme_table_no_programme_is_named(tmp_path):
    data = shutil.copytree(DEMO, tmp_path / "data")
    (data / "programme.csv").unlink()
    outputs = _outputs(data, tmp_path)
    for output, text in outputs.items():
        for old in OLD:
            assert old not in text, (output, old)
    assert "Akademia" in outputs["diplomas dashboard"]
    assert "Program wdrażania Modelu współpracy" in outputs["summary"]

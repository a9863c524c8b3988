"""The reports are accessible: axe-core finds no WCAG 2.1 A/AA violation in any demo report.

axe-core (bundled by ``axe-playwright-python``) runs in Debian's Chromium (no browser
download; ``.ci/run`` installs it) on every gmina's report and the summary, in Polish and
English, with the tags wcag2a, wcag2aa, wcag21a and wcag21aa. A missing browser fails the
test: it never skips. The fixes themselves are unit-tested on small pages below.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import DEMO
from toolkit.report.accessibility import (NBCONVERT_PLACEHOLDER_ALT, accessible_html,
                                          missing_alt_count)
from toolkit.text import t

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TIMEOUT = 60_000  # ms
GMINAS = pd.read_csv(DEMO / "gminas.csv", dtype=str)["gmina_id"].tolist()


@pytest.fixture(scope="module", params=["pl", "en"])
def reports(request, tmp_path_factory):
    """The demo reports in one language (``--workers 2``): ``(lang, out_dir)``."""
    from toolkit.report.runner import run_reports

    lang = request.param
    out = tmp_path_factory.mktemp(f"reports-{lang}")
    result = run_reports(DEMO, out, workers=2, lang=lang, progress=False)
    assert result.ok, result.describe()
    return lang, out


def _violations(response: dict) -> list[str]:
    """Each violation's id, impact and help, then the offending nodes' HTML."""
    lines = []
    for v in response["violations"]:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"]:
            lines.append(f"      {node['target']}: {node['html'][:300]}")
    return lines


def test_demo_reports_have_no_wcag_violations(reports):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package "
                    "(.ci/run does: apt-get install chromium)", pytrace=False)
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    lang, out = reports
    pages = [out / "summary.html", *(out / g / "report.html" for g in GMINAS)]
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "resultTypes": ["violations"]}
    axe, problems, checked = Axe(), [], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS, timeout=PAGE_TIMEOUT)
        try:
            page = browser.new_page()
            page.set_default_timeout(PAGE_TIMEOUT)
            for path in pages:
                page.goto(path.as_uri(), timeout=PAGE_TIMEOUT)
                response = axe.run(page, options=options).response
                found = _violations(response)
                if found:
                    problems += [f"{path.relative_to(out)}:", *found]
                checked[path.name if path.parent == out else path.parent.name] = {
                    "rules": {r["id"] for r in response["passes"] + response["violations"]
                              + response["incomplete"] + response["inapplicable"]},
                    "lang": page.evaluate("document.documentElement.lang"),
                    "alts": page.eval_on_selector_all("img", "i => i.map(x => x.alt)"),
                }
        finally:
            browser.close()
    assert not problems, f"axe-core ({lang}), {', '.join(WCAG_TAGS)}:\n" + "\n".join(problems)
    # axe really ran its WCAG rules on every page, images and text included.
    assert set(checked) == {"summary.html", *GMINAS}
    for name, page in checked.items():
        assert {"image-alt", "color-contrast", "html-has-lang"} <= page["rules"], name
        assert page["lang"] == lang, name
        assert page["alts"] and all(a.strip() and a != NBCONVERT_PLACEHOLDER_ALT
                                    for a in page["alts"]), (name, page["alts"])


PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>r</title></head><body><main>
<img alt="No description has been provided for this image" src="data:image/png;base64,AA">
<img alt="Frekwencja: 90 % na zjeździe 1" src="data:image/png;base64,AA">
<img src="data:image/png;base64,AA">
<table>
<thead><tr><th class="blank">&nbsp;</th><th colspan="2">Wybór</th></tr>
<tr><th>gmina</th><th>n</th><th scope="col">%</th></tr></thead>
<tbody><tr><th rowspan="2">Miechów</th><td>1</td><td>2</td></tr>
<tr><td>3</td><td>4</td></tr></tbody>
</table>
<table><tr><th>a</th><th>b</th></tr><tr><th>x</th><td>1</td></tr></table>
</main></body></html>"""


def _soup(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, features="html.parser")


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_page_gets_the_report_language_and_alt_texts(lang):
    fixed = accessible_html(PAGE, lang)
    soup = _soup(fixed)
    assert soup.html["lang"] == lang
    alts = [img["alt"] for img in soup.find_all("img")]
    # A description of its own is kept; nbconvert's English placeholder and a missing alt
    # become the report language's honest "no text description".
    assert alts == [t("figure_no_alt", lang), "Frekwencja: 90 % na zjeździe 1",
                    t("figure_no_alt", lang)]
    assert t("figure_no_alt", "pl") != t("figure_no_alt", "en")
    assert missing_alt_count(fixed, lang) == 2
    assert accessible_html(fixed, lang) == fixed  # idempotent


def test_header_cells_get_scopes():
    soup = _soup(accessible_html(PAGE, "pl"))
    first, second = soup.find_all("table")
    assert [(th.get_text(strip=True), th["scope"]) for th in first.find_all("th")] == [
        ("", "col"), ("Wybór", "colgroup"), ("gmina", "col"), ("n", "col"), ("%", "col"),
        ("Miechów", "rowgroup")]
    # No <thead>: a row of headers only heads columns, a header beside data heads its row.
    assert [th["scope"] for th in second.find_all("th")] == ["col", "col", "row"]

"""The dashboards in a real browser: Voilà serves the notebooks, headless Chromium drives them.

Uses Debian's ``chromium`` (``.ci/run`` installs it; no browser download). A missing
browser fails the test: it never skips. Every wait is bounded, and the Voilà server (with
its kernels) is always stopped.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import DEMO, REPO
from toolkit import load_dataset
from toolkit.dashboards.download import download_script
from toolkit.dashboards.explore import ExploreFrames, Selection
from toolkit.diplomas import diploma_list, status_label
from toolkit.text import t

CHROMIUM = Path("/usr/bin/chromium")
VOILA = Path(sys.executable).with_name("voila")
ARTEFACTS = REPO / "outputs" / "test-artefacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
START_TIMEOUT = 90  # s: Voilà listening
PAGE_TIMEOUT = 240_000  # ms: the notebook executed and its widgets drawn (a loaded CI machine)
OUTSIDE = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])[a-z]+://")
# ms: Voilà's page showing its dashboard (its notebook run), per server; it takes 5-15 s
# (alone, or beside four busy processes on the 2 cores)
LOAD_TIMEOUT = 60_000
SERVERS = 4  # tried in turn for a page that never shows its dashboard
STEP_TIMEOUT = 30_000  # ms: one interaction reflected in the page
GORLICE, MIECHOW = "1205042", "1208053"
_SERVER_ERROR = re.compile(r"Task was destroyed|Traceback|Error|\b(ERROR|CRITICAL) \|")


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package "
                    "(.ci/run does: apt-get install chromium)", pytrace=False)
    if not VOILA.exists():
        pytest.fail(f"{VOILA} is missing: pip install -e '.[dev]' installs voila",
                    pytrace=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Voilà's own entry point, with two additions for the test server:
# - its asyncio tasks are written to its log on SIGUSR1 (each task, what it waits for, its
#   innermost frames): what a page that never ends waits for;
# - a client waiting for a message without a time limit polls in slices of a second. Voilà
#   renders the page while nbclient runs the notebook, and nbclient waits for each cell's
#   reply that way; about one page in six (tests/test_browser.py alone: 4 in 22 runs) never
#   ended, its server waiting for the last cell's reply after the kernel had sent the
#   cell's output and gone idle. With the slices: none in 22 runs. The reply was there
#   and the wait on the socket missed it (pyzmq's asyncio poll); the page is the same.
_TASKS = "asyncio tasks of the server:"
_TASKS_END = "(end of the asyncio tasks)"
_VOILA_MAIN = f"""
import asyncio, signal, sys
def tasks(signum, frame):
    print({_TASKS!r}, file=sys.stderr)
    for task in asyncio.all_tasks(asyncio.get_event_loop()):
        print(repr(task)[:600], file=sys.stderr)
        task.print_stack(limit=3, file=sys.stderr)
    print({_TASKS_END!r}, file=sys.stderr, flush=True)
signal.signal(signal.SIGUSR1, tasks)
from queue import Empty
from jupyter_client.channels import AsyncZMQSocketChannel
_get_msg = AsyncZMQSocketChannel.get_msg
async def get_msg(self, timeout=None):
    if timeout is not None:
        return await _get_msg(self, timeout)
    while True:
        try:
            return await _get_msg(self, 1.0)
        except Empty:
            pass
AsyncZMQSocketChannel.get_msg = get_msg
from voila.app import main
sys.exit(main())
"""


@contextmanager
def voila(notebook: str, log: Path):
    """Serve ``notebook`` with Voilà on a free localhost port; yield its URL and process."""
    port = _free_port()
    with open(log, "wb") as out:
        # Its kernels on Unix sockets, as the report workers' (toolkit/report/worker.py): a
        # TCP kernel's ports are chosen before it binds them, and the suite's other kernels,
        # starting at the same time, can take one (the kernel then never answers).
        server = subprocess.Popen(
            [sys.executable, "-c", _VOILA_MAIN, notebook, "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", "--KernelManager.transport=ipc", "--debug"],
            cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if server.poll() is not None:
                    pytest.fail(f"voila exited with {server.returncode}:\n"
                                f"{log.read_text(errors='replace')[-3000:]}", pytrace=False)
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"voila did not listen within {START_TIMEOUT} s:\n"
                                    f"{log.read_text(errors='replace')[-3000:]}", pytrace=False)
                    time.sleep(0.25)
            yield f"http://127.0.0.1:{port}/", server
        finally:
            # SIGTERM lets Voilà shut its kernels down; if it hangs, kill the server's group.
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)


@contextmanager
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS, timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            page.set_default_timeout(PAGE_TIMEOUT)
            # Nothing beyond localhost: a request to the web (a CDN) fails at once instead
            # of hanging the page's load on a machine without that network.
            page.outside = []
            page.route(OUTSIDE, lambda route: (page.outside.append(route.request.url),
                                               route.abort()))
            # Requests not yet answered: what a page that never loads is waiting for.
            page.pending = {}
            page.on("request", lambda r: page.pending.__setitem__(r, r.url))
            for done in ("requestfinished", "requestfailed"):
                page.on(done, lambda r: page.pending.pop(r, None))
            yield page
        finally:
            browser.close()


@contextmanager
def served(notebook: str, folder: Path, shown: str):
    """A browser page with Voilà's rendering of ``notebook``, once ``shown`` (a selector of
    what its notebook draws) is visible.

    The test waits for what a user waits for, the dashboard drawn, not for the page's load
    event. The diplomas page used to stay "loading" in most fresh-clone CI runs and in one
    run in six of this file alone: the browser never got the end of the page's own
    response, its server waiting for the last cell's reply (see ``_VOILA_MAIN``, which
    the test's server now runs). The requests beyond
    localhost (Voilà's template asks a CDN for Font Awesome) are aborted at once
    (:func:`browser_page`). A page that does not show its dashboard within LOAD_TIMEOUT
    is replaced by a new server, up to SERVERS in all, each time with a warning carrying
    what the page waits for: its unanswered requests, the server's asyncio tasks (what
    the page's response waits for), its errors and log; the test fails with all of them
    if none shows it. A page shown but not loaded gives a warning too.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    logs = []
    for attempt in range(1, SERVERS + 1):
        log = folder / f"voila-{attempt}.log"
        with voila(notebook, log) as (url, server), browser_page() as page:
            try:
                page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT)
                page.wait_for_selector(shown, timeout=LOAD_TIMEOUT)
            except PlaywrightTimeout:
                logs.append(_waiting(page, log, server))
                if attempt < SERVERS:
                    warnings.warn(f"Voilà's page of {notebook} did not show {shown!r} within "
                                  f"{LOAD_TIMEOUT // 1000} s; a new server is tried.\n"
                                  + logs[-1])
                continue
            try:
                page.wait_for_load_state("load", timeout=STEP_TIMEOUT)
            except PlaywrightTimeout:
                warnings.warn(f"Voilà's page of {notebook} shows {shown!r} but has not "
                              "loaded:\n" + _waiting(page, log, server))
            yield page
            return
    pytest.fail(f"Voilà's page of {notebook} did not show {shown!r} within "
                f"{LOAD_TIMEOUT // 1000} s, on {SERVERS} servers:\n" + "\n---\n".join(logs),
                pytrace=False)


def _waiting(page, log: Path, server: subprocess.Popen) -> str:
    """What a page is waiting for: its state, the requests the browser has had no answer
    to, the server's asyncio tasks and errors (a lost task, a traceback) and the end of
    its log."""
    state = page.evaluate("() => document.readyState")
    server.send_signal(signal.SIGUSR1)
    time.sleep(2)
    text = log.read_text(errors="replace")
    tasks = text.rpartition(_TASKS)[2].partition(_TASKS_END)[0].strip().splitlines()
    errors = [line[:300] for line in text.splitlines() if _SERVER_ERROR.search(line)]
    return (f"document.readyState: {state}\n"
            f"requests unanswered: {list(page.pending.values()) or 'none'}\n"
            f"requests beyond localhost (aborted): {page.outside or 'none'}\n"
            "the server's asyncio tasks:\n  " + "\n  ".join(tasks[:60] or ["none"])
            + "\nthe server's errors:\n  " + "\n  ".join(errors[:20] or ["none"])
            + "\nthe end of the server's log:\n" + text[-2000:])


def _text(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def _download(page, button: str, server_file: Path, folder: Path) -> Path:
    """Click the export ``button``; the browser gets a download equal to ``server_file``."""
    with page.expect_download(timeout=STEP_TIMEOUT) as info:
        page.get_by_role("button", name=button).click(timeout=STEP_TIMEOUT)
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == server_file.name
    saved = folder / "downloaded" / download.suggested_filename
    download.save_as(saved)
    # The file is written on the server too, and the browser got exactly those bytes.
    assert server_file.read_bytes() == saved.read_bytes()
    return saved


def test_explore_dashboard_follows_the_gmina_in_a_browser(tmp_path):
    _require_chromium()
    frames = ExploreFrames(load_dataset(DEMO))
    everyone = int(frames.people(Selection()).loc["selection", "participants"])
    gorlice = int(frames.people(Selection((GORLICE,))).loc["selection", "participants"])
    both = int(frames.people(Selection((GORLICE, MIECHOW))).loc["selection", "participants"])
    assert everyone != gorlice
    summary = ".explore-dashboard .explore-summary"
    images = ".explore-dashboard img"
    all_drawn = (f"() => {{ const i = [...document.querySelectorAll('{images}')];"
                 " return i.length === 5 && i.every(x => x.complete && x.naturalWidth > 300); }")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with served("notebooks/explore.ipynb", tmp_path, summary) as page:
        page.wait_for_function(all_drawn, timeout=PAGE_TIMEOUT)
        before = _text(page, summary)
        assert "wszystkie gminy (4)" in before and f"Uczestnicy Akademii: {everyone}" in before
        sources = page.eval_on_selector_all(images, "i => i.map(x => x.src)")

        page.select_option(".explore-dashboard select[multiple]", label=f"Gorlice ({GORLICE})",
                           timeout=STEP_TIMEOUT)
        page.wait_for_function(
            f"() => document.querySelector('{summary}').innerText.includes('Gorlice')",
            timeout=STEP_TIMEOUT)
        after = _text(page, summary)
        assert f"Uczestnicy Akademii: {gorlice}" in after, after
        # Every view was redrawn: each image got a new source, and all are drawn.
        page.wait_for_function(
            f"(old) => [...document.querySelectorAll('{images}')]"
            ".every((x, k) => x.src !== old[k])",
            arg=sources, timeout=STEP_TIMEOUT)
        page.wait_for_function(all_drawn, timeout=STEP_TIMEOUT)
        page.screenshot(path=str(ARTEFACTS / "explore.png"), full_page=True)

        # The search box adds a gmina (typed as its TERYT code) to the selection.
        page.fill(".explore-dashboard input[list]", MIECHOW, timeout=STEP_TIMEOUT)  # the Combobox
        page.wait_for_function(
            f"() => document.querySelector('{summary}').innerText.includes('Gorlice, Miechów')",
            timeout=STEP_TIMEOUT)
        assert f"Uczestnicy Akademii: {both}" in _text(page, summary)

        # The export buttons write the current views on the server and download them.
        stem = tmp_path / "server" / "wybor"
        page.get_by_label(t("explore_file", "pl")).fill(str(stem), timeout=STEP_TIMEOUT)
        xlsx = _download(page, t("explore_export_xlsx", "pl"), stem.with_suffix(".xlsx"),
                         tmp_path)
        png = _download(page, t("explore_export_png", "pl"), stem.with_suffix(".png"), tmp_path)
    assert (ARTEFACTS / "explore.png").stat().st_size > 10_000
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames[:3] == [t("explore_sheet_selection", "pl"),
                                   t("explore_sheet_people", "pl"),
                                   t("explore_sheet_attendance", "pl")]
    about = [tuple(row) for row in book[t("explore_sheet_selection", "pl")].iter_rows(
        values_only=True)]
    assert (t("explore_gminas", "pl"), "Gorlice, Miechów") in about, about
    people = pd.read_excel(xlsx, sheet_name=t("explore_sheet_people", "pl"))
    assert people[t("explore_col_participants", "pl")].iloc[0] == both
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_download_script_saves_the_bytes_once_per_page(tmp_path):
    _require_chromium()
    payload = bytes(range(256)) * 40
    script = download_script(payload, "lista.xlsx", token="once")
    with browser_page() as page:
        page.set_content("<!doctype html><html><body></body></html>")
        with page.expect_download(timeout=STEP_TIMEOUT) as info:
            page.evaluate(script)
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        # The same output shown again (a redrawn widget) does not download again.
        page.evaluate("() => { let n = 0; HTMLAnchorElement.prototype.click ="
                               " function () { n++; }; window.__count = () => n; }")
        page.evaluate(script)
        clicks = page.evaluate("() => window.__count()")
    assert saved.name == "lista.xlsx" and saved.read_bytes() == payload
    assert clicks == 0


def test_diplomas_dashboard_is_served_and_exports_a_download(tmp_path):
    _require_chromium()
    data = load_dataset(DEMO)
    table = diploma_list(data)
    labels = {status_label(s, "pl") for s in table["status"]}
    server_file = tmp_path / "server" / "lista.xlsx"
    with served("notebooks/diplomas.ipynb", tmp_path, "table") as page:
        text = page.locator("table").first.inner_text()
        page.get_by_label(t("dash_file", "pl")).fill(str(server_file), timeout=STEP_TIMEOUT)
        saved = _download(page, t("dash_export", "pl"), server_file, tmp_path)
    assert "Status" in text and table["last_name"].iloc[0] in text
    assert all(label in text for label in labels), (labels, text[:500])
    book = openpyxl.load_workbook(saved, read_only=True)
    # The Polish sheets first (everyone, then one per gmina), the SPEC-column data last.
    assert book.sheetnames[0] == t("sheet_all", "pl")
    assert book.sheetnames[-1] == t("sheet_data", "pl")
    assert set(book.sheetnames[1:-1]) == set(data.gminas["name"])
    rows = pd.read_excel(saved, sheet_name=t("sheet_data", "pl"), dtype={"participant_id": str})
    assert rows["participant_id"].tolist() == table["participant_id"].astype(str).tolist()
    assert rows["status"].tolist() == table["status"].tolist()

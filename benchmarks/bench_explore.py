"""Benchmark: the explore dashboard's interactions at national scale (goal: < 300 ms each).

Run from anywhere with the project's venv::

    .venv/bin/python benchmarks/bench_explore.py                  # 2 479 gminas, 20 of each
    .venv/bin/python benchmarks/bench_explore.py --gminas 182 --repeats 10 --keep /tmp/bx

A synthetic dataset is written with ``python -m toolkit synth --gminas N --out DIR --seed S``
(not timed). Then, timed with ``time.perf_counter``:

precompute
    ``load_dataset`` (read + validate) and ``ExploreDashboard(data)`` (every count array
    the views need, the figures, and the first full render), reported separately: they
    happen once, when the dashboard opens.
interactions
    ``--repeats`` changes of each control, made the way the browser makes them (setting
    the widget's ``value``; the observers run the update synchronously): *gmina* (pick one
    gmina in the list, every 5th time several), *gmina search* (type a gmina's label in the
    search box: it is added to the selection), *sector*, *questionnaire*, *LIJW wave*. The
    time is the whole update the user waits for: the selection's figures, the artists
    moved and every affected view rendered to PNG (without a kernel, sending the PNGs to
    the browser is not included).

``--browser`` adds the same gmina change seen from a browser: Voilà serves a copy of
``notebooks/explore.ipynb`` whose ``data_dir`` is the synthetic dataset, headless
Chromium (``/usr/bin/chromium``, through Playwright) picks a gmina in the list, and the
time, taken inside the page with ``performance.now()``, runs from the list's change
event until all five views show their new image (comm messages to the kernel and back,
the update, image decoding).

Prints the median and maximum milliseconds per kind as a Markdown table, and whether
every interaction stayed under the limit (``--check``: exit 1 when one did not).
Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def synth(gminas: int, seed: int, out: Path) -> None:
    cmd = [sys.executable, "-m", "toolkit", "synth", "--gminas", str(gminas), "--out", str(out),
           "--seed", str(seed)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interactions(dashboard, repeats: int, seed: int) -> dict[str, list[float]]:
    """Change each control ``repeats`` times; seconds per change, by kind."""
    import random

    rng = random.Random(seed)
    ids = dashboard.frames.gmina_ids
    labels = list(dashboard._by_label)
    sectors = [value for _, value in dashboard.sector.options]
    instruments = list(dashboard.instrument.options)
    waves = list(dashboard.wave.options)
    out: dict[str, list[float]] = {"gmina": [], "gmina search": [], "sector": [],
                                   "questionnaire": [], "LIJW wave": []}
    for i in range(repeats):
        pick = tuple(rng.sample(ids, 10)) if i % 5 == 4 else (rng.choice(ids),)
        if pick == dashboard.gminas.value:
            pick = (ids[(ids.index(pick[0]) + 1) % len(ids)],)
        out["gmina"].append(timed(lambda: setattr(dashboard.gminas, "value", pick)))
        label = rng.choice(labels)
        out["gmina search"].append(timed(lambda: setattr(dashboard.search, "value", label)))
        sector = sectors[(sectors.index(dashboard.sector.value) + 1) % len(sectors)]
        out["sector"].append(timed(lambda: setattr(dashboard.sector, "value", sector)))
        if len(instruments) > 1:
            nxt = instruments[(instruments.index(dashboard.instrument.value) + 1)
                              % len(instruments)]
            out["questionnaire"].append(
                timed(lambda: setattr(dashboard.instrument, "value", nxt)))
        if len(waves) > 1:
            nxt = waves[(waves.index(dashboard.wave.value) + 1) % len(waves)]
            out["LIJW wave"].append(timed(lambda: setattr(dashboard.wave, "value", nxt)))
        if i % 5 == 4:
            dashboard.select(())  # back to every gmina now and then
    return {kind: times for kind, times in out.items() if times}


def browser_gmina_changes(data_dir: Path, work: Path, repeats: int) -> list[float]:
    """Seconds from picking a gmina in Chromium until every view shows its new image."""
    import nbformat
    from playwright.sync_api import sync_playwright

    notebook = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    params = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    params.source = f"data_dir = {str(data_dir)!r}\nlang = 'pl'"
    copy = work / "explore.ipynb"
    nbformat.write(notebook, copy)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).with_name("voila")), str(copy),
                               "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    images = ".explore-dashboard img"
    times = []
    try:
        for _ in range(360):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.25)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync"])
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1800})
                page.set_default_timeout(180_000)
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_function(f"() => [...document.querySelectorAll('{images}')]"
                                       ".filter(x => x.naturalWidth > 300).length === 5")
                select = ".explore-dashboard select[multiple]"
                labels = page.eval_on_selector(select, "s => [...s.options].map(o => o.label)")
                summary = ".explore-dashboard .explore-summary"
                for label in labels[1:][::max(1, len(labels) // repeats)][:repeats]:
                    label = label.replace("\xa0", " ")  # the options' spaces are nbsp
                    # Timed inside the page, as a click is: from the select's change event
                    # until the summary names the gmina (it is sent after the images)
                    # and all five images are decoded.
                    page.evaluate(f"""(label) => {{
                        const select = document.querySelector('{select}');
                        for (const o of select.options)
                            o.selected = o.label.replace(/\\u00a0/g, ' ') === label;
                        window.__explore_t0 = performance.now();
                        select.dispatchEvent(new Event('change', {{bubbles: true}}));
                    }}""", label)
                    elapsed = page.wait_for_function(
                        f"""(name) => document.querySelector('{summary}').innerText
                                .replace(/\\u00a0/g, ' ').includes(name + ' · ')
                            && [...document.querySelectorAll('{images}')]
                                .every(x => x.complete && x.naturalWidth > 0)
                            && performance.now() - window.__explore_t0""",
                        arg=label.rsplit(" (", 1)[0], timeout=30_000, polling=5).json_value()
                    times.append(elapsed / 1000)
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gminas", type=int, default=2479, help="size of the synthetic dataset")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20, help="changes of each control")
    parser.add_argument("--limit-ms", type=float, default=300.0)
    parser.add_argument("--keep", type=Path, help="write the dataset here and keep it")
    parser.add_argument("--check", action="store_true", help="exit 1 if one change is too slow")
    parser.add_argument("--browser", action="store_true",
                        help="also time gmina changes in Chromium through Voilà")
    args = parser.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")
    from toolkit.dashboards import ExploreDashboard
    from toolkit.dataset import load_dataset

    with tempfile.TemporaryDirectory(prefix="bench-explore-") as tmp:
        folder = args.keep or Path(tmp) / "data"
        if not (folder / "gminas.csv").exists():
            log(f"synth --gminas {args.gminas} --seed {args.seed} → {folder}")
            synth(args.gminas, args.seed, folder)
        log("load_dataset")
        start = time.perf_counter()
        data = load_dataset(folder)
        load = time.perf_counter() - start
        log("ExploreDashboard(data)")
        start = time.perf_counter()
        dashboard = ExploreDashboard(data)
        build = time.perf_counter() - start
        log(f"{args.repeats} changes of each control")
        times = interactions(dashboard, args.repeats, args.seed)
        if args.browser:
            log("Voilà + headless Chromium: gmina changes")
            times["gmina, in the browser (Voilà)"] = browser_gmina_changes(
                folder, Path(tmp), args.repeats)

    limit = args.limit_ms / 1000
    print(f"Explore dashboard, synthetic dataset of {args.gminas} gminas (seed {args.seed}): "
          f"{len(data['participants'])} participants, {len(data['responses'])} responses; "
          f"{dt.date.today()}, {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}.")
    print()
    print(f"Once, when the dashboard opens: load_dataset {load:.1f} s; "
          f"ExploreDashboard(data) {build:.2f} s (count arrays, figures, first render).")
    print()
    print(f"| interaction | changes | median ms | max ms | all < {args.limit_ms:.0f} ms |")
    print("|---|---:|---:|---:|---|")
    slow = False
    for kind, values in times.items():
        worst = max(values)
        slow |= worst >= limit
        print(f"| {kind} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
              f"{worst * 1000:.0f} | {'yes' if worst < limit else 'NO'} |")
    print()
    print(f"Every interaction under {args.limit_ms:.0f} ms: {'no' if slow else 'yes'}.")
    return 1 if slow and args.check else 0


if __name__ == "__main__":
    sys.exit(main())

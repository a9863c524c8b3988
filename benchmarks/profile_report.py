"""Where a report's time goes: one worker's stages, inside the kernel and after it.

Runs the report worker's code path in this process (this process is the worker: it starts
and warms one kernel, then runs the gminas one after the other as a worker does) and
prints the share of time per stage:

- in the parent: loading and validating, the cache (programme figures and slices);
- in the worker (wall clock, the functions wrapped with a timer): the kernel's execution
  (papermill), nbconvert's HTML export with the accessibility pass, WeasyPrint's PDF,
  Word (pandoc, python-docx); each cell's (section's) time from papermill's metadata;
- inside the kernel, in a second run of the same gmina with cProfile switched on by a
  cell put before the notebook's first one: the shares of the cells' time spent on the
  report context, the figures' rendering to PNG (``figure_png``), their text
  alternatives, the plots' drawing and the tables.

The first gmina warms the kernel (imports, fonts, templates) and is left out.

    .venv/bin/python benchmarks/profile_report.py --data data/demo --gminas 4
    .venv/bin/python benchmarks/profile_report.py --synth 10 --gminas 4 --formats html,pdf,docx
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Stages: (label, path fragment, function name); a function's cumulative time is its
# stage's (the drawing stage's fragment contains the rendering's and the text
# alternatives' modules: they are subtracted).
KERNEL_STAGES = [
    ("kernel: context (report_context)", "toolkit/report/context.py", "report_context"),
    ("kernel: figure rendering (figure_png)", "toolkit/plots/_png.py", "figure_png"),
    ("kernel: text alternatives (plots/_alt.py)", "toolkit/plots/_alt.py", None),
    ("kernel: figure drawing (toolkit/plots)", "toolkit/plots/", None),
    ("kernel: tables (Styler to HTML)", "pandas/io/formats/style.py", "_repr_html_"),
]
SECTIONS = ["header", "findings", "attendance", "questionnaires", "knowledge", "open_answers",
            "index", "recommendations", "support", "actions", "evaluator_recommendations",
            "holdings", "footer"]

# The worker's stages, timed (wall clock, no profiler) by wrapping these functions.
WORKER_STAGES = [
    ("worker: kernel (papermill execute_notebook)", "papermill", "execute_notebook"),
    ("worker: HTML export (notebook_to_html, all)", "toolkit.report.worker", "notebook_to_html"),
    ("worker:   accessibility pass", "toolkit.report.accessibility", "accessible_html"),
    ("worker: PDF (WeasyPrint)", "toolkit.report.pdf", "html_to_pdf"),
    ("worker: Word (all)", "toolkit.report.docx", "html_to_docx"),
    ("worker:   Word: pandoc", "pypandoc", "convert_text"),
]


def timed(spent: dict):
    """Wrap each of WORKER_STAGES' functions so that its wall time adds up in ``spent``."""
    import importlib

    for label, module_name, name in WORKER_STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def wrapper(*args, __original=original, __label=label, **kwargs):
            start = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                spent[__label] += time.perf_counter() - start

        setattr(module, name, wrapper)


START = ("import cProfile as _cp, time as _t\n"
         "_toolkit_profile = _cp.Profile(); _toolkit_profile.enable()")
STOP = "_toolkit_profile.disable(); _toolkit_profile.dump_stats({path!r})"


def cumulative(stats: pstats.Stats, fragment: str, name: str | None) -> float:
    """Cumulative seconds of the functions matching (no double counting of recursion or of
    a function called by another that matches)."""
    matches = {k for k in stats.stats if fragment in k[0].replace("\\", "/")
               and (name is None or k[2] == name)}
    total = 0.0
    for key in matches:
        cc, nc, tt, ct, callers = stats.stats[key]
        # Only the time entering from outside the matched set.
        outside = [c for c in callers if c not in matches]
        if not outside:
            continue
        total += sum(callers[c][3] for c in outside)
    return total


def section_times(stats: pstats.Stats) -> dict[str, float]:
    out = {}
    for name in SECTIONS:
        keys = [k for k in stats.stats if "toolkit/report/sections/" in k[0] and k[2] == name]
        out[name] = sum(stats.stats[k][3] for k in keys)
    return out


def profiled_notebook(src: Path, dst: Path, dump: Path) -> None:
    import nbformat

    nb = nbformat.read(src, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(START))
    nb.cells.append(nbformat.v4.new_code_cell(STOP.format(path=str(dump))))
    nbformat.write(nb, dst)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=REPO / "data" / "demo")
    p.add_argument("--synth", type=int, default=None, metavar="N",
                   help="profile a synthetic dataset of N gminas instead of --data")
    p.add_argument("--gminas", type=int, default=4, help="gminas run (the first warms up)")
    p.add_argument("--formats", default="html,pdf,docx")
    p.add_argument("--keep", type=Path, default=None, help="keep the profiles here")
    args = p.parse_args(argv)

    from toolkit.dataset import load_dataset
    from toolkit.report import worker
    from toolkit.report.context import write_cache
    from toolkit.report.runner import GMINA_NOTEBOOK

    work = Path(tempfile.mkdtemp(prefix="profile_report-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    data_dir = args.data
    if args.synth:
        data_dir = work / "data"
        subprocess.run([sys.executable, "-m", "toolkit", "synth", "--gminas", str(args.synth),
                        "--out", str(data_dir), "--seed", "1"], check=True, cwd=REPO,
                       capture_output=True)
    try:
        timings = {}
        t = time.perf_counter()
        data = load_dataset(data_dir)
        timings["parent: load and validate"] = time.perf_counter() - t
        ids = list(data.gminas["gmina_id"])[: args.gminas]
        cache = work / "out" / ".cache"
        t = time.perf_counter()
        write_cache(data, cache, list(data.gminas["gmina_id"]))
        timings["parent: cache (programme figures, slices)"] = time.perf_counter() - t

        t = time.perf_counter()
        worker._warm_up_kernel()
        timings["worker: kernel start and warm-up"] = time.perf_counter() - t

        spent = defaultdict(float)
        timed(spent)
        kernel_stats, walls, cells = [], [], defaultdict(list)
        stage_sums = defaultdict(float)

        def task_for(gid, notebook):
            return {"name": "report", "notebook": str(notebook),
                    "out_dir": str(work / "out" / gid), "formats": args.formats.split(","),
                    "inputs_hash": "", "title": gid, "gmina": gid,
                    "programme_name": data.programme.name,
                    "parameters": {"gmina_id": gid, "data_dir": str(Path(data_dir).resolve()),
                                   "lang": "pl", "cache_dir": str(cache.resolve())}}

        for i, gid in enumerate(ids):
            # A plain run (wall times of the stages and cells), then a run with cProfile
            # switched on in the kernel (what the kernel's time is spent on).
            spent.clear()
            t = time.perf_counter()
            entry = worker._run_notebook_now(task_for(gid, GMINA_NOTEBOOK))
            wall = time.perf_counter() - t
            if entry["status"] != "ok":
                print(f"{gid}: {entry['error']}", file=sys.stderr)
                return 1
            print(f"  {gid}: {wall:.2f}s", file=sys.stderr)
            if i == 0:
                continue  # the first gmina warms the kernel (imports, fonts, templates)
            walls.append(wall)
            for k, v in spent.items():
                stage_sums[k] += v
            executed = json.loads((work / "out" / gid / "report.ipynb").read_text())
            for cell in executed["cells"]:
                src = "".join(cell["source"])
                for name in SECTIONS:
                    if f"sections.{name}(" in src:
                        cells[name].append(cell["metadata"].get("papermill", {}).get("duration") or 0)
            dump = work / f"kernel-{gid}.prof"
            nb = work / f"nb-{gid}.ipynb"
            profiled_notebook(GMINA_NOTEBOOK, nb, dump)
            worker._run_notebook_now(task_for(gid, nb))
            kernel_stats.append(pstats.Stats(str(dump)))
        n = len(walls)
        if not n:
            print("need --gminas 2 or more", file=sys.stderr)
            return 2
        mean_wall = sum(walls) / n
        print(f"profile_report: {data_dir} ({len(data.gminas)} gminas), formats {args.formats}, "
              f"{n} gminas timed after 1 warm-up")
        for k, v in timings.items():
            print(f"  {k}: {v:.2f}s (once per run)")
        print(f"\nper report, one worker: wall mean {mean_wall:.2f}s")
        print("| stage (wall clock) | s per report | share of the report |")
        print("|---|---:|---:|")
        for label, *_ in WORKER_STAGES:
            v = stage_sums[label] / n
            print(f"| {label} | {v:.3f} | {v / mean_wall:.1%} |")
        cell_total = sum(sum(d) / len(d) for d in cells.values())
        kernel = stage_sums[WORKER_STAGES[0][0]] / n
        print(f"| worker: kernel: the cells' own time (papermill durations) | {cell_total:.3f} "
              f"| {cell_total / mean_wall:.1%} |")
        print(f"| worker: kernel: outside the cells (messages, papermill, nbclient) | "
              f"{kernel - cell_total:.3f} | {(kernel - cell_total) / mean_wall:.1%} |")
        # Inside the kernel: shares of the profiled cells' time (cProfile inflates Python
        # code, so the shares, not the seconds, are what to read).
        ker = {lab: sum(cumulative(s, f, fn) for s in kernel_stats) / n
               for lab, f, fn in KERNEL_STAGES}
        # The plots' modules include the rendering (_png.py) and the text alternatives
        # (_alt.py): drawing is the rest.
        ker[KERNEL_STAGES[3][0]] -= ker[KERNEL_STAGES[1][0]] + ker[KERNEL_STAGES[2][0]]
        run_cells = sum(cumulative(s, "IPython/core/interactiveshell.py", "run_cell")
                        for s in kernel_stats) / n
        print("\n| inside the kernel (cProfile) | share of the cells' time |")
        print("|---|---:|")
        for lab, v in ker.items():
            print(f"| {lab} | {v / run_cells:.1%} |")
        print("\n| section (cell) | s per report (papermill duration) |")
        print("|---|---:|")
        for name in SECTIONS:
            d = cells.get(name) or [0]
            print(f"| {name} | {sum(d) / len(d):.3f} |")
    finally:
        if worker._KERNEL is not None:
            worker._KERNEL.shutdown_kernel(now=True)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The tables ``bench_reports.py`` prints: the speed-up over the naive loop, the format
sets, the projection to every gmina, the Dask workers, and the details of each size.

Each function takes the script's result rows (``bench_reports.Row``) and returns Markdown
(what docs/benchmarks.md quotes).
"""

from __future__ import annotations

import statistics


def table(rows, workers: int) -> str:
    head = ("N", "naive total s", "toolkit total s", "naive/toolkit", "toolkit per-report s",
            "floor s", "per-report/floor")
    body = []
    for r in rows:
        naive_cell = ("—" if r.naive is None else
                      f"{r.naive.total:.1f} (extrap. from {r.naive.gminas_run})"
                      if r.naive.extrapolated else f"{r.naive.total:.1f}")
        speedup = "—" if r.speedup is None else f"{r.speedup:.2f}x"
        body.append((str(r.n), naive_cell, f"{r.tk.wall:.1f}", speedup,
                     f"{r.tk.per_report:.2f}", f"{r.floor_s:.2f}",
                     f"{r.tk.per_report / r.floor_s:.2f}x"))
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    fmt = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"
    lines = [fmt(head), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"]
    lines += [fmt(b) for b in body]
    return "\n".join(lines)


def formats_table(rows) -> str:
    """What PDF and Word cost per report, against the HTML-only run of the same size."""
    lines = ["| N | formats | toolkit total s | per report s | extra per report s | wall / HTML wall |",
             "|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r.n} | html | {r.tk.wall:.1f} | {r.tk.per_report:.2f} | — | 1.00x |")
        for name, res in r.formats.items():
            extra = (res.wall - r.tk.wall) / r.n
            lines.append(f"| {r.n} | {name} | {res.wall:.1f} | {res.per_report:.2f} | "
                         f"{extra:+.2f} | {res.wall / r.tk.wall:.2f}x |")
    return "\n".join(lines)


def projection_table(rows, target: int) -> str:
    """Each run's wall, and what it projects to for ``target`` gminas (linearly)."""
    lines = [f"| N | formats | wall s | per report s | projected to {target} gminas | "
             f"peak run MiB | peak worker+kernel MiB |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        for name, res in [("html", r.tk), *r.formats.items()]:
            minutes = res.per_report * target / 60
            lines.append(f"| {r.n} | {name} | {res.wall:.1f} | {res.per_report:.2f} | "
                         f"{minutes:.0f} min ({minutes / 60:.1f} h) | {res.memory.run_mib:.0f} | "
                         f"{res.memory.worker_tree_mib:.0f} |")
    lines.append(f"(projection: the measured wall per report x {target}; the fixed part of a "
                 "run is spread over more gminas, so it errs on the long side)")
    return "\n".join(lines)


def dask_table(rows) -> str:
    """``--scheduler dask``: 2 workers against 1, the same HTML run, round by round
    (``--repeat``), with the median speed-up over the rounds."""
    lines = ["| N | round | dask workers | wall s | per report s | speed-up over 1 worker "
             "| first report at s | then s per report | speed-up there |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    medians = []
    for r in rows:
        ones = r.dask.get(1)  # every W has a result per round
        speedups = {}
        for i in range(max(map(len, r.dask.values()), default=0)):
            one = ones[i] if ones else None
            for w, results in sorted(r.dask.items()):
                res = results[i]
                ratio = "—"
                if one:
                    speedups.setdefault(w, []).append(one.wall / res.wall)
                    ratio = f"{speedups[w][-1]:.2f}x"
                pace = "—" if res.pace is None else f"{res.pace:.2f}"
                steady = (f"{one.pace / res.pace:.2f}x" if one and one.pace and res.pace
                          else "—")
                lines.append(f"| {r.n} | {i + 1} | {w} | {res.wall:.1f} | {res.per_report:.2f} "
                             f"| {ratio} | {res.first:.1f} | {pace} | {steady} |")
        medians += [f"N={r.n}, {w} workers: median {statistics.median(v):.2f}x over "
                    f"{len(v)} round{'s' if len(v) > 1 else ''} "
                    f"({', '.join(f'{x:.2f}x' for x in v)})"
                    for w, v in sorted(speedups.items()) if w != 1]
    lines.append("(goal: 2 workers >= 1.8x 1 worker, the whole run; 'then': from the first "
                 "gmina's outputs to the last's, without the run's start and end)")
    return "\n".join(lines + medians)


def details(rows, workers: int, floor_times: list[float]) -> str:
    lines = [f"floor runs (s): {', '.join(f'{t:.2f}' for t in floor_times)}"]
    for r in rows:
        nv, tk = r.naive, r.tk
        busy = sum(tk.notebook_s)
        if nv is not None:
            pm_mean = statistics.mean(nv.papermill_s)
            nb_mean = statistics.mean(nv.nbconvert_s)
            lines.append(
                f"N={r.n}: naive per gmina {nv.per_gmina:.2f}s (papermill {pm_mean:.2f}s + "
                f"nbconvert {nb_mean:.2f}s) over {nv.gminas_run}/{nv.gminas_total} gminas"
                + (", total extrapolated linearly" if nv.extrapolated else ""))
        else:
            lines.append(f"N={r.n}: naive loop not run (--no-naive)")
        lines.append(
            f"       toolkit: per-gmina notebook in a worker mean {statistics.mean(tk.notebook_s):.2f}s "
            f"(median {statistics.median(tk.notebook_s):.2f}s, max {max(tk.notebook_s):.2f}s); "
            f"sum {busy:.1f}s / {workers} workers = {busy / workers:.1f}s of the {tk.wall:.1f}s "
            f"wall; the other {tk.wall - busy / workers:.1f}s is start-up, validation, cache, "
            f"summary and pool imbalance; the first gmina's outputs after {tk.first:.1f}s"
            + ("" if tk.pace is None else f", then {tk.pace:.2f}s per report"))
        naive_floor = ("" if nv is None else
                       f"naive per gmina / floor = {nv.per_gmina / r.floor_s:.2f}x; ")
        lines.append(
            f"       {naive_floor}"
            f"toolkit notebook mean / floor = {statistics.mean(tk.notebook_s) / r.floor_s:.2f}x")
        for name, res in [("html", tk), *r.formats.items()]:
            lines.append(f"       --format {name}: {res.memory.describe()}")
    return "\n".join(lines)

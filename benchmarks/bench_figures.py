"""The report's cells without a kernel, under two matplotlib versions: the ratio of their times.

Why ``pyproject.toml`` keeps matplotlib below 3.11 (docs/benchmarks.md): the work a report's
kernel does (every section of ``notebooks/gmina_report.ipynb``, each figure drawn and saved
as PNG by ``sections.show``) is timed in a child process with the venv's matplotlib and in
one with ``--against VERSION`` (installed once, without dependencies, with ``pip install
--target`` into the work dir and put first on ``PYTHONPATH``), alternately, ``--rounds``
times each. Each child makes a synthetic dataset's cache as the report run does, draws one
gmina to warm up, then times the next ``--gminas``.

    .venv/bin/python benchmarks/bench_figures.py                      # against matplotlib 3.11.2
    .venv/bin/python benchmarks/bench_figures.py --against 3.9.4 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_reports import read_gmina_ids, synthesize
from profile_report import REPO, SECTIONS


def child(data_dir: Path, cache_dir: Path, gminas: int) -> None:
    """In the child: print matplotlib's version and the mean seconds per report."""
    import matplotlib

    matplotlib.use("module://matplotlib_inline.backend_inline")
    import IPython.display

    IPython.display.display = lambda *args, **kwargs: None  # the pictures are made, not sent
    from toolkit.report import report_context, sections

    ids = read_gmina_ids(data_dir)

    def report(gmina_id: str) -> None:
        ctx = report_context(gmina_id, data_dir=data_dir, lang="pl", cache_dir=cache_dir)
        for name in SECTIONS:
            sections.show(getattr(sections, name)(ctx))

    report(ids[0])
    start = time.perf_counter()
    for gmina_id in ids[1:gminas + 1]:
        report(gmina_id)
    print(matplotlib.__version__, (time.perf_counter() - start) / gminas)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--against", default="3.11.2", metavar="VERSION",
                        help="the other matplotlib (default 3.11.2)")
    parser.add_argument("--gminas", type=int, default=8, help="gminas timed per round (8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each version (3)")
    parser.add_argument("--work", type=Path, help="work dir to keep (default: a temp dir)")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child, args.gminas)
        return 0

    with tempfile.TemporaryDirectory(prefix="bench_figures-") as tmp:
        work = args.work or Path(tmp)
        data, cache = work / "data", work / "cache"
        if not (data / "gminas.csv").is_file() or len(read_gmina_ids(data)) <= args.gminas:
            synthesize(args.gminas + 1, data)  # one to warm up, then the timed ones
        from toolkit.dataset import load_dataset
        from toolkit.report.context import write_cache

        write_cache(load_dataset(data), cache, None)
        other = work / f"matplotlib-{args.against}"
        if not other.is_dir():
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                            "--target", str(other), f"matplotlib=={args.against}"], check=True)
        times: dict[str, list[float]] = {}
        for round_ in range(args.rounds):
            for first in ([], [str(other)]):
                env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                    [*first, str(REPO), os.environ.get("PYTHONPATH", "")]))
                out = subprocess.run([sys.executable, __file__, "--gminas", str(args.gminas),
                                      "--child", str(data), str(cache)], env=env, cwd=REPO,
                                     check=True, capture_output=True, text=True).stdout.split()
                times.setdefault(out[0], []).append(float(out[1]))
                print(f"round {round_ + 1}: matplotlib {out[0]}: {float(out[1]):.3f} s per report",
                      flush=True)
    (mine, mine_t), (theirs, theirs_t) = times.items()
    print(f"\nmedian s per report: matplotlib {mine} {statistics.median(mine_t):.3f}, "
          f"matplotlib {theirs} {statistics.median(theirs_t):.3f}; "
          f"{theirs}/{mine} = {statistics.median(theirs_t) / statistics.median(mine_t):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

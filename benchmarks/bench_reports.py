"""Benchmark: per-gmina reports the naive way (a shell loop) vs ``python -m toolkit report``.

Run from anywhere with the project's venv::

    .venv/bin/python benchmarks/bench_reports.py                 # sizes 8 and 50, 2 workers
    .venv/bin/python benchmarks/bench_reports.py --quick         # smoke run: 4 gminas, sample 2
    .venv/bin/python benchmarks/bench_reports.py --sizes 8 50 --workers 2 --keep /tmp/bench

For each size N a synthetic dataset is written (``python -m toolkit synth --gminas N
--seed 1``, not timed), then three things are timed with ``time.perf_counter``:

naive
    For each gmina, one after the other, as a person with a shell loop would:
    ``papermill notebooks/gmina_report.ipynb OUT/naive/<id>.ipynb -r gmina_id <id>
    -p data_dir DATA --no-progress-bar`` then ``jupyter nbconvert --to html --no-input
    OUT/naive/<id>.ipynb``. For N > 10 only a sample of gminas is run (``--naive-sample``,
    default 10) and the naive total is extrapolated linearly from the sample's mean per
    gmina; the table marks such totals.
toolkit
    ``python -m toolkit report --data DATA --out OUT/toolkit --workers W --force``, the
    whole wall time of the subprocess (start-up, validation, cache, every gmina, summary).
formats
    For each ``--formats`` set (default ``html,pdf`` and ``html,pdf,docx``), the same
    ``toolkit report`` with ``--format SET --force``; the table gives the extra seconds
    per report over the HTML-only run and the ratio of the two walls.
floor
    The median (of 5) time papermill's Python API takes to execute a notebook whose only
    cell imports the libraries the report uses: kernel start + imports, no work at all.

The toolkit may be edited while the benchmark runs (a run takes ~10 minutes): the script
fingerprints toolkit/ and notebooks/ before and after each size and warns when they
changed. ``--snapshot REV`` runs everything on a frozen copy of commit REV instead
(``git archive REV``, read-only, extracted into the work dir; ``PYTHONPATH`` points the
kernels and subprocesses at it; the venv is the same).

Absolute times on shared machines are noise, so the table reports ratios measured in the
same run: naive/toolkit (the goal is >= 4x on 2 cores) and toolkit-per-report/floor.
Progress goes to stderr, the table to stdout. Every subprocess's return code is checked.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _bench_tables import dask_table, details, formats_table, projection_table, table

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "gmina_report.ipynb"
FLOOR_IMPORTS = ("import pandas, numpy, matplotlib.pyplot, scipy.stats, statsmodels.api, "
                 "seaborn, toolkit.report")
FLOOR_RUNS = 5
NAIVE_ALL_UP_TO = 10  # default: every gmina for N <= 10, else a sample of this many
GOAL = 4.0


class BenchError(RuntimeError):
    """A timed or setup run failed."""


def use_repo(path: Path) -> None:
    """Run everything from ``path`` (a frozen copy of the repo) instead of this checkout."""
    global REPO, NOTEBOOK
    REPO = path.resolve()
    NOTEBOOK = REPO / "notebooks" / "gmina_report.ipynb"
    # Kernels and subprocesses inherit the environment: import the copy's toolkit, not the
    # editable install's (its finder comes after PYTHONPATH on sys.path).
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])


def snapshot(rev: str, dest: Path) -> str:
    """Extract commit ``rev`` of this checkout into ``dest`` (git archive: read-only)."""
    here = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=here,
                                capture_output=True, text=True, check=True).stdout.strip()
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=here,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    except subprocess.CalledProcessError as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr
        raise BenchError(f"--snapshot {rev}: {' '.join(exc.cmd)} failed: {_tail(err or '')}")
    return commit


def _bin(name: str) -> str:
    """An executable of this Python's environment (the venv), else one on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"{name}: not found next to {sys.executable} nor on PATH")
    return found


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], what: str) -> float:
    """Run ``cmd`` from the repo root; return its wall time. Fail loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, errors="replace")
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise BenchError(
            f"{what} failed with exit code {proc.returncode}\n$ {' '.join(cmd)}\n"
            f"--- stderr (tail) ---\n{_tail(proc.stderr)}\n"
            f"--- stdout (tail) ---\n{_tail(proc.stdout, 10)}")
    return seconds


@dataclass
class Memory:
    """Peak resident memory of a run (MiB): the whole process tree, and per worker."""

    run_mib: float = 0.0          # the toolkit process and all its descendants, summed
    parent_mib: float = 0.0       # the toolkit process alone
    worker_mib: float = 0.0       # the largest worker process alone
    worker_tree_mib: float = 0.0  # the largest worker with its kernel (and a nanny's worker)
    largest_process_mib: float = 0.0  # getrusage(RUSAGE_CHILDREN).ru_maxrss (all runs so far)
    samples: int = 0

    def describe(self) -> str:
        return (f"peak memory: run {self.run_mib:.0f} MiB (all processes summed), parent "
                f"{self.parent_mib:.0f} MiB, worker {self.worker_mib:.0f} MiB alone / "
                f"{self.worker_tree_mib:.0f} MiB with its kernel (goal <= 1024); largest "
                f"process of the benchmark so far {self.largest_process_mib:.0f} MiB "
                f"(ru_maxrss); {self.samples} samples")


def run_measured(cmd: list[str], what: str, every: float = 0.25) -> tuple[float, Memory]:
    """:func:`run`, sampling the resident memory of ``cmd``'s process tree every ``every`` s
    (psutil): the run's peak (all processes summed) and each worker's (a direct child of
    the run's process, alone and with its own descendants: the kernel)."""
    import resource
    import threading

    import psutil

    memory = Memory()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    done = threading.Event()
    mib = 1024 * 1024

    def rss(process) -> float:
        try:
            return process.memory_info().rss / mib
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return 0.0

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.wait(every):
            try:
                children = root.children()
            except psutil.NoSuchProcess:
                return
            parent = rss(root)
            total = parent
            for child in children:
                alone = rss(child)
                try:
                    below = sum(rss(p) for p in child.children(recursive=True))
                except psutil.NoSuchProcess:
                    below = 0.0
                total += alone + below
                memory.worker_mib = max(memory.worker_mib, alone)
                memory.worker_tree_mib = max(memory.worker_tree_mib, alone + below)
            memory.parent_mib = max(memory.parent_mib, parent)
            memory.run_mib = max(memory.run_mib, total)
            memory.samples += 1

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = proc.communicate()
    finally:
        done.set()
        sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise BenchError(
            f"{what} failed with exit code {proc.returncode}\n$ {' '.join(cmd)}\n"
            f"--- stderr (tail) ---\n{_tail(stderr)}\n"
            f"--- stdout (tail) ---\n{_tail(stdout, 10)}")
    memory.largest_process_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, memory


def code_fingerprint() -> str:
    """A hash of every file under toolkit/ and notebooks/ (what the timed runs execute).

    The toolkit may be edited while the benchmark runs; comparing fingerprints taken
    before and after each size tells whether one size's runs mixed code versions.
    """
    h = hashlib.sha256()
    for root in ("toolkit", "notebooks"):
        for path in sorted((REPO / root).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                h.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def git_describe() -> str:
    """The commit checked out, and whether the tree has changes (read-only git calls)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "toolkit", "notebooks"],
                               cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}" + (" + uncommitted changes in toolkit/ or notebooks/" if dirty else "")


def read_gmina_ids(data_dir: Path) -> list[str]:
    with open(data_dir / "gminas.csv", encoding="utf-8-sig", newline="") as f:
        return [row["gmina_id"] for row in csv.DictReader(f)]


def synthesize(n: int, data_dir: Path, seed: int = 1) -> list[str]:
    run([sys.executable, "-m", "toolkit", "synth", "--gminas", str(n), "--out", str(data_dir),
         "--seed", str(seed)], f"synth --gminas {n}")
    ids = read_gmina_ids(data_dir)
    if len(ids) != n:
        raise BenchError(f"synth --gminas {n} wrote {len(ids)} gminas")
    return ids


@dataclass
class NaiveResult:
    gminas_run: int
    gminas_total: int
    papermill_s: list[float] = field(default_factory=list)
    nbconvert_s: list[float] = field(default_factory=list)

    @property
    def per_gmina(self) -> float:
        return (sum(self.papermill_s) + sum(self.nbconvert_s)) / self.gminas_run

    @property
    def measured(self) -> float:
        return sum(self.papermill_s) + sum(self.nbconvert_s)

    @property
    def total(self) -> float:
        """Measured total, or the sample's mean per gmina times N when sampled."""
        return self.measured if not self.extrapolated else self.per_gmina * self.gminas_total

    @property
    def extrapolated(self) -> bool:
        return self.gminas_run < self.gminas_total


def naive(ids: list[str], data_dir: Path, out_dir: Path, sample: int) -> NaiveResult:
    """papermill then nbconvert, gmina after gmina (the first ``sample`` gminas)."""
    papermill, jupyter = _bin("papermill"), _bin("jupyter")
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = ids[:sample]
    result = NaiveResult(len(chosen), len(ids))
    for i, gid in enumerate(chosen, 1):
        executed = out_dir / f"{gid}.ipynb"
        pm_s = run([papermill, str(NOTEBOOK.relative_to(REPO)), str(executed),
                    "-r", "gmina_id", gid, "-p", "data_dir", str(data_dir),
                    "--no-progress-bar"], f"naive papermill {gid}")
        nb_s = run([jupyter, "nbconvert", "--to", "html", "--no-input", str(executed)],
                   f"naive nbconvert {gid}")
        if not executed.with_suffix(".html").is_file():
            raise BenchError(f"naive nbconvert {gid}: no {executed.with_suffix('.html')}")
        result.papermill_s.append(pm_s)
        result.nbconvert_s.append(nb_s)
        log(f"  naive {i}/{len(chosen)} {gid}: papermill {pm_s:.2f}s + nbconvert {nb_s:.2f}s")
    return result


@dataclass
class ToolkitResult:
    wall: float
    n: int
    notebook_s: list[float]  # per-gmina seconds from the manifest (inside the workers)
    memory: Memory = field(default_factory=Memory)
    done_s: list[float] = field(default_factory=list)  # each gmina's outputs written, sorted

    @property
    def per_report(self) -> float:
        return self.wall / self.n

    @property
    def first(self) -> float:
        """Seconds from the run's start to its first gmina's outputs."""
        return self.done_s[0]

    @property
    def pace(self) -> float | None:
        """Seconds per report between the first gmina's outputs and the last's (the run
        without its start and its end)."""
        if len(self.done_s) < 2:
            return None
        return (self.done_s[-1] - self.done_s[0]) / (len(self.done_s) - 1)


def done_times(out_dir: Path, started: float) -> list[float]:
    """When each gmina's outputs were written (the newest ``report.*`` besides the
    executed notebook), seconds after ``started`` (a ``time.time()``), sorted."""
    times = []
    for gmina_dir in out_dir.iterdir():
        if gmina_dir.is_dir() and not gmina_dir.name.startswith("."):
            written = [f.stat().st_mtime for f in gmina_dir.glob("report.*")
                       if f.suffix != ".ipynb"]
            if written:
                times.append(max(written) - started)
    return sorted(times)


def toolkit(data_dir: Path, out_dir: Path, workers: int, n: int,
            formats: str = "html", scheduler: str = "local") -> ToolkitResult:
    cmd = [sys.executable, "-m", "toolkit", "report", "--data", str(data_dir),
           "--out", str(out_dir), "--workers", str(workers), "--force", "--format", formats]
    if scheduler != "local":
        cmd += ["--scheduler", scheduler]
    started = time.time()
    wall, memory = run_measured(
        cmd, f"toolkit report --format {formats} --workers {workers} --scheduler {scheduler} "
             f"(N={n})")
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    bad = {g: e for g, e in manifest.items() if e.get("status") != "ok"}
    if len(manifest) != n or bad:
        raise BenchError(f"toolkit report (N={n}): manifest has {len(manifest)} entries, "
                         f"not ok: {bad}")
    if not (out_dir / "summary.html").is_file():
        raise BenchError(f"toolkit report (N={n}): no summary.html")
    return ToolkitResult(wall, n, [float(e["seconds"]) for e in manifest.values()], memory,
                         done_times(out_dir, started))


def floor(work_dir: Path, runs: int = FLOOR_RUNS) -> tuple[float, list[float]]:
    """Median time to execute an imports-only notebook with papermill's Python API."""
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_IMPORTS)]
    src = work_dir / "floor.ipynb"
    nbformat.write(nb, src)
    times = []
    for i in range(runs):
        start = time.perf_counter()
        pm.execute_notebook(str(src), str(work_dir / f"floor-out-{i}.ipynb"),
                            kernel_name="python3", progress_bar=False, cwd=str(REPO))
        times.append(time.perf_counter() - start)
        log(f"  floor run {i + 1}/{runs}: {times[-1]:.2f}s")
    return statistics.median(times), times


@dataclass
class Row:
    n: int
    naive: NaiveResult | None  # None: --no-naive
    tk: ToolkitResult
    floor_s: float
    code_before: str = ""
    code_after: str = ""
    formats: dict = field(default_factory=dict)  # format set -> ToolkitResult
    dask: dict = field(default_factory=dict)  # dask workers -> [ToolkitResult] (a round each)

    @property
    def speedup(self) -> float | None:
        return None if self.naive is None else self.naive.total / self.tk.wall


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[8, 50], metavar="N",
                   help="numbers of gminas (default 8 50)")
    p.add_argument("--workers", type=int, default=2, help="toolkit --workers (default 2)")
    p.add_argument("--naive-sample", type=int, default=None, metavar="K",
                   help=f"run the naive loop on K gminas and extrapolate (default: all for "
                        f"N <= {NAIVE_ALL_UP_TO}, else {NAIVE_ALL_UP_TO})")
    p.add_argument("--keep", type=Path, default=None, metavar="DIR",
                   help="work in DIR and keep datasets and outputs (default: a temp dir, removed)")
    p.add_argument("--snapshot", default=None, metavar="REV",
                   help="benchmark a frozen copy of commit REV (e.g. HEAD) instead of the live "
                        "checkout, which may be edited during the run")
    p.add_argument("--formats", nargs="*", default=["html,pdf", "html,pdf,docx"], metavar="SET",
                   help="also time toolkit report with these --format sets (default html,pdf "
                        "and html,pdf,docx; none: only HTML)")
    p.add_argument("--no-naive", action="store_true",
                   help="skip the naive loop (e.g. for --sizes 500: the toolkit's runs only)")
    p.add_argument("--project", type=int, default=2479, metavar="N",
                   help="project each run's wall linearly to N gminas (default 2479, every "
                        "gmina of Poland)")
    p.add_argument("--dask", type=int, nargs="*", default=None, metavar="W",
                   help="also run toolkit report --scheduler dask with W workers for each W "
                        "(default when given without values: 1 2) and print the speed-up "
                        "over 1 worker (HTML)")
    p.add_argument("--repeat", type=int, default=1, metavar="R",
                   help="with --dask: R rounds of the Dask runs, one after the other in each "
                        "round, and the median speed-up over the rounds (default 1; on a "
                        "shared machine single runs vary by a tenth)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: --sizes 4 --naive-sample 2")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.quick:
        args.sizes, args.naive_sample = [4], 2
    if args.dask is not None and not args.dask:
        args.dask = [1, 2]
    if any(n < 1 for n in args.sizes) or args.workers < 1 or args.repeat < 1 or (
            args.naive_sample is not None and args.naive_sample < 1):
        print("sizes, --workers, --repeat and --naive-sample must be at least 1",
              file=sys.stderr)
        return 2
    if args.keep is not None:
        work = args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="bench_reports-"))
    if args.snapshot is not None:
        try:
            commit = snapshot(args.snapshot, work / "repo")
        except BenchError as exc:
            print(f"bench_reports: {exc}", file=sys.stderr)
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
            return 1
        use_repo(work / "repo")
        log(f"snapshot of {args.snapshot} = {commit} in {REPO}")
        where = subprocess.run([sys.executable, "-c", "import toolkit; print(toolkit.__file__)"],
                               cwd=REPO, capture_output=True, text=True).stdout.strip()
        if not where.startswith(str(REPO)):
            print(f"bench_reports: the snapshot's toolkit is not the one imported ({where!r})",
                  file=sys.stderr)
            return 1
    describe = (lambda: f"snapshot of commit {commit[:7]}") if args.snapshot else git_describe
    code_start, git_start = code_fingerprint(), describe()
    log(f"code {code_start} ({git_start})")
    log(f"work dir {work}; python {platform.python_version()}; {os.cpu_count()} CPUs; "
        f"sizes {args.sizes}; workers {args.workers}")
    try:
        log(f"floor: imports-only notebook x{FLOOR_RUNS}")
        floor_dir = work / "floor"
        floor_dir.mkdir(parents=True, exist_ok=True)
        floor_s, floor_times = floor(floor_dir)
        log(f"floor median {floor_s:.2f}s")
        rows = []
        for n in args.sizes:
            data = work / f"data-{n}"
            out = work / f"out-{n}"
            code_before = code_fingerprint()
            if out.exists():
                shutil.rmtree(out)
            log(f"N={n}: synth")
            ids = synthesize(n, data)
            sample = args.naive_sample if args.naive_sample is not None else (
                n if n <= NAIVE_ALL_UP_TO else NAIVE_ALL_UP_TO)
            sample = min(sample, n)
            nv = None
            if not args.no_naive:
                log(f"N={n}: naive loop over {sample} of {n} gminas")
                nv = naive(ids, data, out / "naive", sample)
                log(f"N={n}: naive {nv.measured:.1f}s measured"
                    + (f", {nv.total:.1f}s extrapolated" if nv.extrapolated else ""))
            log(f"N={n}: toolkit report --workers {args.workers}")
            tk = toolkit(data, out / "toolkit", args.workers, n)
            log(f"N={n}: toolkit {tk.wall:.1f}s")
            extra = {}
            for formats in args.formats:
                log(f"N={n}: toolkit report --format {formats}")
                extra[formats] = toolkit(data, out / f"toolkit-{formats.replace(',', '-')}",
                                         args.workers, n, formats)
                log(f"N={n}: --format {formats} {extra[formats].wall:.1f}s")
            dask = {}
            for round_ in range(1, args.repeat + 1):
                for w in args.dask or []:
                    log(f"N={n}: toolkit report --scheduler dask --workers {w}, round "
                        f"{round_}/{args.repeat}")
                    dask.setdefault(w, []).append(
                        toolkit(data, out / f"toolkit-dask-{w}", w, n, scheduler="dask"))
                    log(f"N={n}: dask {w} workers {dask[w][-1].wall:.1f}s")
            code_after = code_fingerprint()
            if code_after != code_before:
                log(f"N={n}: WARNING: toolkit/ or notebooks/ changed during this size's runs "
                    f"({code_before} -> {code_after})")
            rows.append(Row(n, nv, tk, floor_s, code_before, code_after, extra, dask))
        # Before the finally: a --snapshot copy lives in the work dir, removed there.
        code_end, git_end = code_fingerprint(), describe()
    except BenchError as exc:
        print(f"bench_reports: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"bench_reports: python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"toolkit --workers {args.workers}; goal naive/toolkit >= {GOAL:g}x")
    print(f"code: toolkit/+notebooks/ fingerprint {code_start} at start ({git_start}), "
          f"{code_end} at end ({git_end})")
    changed = [r.n for r in rows if r.code_before != r.code_after]
    if changed or code_start != code_end:
        print(f"WARNING: the code changed during the run (sizes affected: "
              f"{', '.join(map(str, changed)) or 'none, but between sizes'}); "
              f"the numbers mix code versions: run it again on a quiet tree")
    print(table(rows, args.workers))
    print()
    if args.formats:
        print(formats_table(rows))
        print()
    print(projection_table(rows, args.project))
    print()
    if args.dask:
        print(dask_table(rows))
        print()
    print(details(rows, args.workers, floor_times))
    if any(r.naive is not None and r.naive.extrapolated for r in rows):
        print("naive totals marked 'extrap.' = mean per gmina of the sample x N (linear "
              "extrapolation; the sample is the first K gminas of gminas.csv)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

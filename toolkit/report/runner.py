"""Batch runs of the per-gmina reports with papermill, and the run's manifest.

The dataset is validated once; the programme figures and each gmina's slice are cached
under ``OUTDIR/.cache``; each gmina's notebook is executed through papermill's Python
API, exported to HTML in-process and written atomically. One gmina's failure never
stops the others; an unchanged gmina is skipped on a re-run.

The local worker processes and their kernels end with the run, however it ends
(:mod:`toolkit.report.worker`); an interrupted run (Ctrl-C, an error) ends its workers the
same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__, config
from ..dataset import Dataset, load_dataset
from ..errors import ReportError, UsageError
from .context import CONCLUSIONS_FILE, PROGRAMME_FILE, write_cache
from .worker import init_worker, run_notebook, stop_workers, warm_up
from ..io.files import atomic_write
from ..io.tables import decode_bytes, read_csv_text, read_dataset

__all__ = ["run_reports", "RunResult", "GMINA_NOTEBOOK", "SUMMARY_NOTEBOOK"]

GMINA_NOTEBOOK = config.NOTEBOOKS_DIR / "gmina_report.ipynb"
SUMMARY_NOTEBOOK = config.NOTEBOOKS_DIR / "summary_report.ipynb"
FORMATS = ("html", "pdf", "docx")
MANIFEST = "manifest.json"
MANIFEST_EVERY = 2.0  # seconds between two writes of the manifest during a run
CACHE = ".cache"


@dataclass
class RunResult:
    """What a run did: the manifest entries by gmina and the summary's outcome."""

    out_dir: Path
    entries: dict[str, dict] = field(default_factory=dict)
    summary_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.summary_error is None and all(
            e["status"] != "failed" for e in self.entries.values())

    def count(self, status: str) -> int:
        return sum(e["status"] == status for e in self.entries.values())

    def describe(self) -> str:
        lines = [f"{self.out_dir}: {self.count('ok')} ok, {self.count('skipped')} skipped, "
                 f"{self.count('failed')} failed"]
        lines += [f"  {gid}: failed: {e['error']}" for gid, e in self.entries.items()
                  if e["status"] == "failed"]
        if self.summary_error:
            lines.append(f"  summary.html: failed: {self.summary_error}")
        return "\n".join(lines)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def _row_hashes(frame: pd.DataFrame):
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def _table_bytes(name: str, frame: pd.DataFrame, row_hashes) -> bytes:
    return name.encode() + ",".join(map(str, frame.columns)).encode() + row_hashes.tobytes()


def _slices_bytes(data: Dataset, gmina_ids) -> dict[str, bytes]:
    """What each gmina's report reads of the dataset, as bytes to hash: its slice
    (:meth:`Dataset.gmina_slices`), table by table in name order, each table's column
    names and its rows' hashes, made from each table's row hashes computed once.

    A row's hash does not depend on the other rows, so a slice's are those of its rows in
    the whole table; hashing every small slice on its own took 6 ms per gmina (15 s for
    the 2 479 gminas of Poland, before any report could start).
    """
    shared = {name: _table_bytes(name, frame, _row_hashes(frame))
              for name, frame in data.shared_tables().items()}
    rows = data.gmina_rows()
    hashes = {name: _row_hashes(data.tables[name]) for name in rows}
    names = sorted([*shared, *rows])
    empty = np.array([], dtype=np.int64)
    return {gmina_id: b"".join(
                shared[name] if name in shared else _table_bytes(
                    name, data.tables[name], hashes[name][rows[name].get(gmina_id, empty)])
                for name in names)
            for gmina_id in gmina_ids}


def _read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _outputs_exist(gmina_dir: Path, formats) -> bool:
    return all((gmina_dir / f"report.{ext}").exists() for ext in ("ipynb", *formats))


def run_reports(data_dir, out_dir, gminas=None, workers: int | None = None,
                formats=("html",), lang: str = "pl", notebook=None, force: bool = False,
                progress: bool = True, scheduler: str | None = None) -> RunResult:
    """Execute the report notebook for every gmina (or those named) and the summary.

    Parameters
    ----------
    data_dir
        Dataset folder or workbook.
    out_dir
        Where ``<gmina_id>/report.{ipynb,html,pdf,docx}``, ``summary.html`` and
        ``manifest.json`` go.
    gminas
        TERYT codes to run; ``None`` runs every gmina of the dataset.
    workers
        Notebooks run at once (processes); ``None`` uses the number of CPUs.
    formats
        ``"html"``, optionally with ``"pdf"`` and ``"docx"`` (e.g. ``("html", "pdf", "docx")``).
    lang
        Report language, ``"pl"`` or ``"en"``.
    notebook
        A parameterised notebook to run instead of the built-in one; it receives the
        same parameters (``gmina_id``, ``data_dir``, ``lang``, ``cache_dir``).
    force
        Re-run gminas whose inputs are unchanged.
    progress
        Show a progress bar on stderr.
    scheduler
        Where the notebooks run: ``None`` or ``"local"`` in ``workers`` local processes;
        ``"dask"`` on a Dask ``LocalCluster`` of ``workers`` single-threaded worker
        processes started for the run; or the address of a Dask distributed scheduler
        (``tcp://host:8786``), on its workers. Every worker of a cluster needs the
        toolkit installed and the data and output folders at the same paths
        (docs/cluster.md). The outputs and the manifest are the same either way.

    Returns
    -------
    RunResult

    Raises
    ------
    UsageError
        Bad arguments, among them a ``gminas`` id that the dataset's gminas table does
        not list (checked before the dataset is validated).
    ReportError
        ``out_dir`` cannot be written to (a file, a read-only place).
    DataError
        The dataset has errors.
    """
    from ..text import check_lang

    try:
        check_lang(lang)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    bad = [f for f in formats if f not in FORMATS]
    if bad or "html" not in formats:
        raise UsageError("--format must be html, optionally with pdf and docx "
                         f"(html,pdf,docx); got {','.join(formats)!r}")
    notebook = Path(notebook) if notebook is not None else GMINA_NOTEBOOK
    if not notebook.is_file():
        raise UsageError(f"--notebook: no such notebook: {notebook}")
    _check_out_dir(Path(out_dir))
    if gminas:
        listed = _listed_gminas(data_dir)
        if listed is not None:
            _check_gminas(gminas, *listed)
    workers = workers or os.cpu_count() or 1
    if scheduler in (None, "", "local"):
        scheduler = None
    fd, log = tempfile.mkstemp(prefix="toolkit-report-", suffix=".log")
    os.close(fd)
    try:
        # The workers start their kernels while this process validates and caches.
        with _executor(workers, Path(log), scheduler, formats, lang) as pool:
            if scheduler is None:
                for _ in range(workers):
                    pool.submit(warm_up, tuple(formats), lang)
            result = _run(pool, data_dir, Path(out_dir), gminas, formats, lang, notebook,
                          force, progress)
        if (Path(out_dir) / CACHE).is_dir():
            shutil.copyfile(log, Path(out_dir) / CACHE / "run.log")
    finally:
        Path(log).unlink(missing_ok=True)
    return result


def _run(pool, data_dir, out_dir: Path, gminas, formats, lang: str, notebook: Path,
         force: bool, progress: bool) -> RunResult:
    """:func:`run_reports` once its arguments are checked and its workers are starting."""
    from tqdm.auto import tqdm

    data = load_dataset(data_dir)
    known = list(data.gminas["gmina_id"])
    chosen = list(dict.fromkeys(gminas)) if gminas else known
    _check_gminas(chosen, data.files.get("gminas", str(data_dir)), known)
    _make_out_dir(out_dir)

    # The programme named in the printed reports' running header and the Word footer.
    programme_name = data.programme.name
    cache_dir = out_dir / CACHE
    write_cache(data, cache_dir, chosen)
    slices = _slices_bytes(data.without_names(), chosen)
    programme_bytes = (cache_dir / PROGRAMME_FILE).read_bytes()
    # What every gmina's report reads besides its own slice: the programme figures it
    # compares with, the notebook, the toolkit's version and the options.
    common = [__version__.encode(), notebook.read_bytes(), lang.encode(),
              ",".join(formats).encode(), hashlib.sha256(programme_bytes).digest()]
    manifest_path = out_dir / MANIFEST
    previous = _read_manifest(manifest_path)
    result = RunResult(out_dir)
    tasks = []
    for gmina_id in chosen:
        inputs_hash = _digest(*common, slices[gmina_id])
        gmina_dir = out_dir / gmina_id
        before = previous.get(gmina_id, {})
        if (not force and before.get("inputs_hash") == inputs_hash
                and before.get("status") in ("ok", "skipped") and _outputs_exist(gmina_dir, formats)):
            result.entries[gmina_id] = {"status": "skipped", "seconds": 0.0,
                                        "inputs_hash": inputs_hash, "error": None}
            continue
        tasks.append({
            "name": "report", "notebook": str(notebook), "out_dir": str(gmina_dir),
            "formats": list(formats), "inputs_hash": inputs_hash,
            "title": str(data.gmina(gmina_id)["name"]), "gmina": str(data.gmina(gmina_id)["name"]),
            "programme_name": programme_name,
            "parameters": {"gmina_id": gmina_id, "data_dir": str(Path(data_dir).resolve()),
                           "lang": lang, "cache_dir": str(cache_dir.resolve())},
        })
    # The summary runs in the same pool as the gminas (first, as it is the longest), so
    # that it overlaps with them instead of following them.
    # The evaluator's words on the programme reach the summary only (a changed one does
    # not re-run the gminas).
    summary_hash = _digest(*common[:1], SUMMARY_NOTEBOOK.read_bytes(), lang.encode(),
                           programme_bytes, (cache_dir / CONCLUSIONS_FILE).read_bytes())
    summary = _summary_task(data_dir, out_dir, cache_dir, lang, formats, summary_hash, force,
                            programme_name)
    bar = tqdm(total=len(chosen), desc="raporty", unit="gmina", disable=not progress,
               initial=len(chosen) - len(tasks))
    written = time.monotonic()
    try:
        for task, entry in _execute(pool, [summary, *tasks] if summary else tasks):
            if task is summary:
                result.summary_error = entry["error"]
                if entry["error"] is None:
                    atomic_write(cache_dir / "summary.hash", summary_hash)
                continue
            result.entries[task["parameters"]["gmina_id"]] = entry
            bar.update(1)
            bar.set_postfix(failed=result.count("failed"), refresh=False)
            # The manifest is rewritten as reports finish, so that a run stopped midway
            # still tells what it did; at most every few seconds (rewriting the entries
            # of 2 479 gminas after each report would cost the run seconds of its own).
            if time.monotonic() - written >= MANIFEST_EVERY:
                _write_manifest(manifest_path, previous, result.entries)
                written = time.monotonic()
    finally:
        bar.close()
        _write_manifest(manifest_path, previous, result.entries)
    result.entries = {g: result.entries[g] for g in chosen}
    return result


def _listed_gminas(data_dir) -> tuple[str, list[str]] | None:
    """The file of the dataset's gminas table and the ids it lists, read without validating.

    Cheap beside validating the whole dataset: for a folder only ``gminas.csv`` is read.
    ``None`` when the table cannot be read; validation then says why.
    """
    path = Path(data_dir)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv"
                       and p.stem.lower() == "gminas" and p.is_file())
        if not files:
            return None
        text, _ = decode_bytes(files[-1].read_bytes())
        table = None if text is None else read_csv_text(text, str(path / files[-1].name),
                                                        "gminas")[0]
    elif path.is_file():
        table = read_dataset(path)[0].get("gminas")
    else:
        return None
    if table is None or "gmina_id" not in table.frame:
        return None
    return table.file, [str(g) for g in table.frame["gmina_id"].dropna()]


def _check_gminas(chosen, file: str, known) -> None:
    """Refuse (bad usage) ids of ``chosen`` that the gminas table ``file`` does not list."""
    listed = set(known)
    unknown = [g for g in dict.fromkeys(chosen) if g not in listed]
    if not unknown:
        return
    shown = list(known)[:10]
    more = f", … {len(known) - len(shown)} more" if len(known) > len(shown) else ""
    raise UsageError(f"--gmina {', '.join(unknown)}: not in {file} "
                     f"(known: {', '.join(shown) or 'none'}{more})")


def _check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that is a file, lies under one or in a read-only folder.

    Creates nothing (bad data must leave no output folder behind); :func:`_make_out_dir`
    finds what only writing shows.
    """
    for path in (out_dir, *out_dir.parents):
        if path.is_dir():
            if not os.access(path, os.W_OK | os.X_OK):
                raise ReportError(f"--out {out_dir}: cannot write the reports there: "
                                  f"{path} is not writable")
            return
        if path.exists():
            where = "is a file" if path == out_dir else f"lies under {path}, which is a file"
            raise ReportError(f"--out {out_dir}: cannot write the reports there: it {where}, "
                              "not a folder")


def _make_out_dir(out_dir: Path) -> None:
    """Create the output folder and make sure files can be written in it."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ReportError(f"--out {out_dir}: cannot write the reports there: {reason}") from None


# The Dask settings of the LocalCluster a run starts (``--scheduler dask``); a cluster of
# one's own keeps its own. What Dask does besides the tasks serves a dashboard and a
# long-lived service, not a run of notebooks: the workers' statistical profiler samples
# the task's thread every 10 ms (off, a notebook takes ≈ 9 % less); every server (the
# scheduler, each nanny and worker) checks its event loop's responsiveness every 20 ms,
# samples CPU, memory, network and disk for the dashboard every 0.5 s, and every nanny
# and worker measures the worker's memory every 0.1 s. On two cores that work is taken
# from the notebooks: less often, a run of 50 gminas on two workers took 83-86 s instead
# of 87-91 s (docs/benchmarks.md). The memory limits still hold, checked each second.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextmanager
def _executor(workers: int, log_path: Path, scheduler: str | None, formats=("html",),
              lang: str = "pl"):
    """A ``concurrent.futures`` executor: local worker processes, a Dask ``LocalCluster``
    started for the run (``"dask"``), or an existing Dask cluster (its address)."""
    if scheduler is None:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=init_worker,
                                   initargs=(str(log_path), os.getpid()))
        try:
            yield pool
        except BaseException:  # an error, Ctrl-C, SIGTERM: the workers' tasks are moot
            stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a dependency
        raise UsageError("--scheduler needs dask.distributed (pip install distributed)")
    cluster = None
    if scheduler == "dask":
        import dask

        # One task at a time per worker process: each runs its own kernel.
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        scheduler = cluster.scheduler_address
    elif "://" not in scheduler:
        raise UsageError(f"--scheduler must be local, dask or a Dask scheduler's address "
                         f"(tcp://host:8786); got {scheduler!r}")
    try:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler: cannot reach the Dask scheduler at {scheduler}: "
                             f"{exc}") from None
        try:
            # Each worker starts its kernel while this process validates and caches
            # (the futures are kept: a released one may be cancelled).
            warming = [client.submit(warm_up, tuple(formats), lang, pure=False,
                                     workers=[address], allow_other_workers=False)
                       for address in client.scheduler_info().get("workers", {})]
            with client.get_executor(pure=False) as pool:
                yield pool
            del warming
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _execute(pool, tasks: list[dict]):
    """Yield ``(task, manifest entry)`` as notebooks finish, on local worker processes or
    on a Dask cluster: the same tasks and the same function either way."""
    futures = {pool.submit(run_notebook, task): task for task in tasks}
    for future in as_completed(futures):
        task = futures[future]
        try:
            entry = future.result()
        except Exception as exc:  # the worker process itself died
            entry = {"status": "failed", "seconds": 0.0, "inputs_hash": task["inputs_hash"],
                     "error": f"{type(exc).__name__}: {exc}"}
        yield task, entry


def _write_manifest(path: Path, previous: dict, entries: dict) -> None:
    manifest = {g: e for g, e in previous.items() if isinstance(e, dict)}
    manifest.update(entries)
    atomic_write(path, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _summary_task(data_dir, out_dir: Path, cache_dir: Path, lang: str, formats,
                  summary_hash: str, force: bool, programme_name: str | None = None) -> dict | None:
    """The programme summary's task, or ``None`` when its inputs are unchanged."""
    stamp = cache_dir / "summary.hash"
    if (not force and stamp.exists() and stamp.read_text() == summary_hash
            and all((out_dir / f"summary.{ext}").exists() for ext in formats)):
        return None
    return {
        "name": "summary", "notebook": str(SUMMARY_NOTEBOOK), "out_dir": str(out_dir),
        "formats": list(formats), "inputs_hash": summary_hash, "title": "summary",
        "programme_name": programme_name,
        # Its PDF is a run's largest (every gmina's rows, hundreds of pages at national
        # scale): the kernel, which holds every gmina's figures, is stopped before it
        # rather than kept beside it, and what the export leaves is handed back after it.
        # Without a PDF, the gminas reuse the kernel.
        "release_kernel": "pdf" in formats,
        "parameters": {"data_dir": str(Path(data_dir).resolve()), "lang": lang,
                       "cache_dir": str(cache_dir.resolve())},
    }

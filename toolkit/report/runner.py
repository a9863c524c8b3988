"""Batch runs of the per-gmina reports with papermill, and the run's manifest.

The dataset is validated once; the programme figures and each gmina's slice are cached
under ``OUTDIR/.cache``; each gmina's notebook is executed through papermill's Python
API, exported to HTML in-process and written atomically. One gmina's failure never
stops the others; an unchanged gmina is skipped on a re-run.

The local worker processes and their kernels end with the run, however it ends: a worker
is sent SIGTERM by Linux when the run's process dies (even by SIGKILL), and then kills its
kernel, removes its half-written files and exits; a kernel is sent SIGKILL when its worker
dies. An interrupted run (Ctrl-C, an error) ends its workers the same way.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd

from .. import __version__, config
from ..dataset import Dataset, load_dataset
from ..errors import ReportError, UsageError
from .context import CONCLUSIONS_FILE, PROGRAMME_FILE, write_cache
from ..io.files import atomic_write
from ..io.tables import decode_bytes, read_csv_text, read_dataset
from .export import notebook_to_html

__all__ = ["run_reports", "RunResult", "GMINA_NOTEBOOK", "SUMMARY_NOTEBOOK"]

GMINA_NOTEBOOK = config.NOTEBOOKS_DIR / "gmina_report.ipynb"
SUMMARY_NOTEBOOK = config.NOTEBOOKS_DIR / "summary_report.ipynb"
FORMATS = ("html", "pdf", "docx")
MANIFEST = "manifest.json"
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


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    return ",".join(map(str, frame.columns)).encode() + pd.util.hash_pandas_object(
        frame, index=False).to_numpy().tobytes()


def _dataset_bytes(data: Dataset) -> bytes:
    return b"".join(name.encode() + _frame_bytes(frame) for name, frame in sorted(data.tables.items()))


_KERNEL = None  # this worker process's kernel, reused from one notebook to the next
_STARTING = None  # the kernel most recently started (maybe not yet ready, not yet _KERNEL)
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_PRCTL = None  # libc's prctl, set in a local worker process (Linux only)
_BUSY = False  # a local worker is running a task (SIGTERM then unwinds it first)


class _Terminated(BaseException):
    """Raised in a local worker by SIGTERM: the run is over, the worker must end."""


def _die_with_parent(sig: int, parent: int) -> None:
    """Have Linux send ``sig`` to this process when its parent ends (``PR_SET_PDEATHSIG``).

    ``parent`` is the expected parent's pid: if it has already ended, the signal is sent
    at once. Does nothing where ``prctl`` is not available.
    """
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), sig)


def _load_prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None


def _kernel_dies_with_worker() -> dict:
    """Popen options that make a kernel started now receive SIGKILL when this worker ends.

    Only in a local worker, and only from its main thread: Linux sends the signal when
    the *thread* that started the process ends.
    """
    if _PRCTL is None or threading.current_thread() is not threading.main_thread():
        return {}
    return {"preexec_fn": functools.partial(_die_with_parent, signal.SIGKILL, os.getpid())}


def _start_kernel():
    """A new kernel on Unix sockets (no TCP ports to race for when many start at once)."""
    from multiprocessing import util

    from jupyter_client.manager import KernelManager

    global _STARTING
    sockets = Path(tempfile.mkdtemp(prefix="toolkit-kernel-")) / "kernel"
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(sockets))
    _STARTING = kernel  # a worker ended while the kernel starts still cleans it up
    kernel.start_kernel(cwd=str(config.REPO_DIR), **_kernel_dies_with_worker())
    # Shut it down when the worker process ends (atexit does not run there).
    util.Finalize(None, _stop_kernel, args=(kernel, sockets.parent), exitpriority=10)
    return kernel


def _stop_kernel(kernel, sockets_dir: Path) -> None:
    try:
        kernel.shutdown_kernel(now=True)
    finally:
        shutil.rmtree(sockets_dir, ignore_errors=True)


def _kill_kernel(kernel) -> None:
    """End ``kernel`` at once, without talking to it (a worker that must end now)."""
    process = getattr(getattr(kernel, "provisioner", None), "process", None)
    try:
        if process is not None:
            process.kill()
            process.wait(timeout=10)
    except Exception:  # already gone, or not ending: the worker ends anyway
        pass
    kernel.cleanup_connection_file()
    shutil.rmtree(Path(kernel.ip).parent, ignore_errors=True)


def _end_worker(code: int) -> None:
    """Kill this worker's kernel (also one still starting) and end the worker process now."""
    try:
        for kernel in {id(k): k for k in (_KERNEL, _STARTING) if k is not None}.values():
            try:
                _kill_kernel(kernel)
            except Exception:  # the other kernel, and the exit, still happen
                pass
    finally:
        os._exit(code)


def _on_sigterm(signum, frame) -> None:
    """A local worker's SIGTERM: the run ended (or died); so does the worker.

    A running task is unwound first (its ``finally`` clauses remove half-written files);
    an idle worker ends at once. A further SIGTERM does not cut the clean-up short (the
    pool sends one to every worker when one of them ends); SIGALRM ends a worker whose
    clean-up hangs.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.alarm(30)
    if _BUSY:
        raise _Terminated
    _end_worker(128 + signum)


def _worker_task(fn, *args):
    """Run ``fn(*args)`` in a worker; a SIGTERM meanwhile ends the worker, not just the task."""
    global _BUSY
    _BUSY = True
    try:
        return fn(*args)
    except _Terminated:
        _end_worker(128 + signal.SIGTERM)
    finally:
        _BUSY = False


def _reset(kernel) -> None:
    client = kernel.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        client.execute_interactive("%reset -f", timeout=120, store_history=False)
    finally:
        client.stop_channels()


def _worker_kernel(fresh: bool = False):
    """The worker's kernel: started once, its namespace cleared before each notebook.

    Starting a kernel and importing pandas, matplotlib, scipy … costs seconds; a worker
    that runs many gminas pays it once. ``%reset -f`` gives every notebook an empty
    namespace; a kernel that died or does not answer is replaced (``fresh`` forces it).
    """
    global _KERNEL
    if _KERNEL is not None and (fresh or not _KERNEL.is_alive()):
        _KERNEL.shutdown_kernel(now=True)
        _KERNEL = None
    if _KERNEL is None:
        _KERNEL = _start_kernel()
        return _KERNEL
    try:
        _reset(_KERNEL)
    except Exception:  # a kernel that cannot be reset is replaced, not trusted
        return _worker_kernel(fresh=True)
    return _KERNEL


def _warm_up() -> None:
    """Start this worker's kernel and import what the reports use, ahead of the first gmina."""
    _worker_task(_warm_up_kernel)


def _warm_up_kernel() -> None:
    kernel = _worker_kernel()
    client = kernel.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        client.execute_interactive(
            "import toolkit.report.sections, toolkit.plots, matplotlib.pyplot", timeout=120,
            store_history=False)
    finally:
        client.stop_channels()


def _run_notebook(task: dict) -> dict:
    """Execute one notebook and write its outputs; runs in a worker process.

    Returns the manifest entry (``status``, ``seconds``, ``inputs_hash``, ``error``).
    """
    return _worker_task(_run_notebook_now, task)


def _run_notebook_now(task: dict) -> dict:
    import papermill as pm

    start = time.perf_counter()
    out_dir = Path(task["out_dir"])
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / f".{task['name']}.running.ipynb"
    error = None
    try:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(
                    task["notebook"], str(executed), parameters=task["parameters"],
                    progress_bar=False, log_output=False, kernel_name="python3",
                    cwd=str(config.REPO_DIR), start_timeout=120,
                    execution_timeout=config.REPORT_CELL_TIMEOUT,
                    km=_worker_kernel(fresh=attempt == 2),
                )
                break
            except pm.PapermillExecutionError as exc:  # the notebook's own error: final
                error = f"{exc.ename}: {exc.evalue}"
                break
            except Exception:  # the kernel died or stopped answering: once more, fresh
                if attempt == 2:
                    raise
        nb = nbformat.read(executed, as_version=4)
        # The executed notebook is kept even when a cell failed: papermill marks it.
        atomic_write(out_dir / f"{task['name']}.ipynb", nbformat.writes(nb))
        if error is None:
            lang = task["parameters"]["lang"]
            html = notebook_to_html(nb, title=task.get("title"), lang=lang,
                                    programme_name=task.get("programme_name"),
                                    gmina=task.get("gmina"))
            atomic_write(out_dir / f"{task['name']}.html", html)
            if "pdf" in task["formats"]:
                from .pdf import html_to_pdf

                atomic_write(out_dir / f"{task['name']}.pdf", html_to_pdf(html))
            if "docx" in task["formats"]:
                from .docx import html_to_docx
                from .export import running_head

                head = running_head(lang, task.get("programme_name"), task.get("gmina"))
                atomic_write(out_dir / f"{task['name']}.docx", html_to_docx(html, head, lang))
    except Exception as exc:  # any failure is this gmina's alone
        error = error or f"{type(exc).__name__}: {exc}"
    finally:
        executed.unlink(missing_ok=True)
    return {
        "status": "failed" if error else "ok",
        "seconds": round(time.perf_counter() - start, 3),
        "inputs_hash": task["inputs_hash"],
        "error": error,
    }


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
        Address of a Dask distributed scheduler (``tcp://host:8786``): the gminas'
        notebooks run on its workers instead of local processes. Every worker needs the
        toolkit installed and the data and output folders at the same paths
        (docs/cluster.md).

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
    fd, log = tempfile.mkstemp(prefix="toolkit-report-", suffix=".log")
    os.close(fd)
    try:
        # The workers start their kernels while this process validates and caches.
        with _executor(workers, Path(log), scheduler) as pool:
            if scheduler is None:
                for _ in range(workers):
                    pool.submit(_warm_up)
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
    slices = write_cache(data, cache_dir, chosen)
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
        inputs_hash = _digest(*common, _dataset_bytes(slices[gmina_id]))
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
            # The manifest is rewritten as reports finish: an interrupted run still tells.
            _write_manifest(manifest_path, previous, result.entries)
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


def _init_worker(log_path: str, parent: int) -> None:
    """Set up a local worker process: it ends with the run, and its stderr goes to the log.

    The worker receives SIGTERM when the run's process ``parent`` ends, whatever ends it
    (Linux ``PR_SET_PDEATHSIG``); on SIGTERM it kills its kernel and exits. Ctrl-C is left
    to the run's process, which then ends its workers. Kernel start-up chatter and
    papermill's log go to the run's log.
    """
    import logging

    global _PRCTL
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _PRCTL = _load_prctl()
    _die_with_parent(signal.SIGTERM, parent)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    logging.basicConfig(level=logging.WARNING, force=True)


def _stop_workers(pool: ProcessPoolExecutor, grace: float = 20.0) -> None:
    """End a local pool's worker processes now (SIGTERM, then SIGKILL after ``grace`` s)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(5)


@contextmanager
def _executor(workers: int, log_path: Path, scheduler: str | None):
    """A ``concurrent.futures`` executor: local worker processes, or a Dask cluster."""
    if scheduler is None:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                   initargs=(str(log_path), os.getpid()))
        try:
            yield pool
        except BaseException:  # an error, Ctrl-C, SIGTERM: the workers' tasks are moot
            _stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - dask is a dependency
        raise UsageError("--scheduler needs dask.distributed (pip install distributed)")
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler: cannot reach the Dask scheduler at {scheduler}: {exc}")
    try:
        with client.get_executor(pure=False) as pool:
            yield pool
    finally:
        client.close()


def _execute(pool, tasks: list[dict]):
    """Yield ``(task, manifest entry)`` as notebooks finish, on local worker processes or
    on a Dask cluster: the same tasks and the same function either way."""
    futures = {pool.submit(_run_notebook, task): task for task in tasks}
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
        "parameters": {"data_dir": str(Path(data_dir).resolve()), "lang": lang,
                       "cache_dir": str(cache_dir.resolve())},
    }

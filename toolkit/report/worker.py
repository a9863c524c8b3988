"""What runs in each worker process of a report run: its kernel, and its end with the run.

A worker keeps one Jupyter kernel and reuses it from one notebook to the next (the
namespace is reset between gminas). It ends with the run, however the run ends: Linux
sends it SIGTERM when the run's process dies (even by SIGKILL), and it then kills its
kernel, removes its half-written files and exits; its kernel is sent SIGKILL when the
worker dies.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import config
from ..io.files import atomic_write

# jsonschema, under nbformat, imports rfc3987-syntax where it is installed (jupyterlab's
# dependencies bring it) for its "iri" format check; importing it builds 38 Lark grammars,
# 0.9 s before a report run can start. A notebook's schema checks no format: its
# validation is the same without it.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402

from .export import notebook_to_html  # noqa: E402

__all__ = ["init_worker", "run_notebook", "stop_workers", "warm_up"]

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


# A report kernel keeps no input history: IPython would write each cell into its SQLite
# history file (one per user, shared by every kernel of the run), ≈ 1 ms per cell.
_KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]


def _start_kernel():
    """A new kernel on Unix sockets (no TCP ports to race for when many start at once),
    without input history."""
    from multiprocessing import util

    from jupyter_client.manager import KernelManager

    global _STARTING
    sockets = Path(tempfile.mkdtemp(prefix="toolkit-kernel-")) / "kernel"
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(sockets),
                           client_class="toolkit.report.kernel_client.QuickKernelClient")
    _STARTING = kernel  # a worker ended while the kernel starts still cleans it up
    kernel.start_kernel(cwd=str(config.REPO_DIR), extra_arguments=_KERNEL_ARGUMENTS,
                        **_kernel_dies_with_worker())
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


# Run in the kernel after its warm-up's imports and before each notebook but its first:
# toolkit.report.in_kernel.prepare (what is left frozen, display made cheaper), after
# %reset has emptied the namespace.
_PREPARE = "__import__('toolkit.report.in_kernel', fromlist=['prepare']).prepare()"
_RESET = "%reset -f\n" + _PREPARE


def _reset(kernel) -> None:
    client = kernel.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        client.execute_interactive(_RESET, timeout=120, store_history=False)
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


def _release_kernel() -> None:
    """Stop the worker's kernel now; the next notebook starts a new one.

    For a notebook whose kernel ends up large (the programme summary holds every gmina's
    figures): its memory is not kept beside the PDF export that follows, nor for the rest
    of the run.
    """
    global _KERNEL
    kernel, _KERNEL = _KERNEL, None
    if kernel is not None:
        kernel.shutdown_kernel(now=True)


def _give_back_memory() -> None:
    """Free what a large notebook's exports left and hand it back to the system.

    The summary's PDF at national scale leaves the worker holding hundreds of MiB: cyclic
    garbage of WeasyPrint's boxes that no collection has reached yet, and freed memory that
    C's allocator keeps. At N = 500 a full collection and ``malloc_trim`` took the worker
    from 700 to 380 MiB, before the kernels of the gminas it runs next.
    """
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc's; another C library has none
    except (OSError, AttributeError):
        pass


def warm_up(formats=("html",), lang: str = "pl") -> None:
    """Start this worker's kernel and import what the reports use, ahead of the first gmina;
    then make what exporting to ``formats`` keeps (nbconvert's templates, WeasyPrint's
    parsed stylesheets and fonts, a first pandoc run) on a one-heading page."""
    _worker_task(_warm_up_now, tuple(formats), lang)


def _warm_up_now(formats: tuple, lang: str) -> None:
    _warm_up_kernel()
    try:
        _warm_up_exports(formats, lang)
    except Exception:  # only a head start: the first report does it otherwise
        pass
    # What the worker holds now (the libraries, the exporters' templates, the parsed
    # stylesheets and fonts) stays for the run: out of the garbage collector's sight, its
    # collections during the exports go over what each report makes (a PDF ≈ 10 % faster).
    gc.collect()
    gc.freeze()


def _warm_up_exports(formats: tuple, lang: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/markdown": "# –", "text/plain": "–"})])]
    html = notebook_to_html(nb, lang=lang)
    if "pdf" in formats:
        from .pdf import html_to_pdf

        html_to_pdf(html)
    if "docx" in formats:
        from .docx import html_to_docx

        html_to_docx(html, "", lang)


def _warm_up_kernel() -> None:
    kernel = _worker_kernel()
    client = kernel.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        client.execute_interactive(
            "import toolkit.report.sections, toolkit.plots, matplotlib.pyplot\n" + _PREPARE,
            timeout=120, store_history=False)
    finally:
        client.stop_channels()


def run_notebook(task: dict) -> dict:
    """Execute one notebook and write its outputs; runs in a worker process.

    Returns the manifest entry (``status``, ``seconds``, ``inputs_hash``, ``error``).
    """
    return _worker_task(_run_notebook_now, task)


def _run_notebook_now(task: dict) -> dict:
    import papermill as pm

    from .kernel_client import stop_open_clients

    start = time.perf_counter()
    out_dir = Path(task["out_dir"])
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / f".{task['name']}.running.ipynb"
    error = None
    nb = None
    try:
        for attempt in (1, 2):
            try:
                # Written once, at the end (papermill would otherwise serialise the whole
                # notebook, figures included, before and after every cell).
                nb = pm.execute_notebook(
                    task["notebook"], str(executed), parameters=task["parameters"],
                    progress_bar=False, log_output=False, kernel_name="python3",
                    cwd=str(config.REPO_DIR), start_timeout=120,
                    execution_timeout=config.REPORT_CELL_TIMEOUT,
                    km=_worker_kernel(fresh=attempt == 2),
                    request_save_on_cell_execute=False,
                )
                break
            except pm.PapermillExecutionError as exc:  # the notebook's own error: final
                error = f"{exc.ename}: {exc.evalue}"
                break
            except Exception:  # the kernel died or stopped answering: once more, fresh
                if attempt == 2:
                    raise
            finally:
                stop_open_clients()  # papermill's client, left open on the worker's kernel
        if task.get("release_kernel"):
            _release_kernel()
        if error is not None or nb is None:  # papermill wrote the marked notebook
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

                # The run's largest PDF (the summary's): it starts from a heap collected
                # (its peak then does not hang on when the collector last ran: 0.6 GiB at
                # N = 500 instead of 0.6-0.8), and what it leaves is handed back before
                # pandoc starts beside this process for the Word document.
                if task.get("release_kernel"):
                    _give_back_memory()
                atomic_write(out_dir / f"{task['name']}.pdf", html_to_pdf(html))
                if task.get("release_kernel"):
                    _give_back_memory()
            if "docx" in task["formats"]:
                from .docx import html_to_docx
                from .export import running_head

                head = running_head(lang, task.get("programme_name"), task.get("gmina"))
                atomic_write(out_dir / f"{task['name']}.docx", html_to_docx(html, head, lang))
    except Exception as exc:  # any failure is this gmina's alone
        error = error or f"{type(exc).__name__}: {exc}"
    finally:
        executed.unlink(missing_ok=True)
        if task.get("release_kernel"):
            _give_back_memory()
    return {
        "status": "failed" if error else "ok",
        "seconds": round(time.perf_counter() - start, 3),
        "inputs_hash": task["inputs_hash"],
        "error": error,
    }


def init_worker(log_path: str, parent: int) -> None:
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


def stop_workers(pool: ProcessPoolExecutor, grace: float = 20.0) -> None:
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

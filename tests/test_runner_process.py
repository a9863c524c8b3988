"""The report run's processes: its workers and kernels end with it, however it ends.

Each test starts ``python -m toolkit report`` in its own session with a marker in its
environment; every process of the run's tree (the run, its workers, their kernels)
inherits the marker, so ``/proc/*/environ`` finds them all, even one started late.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import DEMO, REPO

START_TIMEOUT = 600  # seconds to wait for the workers' kernels (a loaded machine is slow)
END_TIMEOUT = 60  # seconds the workers and kernels may take to end


def _run_processes(marker: str) -> dict[int, list[str]]:
    """Live processes (not zombies) whose environment holds ``marker``: pid -> argv."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            argv = (entry / "cmdline").read_bytes().rstrip(b"\0").decode().split("\0")
        except (OSError, IndexError):  # ended meanwhile
            continue
        if state not in ("Z", "X"):
            found[int(entry.name)] = argv
    return found


def _kernels(processes: dict[int, list[str]]) -> dict[int, list[str]]:
    return {pid: argv for pid, argv in processes.items() if "ipykernel_launcher" in argv}


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def _half_written(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*") if p.name.endswith((".running.ipynb", ".tmp"))]


def _start_run(out: Path, stderr: Path, running: bool = True):
    """Start a two-worker run over the demo data; return it once a notebook is running.

    With ``running=False``, return as soon as both kernels' processes exist (they are
    likely still starting up).

    Returns the process, its marker, and the kernels' connection files and socket folders.
    Its output goes to files, not pipes: a pipe that a surviving worker holds open would
    keep the test waiting for the end of output.
    """
    marker = f"TOOLKIT_RUN_MARKER={uuid.uuid4().hex}"
    env = dict(os.environ, TOOLKIT_RUN_MARKER=marker.split("=", 1)[1])
    with open(stderr, "w") as err:
        run = subprocess.Popen(
            [sys.executable, "-m", "toolkit", "report", "--data", str(DEMO), "--out", str(out),
             "--workers", "2", "--force"],
            cwd=REPO, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=err)

    def busy():  # both kernels exist and (if `running`) a gmina's notebook is being executed
        kernels = _kernels(_run_processes(marker))
        notebook = list(out.rglob(".*.running.ipynb")) or not running
        return kernels if len(kernels) >= 2 and notebook else None

    try:
        kernels = _wait_for(busy, START_TIMEOUT, "two kernels and a running notebook")
    except BaseException:
        run.kill()
        run.wait()
        raise
    assert run.poll() is None, stderr.read_text()
    files = []
    for argv in kernels.values():
        connection = Path(argv[argv.index("-f") + 1])
        files += [connection, Path(json.loads(connection.read_text())["ip"]).parent]
    return run, marker, files


def _assert_all_ended(marker: str, out: Path, files: list[Path]) -> None:
    try:
        _wait_for(lambda: not _run_processes(marker), END_TIMEOUT, "the run's processes to end")
    except AssertionError:
        left = {pid: shlex.join(argv) for pid, argv in _run_processes(marker).items()}
        for pid in left:  # do not leave them running after the test
            os.kill(pid, signal.SIGKILL)
        raise AssertionError(f"still running after the run ended: {left}") from None
    assert [f for f in files if f.exists()] == []  # kernels' connection files, socket folders
    assert _half_written(out) == []


@pytest.mark.parametrize("running", [True, False], ids=["notebook-running", "kernels-starting"])
def test_killed_run_leaves_no_worker_and_no_kernel(tmp_path, running):
    out = tmp_path / "out"
    run, marker, files = _start_run(out, tmp_path / "stderr", running)
    assert len(_run_processes(marker)) >= 5  # the run, 2 workers, 2 kernels
    run.kill()  # SIGKILL: no code of the run's own process gets to clean up
    run.wait()
    _assert_all_ended(marker, out, files)


def test_ctrl_c_ends_workers_and_kernels_and_leaves_no_half_written_file(tmp_path):
    out = tmp_path / "out"
    run, marker, files = _start_run(out, tmp_path / "stderr")
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    run.wait()
    err = (tmp_path / "stderr").read_text()
    assert run.returncode == 130, err
    assert err.splitlines()[-1] == "interrupted"
    assert "Traceback" not in err
    _assert_all_ended(marker, out, files)


def test_a_worker_keeps_as_many_open_files_and_threads_after_each_notebook(tmp_path):
    """A worker runs notebook after notebook on one kernel: its open files and threads do
    not grow with them (papermill's kernel client was left open, 10 files and 3 threads
    more per notebook; a subprocess: the test's own process keeps no kernel)."""
    code = f"""
import json, os
import nbformat
from toolkit.report import worker
nb = nbformat.v4.new_notebook()
parameters = nbformat.v4.new_code_cell('gmina_id = None\\nlang = "pl"')
parameters.metadata['tags'] = ['parameters']
nb.cells = [parameters, nbformat.v4.new_code_cell('print(gmina_id)')]
nb.metadata['kernelspec'] = {{'name': 'python3', 'display_name': 'Python 3',
                              'language': 'python'}}
notebook = {str(tmp_path / 'tiny.ipynb')!r}
nbformat.write(nb, notebook)
counts = []
for k in range(4):
    entry = worker.run_notebook({{
        'name': 'report', 'notebook': notebook, 'out_dir': {str(tmp_path)!r} + f'/{{k}}',
        'formats': ['html'], 'inputs_hash': '-', 'parameters': {{'gmina_id': str(k), 'lang': 'pl'}}}})
    assert entry['status'] == 'ok', entry
    counts.append((len(os.listdir('/proc/self/fd')), len(os.listdir('/proc/self/task'))))
worker._release_kernel()
print(json.dumps(counts))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=START_TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts[1] == counts[2] == counts[3], counts


def test_a_workers_kernel_keeps_no_input_history():
    """Report kernels write no cell into IPython's history file (one SQLite file per user,
    which every kernel of a run would otherwise write to)."""
    from toolkit.report import worker

    kernel = worker._start_kernel()
    client = kernel.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=START_TIMEOUT)
        shown = []
        client.execute_interactive(
            "print(get_ipython().history_manager.enabled)", timeout=START_TIMEOUT,
            output_hook=lambda m: shown.append(m["content"].get("text", "")))
    finally:
        client.stop_channels()
        kernel.shutdown_kernel(now=True)
    assert "".join(shown).strip() == "False"

"""The command line: exit codes, messages on stderr, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, TINY
from toolkit import cli


def run(*args: str) -> subprocess.CompletedProcess:
    """``python -m toolkit ARGS`` in a real process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, cwd=REPO)


def test_validate_ok(tiny_dir):
    done = run("validate", "--data", str(tiny_dir))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == f"{tiny_dir}: OK (0 warnings)"


def test_validate_warnings_only_exit_0(damaged):
    folder = damaged(attendance=TINY["attendance"].replace("P2,S2,present,\n", ""))
    done = run("validate", "--data", str(folder))
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"{folder}/participants.csv:3:1: warning: participant_id: no attendance row for P2 "
        "at session(s) S2 (counted as absent)"]


def test_validate_errors_exit_1_every_problem_no_traceback(damaged):
    folder = damaged(gminas="gmina_id,name\n120805,Miechów\n",
                     sessions=TINY["sessions"].replace("7.5", "x"))
    done = run("validate", "--data", str(folder))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert len(lines) - 1 > 1  # several errors: the plural form
    assert lines[-1] == f"{folder}: {len(lines) - 1} errors, 0 warnings"
    assert any(line.startswith(f"{folder}/gminas.csv:2:1: gmina_id: '120805'") for line in lines)
    assert f"{folder}/sessions.csv:3:5: hours: 'x' is not a number" in lines


def test_validate_missing_folder(tmp_path):
    done = run("validate", "--data", str(tmp_path / "nie-ma"))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{tmp_path / 'nie-ma'}:1:1: no such dataset")


@pytest.mark.parametrize("args", [[], ["validate"], ["nonsense"], ["synth", "--gminas", "0",
                                                                    "--out", "x"]])
def test_bad_usage_exits_2(args, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 2


def test_report_unknown_gmina_is_bad_usage(tiny_dir, tmp_path, capsys):
    code = cli.main(["report", "--data", str(tiny_dir), "--out", str(tmp_path / "o"),
                     "--gmina", "1217032"])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"python -m toolkit: error: --gmina 1217032: not in {tiny_dir}/gminas.csv "
        "(known: 1208053, 0201011)"]


def test_report_unknown_gmina_is_refused_before_the_data_is_validated(damaged, tmp_path):
    folder = damaged(sessions=TINY["sessions"].replace("7.5", "x"))
    done = run("report", "--data", str(folder), "--out", str(tmp_path / "o"),
               "--gmina", "1208053", "--gmina", "9999999")
    assert done.returncode == 2
    # Only the unknown id, not the broken sessions table: nothing was validated yet.
    assert done.stderr.splitlines() == [
        f"python -m toolkit: error: --gmina 9999999: not in {folder}/gminas.csv "
        "(known: 1208053, 0201011)"]
    assert not (tmp_path / "o").exists()


def test_report_unknown_gmina_in_a_workbook(tiny_dir, tmp_path, capsys):
    import pandas as pd

    book = tmp_path / "dane.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.read_csv(tiny_dir / "gminas.csv", dtype=str).to_excel(writer, sheet_name="gminas", index=False)
    assert cli.main(["report", "--data", str(book), "--out", str(tmp_path / "o"),
                     "--gmina", "9999999"]) == 2
    assert f"--gmina 9999999: not in {book}[gminas] (known: 1208053, 0201011)" in (
        capsys.readouterr().err)


def test_report_out_is_a_file_is_one_line_exit_1(tiny_dir, tmp_path):
    taken = tmp_path / "raporty"
    taken.write_text("not a folder")
    for out, reason in [(taken, "it is a file, not a folder"),
                        (taken / "2024", f"it lies under {taken}, which is a file, not a folder")]:
        done = run("report", "--data", str(tiny_dir), "--out", str(out))
        assert done.returncode == 1
        assert done.stderr.splitlines() == [
            f"error: --out {out}: cannot write the reports there: {reason}"]
    assert taken.read_text() == "not a folder"


def test_report_out_not_writable_is_one_line_exit_1(tiny_dir):
    # Not even root may create a folder in /sys: a real unwritable place for the run.
    out = "/sys/toolkit-report-test"
    done = run("report", "--data", str(tiny_dir), "--out", out, "--workers", "1")
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error: --out {out}: cannot write the reports there: ")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_report_out_in_a_folder_the_user_cannot_write(tiny_dir, tmp_path, monkeypatch, capsys):
    # As a user who is not root: os.access tells before anything runs.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: (
        Path(path) != tmp_path and real_access(path, mode)))
    assert cli.main(["report", "--data", str(tiny_dir), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: --out {tmp_path / 'o'}: cannot write the reports there: "
        f"{tmp_path} is not writable"]


def test_report_on_bad_data_lists_problems(damaged, tmp_path, capsys):
    folder = damaged(gminas="gmina_id,name\n120805,Miechów\n")
    code = cli.main(["report", "--data", str(folder), "--out", str(tmp_path / "o")])
    assert code == 1
    err = capsys.readouterr().err
    assert f"{folder}/gminas.csv:2:1: gmina_id" in err
    assert not (tmp_path / "o").exists()


def test_internal_error_is_one_line(monkeypatch, tiny_dir, capsys):
    def boom(path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("toolkit.validation.validate", boom)
    monkeypatch.delenv("TOOLKIT_DEBUG", raising=False)
    assert cli.main(["validate", "--data", str(tiny_dir)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "internal error: RuntimeError: disk on fire (set TOOLKIT_DEBUG=1 to see the traceback)"]


def test_report_cli_passes_arguments_to_the_api(monkeypatch, tmp_path):
    seen = {}

    class Result:
        ok = True

        def describe(self):
            return "done"

    def fake(data_dir, out_dir, **kwargs):
        seen.update(kwargs, data_dir=data_dir, out_dir=out_dir)
        return Result()

    monkeypatch.setattr("toolkit.report.runner.run_reports", fake)
    code = cli.main(["report", "--data", "d", "--out", "o", "--gmina", "1208053", "--gmina",
                     "1217032", "--workers", "3", "--format", "html,pdf", "--lang", "en", "--force"])
    assert code == 0
    assert seen["gminas"] == ["1208053", "1217032"]
    assert seen["workers"] == 3 and seen["formats"] == ["html", "pdf"]
    assert seen["lang"] == "en" and seen["force"] is True and seen["notebook"] is None


@pytest.mark.parametrize(("n", "gminas"), [(1, "1 gmina"), (2479, "2,479 gminas")])
def test_synth_writes_a_valid_dataset(tmp_path, n, gminas):
    done = run("synth", "--gminas", str(n), "--out", str(tmp_path / "s"), "--seed", "7")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{tmp_path / 's'}: 10 tables, {gminas}"
    from toolkit import validate

    assert [p for p in validate(tmp_path / "s") if p.is_error] == []
    codes = (tmp_path / "s" / "gminas.csv").read_text().splitlines()[1:]
    assert len({line.split(",")[0] for line in codes}) == n

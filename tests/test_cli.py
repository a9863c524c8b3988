"""The command line: exit codes, messages on stderr, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

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
    assert "--gmina: not in the dataset: 1217032" in capsys.readouterr().err


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

"""The house rules of the package's layout (issue 19): no module grows past ~600 lines.

A long module usually holds more than one job; split it by job (as ``validation/`` and
``dashboards/explore/`` were) rather than raise the limit. Data is exempt: a text
catalogue is a list of messages, not code to read through.
"""

from __future__ import annotations

from conftest import REPO

PACKAGE = REPO / "toolkit"

#: Lines a module of ``toolkit/`` may have (~600, with a margin for a docstring or two).
MAX_LINES = 650

#: Modules allowed to be longer, each with its reason.
ALLOWED = {
    # Text catalogues are data (one entry per message of the reports), not logic.
    "toolkit/text/pl.py": "catalogue",
    "toolkit/text/en.py": "catalogue",
}


def _lines(path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_line_count_is_what_wc_counts(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("a = 1\n\nb = 2\n", encoding="utf-8")
    assert _lines(sample) == 3


def test_no_module_is_longer_than_the_limit_unless_allowed():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the whole package is walked, sub-packages included
    assert all((REPO / path).exists() for path in ALLOWED), "an allowed module was renamed"
    too_long = {p.relative_to(REPO).as_posix(): _lines(p) for p in modules
                if _lines(p) > MAX_LINES and p.relative_to(REPO).as_posix() not in ALLOWED}
    assert not too_long, f"split these modules by job (limit {MAX_LINES} lines): {too_long}"


def test_the_modules_split_for_issue_19_stay_split():
    # What a reader looks for has its own module, each with a docstring saying its job.
    for name in ("validation/schemas.py", "validation/tables.py", "validation/cross_table.py",
                 "validation/scale_rules.py", "validation/check.py", "io/defaults.py",
                 "dashboards/explore/_frames.py", "dashboards/explore/_views.py",
                 "dashboards/explore/_widget.py", "plots/index/_common.py",
                 "plots/index/_gmina.py", "plots/index/_programme.py"):
        text = (PACKAGE / name).read_text(encoding="utf-8")
        assert text.startswith('"""'), name
    assert not (PACKAGE / "validation.py").exists()
    assert not (PACKAGE / "dashboards" / "explore.py").exists()
    assert not (PACKAGE / "scale_rules.py").exists()
    assert not (PACKAGE / "plots" / "index.py").exists()

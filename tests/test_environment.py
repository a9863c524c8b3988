"""pyproject.toml and environment.yml list the same dependencies and version constraints."""

import re
import tomllib

import yaml

from conftest import REPO

# A name and its version constraints (">=3.8" or ">=3.8,<3.11"), up to a comment.
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*([<>=!~][^;#]*)?")


def _parse(requirement: str) -> tuple[str, str]:
    name, version = _REQ.match(requirement).groups()
    return name.lower().replace("_", "-"), (version or "").replace(" ", "")


# Not on conda-forge under their PyPI names: installed from PyPI in environment.yml's `pip:`.
PYPI_ONLY = {"pypandoc-binary", "playwright", "axe-playwright-python"}


def _environment() -> tuple[dict[str, str], list[str]]:
    """environment.yml: conda dependencies (name → minimum) and the `pip:` lines."""
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = dict(_parse(d) for d in env["dependencies"] if isinstance(d, str))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return conda, pip


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = dict(_parse(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    conda, pip = _environment()
    conda.pop("pip")
    python = conda.pop("python")
    assert python == ">=" + project["requires-python"].removeprefix(">=")
    from_pip = dict(_parse(line) for line in pip if line != "-e .")
    assert not set(conda) & set(from_pip)
    assert {**conda, **from_pip} == wanted


def test_what_conda_forge_lacks_comes_from_pip():
    conda, pip = _environment()
    from_pip = {_parse(line)[0] for line in pip if line != "-e ."}
    assert from_pip == PYPI_ONLY
    assert not PYPI_ONLY & set(conda)


def test_pip_section_installs_the_package_itself():
    _, pip = _environment()
    assert pip[-1] == "-e ."

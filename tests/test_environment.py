"""pyproject.toml and environment.yml list the same dependencies and minimum versions."""

import re
import tomllib

import yaml

from conftest import REPO

_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(>=\s*[0-9][^,;\s]*)?")


def _parse(requirement: str) -> tuple[str, str]:
    name, version = _REQ.match(requirement).groups()
    return name.lower().replace("_", "-"), (version or "").replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = dict(_parse(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = dict(_parse(d) for d in env["dependencies"] if isinstance(d, str))
    conda.pop("pip")
    python = conda.pop("python")
    assert python == ">=" + project["requires-python"].removeprefix(">=")
    assert conda == wanted


def test_pip_section_installs_the_package_itself():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e ."]

"""environment.yml (conda/Binder) and pyproject.toml name the same packages and pins."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.browser import REPO


def pins(requirements: list[str]) -> dict[str, str]:
    parsed = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", requirement.strip())
        assert match, requirement
        parsed[match[1].lower().replace("_", "-")] = match[2].replace(" ", "")
    return parsed


def test_environment_yml_and_pyproject_name_the_same_packages_and_pins():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    conda = [d for d in conda if not d.startswith(("python=", "pip"))]
    assert pins(conda) == pins(project["dependencies"])


def test_environment_yml_installs_the_course_package_itself():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert "." in pip_section, "Binder must install the package (and its Voilà template)"

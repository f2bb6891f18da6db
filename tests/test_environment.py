"""environment.yml (conda/Binder) and pyproject.toml name the same packages and pins, and
pyproject.toml names every package the code imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    from_pip = [d for d in pip_section if d != "."]  # (those conda-forge may not have)
    assert not pins(conda).keys() & pins(from_pip).keys(), "each from one place"
    assert pins(conda) | pins(from_pip) == pins(project["dependencies"])


def test_environment_yml_installs_the_course_package_itself():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert "." in pip_section, "Binder must install the package (and its Voilà template)"


# The modules that may import a package only an extra installs, and that extra.
EXTRA_IMPORTERS = {
    "widgets/server/hub.py": "hub",
    "widgets/authoring/figures/": "figures",
    "widgets/authoring/readability.py": "test",  # (only `stats` and the tests load it)
}


def imported_packages(source: Path) -> set[str]:
    """The top-level packages a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"widgets"}


def undeclared_imports(project: dict[str, Any]) -> dict[str, set[str]]:
    """By module, the distributions it imports that it may not count on being installed."""
    declared = {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}
    extras = {
        name: {canonicalize_name(Requirement(r).name) for r in requirements}
        for name, requirements in project["optional-dependencies"].items()
    }
    distributions = packages_distributions()
    missing = {}
    for source in sorted((REPO / "widgets").rglob("*.py")):
        path = source.relative_to(REPO).as_posix()
        allowed = declared | next(
            (extras[extra] for prefix, extra in EXTRA_IMPORTERS.items() if path.startswith(prefix)),
            set(),
        )
        needed = {
            canonicalize_name(dist)
            for package in imported_packages(source)
            for dist in distributions.get(package, [package])
        }
        if needed - allowed:
            missing[path] = needed - allowed
    return missing


def test_pyproject_declares_every_package_the_code_imports():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert undeclared_imports(project) == {}

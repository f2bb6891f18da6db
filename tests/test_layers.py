"""The layers hold: import contracts (pyproject.toml, [tool.importlinter]) checked
statically, and what a learner's page really imports, checked by running it."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.browser import NOTEBOOK_DIR, REPO

BIN = Path(sys.executable).parent


def test_the_import_contracts_of_the_layers_hold():
    result = subprocess.run(
        [BIN / "lint-imports", "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def modules_of_extras() -> set[str]:
    """Top-level modules of the packages only the extras ([test], [hub]) install."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = {Requirement(r).name.lower() for r in project["dependencies"]}
    extra = {
        Requirement(r).name.lower()
        for requirements in project["optional-dependencies"].values()
        for r in requirements
    }
    modules = packages_distributions()
    return {
        module
        for module, dists in modules.items()
        if {d.lower() for d in dists} & (extra - runtime)
    }


# The code cells of a notebook, run the way a kernel runs them, then the modules loaded.
RUN_PAGE = """
import json, sys
import nbformat
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
notebook = nbformat.read(sys.argv[1], as_version=4)
for cell in notebook.cells:
    if cell.cell_type == "code":
        shell.run_cell(cell.source).raise_error()
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("notebook", sorted(NOTEBOOK_DIR.glob("*.ipynb")), ids=lambda p: p.stem)
def test_a_learner_page_imports_no_authoring_code_and_no_package_of_an_extra(notebook):
    result = subprocess.run(
        [sys.executable, "-c", RUN_PAGE, str(notebook)],
        cwd=NOTEBOOK_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "widgets.views" in loaded
    assert not {m for m in loaded if m.startswith("widgets.authoring")}
    extras_only = modules_of_extras()
    assert {"pytest", "playwright", "jupyterhub"} <= extras_only, "the check would pass vacuously"
    assert not {m.split(".")[0] for m in loaded} & extras_only
    assert "pandas" not in loaded, "pandas costs every kernel ~40 MB: read tables with csv"

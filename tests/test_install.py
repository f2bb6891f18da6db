"""The course installs as the Dockerfile installs it: a plain virtual environment,
no [test] extra, not editable. Slow (it installs every dependency), so a tier of its own."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import REPO
from tests.test_deploy import docker_ignores, run_commands, stage_chain
from tests.test_layers import RUN_PAGE

pytestmark = [pytest.mark.install, pytest.mark.timeout(900)]


def build_context(target: Path) -> Path:
    """The files `docker build` sends: the repository less what .dockerignore leaves out."""

    def ignored(folder: str, names: list[str]) -> list[str]:
        relative = Path(folder).relative_to(REPO)
        return [name for name in names if docker_ignores(str(relative / name))]

    shutil.copytree(REPO, target, ignore=ignored, symlinks=True)
    return target


def run(words: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(words, cwd=cwd, capture_output=True, text=True, timeout=800)


def test_the_docker_install_and_validate_steps_work_without_the_test_extra(tmp_path):
    app = build_context(tmp_path / "app")
    steps = [c for c in run_commands(stage_chain("base")) if not c.startswith("useradd")]
    assert any("widgets validate" in step for step in steps)
    for step in steps:
        words = shlex.split(step)
        words[0] = sys.executable if words[0] == "python3" else words[0]
        done = run(words, app)
        assert done.returncode == 0, f"{step}\n{done.stdout}\n{done.stderr}"
    python = app / ".venv" / "bin" / "python"
    for test_tool in ("textstat", "nbval", "pytest"):
        assert run([str(python), "-c", f"import {test_tool}"], app).returncode != 0, test_tool
    template = app / ".venv" / "share" / "jupyter" / "voila" / "templates" / "kcourse"
    assert (template / "index.html.j2").is_file(), "the install put no page template"
    # A learner's page, run away from the source tree: the installed package finds
    # its own copy of the course data.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    page = run(
        [str(python), "-c", RUN_PAGE, str(app / "notebooks" / "06-caution.ipynb")], elsewhere
    )
    assert page.returncode == 0, page.stderr
    located = run(
        [str(python), "-c", "from widgets.core.loader import DATA_DIR; print(DATA_DIR)"], elsewhere
    )
    assert "site-packages" in located.stdout, located.stdout

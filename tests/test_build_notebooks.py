"""`make notebooks` writes the same bytes every run, so a re-run with no change leaves git clean."""

from __future__ import annotations

import shutil

import pytest

from tests.browser import NOTEBOOK_DIR
from widgets.authoring.notebooks import build_notebook


@pytest.mark.parametrize("name", ["index.ipynb", "06-caution.ipynb"])
def test_rebuilding_a_notebook_gives_the_committed_bytes(name, tmp_path):
    copy = tmp_path / name
    shutil.copy(NOTEBOOK_DIR / name, copy)
    build_notebook(copy)
    assert copy.read_bytes() == (NOTEBOOK_DIR / name).read_bytes(), (
        f"{name}: its stored outputs differ from a fresh run; run `make notebooks`"
    )

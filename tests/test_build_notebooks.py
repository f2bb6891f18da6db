"""`make notebooks` writes the same bytes every run, so a re-run with no change leaves git clean."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from tests.browser import NOTEBOOK_DIR
from widgets.authoring.notebooks import build_notebook, with_contents


@pytest.mark.parametrize("name", ["index.ipynb", "06-caution.ipynb"])
def test_rebuilding_a_notebook_gives_the_committed_bytes(name, tmp_path):
    copy = tmp_path / name
    shutil.copy(NOTEBOOK_DIR / name, copy)
    build_notebook(copy)
    assert copy.read_bytes() == (NOTEBOOK_DIR / name).read_bytes(), (
        f"{name}: its stored outputs differ from a fresh run; run `make notebooks`"
    )


def notebook_of(*sources: str) -> nbformat.NotebookNode:
    """A notebook of these cells: code when it calls page., else markdown."""
    cells = [
        nbformat.v4.new_code_cell(s) if s.startswith("page") else nbformat.v4.new_markdown_cell(s)
        for s in sources
    ]
    return nbformat.v4.new_notebook(cells=cells)


LONG_SECTION = (
    'page = section("x")',
    "## What *not* to do\n\ntext",
    '## Two things called "low dose"\n\n### A smaller part\n\ntext',
    "## Evidence (as of early 2026)",
    "## Route matters",
    "page.quiz()",
    "## After the quiz",
)


def test_a_long_section_gets_a_list_of_its_parts_linked_to_their_headings():
    notebook = notebook_of(*LONG_SECTION)
    with_contents(notebook)
    assert notebook.cells[1].source == (
        "**In this section**\n\n"
        "- [What not to do](#What-not-to-do)\n"
        '- [Two things called "low dose"](#Two-things-called-%22low-dose%22)\n'
        "- [Evidence (as of early 2026)](#Evidence-(as-of-early-2026))\n"
        "- [Route matters](#Route-matters)\n"
        "- [Check your understanding](#check-your-understanding)\n"
        "- [After the quiz](#After-the-quiz)"
    )


def test_building_again_replaces_the_list_instead_of_adding_one():
    notebook = notebook_of(*LONG_SECTION)
    with_contents(notebook)
    notebook.cells[3].source = "## Evidence, renamed"
    with_contents(notebook)
    lists = [c for c in notebook.cells if "In this section" in c.source]
    assert len(lists) == 1
    assert "[Evidence, renamed](#Evidence,-renamed)" in lists[0].source


def test_a_short_section_gets_no_list():
    notebook = notebook_of('page = section("x")', "## One", "## Two", "page.quiz()")
    with_contents(notebook)
    assert [c.source for c in notebook.cells] == [
        'page = section("x")',
        "## One",
        "## Two",
        "page.quiz()",
    ]


def test_a_build_on_a_later_day_with_the_same_outputs_leaves_the_file_as_it_was(tmp_path):
    """`make notebooks` with no change to the course leaves git clean on any day."""
    from datetime import timedelta

    from widgets.authoring.notebooks import recorded_today

    copy = tmp_path / "00-welcome.ipynb"
    shutil.copy(NOTEBOOK_DIR / copy.name, copy)
    before = copy.read_bytes()
    day = recorded_today(nbformat.read(copy, as_version=4))
    assert day
    build_notebook(copy, day + timedelta(days=3))
    assert copy.read_bytes() == before

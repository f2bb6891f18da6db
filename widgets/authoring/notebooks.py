"""`build-notebooks`: run each notebook and store its outputs, the same bytes every run.

It also writes each long section's "In this section" list, from the section's own
headings, so the list cannot fall behind the text it points into, and each page's
title (what a browser tab shows) from course.yaml.

The stored outputs are what strict nbval compares against. Three things would
change with no change to the course: execution timings (not recorded here),
widget model ids, which the kernel draws at random (replaced by ids derived from
the notebook and the output's place in it; no widget state is stored, so no id
points anywhere and nothing is lost), and Python's patch version in the metadata
(kept to major.minor, so any 3.11 writes the same bytes).

A fourth is the date: a section header shows a claim past its review as under
review. So each notebook runs as of one day (`KCOURSE_TODAY` in its kernel's
environment), recorded in its metadata (`kcourse.today`); a rebuild of a built
notebook and the notebook tests use that day, and `build-notebooks` today's.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from datetime import date
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.filters.markdown import markdown2html_mistune
from nbconvert.filters.strings import html2text

from widgets.authoring.validate import notebooks_beside
from widgets.core.freshness import TODAY_VARIABLE, course_today
from widgets.core.loader import course

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CONTENTS_TAG = "kc-contents"  # marks the list this command writes (and rewrites)
LONG = 5  # a section with at least this many parts gets an "In this section" list
QUIZ = ("Check your understanding", "check-your-understanding")  # page.quiz()'s heading
# The notebook metadata this command writes: the day it ran as of, and the page's own
# file name, by which a learner's JupyterLab knows a page of the course from a copy
# (widgets/server/lab.py): {"today": "2026-12-02", "page": "06-caution.ipynb"}.
RECORD = "kcourse"


def parts(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """The section's parts in page order: each second-level heading of its text, and
    its quiz, each with the id its page gives it.

    The ids are nbconvert's, as Voilà renders the page; JupyterLab's own ids differ
    only in characters that a link spells with %, so one link fits both.
    """
    found = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and "page.quiz()" in cell.source:
            found.append(QUIZ)
        if cell.cell_type != "markdown" or CONTENTS_TAG in cell.metadata.get("tags", []):
            continue
        for heading in re.findall(r"<h2[^>]*>.*?</h2>", markdown2html_mistune(cell.source), re.S):
            anchor = re.search(r'id="([^"]+)"', heading)
            words = html2text(re.sub(r'<a class="anchor-link".*?</a>', "", heading)).strip()
            if anchor:
                found.append((words, anchor.group(1)))
    return found


def with_contents(notebook: nbformat.NotebookNode) -> None:
    """Put (or refresh) the "In this section" list after the header, in a long section."""
    notebook.cells = [c for c in notebook.cells if CONTENTS_TAG not in c.metadata.get("tags", [])]
    listed = parts(notebook)
    if len(listed) < LONG:
        return
    links = "\n".join(f"- [{words}](#{anchor})" for words, anchor in listed)
    cell = nbformat.v4.new_markdown_cell(f"**In this section**\n\n{links}")
    cell.id = "in-this-section"
    cell.metadata["tags"] = [CONTENTS_TAG]
    notebook.cells.insert(1, cell)


def stable_widget_ids(notebook: nbformat.NotebookNode, name: str) -> None:
    """Number the widget outputs in order and give each an id made from that number."""
    views = [
        output["data"][WIDGET_VIEW]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if WIDGET_VIEW in output.get("data", {})
    ]
    for number, view in enumerate(views, 1):
        view["model_id"] = hashlib.sha256(f"{name}:{number}".encode()).hexdigest()[:32]


def page_title(name: str) -> str | None:
    """The title a browser tab shows for the notebook named `name` (Voilà takes the
    metadata's `title`, else the file name): the section's number and title, or the
    course's for its home; None for a notebook that is not a course page."""
    the_course = course()
    if name == "index.ipynb":
        return the_course.title
    return next(
        (the_course.section_label(s.id) for s in the_course.sections if s.notebook == name),
        None,
    )


def record(day: date, path: Path) -> dict[str, str]:
    return {"today": day.isoformat(), "page": path.name}


def recorded_today(notebook: nbformat.NotebookNode) -> date | None:
    """The day the notebook was last built as of, or None if it never was."""
    value = notebook.metadata.get(RECORD, {}).get("today")
    return date.fromisoformat(value) if value else None


def build_notebook(path: Path, today: date | None = None) -> None:
    """Run the notebook as of `today`, store its outputs, and record the day.

    Without `today`, the day it last recorded: a rebuild then reproduces the stored
    bytes whatever the date (tests/test_build_notebooks.py); a notebook never built
    runs as of the real date. A run on a later day whose outputs match the stored ones
    keeps the day recorded, so the file does not change.
    """
    notebook = nbformat.read(path, as_version=4)
    recorded = recorded_today(notebook)
    day = today or recorded or date.today()
    notebook.metadata[RECORD] = record(day, path)
    title = page_title(path.name)
    if title:
        notebook.metadata["title"] = title
    with_contents(notebook)
    NotebookClient(
        notebook,
        timeout=300,
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute(env={**os.environ, TODAY_VARIABLE: day.isoformat()})
    stable_widget_ids(notebook, path.name)
    language = notebook.metadata.get("language_info", {})
    if "version" in language:
        language["version"] = ".".join(language["version"].split(".")[:2])
    if recorded and recorded != day:
        # Outputs the same as of the day recorded? Keep that day, so a re-run with no
        # change to the course leaves git clean on any later day.
        notebook.metadata[RECORD] = record(recorded, path)
        if nbformat.writes(notebook) + "\n" != path.read_text(encoding="utf-8"):
            notebook.metadata[RECORD] = record(day, path)
    nbformat.write(notebook, path)


def build_notebooks(paths: list[Path], data_dir: Path) -> int:
    """Every notebook of the course (or the ones named), in file-name order, as of
    today (or of `KCOURSE_TODAY`, to preview a later day)."""
    today = course_today(os.environ)
    for path in paths or sorted(notebooks_beside(data_dir).glob("*.ipynb")):
        print(f"running {path} as of {today.isoformat()}", file=sys.stderr)
        build_notebook(path, today)
    return 0

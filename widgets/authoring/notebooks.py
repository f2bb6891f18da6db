"""`build-notebooks`: run each notebook and store its outputs, the same bytes every run.

The stored outputs are what strict nbval compares against. Three things would
change with no change to the course: execution timings (not recorded here),
widget model ids, which the kernel draws at random (replaced by ids derived from
the notebook and the output's place in it; no widget state is stored, so no id
points anywhere and nothing is lost), and Python's patch version in the metadata
(kept to major.minor, so any 3.11 writes the same bytes).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from widgets.authoring.validate import notebooks_beside

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


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


def build_notebook(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    stable_widget_ids(notebook, path.name)
    language = notebook.metadata.get("language_info", {})
    if "version" in language:
        language["version"] = ".".join(language["version"].split(".")[:2])
    nbformat.write(notebook, path)


def build_notebooks(paths: list[Path], data_dir: Path) -> int:
    """Every notebook of the course (or the ones named), in file-name order."""
    for path in paths or sorted(notebooks_beside(data_dir).glob("*.ipynb")):
        print(f"running {path}", file=sys.stderr)
        build_notebook(path)
    return 0

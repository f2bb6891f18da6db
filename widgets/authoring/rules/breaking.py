"""Small edits to a copy of a course folder, for the rules' bad examples.

A YAML edit works on the file's data as it is read, before any check (plain dicts),
as an author's edit would.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import yaml


def edit_yaml(root: Path, name: str, change: Callable[[Any], None]) -> None:
    """Load course_data/<name>, let `change` edit it in place, and write it back."""
    edit_yaml_file(root / "course_data" / name, change)


def edit_yaml_file(path: Path, change: Callable[[Any], None]) -> None:
    """Load a YAML file, let `change` edit it in place, and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def add_markdown(root: Path, notebook: str, text: str) -> None:
    """Append a markdown cell to notebooks/<notebook>."""
    path = root / "notebooks" / notebook
    book = nbformat.read(path, as_version=4)
    book.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(book, path)


def edit_rows(root: Path, table: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    """Let `change` edit the rows of course_data/tables/<table>.csv in place."""
    path = root / "course_data" / "tables" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def question(data: dict[str, Any], question_id: str) -> dict[str, Any]:
    """The question with this id in a quiz file's data."""
    return next(q for q in data["questions"] if q["id"] == question_id)

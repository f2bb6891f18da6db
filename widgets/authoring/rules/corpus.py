"""Every string a learner can read, located: the corpus the content rules run over.

A `Text` is one unit a learner reads (a YAML string, a table row, a notebook paragraph
or list item, a string literal in a code cell, a stored output) with where it is:
the file, the item (a question id, "markdown cell 3"), the line when the file has
lines, and the `block` the page shows it in, so a rule can ask "is this said anywhere
in the same list or entry?".
"""

from __future__ import annotations

import ast
import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import nbformat
import yaml

from widgets.core.freshness import label_of
from widgets.core.model import Course, Problem
from widgets.core.yaml_reader import ITEM_KINDS, LOADER, yaml_problem

Kind = Literal["yaml", "table", "markdown", "code", "output"]


class RuleSkipped(Exception):
    """A rule that cannot run here (the course did not load, or a tool it needs is not
    installed): said in validate's report, never passed in silence."""


@dataclass(frozen=True)
class Text:
    """One unit of learner-visible text and where it is."""

    file: str
    item: str
    text: str
    kind: Kind
    block: str
    line: int | None = None
    path: str = ""  # where in a YAML file, e.g. "quizzes/x.yaml/q1/feedback/true"

    @property
    def flat(self) -> str:
        """The text on one line, as a reader meets it."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Corpus:
    """The course (None when it does not load) and every text a learner reads in it.

    Files are named inside the folders as given (`validate --data`, as typed), so each
    problem names a file the author can open."""

    data_dir: Path
    notebooks: Path  # the notebooks folder beside data_dir, which may not be there
    texts: tuple[Text, ...]
    course: Course | None
    today: date
    unreadable: tuple[Problem, ...] = ()  # files that could not be read at all

    def loaded(self) -> Course:
        """The loaded course, for rules that need it; when it did not load, the rule is
        reported as not run (validate lists the loader's problems first)."""
        if self.course is None:
            raise RuleSkipped("the course did not load; fix the problems above and run again")
        return self.course

    def file(self, name: str) -> str:
        """A data file's name as problems give it: 'course_data/worry-check.yaml'."""
        return str(self.data_dir / name)

    def notebook(self, name: str) -> str:
        """A notebook's name as problems give it: 'notebooks/06-caution.ipynb'."""
        return str(self.notebooks / name)

    def of(self, *kinds: Kind) -> list[Text]:
        """The texts of these kinds (all kinds if none)."""
        return [t for t in self.texts if not kinds or t.kind in kinds]

    def blocks(self, *kinds: Kind) -> list[list[Text]]:
        """The texts grouped by the block a page shows them in, in order."""
        grouped: dict[tuple[str, str], list[Text]] = {}
        for text in self.of(*kinds):
            grouped.setdefault((text.file, text.block), []).append(text)
        return list(grouped.values())


# --- YAML: each string with its line, its item and its block ---------------------------


def _name(node: yaml.Node) -> str | None:
    """A mapping's id or term: what names an item (a question, a glossary entry)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in ("id", "term") and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None


def _named(item: str, key: str, name: str | None) -> str:
    """The item a named entry is: its kind (from the list holding it) and id, inside the
    item holding it, as the loader names items: "question cau-bath, option b"."""
    if name is None:
        return item
    entry = f"{ITEM_KINDS.get(key, 'item')} {name}"
    return entry if item == "text" else f"{item}, {entry}"


def _yaml_texts(
    node: yaml.Node,
    file: str,
    where: str,
    item: str,
    block: str | None,
    key: str = "",
    root: bool = False,
) -> Iterator[Text]:
    """A list of plain entries (key points, objectives, the crisis lines, with any plain
    list inside them: a line's numbers to dial) is one block;
    an item with an id or a term is one block; any other string stands alone. `key` is
    the key the node is under (for a list's entries, the list's)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":str") and node.value.strip():
            line = node.start_mark.line + 1
            yield Text(file, item, node.value, "yaml", block or where, line, where)
    elif isinstance(node, yaml.SequenceNode):
        plain = not any(_name(child) for child in node.value)
        for index, child in enumerate(node.value):
            at = f"{where}[{index}]"
            yield from _yaml_texts(child, file, at, item, (block or where) if plain else None, key)
    elif isinstance(node, yaml.MappingNode):
        name = None if root else _name(node)  # course.yaml's own id names no item
        outer = _named(item, key, name)
        for child_key, child in node.value:
            at = f"{where}/{name}/{child_key.value}" if name else f"{where}/{child_key.value}"
            own = f"{where}/{name}" if name else block
            yield from _yaml_texts(child, file, at, outer, own, child_key.value)


def yaml_texts(path: Path, file: str) -> list[Text]:
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    return list(_yaml_texts(node, file, file, "text", None, root=True)) if node else []


# --- Tables: one row, one text ---------------------------------------------------------


def table_texts(path: Path, file: str) -> list[Text]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Text(file, f"row {line}", " | ".join(row), "table", f"row {line}", line)
            for line, row in enumerate(csv.reader(handle), 1)
        ]


# --- Notebooks: paragraphs and list items, code-cell literals, stored outputs ----------

_UNIT_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)")
_LIST_ITEM = re.compile(r"\s*(?:[-*]|\d+\.)\s")


def _literals(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a magic or shell line: no Python literals to read
        return []
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def notebook_texts(path: Path, file: str) -> list[Text]:
    """Markdown paragraphs and list items (one list is one block), each string literal in
    a code cell (a caption, say) and each stored HTML output, by cell number."""
    texts: list[Text] = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells, 1):
        where = f"{cell.cell_type} cell {number}"
        if cell.cell_type == "markdown":
            block, previous_item = where, False
            for index, unit in enumerate(u for u in _UNIT_BREAK.split(cell.source) if u.strip()):
                item = bool(_LIST_ITEM.match(unit))
                if not (item and previous_item):
                    block = f"{where} part {index + 1}"
                texts.append(Text(file, where, unit, "markdown", block))
                previous_item = item
        elif cell.cell_type == "code":
            for index, literal in enumerate(_literals(cell.source)):
                texts.append(Text(file, where, literal, "code", f"{where} literal {index + 1}"))
            for index, output in enumerate(cell.get("outputs", [])):
                rendered = output.get("data", {}).get("text/html", "")
                if rendered:
                    texts.append(Text(file, where, rendered, "output", f"{where} output {index}"))
    return texts


def claim_texts(path: Path, file: str) -> list[Text]:
    """Of claims.yaml, what a page shows: each claim's label in its "Under review" line
    (core.freshness.claim_label); the rest is a note for authors."""
    return [
        Text(t.file, t.item, label_of(t.text), t.kind, t.block, t.line, t.path)
        for t in yaml_texts(path, file)
        if t.path.endswith("/claim")
    ]


def build_corpus(data_dir: Path, notebooks: Path, course: Course | None, today: date) -> Corpus:
    """Every learner-visible text of the course folder: its YAML (schemas aside), its
    tables and the notebooks beside it (none when that folder is missing)."""
    readers: list[tuple[Path, Callable[[Path, str], list[Text]]]] = [
        *(
            (p, claim_texts if p.name == "claims.yaml" else yaml_texts)
            for p in sorted(data_dir.rglob("*.yaml"))
        ),
        *((p, table_texts) for p in sorted(data_dir.rglob("*.csv"))),
        *((p, notebook_texts) for p in sorted(notebooks.glob("*.ipynb"))),
    ]
    texts: list[Text] = []
    unreadable = []
    for path, read in readers:
        try:
            texts += read(path, str(path))
        except yaml.YAMLError as broken:  # in the loader's words (validate says it once)
            unreadable.append(yaml_problem(str(path), path.read_text(encoding="utf-8"), broken))
        except Exception as error:  # a file the loader may also report: say it, go on
            first = (str(error).splitlines() or [type(error).__name__])[0]
            reason = f"cannot be read for the content rules: {first}"
            unreadable.append(Problem(str(path), "file", reason))
    return Corpus(data_dir, notebooks, tuple(texts), course, today, tuple(unreadable))

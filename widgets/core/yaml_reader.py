"""Read YAML course files, check each against its JSON Schema, and collect problems.

Each problem is located by file, line and item id, and none stops the reading,
so an author sees every problem at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml

from widgets.core.model import Problem

if TYPE_CHECKING:
    import jsonschema


def _schema(name: str, root: Path) -> dict[str, Any]:
    return cast(
        dict[str, Any],
        json.loads((root / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")),
    )


# libyaml's parser where PyYAML was built with it (its wheels are): every learner's
# kernel reads the whole course, and the pure-Python parser took most of that time.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """Follow a JSON path through a composed YAML node to a 1-based line."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        if node is None:
            return None
    return node.start_mark.line + 1 if node is not None else None


class Reader:
    """Reads YAML files, validating each against its schema and noting problems."""

    def __init__(self, root: Path, check_schema: bool):
        self.root = root
        self.check_schema = check_schema
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.nodes: dict[str, yaml.Node | None] = {}

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def line(self, path: Path, at: list[Any]) -> int | None:
        """The line of an item; a file is composed only when a line is asked of it."""
        name = self.rel(path)
        if name not in self.nodes and name in self.texts:
            self.nodes[name] = yaml.compose(self.texts[name], Loader=LOADER)
        return _line_of(self.nodes.get(name), at)

    def add(self, path: Path, item: str, reason: str, at: list[Any] | None = None) -> None:
        line = self.line(path, at) if at is not None else None
        self.problems.append(Problem(self.rel(path), item, reason, line))

    def load(self, path: Path, schema: str) -> dict[str, Any] | None:
        """Parse and schema-check one file; None when it cannot be used at all."""
        if not path.is_file():
            self.add(path, "file", "missing")
            return None
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=LOADER)
        except yaml.YAMLError as broken:
            mark = getattr(broken, "problem_mark", None)
            line = mark.line + 1 if mark else None
            self.problems.append(Problem(self.rel(path), "file", f"not valid YAML: {broken}", line))
            return None
        self.texts[self.rel(path)] = text
        if self.check_schema:
            import jsonschema  # here, not at the top: it costs each learner's kernel ~20 MB

            validator = jsonschema.Draft202012Validator(_schema(schema, self.root))
            errors = _without_echoes(validator.iter_errors(data))
            for error in errors:
                self.add(path, _item_name(data, list(error.path)), _reason(error), list(error.path))
            if errors:
                return None
        if not isinstance(data, dict):  # (every schema says so; this is for the fast path)
            self.add(path, "file", f"expected a mapping at the top, got {type(data).__name__}")
            return None
        return data


_ITEM_KINDS = {
    "questions": "question",
    "reflections": "reflection",
    "sections": "section",
    "references": "reference",
    "claims": "claim",
}


def _without_echoes(
    errors: Iterable[jsonschema.ValidationError],
) -> list[jsonschema.ValidationError]:
    """Drop 'unevaluated property' errors that only echo another error on the same item.

    When a type-specific rule fails (say a missing answer), the schema no longer
    counts that type's fields as evaluated and flags them too; that is noise.
    """
    errors = sorted(errors, key=lambda e: list(map(str, e.path)))
    real = [tuple(e.path) for e in errors if e.validator != "unevaluatedProperties"]

    def echoes(error: jsonschema.ValidationError) -> bool:
        item = tuple(error.path)
        return any(path[: len(item)] == item for path in real)

    return [e for e in errors if e.validator != "unevaluatedProperties" or not echoes(e)]


def _item_name(data: Any, path: list[Any]) -> str:
    """Name the item an error is in by its id, e.g. 'question wik-class'."""
    if len(path) >= 2 and isinstance(path[1], int) and isinstance(data, dict):
        items = data.get(path[0])
        if isinstance(items, list) and path[1] < len(items) and isinstance(items[path[1]], dict):
            kind = _ITEM_KINDS.get(path[0], path[0])
            item_id = items[path[1]].get("id", f"#{path[1] + 1}")
            return f"{kind} {item_id}"
    return "/".join(map(str, path)) or "file"


def _reason(error: jsonschema.ValidationError) -> str:
    field = "/".join(map(str, error.path)) or "top level"
    if error.validator == "minItems" and error.instance == []:
        return f"{field}: the list is empty"
    return f"{field}: {error.message}"

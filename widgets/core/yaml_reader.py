"""Read YAML course files, check each against its JSON Schema, and collect problems.

Each problem is located by file, line and item id, and none stops the reading,
so an author sees every problem at once. A file is named as the data folder was
given (`validate --data`, as typed), so the name is one the author can open.
"""

from __future__ import annotations

import contextlib
import json
import re
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
        self.texts: dict[Path, str] = {}
        self.nodes: dict[Path, yaml.Node | None] = {}

    def line(self, path: Path, at: list[Any]) -> int | None:
        """The line of an item; a file is composed only when a line is asked of it."""
        if path not in self.nodes and path in self.texts:
            self.nodes[path] = yaml.compose(self.texts[path], Loader=LOADER)
        return _line_of(self.nodes.get(path), at)

    def add(self, path: Path, item: str, reason: str, at: list[Any] | None = None) -> None:
        line = self.line(path, at) if at is not None else None
        self.problems.append(Problem(str(path), item, reason, line))

    def load(self, path: Path, schema: str) -> dict[str, Any] | None:
        """Parse and schema-check one file; None when it cannot be used at all."""
        if not path.is_file():
            self.add(path, "file", "missing")
            return None
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=LOADER)
        except yaml.YAMLError as broken:
            self.problems.append(yaml_problem(str(path), text, broken))
            return None
        self.texts[path] = text
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


# What an entry of each list is called in a problem ("question cau-bath, option b").
ITEM_KINDS = {
    "questions": "question",
    "exercises": "question",
    "reflections": "reflection",
    "sections": "section",
    "references": "reference",
    "claims": "claim",
    "terms": "term",
    "symptoms": "symptom",
    "figures": "figure",
    "ideas": "idea",
    "options": "option",
    "pairs": "pair",
    "items": "item",
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
            kind = ITEM_KINDS.get(path[0], path[0])
            item_id = items[path[1]].get("id", f"#{path[1] + 1}")
            return f"{kind} {item_id}"
    return "/".join(map(str, path)) or "file"


# What each pattern in the schemas asks for, in words: an author reads "review_by must be
# a month written YYYY-MM", not the pattern. (Every pattern of an author's schema is here:
# tests/test_validate_messages.py.)
PATTERN_WORDS = {
    "^[0-9]{4}-(0[1-9]|1[0-2])$": "a month written YYYY-MM",
    "^[0-9]{4}-[0-9]{2}$": "a month written YYYY-MM",
    "^[a-z0-9][a-z0-9-]*$": "an id of lower-case letters, digits and hyphens",
    "^[0-9]{2}-[a-z0-9-]+\\.ipynb$": "a notebook name such as 06-caution.ipynb",
    "^10\\.[0-9]{4,}/\\S+$": "a DOI such as 10.1001/jama.2019.1234",
    "^https://": "a web address starting https://",
    "^[a-z][a-z0-9_]*$": "a column name of lower-case letters, digits and _",
    "^[0-9][0-9-]*[0-9]$": "a phone number of digits and hyphens, such as 1-800-222-1222",
}


def _reason(error: jsonschema.ValidationError) -> str:
    field = "/".join(map(str, error.path)) or "top level"
    if error.validator == "minItems" and error.instance == []:
        return f"{field}: the list is empty"
    if error.validator in ("minItems", "maxItems") and isinstance(error.instance, list):
        bound = "at least" if error.validator == "minItems" else "at most"
        where = _field_in_item(list(error.path))
        return f"{where} needs {bound} {error.validator_value} entries, has {len(error.instance)}"
    if error.validator == "pattern" and error.validator_value in PATTERN_WORDS:
        words = PATTERN_WORDS[error.validator_value]
        return f"{_field_in_item(list(error.path))} must be {words}, got {error.instance!r}"
    return f"{field}: {error.message}"


def _field_in_item(path: list[Any]) -> str:
    """A field's path inside the item the problem already names (`_item_name`)."""
    inside = path[2:] if len(path) > 2 and isinstance(path[1], int) else path
    return "/".join(map(str, inside)) or "top level"


# --- Broken YAML, in words an author can act on -----------------------------------------

# PyYAML's words (its context and problem, as libyaml or the pure-Python parser puts
# them); whether the trouble starts at its context mark (else where it noticed it); and
# what to tell the author. The first that matches is used.
_HINTS: tuple[tuple[re.Pattern[str], bool, str], ...] = (
    (re.compile("scanning a quoted scalar"), True, "a quote opened here is never closed"),
    (re.compile("parsing a flow sequence"), True, "a [ opened here is never closed with ]"),
    (re.compile("parsing a flow mapping"), True, "a { opened here is never closed with }"),
    (re.compile("scanning a simple key"), True, "there is no ':' after the key on this line"),
    (
        re.compile("mapping values are not allowed"),
        False,
        "a ': ' inside a value (put the whole value in quotes), or a line indented deeper "
        "than the one above it",
    ),
    (
        re.compile("expected '-' indicator|found '<block sequence start>'"),
        False,
        "this list item does not line up with the items above it",
    ),
    (
        re.compile("did not find expected key|expected <block end>|expected <document start>"),
        False,
        "this line does not line up with the lines above it (check its indentation)",
    ),
    (
        re.compile("cannot start any token"),
        False,
        "a value cannot start with @ or ` (put the value in quotes)",
    ),
    (
        re.compile("undefined alias"),
        False,
        "a value cannot start with * (put the value in quotes)",
    ),
    (
        re.compile("constructor for the tag|undefined tag handle"),
        False,
        "a value cannot start with ! (put the value in quotes)",
    ),
    (
        re.compile("single document"),
        False,
        "a line of --- starts a second document, and a course file holds one",
    ),
)

_INNER_QUOTE = {
    '"': 'a quote inside the text ends it early: write \\" for a quote inside "...", '
    "or put the text in single quotes",
    "'": "an apostrophe inside the text ends it early: write '' for one inside '...', "
    "or put the text in double quotes",
}


def yaml_problem(file: str, text: str, error: yaml.YAMLError) -> Problem:
    """PyYAML's error as an author can act on it: the line where the trouble starts and
    what to do. PyYAML's own text names "<unicode string>", and for a quote left open
    gives the line where it gave up, often lines below the quote."""
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        reason = f"not valid YAML: character #x{error.character:02x} cannot be in a YAML file"
        return Problem(file, "file", reason, line)
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return Problem(file, "file", f"not valid YAML: {error}")
    line, hint = _explain(text, error, error.problem_mark)
    return Problem(file, "file", f"not valid YAML: {hint}", line)


def _explain(text: str, error: yaml.MarkedYAMLError, mark: yaml.Mark) -> tuple[int, str]:
    """The 1-based line where a parse error starts, and a hint."""
    line, here = mark.line + 1, _line_text(text, mark.line)
    if here[mark.column : mark.column + 1] == "\t":
        return line, f"YAML indentation must use spaces, not tabs — line {line} has a tab"
    quote = _quote_ending_at(text, mark)
    if quote is not None and quote.start_mark.line < mark.line:
        opened = quote.start_mark.line + 1
        return opened, (
            f"a quote opened here is never closed (the text runs on to the next quote, "
            f"on line {line})"
        )
    if quote is not None and not here[quote.end_mark.column : mark.column].strip():
        return line, _INNER_QUOTE[quote.style]
    said = f"{error.context or ''} {error.problem or ''}"
    for words, at_context, hint in _HINTS:
        if words.search(said):
            start = error.context_mark if at_context and error.context_mark else mark
            return start.line + 1, hint
    return line, error.problem or "the parser could not read this line"


def _line_text(text: str, index: int) -> str:
    """Line `index` (0-based, as in a PyYAML mark) of a text; past the end, ''."""
    lines = text.split("\n")
    return lines[index] if index < len(lines) else ""


def _quote_ending_at(text: str, mark: yaml.Mark) -> yaml.ScalarToken | None:
    """The last quoted value before the error that ends on the error's line, if any.

    A missing quote makes a quoted value run on to the next quote, and a quote inside
    the text ends it early; either way the parser notices only at the words after the
    quote. PyYAML's scanner gives the quoted values with where each starts and ends.
    """
    found = None
    with contextlib.suppress(yaml.YAMLError):  # the scanner may stop at the error itself
        for token in yaml.scan(text, Loader=LOADER):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found = token
    return found if found is not None and found.end_mark.line == mark.line else None

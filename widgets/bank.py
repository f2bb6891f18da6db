"""Load and validate the course data (manifest, quizzes, references).

Every problem in every file is collected before anything is raised, so an
author sees the whole list at once, each with file, line, item id and reason.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    import jsonschema

DATA_DIR = Path(__file__).resolve().parent.parent / "course_data"
NOTEBOOK_DIR = DATA_DIR.parent / "notebooks"
# A question about how the course itself works (progress, quizzes) cites the course,
# not an outside source: `references: [course]`.
COURSE_SOURCE = "course"

Question = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the course data, located for the author."""

    file: str
    item: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.item}: {self.reason}"


class BankError(ValueError):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the course data:\n{lines}")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    notebook: str
    minutes: int
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class Quiz:
    section: str
    questions: tuple[Question, ...]
    reflections: tuple[dict[str, Any], ...]
    exercises: tuple[Question, ...] = ()

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question["id"] == question_id:
                return question
        raise KeyError(f"no question {question_id!r} in the quiz of section {self.section!r}")


@dataclass(frozen=True)
class Claim:
    """Something the course says that can go out of date, and when to re-check it.

    `line` is where it is written in claims.yaml, so a review warning can point there.
    """

    id: str
    claim: str
    sections: tuple[str, ...]
    references: tuple[str, ...]
    review_by: str
    line: int | None = None


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    version: int
    shuffle_seed: int
    crisis: dict[str, Any]
    sections: tuple[Section, ...]
    quizzes: dict[str, Quiz]
    references: dict[str, dict[str, Any]]
    glossary: tuple[dict[str, Any], ...]
    worry_check: dict[str, Any]
    claims: tuple[Claim, ...] = ()

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        known = ", ".join(s.id for s in self.sections)
        raise KeyError(f"unknown section id {section_id!r}; the course has: {known}")

    def neighbours(self, section_id: str) -> tuple[Section | None, Section | None]:
        """The sections before and after this one, for previous/next links."""
        ids = [s.id for s in self.sections]
        index = ids.index(self.section(section_id).id)
        before = self.sections[index - 1] if index > 0 else None
        after = self.sections[index + 1] if index + 1 < len(self.sections) else None
        return before, after

    def cited(self, section_id: str) -> list[str]:
        """The reference ids a section's page lists: the manifest's, then its quiz's.

        One list, so the references shown and the "facts checked" month agree.
        """
        quiz = self.quizzes[section_id]
        cited = list(self.section(section_id).references)
        for item in (*quiz.questions, *quiz.reflections):
            cited += [r for r in item.get("references", []) if r not in (*cited, COURSE_SOURCE)]
        return cited


def _schema(name: str, root: Path) -> dict[str, Any]:
    return json.loads((root / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


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


class _Reader:
    """Reads YAML files, validating each against its schema and noting problems."""

    def __init__(self, root: Path, check_schema: bool):
        self.root = root
        self.check_schema = check_schema
        self.problems: list[Problem] = []
        self.nodes: dict[str, yaml.Node | None] = {}

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def line(self, path: Path, at: list[Any]) -> int | None:
        return _line_of(self.nodes.get(self.rel(path)), at)

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
            self.nodes[self.rel(path)] = yaml.compose(text)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else None
            self.problems.append(Problem(self.rel(path), "file", f"not valid YAML: {error}", line))
            return None
        if not self.check_schema:
            return data
        import jsonschema  # here, not at the top: it costs each learner's kernel ~20 MB

        validator = jsonschema.Draft202012Validator(_schema(schema, self.root))
        errors = _without_echoes(validator.iter_errors(data))
        for error in errors:
            self.add(path, _item_name(data, list(error.path)), _reason(error), list(error.path))
        return None if errors else data


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


def _check_question(question: Question, references: set[str]) -> list[tuple[str, list[Any]]]:
    """Cross-field checks a schema cannot express; returns (reason, sub-path) pairs."""
    found: list[tuple[str, list[Any]]] = []
    kind = question["type"]
    for ref in question["references"]:
        if ref not in references and ref != COURSE_SOURCE:
            found.append((f"unknown reference id {ref!r}", ["references"]))
    if kind in ("single", "multiple"):
        option_ids = [o["id"] for o in question["options"]]
        found += _duplicates(option_ids, "option")
        answers = [question["answer"]] if kind == "single" else question["answer"]
        strays = [a for a in answers if a not in option_ids]
        for answer in strays:
            found.append((f"correct answer {answer!r} is not an option", ["answer"]))
        for option in [] if strays else question["options"]:
            if option["id"] not in answers and "misconception" not in option:
                found.append(
                    (f"wrong option {option['id']!r} has no misconception tag", ["options"])
                )
        if kind == "multiple" and len(set(answers)) != len(answers):
            found.append(("answer lists an option twice", ["answer"]))
    if kind == "ordering":
        item_ids = [i["id"] for i in question["items"]]
        found += _duplicates(item_ids, "item")
        if sorted(question["answer"]) != sorted(item_ids):
            found.append(("answer must list every item exactly once", ["answer"]))
    if kind == "matching":
        found += _duplicates([p["id"] for p in question["pairs"]], "pair")
        found += _duplicates([p["match"] for p in question["pairs"]], "match")
    return found


def _duplicates(values: list[str], what: str) -> list[tuple[str, list[Any]]]:
    seen: set[str] = set()
    found = []
    for value in values:
        if value in seen:
            found.append((f"duplicate {what} {value!r}", []))
        seen.add(value)
    return found


def load_course(
    root: Path = DATA_DIR, notebooks: Path | None = None, *, check_schema: bool = True
) -> Course:
    """Read and validate all course data; raise BankError listing every problem.

    check_schema=False skips only the JSON Schema pass, for data already validated.
    """
    notebooks = notebooks if notebooks is not None else root.parent / "notebooks"
    reader = _Reader(root, check_schema)
    manifest_path = root / "course.yaml"
    refs_path = root / "references.yaml"
    manifest = reader.load(manifest_path, "course")
    refs_data = reader.load(refs_path, "references")

    references: dict[str, dict[str, Any]] = {}
    for index, ref in enumerate(refs_data["references"] if refs_data else []):
        if ref["id"] in references:
            reader.add(refs_path, f"reference {ref['id']}", "duplicate id", ["references", index])
        if ref["id"] == COURSE_SOURCE:
            reason = f"the id {COURSE_SOURCE!r} is kept for questions about the course itself"
            reader.add(refs_path, f"reference {ref['id']}", reason, ["references", index])
        references[ref["id"]] = ref

    sections: list[Section] = []
    quizzes: dict[str, Quiz] = {}
    question_ids: dict[str, str] = {}
    for index, entry in enumerate(manifest["sections"] if manifest else []):
        section = Section(**{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()})
        at = ["sections", index]
        if section.id in {s.id for s in sections}:
            reader.add(manifest_path, f"section {section.id}", "duplicate section id", at)
        if not (notebooks / section.notebook).is_file():
            reader.add(
                manifest_path,
                f"section {section.id}",
                f"notebook {section.notebook} not found in {notebooks.name}/",
                at,
            )
        for ref in section.references:
            if refs_data and ref not in references:
                reader.add(
                    manifest_path, f"section {section.id}", f"unknown reference id {ref!r}", at
                )
        sections.append(section)
        quiz = _load_quiz(reader, root / "quizzes" / f"{section.id}.yaml", section.id)
        if quiz is None:
            continue
        quizzes[section.id] = quiz
        quiz_path = root / "quizzes" / f"{section.id}.yaml"
        for part in ("questions", "exercises"):
            for q_index, question in enumerate(getattr(quiz, part)):
                qid = question["id"]
                at = [part, q_index]
                if qid in question_ids:
                    reader.add(
                        quiz_path,
                        f"question {qid}",
                        f"duplicate question id (also in {question_ids[qid]})",
                        at,
                    )
                question_ids[qid] = reader.rel(quiz_path)
                if refs_data:
                    for reason, sub in _check_question(question, set(references)):
                        reader.add(quiz_path, f"question {qid}", reason, [*at, *sub])
        for r_index, reflection in enumerate(quiz.reflections):
            for ref in reflection.get("references", []):
                if refs_data and ref not in references:
                    reader.add(
                        quiz_path,
                        f"reflection {reflection['id']}",
                        f"unknown reference id {ref!r}",
                        ["reflections", r_index],
                    )

    glossary = reader.load(root / "glossary.yaml", "glossary")
    worry_check = reader.load(root / "worry-check.yaml", "worry-check")
    claims = _load_claims(
        reader, root / "claims.yaml", {s.id for s in sections} if manifest else None
    )
    if refs_data:
        cited = (
            [
                (root / "glossary.yaml", f"term {t['term']}", t["references"], ["terms", i])
                for i, t in enumerate(glossary["terms"] if glossary else [])
            ]
            + [
                (root / "worry-check.yaml", f"symptom {s['id']}", s["references"], ["symptoms", i])
                for i, s in enumerate(worry_check["symptoms"] if worry_check else [])
            ]
            + [
                (root / "claims.yaml", f"claim {c.id}", c.references, ["claims", i])
                for i, c in enumerate(claims)
            ]
        )
        for path, item, ids, at in cited:
            for ref in ids:
                if ref not in references:
                    reader.add(path, item, f"unknown reference id {ref!r}", at)
        _check_tables(reader, root / "tables", set(references))

    if reader.problems:
        raise BankError(reader.problems)
    assert manifest is not None
    return Course(
        id=manifest["id"],
        title=manifest["title"],
        version=manifest["version"],
        shuffle_seed=manifest["shuffle_seed"],
        crisis=manifest["crisis"],
        sections=tuple(sections),
        quizzes=quizzes,
        references=references,
        glossary=tuple(glossary["terms"]) if glossary else (),
        worry_check=worry_check or {},
        claims=claims,
    )


def _load_claims(reader: _Reader, path: Path, section_ids: set[str] | None) -> tuple[Claim, ...]:
    """The time-sensitive claims, each checked for a unique id and known sections."""
    data = reader.load(path, "claims")
    claims: list[Claim] = []
    for index, entry in enumerate(data["claims"] if data else []):
        at = ["claims", index]
        if entry["id"] in {c.id for c in claims}:
            reader.add(path, f"claim {entry['id']}", "duplicate id", at)
        for section in entry["sections"]:
            if section_ids is not None and section not in section_ids:
                reader.add(path, f"claim {entry['id']}", f"unknown section id {section!r}", at)
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
        claims.append(Claim(**fields, line=reader.line(path, at)))
    return tuple(claims)


def _load_quiz(reader: _Reader, path: Path, section_id: str) -> Quiz | None:
    data = reader.load(path, "quiz")
    if data is None:
        return None
    if data["section"] != section_id:
        reader.add(
            path, "section", f"says {data['section']!r}, expected {section_id!r}", ["section"]
        )
    return Quiz(
        section_id,
        tuple(data["questions"]),
        tuple(data["reflections"]),
        tuple(data.get("exercises", [])),
    )


def _check_tables(reader: _Reader, folder: Path, references: set[str]) -> None:
    """Every table cites its rows in a last column named Source / source."""
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        if not rows or rows[0][-1].lower() != "source":
            reader.add(path, "header", "the last column must be 'Source'")
            continue
        for line, row in enumerate(rows[1:], 2):
            if len(row) != len(rows[0]):
                reader.problems.append(
                    Problem(reader.rel(path), f"row {line}", "wrong number of cells", line)
                )
                continue
            for ref in filter(None, (r.strip() for r in row[-1].split(";"))):
                if ref not in references:
                    reader.problems.append(
                        Problem(
                            reader.rel(path), f"row {line}", f"unknown reference id {ref!r}", line
                        )
                    )


@cache
def course() -> Course:
    """The course as shipped, loaded once per learner kernel.

    `make app` validates the data before serving, so kernels skip the schema pass
    (jsonschema costs each kernel ~20 MB); if the data turns out malformed, the full
    check runs and raises its report of every problem.
    """
    try:
        return load_course(check_schema=False)
    except (BankError, KeyError, TypeError, AttributeError, ValueError):
        return load_course()

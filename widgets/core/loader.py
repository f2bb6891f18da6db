"""Load and validate the course data (manifest, quizzes, references, claims, tables, figures).

Every problem in every file is collected before anything is raised, so an
author sees the whole list at once, each with file, line, item id and reason.

Here validated YAML becomes typed data: `Reader.load` gives the YAML as it is (Any
to mypy), and what is kept of it takes its type (core/types.py) where it is stored.

The course data ships inside the package as `widgets/course_data` (in the
source tree a link to the top-level `course_data/`), so a plain `pip install .`
finds it as well as an editable install does.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any, cast

from widgets.core.model import (
    COURSE_SOURCE,
    Ask,
    BankError,
    Claim,
    Course,
    Figure,
    Idea,
    Problem,
    Quiz,
    ReviewIdea,
    Section,
    cited_by,
    misconceptions_in,
    references_in,
)
from widgets.core.prepost import DONT_KNOW
from widgets.core.question_types import check_question
from widgets.core.types import Reference, Tier, WorryCheck
from widgets.core.yaml_reader import Reader

DATA_DIR = (Path(__file__).resolve().parent.parent / "course_data").resolve()


def load_course(
    root: Path = DATA_DIR, notebooks: Path | None = None, *, check_schema: bool = True
) -> Course:
    """Read and validate all course data; raise BankError listing every problem.

    notebooks: the folder whose notebooks the sections name, checked to exist (an
    author's check; a learner's kernel has no use for it). check_schema=False skips
    only the JSON Schema pass, for data already validated.
    """
    reader = Reader(root, check_schema)
    manifest_path = root / "course.yaml"
    refs_path = root / "references.yaml"
    manifest = reader.load(manifest_path, "course")
    refs_data = reader.load(refs_path, "references")

    references: dict[str, Reference] = {}
    reference_uses = _FirstUse(reader)
    for index, ref in enumerate(refs_data["references"] if refs_data else []):
        reference_uses.note(refs_path, f"reference {ref['id']}", ref["id"], ["references", index])
        if ref["id"] == COURSE_SOURCE:
            reason = f"the id {COURSE_SOURCE!r} is kept for questions about the course itself"
            reader.add(refs_path, f"reference {ref['id']}", reason, ["references", index])
        references[ref["id"]] = ref

    sections: list[Section] = []
    quizzes: dict[str, Quiz] = {}
    section_uses, question_uses = _FirstUse(reader), _FirstUse(reader)
    for index, entry in enumerate(manifest["sections"] if manifest else []):
        section = Section(**_frozen(entry))
        at = ["sections", index]
        section_uses.note(manifest_path, f"section {section.id}", section.id, at)
        if notebooks is not None and not (notebooks / section.notebook).is_file():
            reader.add(
                manifest_path,
                f"section {section.id}",
                f"notebook {section.notebook} not found in {notebooks}/",
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
                question_uses.note(quiz_path, f"question {qid}", qid, at)
                known = set(references) if refs_data else None
                for reason, sub in check_question(question, known):
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
    section_refs = {s.id: cited_by(s, quizzes[s.id]) for s in sections if s.id in quizzes}
    ideas = _load_ideas(reader, root / "prepost.yaml", quizzes, {s.id for s in sections})
    review_ideas, retention = _load_review_ideas(
        reader, root / "review-ideas.yaml", quizzes, {i.id for i in ideas}
    )
    figures = _load_figures(
        reader, root, {s.id for s in sections} if manifest else None, section_refs
    )

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
        worry_check=cast(WorryCheck, worry_check or {}),
        quiz_intro=manifest["quiz_intro"],
        claims=claims,
        figures=figures,
        ideas=ideas,
        review_ideas=review_ideas,
        retention=retention,
    )


class _FirstUse:
    """Where each id of one kind was first used, so that a duplicate names both places:
    an author who finds one copy of an id otherwise has to search for the other."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.first: dict[str, tuple[Path, list[Any]]] = {}

    def note(self, path: Path, item: str, item_id: str, at: list[Any]) -> None:
        """Note a use of an id; report it if the id was used before."""
        if item_id not in self.first:
            self.first[item_id] = (path, at)
            return
        first_path, first_at = self.first[item_id]
        line = self.reader.line(first_path, first_at)
        where = f"line {line}" if first_path == path else f"{first_path}:{line}"
        self.reader.add(path, item, f"duplicate id, also used at {where}", at)


def _frozen(entry: dict[str, Any]) -> dict[str, Any]:
    """A validated YAML entry's fields, lists made tuples, for a frozen dataclass."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}


def _load_claims(reader: Reader, path: Path, section_ids: set[str] | None) -> tuple[Claim, ...]:
    """The time-sensitive claims, each checked for a unique id and known sections."""
    data = reader.load(path, "claims")
    claims: list[Claim] = []
    claim_uses = _FirstUse(reader)
    for index, entry in enumerate(data["claims"] if data else []):
        at = ["claims", index]
        claim_uses.note(path, f"claim {entry['id']}", entry["id"], at)
        for section in entry["sections"]:
            if section_ids is not None and section not in section_ids:
                reader.add(path, f"claim {entry['id']}", f"unknown section id {section!r}", at)
        claims.append(Claim(**_frozen(entry), line=reader.line(path, at)))
    return tuple(claims)


def _load_quiz(reader: Reader, path: Path, section_id: str) -> Quiz | None:
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


def _check_tables(reader: Reader, folder: Path, references: set[str]) -> None:
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
                    Problem(str(path), f"row {line}", "wrong number of cells", line)
                )
                continue
            for ref in references_in(row[-1]):
                if ref not in references:
                    reader.problems.append(
                        Problem(str(path), f"row {line}", f"unknown reference id {ref!r}", line)
                    )


def _load_figures(
    reader: Reader, root: Path, section_ids: set[str] | None, cited: dict[str, list[str]]
) -> dict[str, Figure]:
    """The figures, each checked against its section and its table.

    A figure's code columns may hold only the values its keys name (each value is
    drawn with its own pattern and words), and the sources of its table must be
    among its section's references, so the citation links under it lead somewhere.
    """
    path = root / "figures.yaml"
    data = reader.load(path, "figures")
    figures: dict[str, Figure] = {}
    figure_uses = _FirstUse(reader)
    for index, entry in enumerate(data["figures"] if data else []):
        at = ["figures", index]
        item = f"figure {entry['id']}"
        keys = {
            column: {level["id"]: level["label"] for level in levels}
            for column, levels in entry.get("keys", {}).items()
        }
        figure = Figure(**{**entry, "keys": keys})
        figure_uses.note(path, item, figure.id, at)
        figures[figure.id] = figure
        if section_ids is not None and figure.section not in section_ids:
            reader.add(path, item, f"unknown section id {figure.section!r}", at)
        table = root / "tables" / f"{figure.table}.csv"
        if not table.is_file():
            reader.add(path, item, f"no table {table}", at)
            continue
        with table.open(encoding="utf-8", newline="") as handle:
            table_reader = csv.DictReader(handle)
            header = list(table_reader.fieldnames or [])
            # (a row with too many or too few cells is reported by _check_tables)
            rows = [r for r in table_reader if None not in r and None not in r.values()]
        for column in (*figure.columns, *keys):
            if column not in header:
                reader.add(path, item, f"{table} has no column {column!r}", at)
        for column, levels in keys.items():
            if column not in header:
                continue
            for line, row in enumerate(rows, 2):
                if row[column] not in levels:
                    reason = f"{column} {row[column]!r} is not one of {item}'s keys: " + ", ".join(
                        levels
                    )
                    reader.problems.append(Problem(str(table), f"row {line}", reason, line))
        section_refs = cited.get(figure.section)
        if section_refs is None:  # (the section's quiz did not load: reported already)
            continue
        cells = [row[header[-1]] for row in rows] if header else []
        sources = {ref for cell in cells for ref in references_in(cell)}
        for ref in sorted(sources - set(section_refs)):
            reason = (
                f"its table cites {ref!r}, which is not among section {figure.section}'s "
                "references, so the link under the figure would lead nowhere"
            )
            reader.add(path, item, reason, at)
    return figures


def _load_ideas(
    reader: Reader, path: Path, quizzes: dict[str, Quiz], section_ids: set[str]
) -> tuple[Idea, ...]:
    """The before-and-after ideas, each naming a misconception the quizzes test."""
    data = reader.load(path, "prepost")
    tags = set(misconceptions_in([q for quiz in quizzes.values() for q in quiz.questions]))
    ideas: list[Idea] = []
    idea_uses = _FirstUse(reader)
    for index, entry in enumerate(data["ideas"] if data else []):
        at, item = ["ideas", index], f"idea {entry['id']}"
        idea_uses.note(path, item, entry["id"], at)
        if quizzes and entry["misconception"] not in tags:
            reason = f"misconception {entry['misconception']!r} is not tested by any quiz question"
            reader.add(path, item, reason, at)
        if section_ids and entry["section"] not in section_ids:
            reader.add(path, item, f"unknown section id {entry['section']!r}", at)
        asks: dict[str, tuple[Ask, ...]] = {}
        for stage in ("before", "after"):
            forms = []
            for number, ask in enumerate(entry[stage], 1):
                form = f"{stage} form {number}"
                options = tuple((o["id"], o["text"]) for o in ask["options"])
                if ask["answer"] not in dict(options):
                    reader.add(path, item, f"{form}: answer {ask['answer']!r} is not an option", at)
                forms.append(Ask(ask["prompt"], options, ask["answer"]))
            ids = [o for ask in forms for o, _ in ask.options]
            if len(set(ids)) < len(ids) or DONT_KNOW in ids:
                reason = (
                    f"{stage}: option ids must differ across its forms (a saved choice tells "
                    f"which form was shown), and {DONT_KNOW!r} is the course's own"
                )
                reader.add(path, item, reason, at)
            asks[stage] = tuple(forms)
        ideas.append(
            Idea(
                entry["id"], entry["misconception"], entry["section"], asks["before"], asks["after"]
            )
        )
    return tuple(ideas)


def _load_review_ideas(
    reader: Reader, path: Path, quizzes: dict[str, Quiz], prepost_ids: set[str]
) -> tuple[tuple[ReviewIdea, ...], dict[Tier, float]]:
    """The review deck's ideas: no question in two, every before-and-after idea covered
    by one, safety-critical ideas kept at a higher recall. A question in none, or an id
    no quiz asks, is the rule `questions-belong-to-review-ideas`: an author adding or
    removing questions meets it in `validate`, and the deck leaves them out meanwhile."""
    data = reader.load(path, "review-ideas")
    if data is None:
        return (), {}
    retention: dict[Tier, float] = dict(data["retention"])
    if retention["safety-critical"] <= retention["background"]:
        reason = "safety-critical ideas must be kept at a higher recall than background ones"
        reader.add(path, "retention", reason, ["retention"])
    asked = {q["id"] for quiz in quizzes.values() for q in quiz.questions}
    idea_uses, question_uses, prepost_uses = _FirstUse(reader), _FirstUse(reader), _FirstUse(reader)
    ideas = []
    for index, entry in enumerate(data["ideas"]):
        at, item = ["ideas", index], f"idea {entry['id']}"
        idea_uses.note(path, item, entry["id"], at)
        for number, question_id in enumerate(entry["questions"]):
            question_uses.note(path, item, question_id, [*at, "questions", number])
        known = tuple(q for q in entry["questions"] if q in asked or not quizzes)
        for number, prepost_id in enumerate(entry.get("prepost", [])):
            if prepost_ids and prepost_id not in prepost_ids:
                reader.add(path, item, f"unknown before-and-after idea {prepost_id!r}", at)
            prepost_uses.note(path, item, prepost_id, [*at, "prepost", number])
        ideas.append(
            ReviewIdea(
                entry["id"],
                entry["title"],
                entry["tier"],
                known,
                tuple(entry.get("prepost", [])),
                unasked=tuple(q for q in entry["questions"] if q not in known),
            )
        )
    for missing in sorted(prepost_ids - {p for idea in ideas for p in idea.prepost}):
        reason = "no review idea covers it: name it under one idea's prepost"
        reader.add(path, f"before-and-after idea {missing}", reason, [])
    return tuple(ideas), retention


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

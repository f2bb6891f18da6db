"""Import a jupyterquiz question list as our questions, and check it against the course."""

from __future__ import annotations

from typing import Any

from widgets.authoring.jupyterquiz.answers import import_choice, import_numeric
from widgets.authoring.jupyterquiz.common import InterchangeError
from widgets.authoring.jupyterquiz.reading import (
    CHOICE_TYPES,
    ID,
    NO_COUNTERPART,
    QUESTION_FIELDS,
    Notes,
    kind_of,
    plain_text,
)
from widgets.core.model import Course, Problem, misconceptions_in
from widgets.core.types import Question


def import_jupyterquiz(
    data: list[Any] | dict[str, Any],
    section_id: str,
    *,
    id_prefix: str,
    references: list[str],
    source: str,
) -> tuple[list[Question], list[str]]:
    """Our question dicts for a jupyterquiz list, plus warnings on what changed.

    Ids are `<id_prefix>-<n>`, n being the question's place in the file, so a
    warning about question 3 is about `<id_prefix>-3`. Raises InterchangeError
    listing every problem, so the author fixes the file in one pass.
    """
    notes = Notes(source)
    named = [("section", section_id), ("prefix", id_prefix)]
    for name, value in [*named, *(("reference", ref) for ref in references)]:
        if not isinstance(value, str) or not ID.match(value):
            notes.problem(name, f"{value!r} is not an id (lower-case letters, digits, dashes)")
    if not references:
        notes.problem("reference", "give at least one reference id: every question cites a source")
    questions: list[Question] = []
    if not isinstance(data, list):
        notes.problem("file", f"expected a list of questions, got {kind_of(data)}")
    elif not data:
        notes.problem("file", "the list of questions is empty")
    else:
        for number, item in enumerate(data, 1):
            question = _import_question(item, number, f"{id_prefix}-{number}", notes)
            if question is not None:
                question["references"] = list(references)
                questions.append(question)
    if notes.problems:
        raise InterchangeError(notes.problems)
    tags = len([t for t in misconceptions_in(questions) if t.startswith("imported-")])
    if tags:
        notes.warn(
            "misconceptions",
            f"generated {tags} misconception tag(s) named imported-<question>-<option>; "
            "rename them to the course's misconception ids",
        )
    return questions, notes.warnings


def _import_question(item: Any, number: int, qid: str, notes: Notes) -> Question | None:
    """One jupyterquiz question, or None when it is skipped or has problems."""
    where = f"question {number}"
    before = len(notes.problems)

    def fail(reason: str) -> None:
        notes.problem(where, reason)

    def warn(text: str) -> None:
        notes.warn(where, text)

    if not isinstance(item, dict):
        fail(f"expected an object, got {kind_of(item)}")
        return None
    kind = item.get("type")
    if isinstance(kind, str) and kind in NO_COUNTERPART:
        warn(f"skipped: type {kind!r} ({NO_COUNTERPART[kind]}) has no equivalent here")
        return None
    missing = [repr(k) for k in ("question", "type", "answers") if k not in item]
    if missing:
        fail(f"missing {', '.join(missing)}")
    if "type" in item and kind not in (*CHOICE_TYPES, "numeric"):
        fail(f"unknown type {kind!r}; expected multiple_choice, many_choice or numeric")
    plain: list[str] = []
    prompt = plain_text(item, "question", "the question", fail, plain)
    if isinstance(item.get("question"), str) and not prompt:
        fail("the question text is empty; write it in the JSON, not in the notebook")
    answers = item.get("answers")
    if "answers" in item and (not isinstance(answers, list) or not answers):
        fail(f"'answers' must be a non-empty list, got {kind_of(answers) if answers else 'none'}")
    if len(notes.problems) > before:
        return None
    ignored = sorted(set(item) - QUESTION_FIELDS)
    if ignored:
        warn(f"ignored field(s) {', '.join(map(repr, ignored))}: no equivalent here")
    if kind == "numeric":
        question = import_numeric(item, qid, prompt, fail, warn)
    else:
        question = import_choice(item, qid, prompt, fail, warn, plain)
    if plain:
        warn(f"{'; '.join(plain)} will show as plain text here: check the wording")
    return None if len(notes.problems) > before else question


def check_against_course(
    course: Course, section_id: str, references: list[str], question_ids: list[str], source: str
) -> list[Problem]:
    """What only the course can tell: the section exists, the sources are known, ids are new."""
    problems = []
    if section_id not in {s.id for s in course.sections}:
        known = ", ".join(s.id for s in course.sections)
        problems.append(
            Problem(source, "section", f"unknown section {section_id!r}; the course has: {known}")
        )
    problems += [
        Problem(source, "reference", f"unknown reference id {ref!r}")
        for ref in references
        if ref not in course.references
    ]
    used = course.question_ids()
    problems += [
        Problem(
            source,
            f"question {qid}",
            f"id already used in section {used[qid]}; pick another prefix",
        )
        for qid in question_ids
        if qid in used
    ]
    return problems

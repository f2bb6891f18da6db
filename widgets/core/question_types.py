"""The question types: for each, its schema fragment, grader, answer in words and data checks.

This table is the one list of types. The other layers keep their own part of a
type (its input in `views/inputs.py`, its scaffold in `authoring/scaffolds.py`, its
jupyterquiz export in `authoring/jupyterquiz/exporter.py`) in a table passed through
`every_type`, so a type missing there fails at import, and the parity test
(tests/test_question_types.py) checks the schema too. A type's questions have their
TypedDict in `core/types.py`, one of the `Question` union (tests/test_types.py checks
it against the schema).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from widgets.core import grading
from widgets.core.grading import Result
from widgets.core.model import COURSE_SOURCE
from widgets.core.types import (
    ChoiceQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionTypeName,
    SingleQuestion,
    TrueFalseQuestion,
)

# A problem found in a question: (reason, path inside the question to point at).
Found = tuple[str, list[Any]]
Part = TypeVar("Part")
Asked = TypeVar("Asked", bound=Question)


@dataclass(frozen=True)
class QuestionType(Generic[Asked]):
    """What the pure layer knows of a type: all of it works without a widget library.

    Its functions take questions of its own type (`Asked`, e.g. SingleQuestion).
    """

    name: QuestionTypeName
    schema: str  # its fragment in quiz.schema.json's $defs, e.g. "single-question"
    grade: Callable[[Asked, Any], Result]
    describe: Callable[[Asked], str]
    check: Callable[[Asked], list[Found]]


def _duplicates(values: list[str], what: str) -> list[Found]:
    seen: set[str] = set()
    found: list[Found] = []
    for value in values:
        if value in seen:
            found.append((f"duplicate {what} {value!r}", []))
        seen.add(value)
    return found


def _check_choices(question: ChoiceQuestion) -> list[Found]:
    """Answers are options, listed once; each wrong option names its misconception."""
    option_ids = [o["id"] for o in question["options"]]
    found = _duplicates(option_ids, "option")
    answer = question["answer"]
    answers = answer if isinstance(answer, list) else [answer]
    strays = [a for a in answers if a not in option_ids]
    found += [(f"correct answer {a!r} is not an option", ["answer"]) for a in strays]
    for option in [] if strays else question["options"]:
        if option["id"] not in answers and "misconception" not in option:
            found.append((f"wrong option {option['id']!r} has no misconception tag", ["options"]))
    if len(set(answers)) != len(answers):
        found.append(("answer lists an option twice", ["answer"]))
    return found


def _check_nothing(_question: Question) -> list[Found]:
    """The schema already says all there is to check for this type."""
    return []


def _check_matching(question: MatchingQuestion) -> list[Found]:
    pairs = question["pairs"]
    return _duplicates([p["id"] for p in pairs], "pair") + _duplicates(
        [p["match"] for p in pairs], "match"
    )


def _check_ordering(question: OrderingQuestion) -> list[Found]:
    item_ids = [i["id"] for i in question["items"]]
    found = _duplicates(item_ids, "item")
    if sorted(question["answer"]) != sorted(item_ids):
        found.append(("answer must list every item exactly once", ["answer"]))
    return found


def _describe_single(question: SingleQuestion) -> str:
    return str(grading.options_by_id(question)[question["answer"]]["text"])


def _describe_multiple(question: MultipleQuestion) -> str:
    options = grading.options_by_id(question)
    return "; ".join(options[o]["text"] for o in question["answer"])


def _describe_truefalse(question: TrueFalseQuestion) -> str:
    return "True" if question["answer"] else "False"


def _describe_numeric(question: NumericQuestion) -> str:
    return f"{question['answer']:g}{question['unit']} (within ±{question['tolerance']:g})"


def _describe_matching(question: MatchingQuestion) -> str:
    return "; ".join(f"{p['prompt']} → {p['match']}" for p in question["pairs"])


def _describe_ordering(question: OrderingQuestion) -> str:
    items = {i["id"]: i["text"] for i in question["items"]}
    return " → ".join(items[i] for i in question["answer"])


# Each row names its question type, so mypy checks that its functions take that type's
# questions. The table is looked up by `question["type"]`, which mypy cannot follow to
# the row, so in the table a row takes Any question (the `every_type` tables' too).
QUESTION_TYPES: dict[str, QuestionType[Any]] = {
    kind.name: kind
    for kind in (
        QuestionType[SingleQuestion](
            "single", "single-question", grading.grade_single, _describe_single, _check_choices
        ),
        QuestionType[MultipleQuestion](
            "multiple",
            "multiple-question",
            grading.grade_multiple,
            _describe_multiple,
            _check_choices,
        ),
        QuestionType[TrueFalseQuestion](
            "truefalse",
            "truefalse-question",
            grading.grade_truefalse,
            _describe_truefalse,
            _check_nothing,
        ),
        QuestionType[NumericQuestion](
            "numeric",
            "numeric-question",
            grading.grade_numeric,
            _describe_numeric,
            _check_nothing,
        ),
        QuestionType[MatchingQuestion](
            "matching",
            "matching-question",
            grading.grade_matching,
            _describe_matching,
            _check_matching,
        ),
        QuestionType[OrderingQuestion](
            "ordering",
            "ordering-question",
            grading.grade_ordering,
            _describe_ordering,
            _check_ordering,
        ),
    )
}


def every_type(parts: Mapping[str, Part], what: str) -> dict[str, Part]:
    """A layer's table of one part per type, refused unless it covers exactly the types."""
    missing = sorted(set(QUESTION_TYPES) - set(parts))
    unknown = sorted(set(parts) - set(QUESTION_TYPES))
    if missing or unknown:
        raise TypeError(f"{what}: missing question type(s) {missing}, unknown {unknown}")
    return dict(parts)


def grade(question: Question, answer: Any) -> Result:
    """Grade any question type; AnswerError for a malformed answer."""
    return QUESTION_TYPES[question["type"]].grade(question, answer)


def describe_answer(question: Question) -> str:
    """The correct answer in words, for 'show answer' (computed only on request)."""
    return QUESTION_TYPES[question["type"]].describe(question)


def check_question(question: Question, references: set[str] | None) -> list[Found]:
    """Cross-field checks a schema cannot express, for any type.

    references None: the reference list could not be read, so sources are not
    checked, but everything else is (every problem at once).
    """
    found: list[Found] = [
        (f"unknown reference id {ref!r}", ["references"])
        for ref in question["references"]
        if references is not None and ref not in references and ref != COURSE_SOURCE
    ]
    return found + QUESTION_TYPES[question["type"]].check(question)

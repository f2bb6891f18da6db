"""New-question scaffolds: for each type, a question that passes validation, with TODO text.

`SCAFFOLDS` holds each type's scaffold, checked against the types at import; each
writes its fields in the order an author reads them: id, type, prompt, the type's
own fields, then hints, explanation and references.
"""

from __future__ import annotations

from collections.abc import Callable

from widgets.core.question_types import QUESTION_TYPES, every_type
from widgets.core.types import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)

TODO_MISCONCEPTION = "todo-name-the-misconception"
PROMPT = "TODO: the question, in plain words."
HINT = "TODO: a hint that does not give the answer away."
EXPLANATION = "TODO: the answer and why, shown after the learner asks for it."


def _option(option_id: str, text: str, wrong: bool) -> Option:
    option: Option = {
        "id": option_id,
        "text": text,
        "feedback": "TODO: explain why this is right or wrong.",
    }
    if wrong:
        option["misconception"] = TODO_MISCONCEPTION
    return option


def _options() -> list[Option]:
    return [
        _option("a", "TODO: the right answer", wrong=False),
        _option("b", "TODO: a wrong answer from a real misconception", wrong=True),
        _option("c", "TODO: another wrong answer", wrong=True),
    ]


def _single(question_id: str, reference: str) -> SingleQuestion:
    return {
        "id": question_id,
        "type": "single",
        "prompt": PROMPT,
        "options": _options(),
        "answer": "a",
        "hints": [HINT],
        "explanation": EXPLANATION,
        "references": [reference],
    }


def _multiple(question_id: str, reference: str) -> MultipleQuestion:
    return {
        "id": question_id,
        "type": "multiple",
        "prompt": PROMPT,
        "options": _options(),
        "answer": ["a"],
        "hints": [HINT],
        "explanation": EXPLANATION,
        "references": [reference],
    }


def _truefalse(question_id: str, reference: str) -> TrueFalseQuestion:
    return {
        "id": question_id,
        "type": "truefalse",
        "prompt": PROMPT,
        "answer": True,
        "misconception": TODO_MISCONCEPTION,
        "feedback": {"true": "TODO: why True is right.", "false": "TODO: why False is wrong."},
        "hints": [HINT],
        "explanation": EXPLANATION,
        "references": [reference],
    }


def _numeric(question_id: str, reference: str) -> NumericQuestion:
    return {
        "id": question_id,
        "type": "numeric",
        "prompt": PROMPT,
        "answer": 0,
        "tolerance": 0,
        "unit": "%",
        "feedback": {
            "correct": "TODO: why this number.",
            "low": "TODO: a hint when the answer is too low.",
            "high": "TODO: a hint when the answer is too high.",
        },
        "hints": [HINT],
        "explanation": EXPLANATION,
        "references": [reference],
    }


def _matching(question_id: str, reference: str) -> MatchingQuestion:
    return {
        "id": question_id,
        "type": "matching",
        "prompt": PROMPT,
        "pairs": [
            {
                "id": f"p{n}",
                "prompt": f"TODO: term {n}",
                "match": f"TODO: meaning {n}",
                "feedback": "TODO: why they go together.",
            }
            for n in (1, 2, 3)
        ],
        "hints": [HINT],
        "explanation": EXPLANATION,
        "references": [reference],
    }


def _ordering(question_id: str, reference: str) -> OrderingQuestion:
    return {
        "id": question_id,
        "type": "ordering",
        "prompt": PROMPT,
        "items": [
            {"id": f"s{n}", "text": f"TODO: step {n}", "feedback": f"TODO: why step {n} is here."}
            for n in (1, 2, 3)
        ],
        "answer": ["s1", "s2", "s3"],
        "hints": [HINT],
        "explanation": EXPLANATION,
        "references": [reference],
    }


SCAFFOLDS: dict[str, Callable[[str, str], Question]] = every_type(
    {
        "single": _single,
        "multiple": _multiple,
        "truefalse": _truefalse,
        "numeric": _numeric,
        "matching": _matching,
        "ordering": _ordering,
    },
    "authoring.scaffolds.SCAFFOLDS",
)


def scaffold(kind: str, question_id: str, reference: str) -> Question:
    """A question of this type that passes validation, with TODO text to replace."""
    if kind not in SCAFFOLDS:
        known = ", ".join(QUESTION_TYPES)
        raise ValueError(f"unknown question type {kind!r}; choose one of {known}")
    return SCAFFOLDS[kind](question_id, reference)

"""New-question scaffolds: for each type, a question that passes validation, with TODO text.

`SCAFFOLDS` holds each type's own fields, checked against the types at import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from widgets.core.model import Question
from widgets.core.question_types import QUESTION_TYPES, every_type

TODO_MISCONCEPTION = "todo-name-the-misconception"


def _option(option_id: str, text: str, wrong: bool) -> dict[str, str]:
    option = {
        "id": option_id,
        "text": text,
        "feedback": "TODO: explain why this is right or wrong.",
    }
    if wrong:
        option["misconception"] = TODO_MISCONCEPTION
    return option


def _options() -> list[dict[str, str]]:
    return [
        _option("a", "TODO: the right answer", wrong=False),
        _option("b", "TODO: a wrong answer from a real misconception", wrong=True),
        _option("c", "TODO: another wrong answer", wrong=True),
    ]


def _single() -> dict[str, Any]:
    return {"options": _options(), "answer": "a"}


def _multiple() -> dict[str, Any]:
    return {"options": _options(), "answer": ["a"]}


def _truefalse() -> dict[str, Any]:
    return {
        "answer": True,
        "misconception": TODO_MISCONCEPTION,
        "feedback": {"true": "TODO: why True is right.", "false": "TODO: why False is wrong."},
    }


def _numeric() -> dict[str, Any]:
    return {
        "answer": 0,
        "tolerance": 0,
        "unit": "%",
        "feedback": {
            "correct": "TODO: why this number.",
            "low": "TODO: a hint when the answer is too low.",
            "high": "TODO: a hint when the answer is too high.",
        },
    }


def _matching() -> dict[str, Any]:
    return {
        "pairs": [
            {
                "id": f"p{n}",
                "prompt": f"TODO: term {n}",
                "match": f"TODO: meaning {n}",
                "feedback": "TODO: why they go together.",
            }
            for n in (1, 2, 3)
        ]
    }


def _ordering() -> dict[str, Any]:
    return {
        "items": [
            {"id": f"s{n}", "text": f"TODO: step {n}", "feedback": f"TODO: why step {n} is here."}
            for n in (1, 2, 3)
        ],
        "answer": ["s1", "s2", "s3"],
    }


SCAFFOLDS: dict[str, Callable[[], dict[str, Any]]] = every_type(
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
    return {
        "id": question_id,
        "type": kind,
        "prompt": "TODO: the question, in plain words.",
        **SCAFFOLDS[kind](),
        "hints": ["TODO: a hint that does not give the answer away."],
        "explanation": "TODO: the answer and why, shown after the learner asks for it.",
        "references": [reference],
    }

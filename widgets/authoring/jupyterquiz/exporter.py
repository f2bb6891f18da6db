"""Export our questions as a jupyterquiz question list, warning about what it cannot hold.

`EXPORTERS` has an entry for every question type; None means jupyterquiz has no
such question, so it is skipped with a warning. What it writes is jupyterquiz's JSON,
not course data, so its questions and answers are plain dicts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from widgets.authoring.jupyterquiz.common import tidy
from widgets.core.question_types import every_type
from widgets.core.types import ChoiceQuestion, NumericQuestion, Question, TrueFalseQuestion

# Bounds for the 'too low' / 'too high' ranges: JSON has no infinity.
FAR = 1e308
LEFT_OUT = ("explanation", "references", "hints", "max_tries", "shuffle")


def _html(text: str) -> str:
    """jupyterquiz puts texts in innerHTML; ours are plain, so '&' and '<' must be escaped."""
    return html.escape(text, quote=False)


def export_jupyterquiz(questions: Iterable[Question]) -> tuple[list[dict[str, Any]], list[str]]:
    """A jupyterquiz question list for our questions, plus warnings on what it cannot hold."""
    exported: list[dict[str, Any]] = []
    warnings: list[str] = []
    left_out: set[str] = set()
    for question in questions:
        kind = question["type"]
        where = f"question {question['id']}"
        export = EXPORTERS[kind]
        if export is None:
            warnings.append(f"{where}: skipped: jupyterquiz has no {kind} questions")
            continue
        left_out.update(field for field in LEFT_OUT if field in question)
        if question["type"] == "numeric" and question["unit"]:
            left_out.add("units")
        options = question["options"] if question["type"] in ("single", "multiple") else []
        if any("misconception" in part for part in [question, *options]):
            left_out.add("misconception tags")
        if "profile" in question:
            warnings.append(
                f"{where}: its scenario lines ('profile') have no jupyterquiz field; "
                "left out, so add them to the question text"
            )
        if question["type"] == "multiple" and len(question["answer"]) == 1:
            warnings.append(
                f"{where}: one right option, so jupyterquiz will show it as single choice"
            )
        exported.append({"question": _html(question["prompt"]), **export(question)})
    if left_out:
        warnings.append(f"jupyterquiz has no place for {', '.join(sorted(left_out))}; left out")
    return exported, warnings


def _export_choice(question: ChoiceQuestion) -> dict[str, Any]:
    answer = question["answer"]
    right = answer if isinstance(answer, list) else [answer]
    return {
        "type": "multiple_choice" if question["type"] == "single" else "many_choice",
        "answers": [
            {
                "answer": _html(option["text"]),
                "correct": option["id"] in right,
                "feedback": _html(option["feedback"]),
            }
            for option in question["options"]
        ],
    }


def _export_truefalse(question: TrueFalseQuestion) -> dict[str, Any]:
    return {
        "type": "multiple_choice",
        "answers": [
            {
                "answer": str(value),
                "correct": question["answer"] is value,
                "feedback": _html(question["feedback"]["true" if value else "false"]),
            }
            for value in (True, False)
        ],
    }


def _export_numeric(question: NumericQuestion) -> dict[str, Any]:
    """A value when exact, else a range: a range means the same in every jupyterquiz
    version, while 'precision' meant decimal places before 2.8.0 and significant digits after."""
    target, tolerance, feedback = question["answer"], question["tolerance"], question["feedback"]
    low, high = tidy(target - tolerance), tidy(target + tolerance)
    right: dict[str, Any] = (
        {"type": "value", "value": target}
        if tolerance == 0
        else {"type": "range", "range": [low, high]}
    )
    return {
        "type": "numeric",
        "answers": [
            {**right, "correct": True, "feedback": _html(feedback["correct"])},
            {
                "type": "range",
                "range": [-FAR, low],
                "correct": False,
                "feedback": _html(feedback["low"]),
            },
            {
                "type": "range",
                "range": [high, FAR],
                "correct": False,
                "feedback": _html(feedback["high"]),
            },
        ],
    }


# Each part takes its own type's questions; looked up by `question["type"]`, it takes Any
# (core/question_types.py says why).
EXPORTERS: dict[str, Callable[[Any], dict[str, Any]] | None] = every_type(
    {
        "single": _export_choice,
        "multiple": _export_choice,
        "truefalse": _export_truefalse,
        "numeric": _export_numeric,
        "matching": None,
        "ordering": None,
    },
    "authoring.jupyterquiz.exporter.EXPORTERS",
)

"""Reading a jupyterquiz question's answers: choice questions and numeric ones.

What is made of an item is one of our questions, its `references` left for the
importer to give.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

from widgets.authoring.jupyterquiz.common import tidy
from widgets.authoring.jupyterquiz.reading import (
    CHOICE_TYPES,
    NUMERIC_WRONG,
    RIGHT,
    WRONG,
    correct_flag,
    explanation_from,
    feedback_text,
    is_number,
    joined,
    kind_of,
    letter,
    plain_text,
)
from widgets.core.types import Option, Question


def import_choice(
    item: dict[str, Any],
    qid: str,
    prompt: str,
    fail: Callable[[str], None],
    warn: Callable[[str], None],
    plain: list[str],
) -> Question | None:
    options: list[Option] = []
    right: list[str] = []
    given: dict[str, str | None] = {}
    valid = True
    hidden: list[int] = []
    for number, answer in enumerate(item["answers"], 1):
        what = f"answer {number}"
        if not isinstance(answer, dict):
            fail(f"{what}: expected an object, got {kind_of(answer)}")
            valid = False
            continue
        text = plain_text(answer, "answer", what, fail, plain)
        fields = [k for k in ("answer", "code") if k in answer]
        if not fields:
            fail(f"{what} has no text: give 'answer' or 'code'")
        elif not text and all(isinstance(answer[k], str) for k in fields):
            fail(f"{what}: the text is empty")
        correct = correct_flag(answer, what, fail)
        valid = valid and correct is not None
        option_id = letter(number - 1)
        given[option_id] = feedback_text(answer, what, fail)
        if answer.get("hide"):
            hidden.append(number)
        options.append(
            {
                "id": option_id,
                "text": text,
                "feedback": given[option_id] or (RIGHT if correct else WRONG),
            }
        )
        if correct:
            right.append(option_id)
    if valid and not right:
        fail("no answer is marked correct")
    if not valid or not right:
        return None
    if hidden:
        warn(f"answer(s) {joined(hidden)} hide right/wrong ('hide'); here they are marked")
    unwritten = [n for n, f in enumerate(given.values(), 1) if f is None]
    if unwritten:
        warn(
            f"answer(s) {joined(unwritten)} had no feedback; used jupyterquiz's "
            f"{RIGHT!r} / {WRONG!r}: write real feedback"
        )
    explanation = explanation_from(given[o] for o in right)
    texts = sorted(o["text"].lower() for o in options)
    if item["type"] == "multiple_choice" and texts == ["false", "true"] and len(right) == 1:
        by_text = {o["text"].lower(): o for o in options}
        wrong = next(o for o in options if o["id"] not in right)
        return {
            "id": qid,
            "type": "truefalse",
            "prompt": prompt,
            "answer": by_text["true"]["id"] in right,
            "misconception": f"imported-{qid}-{wrong['id']}",
            "feedback": {
                "true": by_text["true"]["feedback"],
                "false": by_text["false"]["feedback"],
            },
            "explanation": explanation,
            "references": [],
        }
    kind = CHOICE_TYPES[item["type"]]
    if kind == "single" and len(right) > 1:
        warn(
            f"multiple_choice with {len(right)} correct answers shows as many-choice "
            "in jupyterquiz, so it was imported as a 'multiple' question"
        )
        kind = "multiple"
    for option in options:
        if option["id"] not in right:
            option["misconception"] = f"imported-{qid}-{option['id']}"
    if kind == "single":
        return {
            "id": qid,
            "type": "single",
            "prompt": prompt,
            "options": options,
            "answer": right[0],
            "explanation": explanation,
            "references": [],
        }
    return {
        "id": qid,
        "type": "multiple",
        "prompt": prompt,
        "options": options,
        "answer": right,
        "explanation": explanation,
        "references": [],
    }


class _Entry(NamedTuple):
    """A numeric value or range answer: it accepts low <= x <= high."""

    number: int
    low: float
    high: float
    correct: bool
    feedback: str | None


def _precision_step(value: float, digits: int) -> float:
    """Half a unit in the last of `digits` significant digits: what rounding accepts."""
    if value == 0:
        return 0.0
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)


def import_numeric(
    item: dict[str, Any],
    qid: str,
    prompt: str,
    fail: Callable[[str], None],
    warn: Callable[[str], None],
) -> Question | None:
    precision = item.get("precision")
    if "precision" in item and (
        isinstance(precision, bool) or not isinstance(precision, int) or not 1 <= precision <= 100
    ):
        fail(f"'precision' must be a whole number from 1 to 100, got {precision!r}")
        precision = None
    entries: list[_Entry] = []
    default = None
    bad = False
    for number, answer in enumerate(item["answers"], 1):
        what = f"answer {number}"
        if not isinstance(answer, dict):
            fail(f"{what}: expected an object, got {kind_of(answer)}")
            bad = True
            continue
        feedback = feedback_text(answer, what, fail)
        if "value" not in answer and "range" not in answer:
            if answer.get("type") == "default":
                default = feedback
            else:
                fail(f"{what} has no 'value' or 'range' and is not of type 'default'")
                bad = True
            continue
        correct = correct_flag(answer, what, fail)
        bounds = _bounds(answer, what, fail)
        if correct is None or bounds is None:
            bad = True
            continue
        entries.append(_Entry(number, *bounds, correct, feedback))
    if bad:
        return None
    if not entries:
        fail("a numeric question needs a 'value' or 'range' answer")
        return None
    right = [e for e in entries if e.correct]
    if not right:
        fail("no answer is marked correct")
        return None
    _, low, high, _, feedback = right[0]
    if len(right) > 1:
        warn(
            f"answer(s) {joined([e.number for e in right[1:]])} also correct, dropped: "
            "a numeric question here has one answer and a tolerance"
        )
    if precision is not None and low == high:
        low = high = float(f"{low:.{precision}g}")
        step = _precision_step(low, precision)
        low, high = low - step, high + step
        warn(
            f"'precision': {precision} read as significant digits, as jupyterquiz 2.8.0 "
            f"and later do (before, decimal places): accepts {(low + high) / 2:g} ± {step:g}"
        )
    elif precision is not None:
        warn("'precision' dropped: here the entry is not rounded before the range check")
    # A wrong range that starts or ends where the right one does is the 'too high' / 'too low' one.
    ranges = [e for e in entries if not e.correct and e.low < e.high]
    below = next((e for e in ranges if math.isclose(e.high, low)), None)
    above = next((e for e in ranges if math.isclose(e.low, high)), None)
    dropped = [e.number for e in entries if not e.correct and e not in (below, above)]
    if dropped:
        warn(
            f"wrong answer(s) {joined(dropped)} dropped with their feedback: here a numeric "
            "question has one 'too low' and one 'too high' feedback"
        )
    return {
        "id": qid,
        "type": "numeric",
        "prompt": prompt,
        "answer": tidy((low + high) / 2),
        "tolerance": tidy((high - low) / 2),
        "unit": "",
        "feedback": {
            "correct": feedback or RIGHT,
            "low": (below and below.feedback) or default or NUMERIC_WRONG,
            "high": (above and above.feedback) or default or NUMERIC_WRONG,
        },
        "explanation": explanation_from([feedback]),
        "references": [],
    }


def _bounds(
    answer: dict[str, Any], what: str, fail: Callable[[str], None]
) -> tuple[float, float] | None:
    """The [low, high] a value or range answer accepts; None when it is malformed."""
    if "value" in answer:
        if is_number(answer["value"]):
            return answer["value"], answer["value"]
        fail(f"{what}: 'value' must be a number, got {answer['value']!r}")
        return None
    span = answer["range"]
    if not (isinstance(span, list) and len(span) == 2 and all(map(is_number, span))):
        fail(f"{what}: 'range' must be [low, high] numbers, got {span!r}")
        return None
    if span[0] >= span[1]:
        fail(f"{what}: 'range' {span} is empty; jupyterquiz accepts low <= x < high")
        return None
    return span[0], span[1]

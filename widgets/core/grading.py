"""Pure grading, one function per question type: a validated question and a
learner's answer -> Result (question_types.grade picks the function).

Nothing here imports ipywidgets; the views call these functions and only
display what they return. Feedback before the answer is shown never names
the correct choices the learner has not picked.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from widgets.core.types import (
    ChoiceQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)
from widgets.core.words import plural


class AnswerError(ValueError):
    """The answer has the wrong shape for its question (not a wrong answer)."""


@dataclass(frozen=True)
class Feedback:
    label: str
    ok: bool
    text: str


@dataclass(frozen=True)
class Result:
    question_id: str
    correct: bool
    score: float
    summary: str
    feedback: tuple[Feedback, ...]
    misconceptions: tuple[str, ...] = ()


def _fail(question: Question, message: str) -> AnswerError:
    return AnswerError(f"question {question['id']}: {message}")


def options_by_id(question: ChoiceQuestion) -> dict[str, Option]:
    return {o["id"]: o for o in question["options"]}


def _option(question: ChoiceQuestion, option_id: Any) -> Option:
    if not isinstance(option_id, str):
        raise _fail(question, f"expected an option id, got {type(option_id).__name__}")
    options = options_by_id(question)
    if option_id not in options:
        raise _fail(question, f"unknown option {option_id!r}; options are {sorted(options)}")
    return options[option_id]


def grade_single(question: SingleQuestion, answer: Any) -> Result:
    if answer is None:
        raise _fail(question, "choose an option first")
    option = _option(question, answer)
    ok = option["id"] == question["answer"]
    return Result(
        question["id"],
        ok,
        1.0 if ok else 0.0,
        "Correct." if ok else "Not quite.",
        (Feedback(option["text"], ok, option["feedback"]),),
        () if ok else (option["misconception"],),
    )


def grade_multiple(question: MultipleQuestion, answer: Any) -> Result:
    """Partial credit = (right picks - wrong picks) / all right choices, never below 0."""
    if isinstance(answer, str) or not isinstance(answer, Collection):
        raise _fail(question, "expected a list of option ids")
    chosen = [_option(question, option_id) for option_id in dict.fromkeys(answer)]
    if not chosen:
        raise _fail(question, "choose at least one option")
    key = set(question["answer"])
    hits = sum(o["id"] in key for o in chosen)
    misses = len(chosen) - hits
    score = max(0.0, (hits - misses) / len(key))
    exact = hits == len(key) and misses == 0
    return Result(
        question["id"],
        exact,
        1.0 if exact else score,
        _multiple_summary(hits, misses, len(key), score),
        tuple(Feedback(o["text"], o["id"] in key, o["feedback"]) for o in chosen),
        tuple(o["misconception"] for o in chosen if o["id"] not in key),
    )


def _multiple_summary(hits: int, misses: int, right: int, score: float) -> str:
    """What a choice of several earned, in words that never contradict the credit: a
    wrong pick cancels a right one, so "partly right" is said only when credit is left."""
    if hits == right and not misses:
        return "Correct: you chose every right option and no wrong one."
    found = f"{hits} of {right} right choices found"
    wrong = f"{plural(misses, 'wrong choice')} picked"
    if score > 0:
        return f"Partly right: {found}, {wrong}. Credit: {round(score * 100)}%."
    if hits:
        return f"Not right yet: {found}, but {wrong}; each cancels a right one. No credit."
    return f"Not right: {found}, {wrong}. No credit."


def grade_truefalse(question: TrueFalseQuestion, answer: Any) -> Result:
    if not isinstance(answer, bool):
        raise _fail(question, f"expected True or False, got {answer!r}")
    ok = answer == question["answer"]
    label = "True" if answer else "False"
    text = question["feedback"]["true" if answer else "false"]
    return Result(
        question["id"],
        ok,
        1.0 if ok else 0.0,
        "Correct." if ok else "Not quite.",
        (Feedback(label, ok, text),),
        () if ok else (question["misconception"],),
    )


def parse_number(text: str) -> float:
    """Read a learner's typed number ('27.4', '27,4', ' 27 % ')."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise AnswerError(
            f"{text.strip()[:40]!r} is not a number; type digits, e.g. 27.4"
        ) from None
    if not math.isfinite(value):
        raise AnswerError("type an ordinary number, e.g. 27.4")
    return value


def grade_numeric(question: NumericQuestion, answer: Any) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise _fail(question, f"expected a number, got {answer!r}")
    if not math.isfinite(answer):
        raise _fail(question, "expected a finite number")
    target, tolerance = question["answer"], question["tolerance"]
    ok = abs(answer - target) <= tolerance
    direction: Literal["correct", "low", "high"] = (
        "correct" if ok else ("low" if answer < target else "high")
    )
    unit = question["unit"]
    return Result(
        question["id"],
        ok,
        1.0 if ok else 0.0,
        "Correct." if ok else f"Not quite: {answer:g}{unit} is too {direction}.",
        (Feedback(f"{answer:g}{unit}", ok, question["feedback"][direction]),),
        () if ok or "misconception" not in question else (question["misconception"],),
    )


def grade_matching(question: MatchingQuestion, answer: Any) -> Result:
    """Answer maps each pair id to the chosen match text; score is the share right."""
    if not isinstance(answer, Mapping):
        raise _fail(question, "expected a mapping from each item to its match")
    pairs = {p["id"]: p for p in question["pairs"]}
    matches = {p["match"] for p in question["pairs"]}
    unknown = sorted(set(map(str, answer)) - set(pairs))
    if unknown:
        raise _fail(question, f"unknown item(s) {unknown}")
    missing = [pairs[pid]["prompt"] for pid in pairs if answer.get(pid) is None]
    if missing:
        raise _fail(question, f"choose a match for every item (missing: {', '.join(missing)})")
    for pid, chosen in answer.items():
        if chosen not in matches:
            raise _fail(question, f"{chosen!r} is not one of the matches for {pid!r}")
    feedback = []
    misconceptions = []
    for pid, pair in pairs.items():
        ok = answer[pid] == pair["match"]
        text = pair["feedback"] if ok else f"“{answer[pid]}” does not go with this one."
        feedback.append(Feedback(pair["prompt"], ok, text))
        if not ok and "misconception" in pair:
            misconceptions.append(pair["misconception"])
    return _share_result(
        question, feedback, "Correct: every match is right.", "matches right", misconceptions
    )


def grade_ordering(question: OrderingQuestion, answer: Any) -> Result:
    """Answer lists item ids first to last; score is the share in the right place."""
    if isinstance(answer, str) or not isinstance(answer, Sequence):
        raise _fail(question, "expected a list of item ids in order")
    items = {i["id"]: i for i in question["items"]}
    if any(a is None for a in answer) or len(answer) != len(items):
        raise _fail(question, f"place all {len(items)} steps before checking")
    unknown = [a for a in answer if a not in items]
    if unknown:
        raise _fail(question, f"unknown item(s) {unknown}")
    if len(set(answer)) != len(answer):
        raise _fail(question, "each step can be used only once")
    feedback = []
    for position, (given, expected) in enumerate(zip(answer, question["answer"], strict=True), 1):
        ok = given == expected
        text = items[given]["feedback"] if ok else "Not in the right place yet."
        feedback.append(Feedback(f"{position}. {items[given]['text']}", ok, text))
    return _share_result(question, feedback, "Correct: the order is right.", "in the right place")


def _share_result(
    question: Question,
    feedback: list[Feedback],
    all_right: str,
    some_right: str,
    misconceptions: list[str] | None = None,
) -> Result:
    """Score is the share of parts right; the answer counts as correct only when all are."""
    right = sum(f.ok for f in feedback)
    exact = right == len(feedback)
    return Result(
        question["id"],
        exact,
        right / len(feedback),
        all_right if exact else f"{right} of {len(feedback)} {some_right}.",
        tuple(feedback),
        tuple(misconceptions or ()),
    )

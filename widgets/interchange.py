"""Import and export questions in the jupyterquiz JSON format.

jupyterquiz (https://github.com/jmshea/jupyterquiz) is a common quiz tool for
Jupyter, so instructors often have banks in its format. As its README,
schema/*.json and js/*.js define it, a bank is a JSON list of objects with
"question", "type", "answers" and an optional "code" block:

- multiple_choice / many_choice: answers are {"answer" and/or "code",
  "correct": bool, "feedback"}; the browser treats any question with more
  than one correct answer as many-choice.
- numeric: answers are {"type": "value", "value"}, {"type": "range",
  "range": [low, high)} (each with "correct" and "feedback") or
  {"type": "default", "feedback"}; the first match wins. "precision" rounds the
  learner's entry to that many significant digits (decimal places before 2.8.0).
- string, match and drag_drop have no counterpart in this course.

Its texts are HTML with $...$ LaTeX; ours are plain text, so text is escaped on
the way out and unescaped on the way in. Like bank.BankError, an import reports
every problem in the file at once.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from widgets.bank import Course, Problem, Question

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CHOICE_TYPES = {"multiple_choice": "single", "many_choice": "multiple"}
NO_COUNTERPART = {
    "string": "typed text answers",
    "match": "drag-and-drop matching",
    "drag_drop": "drag-and-drop matching",
}
QUESTION_FIELDS = {"question", "type", "answers", "code", "precision"}
# jupyterquiz's own words when an answer has no feedback (js/multiple_choice.js, js/numeric.js).
RIGHT = "Correct!"
WRONG = "Incorrect -- try again."
NUMERIC_WRONG = "Incorrect. Try again."
NO_EXPLANATION = "See the correct answer."
# Bounds for the 'too low' / 'too high' ranges: JSON has no infinity.
FAR = 1e308
MARKUP = {
    "LaTeX": re.compile(r"\$[^$]+\$|\\\(|\\\["),
    "HTML": re.compile(r"</?[a-zA-Z][^>]*>"),
    "Markdown links": re.compile(r"\[[^\]]*\]\([^)]*\)"),
}
LEFT_OUT = ("explanation", "references", "hints", "max_tries", "shuffle")


class InterchangeError(ValueError):
    """Raised with every problem in the input, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the jupyterquiz questions:\n{lines}")


class _Notes:
    """Problems and warnings of one import, each naming the file and the item."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.warnings: list[str] = []

    def problem(self, item: str, reason: str) -> None:
        self.problems.append(Problem(self.source, item, reason))

    def warn(self, item: str, text: str) -> None:
        self.warnings.append(str(Problem(self.source, item, text)))


def _kind(value: Any) -> str:
    """A JSON value's type in the words an author sees in the file."""
    if isinstance(value, bool):
        return str(value).lower()
    names = {dict: "an object", list: "a list", str: "text", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "?")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _tidy(number: float) -> int | float:
    """Drop float noise from midpoints (3.1428575000000003) and write 49.0 as 49."""
    number = float(f"{number:.12g}")
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _letter(index: int) -> str:
    """Option ids a, b, ..., z, aa, ab, ... like spreadsheet columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _joined(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


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
    notes = _Notes(source)
    named = [("section", section_id), ("prefix", id_prefix)]
    for name, value in [*named, *(("reference", ref) for ref in references)]:
        if not isinstance(value, str) or not ID.match(value):
            notes.problem(name, f"{value!r} is not an id (lower-case letters, digits, dashes)")
    if not references:
        notes.problem("reference", "give at least one reference id: every question cites a source")
    questions: list[Question] = []
    if not isinstance(data, list):
        notes.problem("file", f"expected a list of questions, got {_kind(data)}")
    elif not data:
        notes.problem("file", "the list of questions is empty")
    else:
        for number, item in enumerate(data, 1):
            question = _import_question(item, number, f"{id_prefix}-{number}", notes)
            if question is not None:
                questions.append({**question, "references": list(references)})
    if notes.problems:
        raise InterchangeError(notes.problems)
    tags = sum(
        1
        for q in questions
        for part in [q, *q.get("options", [])]
        if part.get("misconception", "").startswith("imported-")
    )
    if tags:
        notes.warn(
            "misconceptions",
            f"generated {tags} misconception tag(s) named imported-<question>-<option>; "
            "rename them to the course's misconception ids",
        )
    return questions, notes.warnings


def _import_question(item: Any, number: int, qid: str, notes: _Notes) -> Question | None:
    """One jupyterquiz question, or None when it is skipped or has problems."""
    where = f"question {number}"
    before = len(notes.problems)

    def fail(reason: str) -> None:
        notes.problem(where, reason)

    def warn(text: str) -> None:
        notes.warn(where, text)

    if not isinstance(item, dict):
        fail(f"expected an object, got {_kind(item)}")
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
    prompt = _plain(item, "question", "the question", fail, plain)
    if isinstance(item.get("question"), str) and not prompt:
        fail("the question text is empty; write it in the JSON, not in the notebook")
    answers = item.get("answers")
    if "answers" in item and (not isinstance(answers, list) or not answers):
        fail(f"'answers' must be a non-empty list, got {_kind(answers) if answers else 'none'}")
    if len(notes.problems) > before:
        return None
    ignored = sorted(set(item) - QUESTION_FIELDS)
    if ignored:
        warn(f"ignored field(s) {', '.join(map(repr, ignored))}: no equivalent here")
    if kind == "numeric":
        question = _import_numeric(item, qid, prompt, fail, warn)
    else:
        question = _import_choice(item, qid, prompt, fail, warn, plain)
    if plain:
        warn(f"{'; '.join(plain)} will show as plain text here: check the wording")
    return None if len(notes.problems) > before else question


def _plain(
    part: dict[str, Any], key: str, what: str, fail: Callable[[str], None], plain: list[str]
) -> str:
    """Plain text from jupyterquiz's HTML text plus its code block, noting lost markup."""
    texts = []
    for field in (key, "code"):
        value = part.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            fail(f"{what}: {field!r} must be text, got {_kind(value)}")
            continue
        texts.append(html.unescape(value).strip())
        found = [name for name, pattern in MARKUP.items() if pattern.search(value)]
        if field == "code" and value.strip():
            found.insert(0, "code")
        if found:
            plain.append(f"{' and '.join(found)} in {what}")
    return "\n".join(text for text in texts if text)


def _feedback(part: dict[str, Any], what: str, fail: Callable[[str], None]) -> str | None:
    """The answer's feedback as plain text; None when it has none."""
    value = part.get("feedback")
    if value is not None and not isinstance(value, str):
        fail(f"{what}: 'feedback' must be text, got {_kind(value)}")
        return None
    text = html.unescape(value or "").strip()
    return text or None


def _correct(part: dict[str, Any], what: str, fail: Callable[[str], None]) -> bool | None:
    if "correct" not in part:
        fail(f"{what} has no 'correct' (true or false)")
        return None
    if not isinstance(part["correct"], bool):
        fail(f"{what}: 'correct' must be true or false, got {part['correct']!r}")
        return None
    return part["correct"]


def _explanation(feedbacks: Iterable[str | None]) -> str:
    """Our format requires an explanation; the right answers' feedback is the nearest thing."""
    distinct = list(dict.fromkeys(f for f in feedbacks if f))
    return " ".join(distinct) or NO_EXPLANATION


def _import_choice(
    item: dict[str, Any],
    qid: str,
    prompt: str,
    fail: Callable[[str], None],
    warn: Callable[[str], None],
    plain: list[str],
) -> Question | None:
    options: list[dict[str, Any]] = []
    right: list[str] = []
    given: dict[str, str | None] = {}
    valid = True
    hidden: list[int] = []
    for number, answer in enumerate(item["answers"], 1):
        what = f"answer {number}"
        if not isinstance(answer, dict):
            fail(f"{what}: expected an object, got {_kind(answer)}")
            valid = False
            continue
        text = _plain(answer, "answer", what, fail, plain)
        fields = [k for k in ("answer", "code") if k in answer]
        if not fields:
            fail(f"{what} has no text: give 'answer' or 'code'")
        elif not text and all(isinstance(answer[k], str) for k in fields):
            fail(f"{what}: the text is empty")
        correct = _correct(answer, what, fail)
        valid = valid and correct is not None
        option_id = _letter(number - 1)
        given[option_id] = _feedback(answer, what, fail)
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
        warn(f"answer(s) {_joined(hidden)} hide right/wrong ('hide'); here they are marked")
    unwritten = [n for n, f in enumerate(given.values(), 1) if f is None]
    if unwritten:
        warn(
            f"answer(s) {_joined(unwritten)} had no feedback; used jupyterquiz's "
            f"{RIGHT!r} / {WRONG!r}: write real feedback"
        )
    explanation = _explanation(given[o] for o in right)
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
    return {
        "id": qid,
        "type": kind,
        "prompt": prompt,
        "options": options,
        "answer": right[0] if kind == "single" else right,
        "explanation": explanation,
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
    return 0.5 * 10 ** (math.floor(math.log10(abs(value))) - digits + 1)


def _import_numeric(
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
            fail(f"{what}: expected an object, got {_kind(answer)}")
            bad = True
            continue
        feedback = _feedback(answer, what, fail)
        if "value" not in answer and "range" not in answer:
            if answer.get("type") == "default":
                default = feedback
            else:
                fail(f"{what} has no 'value' or 'range' and is not of type 'default'")
                bad = True
            continue
        correct = _correct(answer, what, fail)
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
            f"answer(s) {_joined([e.number for e in right[1:]])} also correct, dropped: "
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
            f"wrong answer(s) {_joined(dropped)} dropped with their feedback: here a numeric "
            "question has one 'too low' and one 'too high' feedback"
        )
    return {
        "id": qid,
        "type": "numeric",
        "prompt": prompt,
        "answer": _tidy((low + high) / 2),
        "tolerance": _tidy((high - low) / 2),
        "unit": "",
        "feedback": {
            "correct": feedback or RIGHT,
            "low": (below and below.feedback) or default or NUMERIC_WRONG,
            "high": (above and above.feedback) or default or NUMERIC_WRONG,
        },
        "explanation": _explanation([feedback]),
    }


def _bounds(
    answer: dict[str, Any], what: str, fail: Callable[[str], None]
) -> tuple[float, float] | None:
    """The [low, high] a value or range answer accepts; None when it is malformed."""
    if "value" in answer:
        if _is_number(answer["value"]):
            return answer["value"], answer["value"]
        fail(f"{what}: 'value' must be a number, got {answer['value']!r}")
        return None
    span = answer["range"]
    if not (isinstance(span, list) and len(span) == 2 and all(map(_is_number, span))):
        fail(f"{what}: 'range' must be [low, high] numbers, got {span!r}")
        return None
    if span[0] >= span[1]:
        fail(f"{what}: 'range' {span} is empty; jupyterquiz accepts low <= x < high")
        return None
    return span[0], span[1]


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
        if kind in ("matching", "ordering"):
            warnings.append(f"{where}: skipped: jupyterquiz has no {kind} questions")
            continue
        left_out.update(field for field in LEFT_OUT if field in question)
        if question.get("unit"):
            left_out.add("units")
        parts = [question, *question.get("options", [])]
        if any("misconception" in part for part in parts):
            left_out.add("misconception tags")
        if "profile" in question:
            warnings.append(
                f"{where}: its scenario lines ('profile') have no jupyterquiz field; "
                "left out, so add them to the question text"
            )
        if kind == "multiple" and len(question["answer"]) == 1:
            warnings.append(
                f"{where}: one right option, so jupyterquiz will show it as single choice"
            )
        exported.append({"question": _html(question["prompt"]), **EXPORTERS[kind](question)})
    if left_out:
        warnings.append(f"jupyterquiz has no place for {', '.join(sorted(left_out))}; left out")
    return exported, warnings


def _export_choice(question: Question) -> dict[str, Any]:
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


def _export_truefalse(question: Question) -> dict[str, Any]:
    return {
        "type": "multiple_choice",
        "answers": [
            {
                "answer": str(value),
                "correct": question["answer"] is value,
                "feedback": _html(question["feedback"][str(value).lower()]),
            }
            for value in (True, False)
        ],
    }


def _export_numeric(question: Question) -> dict[str, Any]:
    """A value when exact, else a range: a range means the same in every jupyterquiz
    version, while 'precision' meant decimal places before 2.8.0 and significant digits after."""
    target, tolerance, feedback = question["answer"], question["tolerance"], question["feedback"]
    low, high = _tidy(target - tolerance), _tidy(target + tolerance)
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


EXPORTERS: dict[str, Callable[[Question], dict[str, Any]]] = {
    "single": _export_choice,
    "multiple": _export_choice,
    "truefalse": _export_truefalse,
    "numeric": _export_numeric,
}


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
    used = {
        q["id"]: quiz.section
        for quiz in course.quizzes.values()
        for q in (*quiz.questions, *quiz.exercises)
    }
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

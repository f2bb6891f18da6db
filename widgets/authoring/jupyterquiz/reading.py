"""Reading jupyterquiz files: constants, notes and the text helpers both answer kinds use.

The format, in short:

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
the way out and unescaped on the way in. Like BankError, an import reports
every problem in the file at once.

A file's objects are read as they come, unchecked (plain dicts), until they
become our questions.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from widgets.core.model import Problem

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
MARKUP = {
    "LaTeX": re.compile(r"\$[^$]+\$|\\\(|\\\["),
    "HTML": re.compile(r"</?[a-zA-Z][^>]*>"),
    "Markdown links": re.compile(r"\[[^\]]*\]\([^)]*\)"),
}


class Notes:
    """Problems and warnings of one import, each naming the file and the item."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.warnings: list[str] = []

    def problem(self, item: str, reason: str) -> None:
        self.problems.append(Problem(self.source, item, reason))

    def warn(self, item: str, text: str) -> None:
        self.warnings.append(str(Problem(self.source, item, text)))


def kind_of(value: Any) -> str:
    """A JSON value's type in the words an author sees in the file."""
    if isinstance(value, bool):
        return str(value).lower()
    names = {dict: "an object", list: "a list", str: "text", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "?")


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def letter(index: int) -> str:
    """Option ids a, b, ..., z, aa, ab, ... like spreadsheet columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def joined(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def plain_text(
    part: dict[str, Any], key: str, what: str, fail: Callable[[str], None], plain: list[str]
) -> str:
    """Plain text from jupyterquiz's HTML text plus its code block, noting lost markup."""
    texts = []
    for field in (key, "code"):
        value = part.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            fail(f"{what}: {field!r} must be text, got {kind_of(value)}")
            continue
        texts.append(html.unescape(value).strip())
        found = [name for name, pattern in MARKUP.items() if pattern.search(value)]
        if field == "code" and value.strip():
            found.insert(0, "code")
        if found:
            plain.append(f"{' and '.join(found)} in {what}")
    return "\n".join(text for text in texts if text)


def feedback_text(part: dict[str, Any], what: str, fail: Callable[[str], None]) -> str | None:
    """The answer's feedback as plain text; None when it has none."""
    value = part.get("feedback")
    if value is not None and not isinstance(value, str):
        fail(f"{what}: 'feedback' must be text, got {kind_of(value)}")
        return None
    text = html.unescape(value or "").strip()
    return text or None


def correct_flag(part: dict[str, Any], what: str, fail: Callable[[str], None]) -> bool | None:
    if "correct" not in part:
        fail(f"{what} has no 'correct' (true or false)")
        return None
    if not isinstance(part["correct"], bool):
        fail(f"{what}: 'correct' must be true or false, got {part['correct']!r}")
        return None
    return part["correct"]


def explanation_from(feedbacks: Iterable[str | None]) -> str:
    """Our format requires an explanation; the right answers' feedback is the nearest thing."""
    distinct = list(dict.fromkeys(f for f in feedbacks if f))
    return " ".join(distinct) or NO_EXPLANATION

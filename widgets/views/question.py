"""One question: prompt, answer controls, then Check, hints, feedback and the answer.

Its own module because a section's quiz and the review deck both ask questions,
and views do not borrow from each other (the import-linter layers contract).
The answer key stays in the kernel: feedback, hints and the answer are rendered
only after the learner acts.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets
import traitlets

from widgets.core.confidence import RIGHT_BUT_UNSURE, SURE_BUT_WRONG, learning_case
from widgets.core.grading import AnswerError, Result
from widgets.core.question_types import describe_answer, grade
from widgets.core.types import Question
from widgets.views.choices import ConfidenceGroup
from widgets.views.controls import Press, QuestionControls
from widgets.views.inputs import make_input
from widgets.views.kit import PLAIN, WIDE, alert_html, citations_html, icon_html, text


def feedback_html(result: Result) -> str:
    rows = "".join(
        f'<li class="kc-{"ok" if f.ok else "wrong"}">{icon_html("ok" if f.ok else "wrong")} '
        f"<strong>{'Right' if f.ok else 'Not right'}:</strong> "
        f"<em>{html.escape(f.label)}</em>: {html.escape(f.text)}</li>"
        for f in result.feedback
    )
    return alert_html("ok" if result.correct else "wrong", result.summary, f"<ul>{rows}</ul>")


def confidence_html(case: str | None, result: Result, question: Question) -> str:
    """The words for the two cases that matter: sure but wrong, right but unsure."""
    if case == SURE_BUT_WRONG:
        corrections = " ".join(html.escape(f.text) for f in result.feedback if not f.ok)
        return alert_html(
            "notice",
            "You were sure, but this is not right.",
            "A belief we are sure of is the hardest kind to change, and it can lead to a "
            f"risky choice. What is true instead: {corrections}",
        )
    if case == RIGHT_BUT_UNSURE:
        return alert_html(
            "notice",
            "Right, but you were not sure.",
            "Here is why it is right, to make it stick: "
            f"{html.escape(question['explanation'])} " + citations_html(question["references"]),
        )
    return ""


class QuestionView(widgets.VBox):
    """One question: prompt, controls, Check, hints, and the answer after N tries."""

    tries = traitlets.Int(0, help="How many times the learner has checked an answer")
    score = traitlets.Float(0.0, help="Best score so far, from 0 to 1")
    solved = traitlets.Bool(False, help="True once the learner answered fully right")
    revealed = traitlets.Bool(False, help="True once the learner asked to see the answer")

    def __init__(
        self, question: Question, title: str, seed: int, today: Callable[[], date] | None = None
    ):
        self.question = question
        self.today = today  # the learner's day, kept with the first try for reviews
        self.input = make_input(question, seed)
        self.max_tries = question.get("max_tries", 3)
        self.hints_shown = 0
        self.last_answer: Any = None
        self.last_result: Result | None = None  # of the last check, for views that follow it
        self.last_confidence: str | None = None
        self.first_try: dict[str, Any] | None = None
        self.counted_on: str | None = None  # (a day kept for an older save with no first try)
        profile = "".join(f"<li>{html.escape(line)}</li>" for line in question.get("profile", []))
        prompt = text(
            f'<h3 class="kc-question-title">{html.escape(title)}</h3>'
            + (f'<div class="kc-profile"><ul>{profile}</ul></div>' if profile else "")
            + f'<p class="kc-prompt">{html.escape(question["prompt"])}</p>'
        )
        self.confidence = ConfidenceGroup(layout=PLAIN)
        self.controls = QuestionControls(
            self._pressed,
            has_hints=bool(question.get("hints")),
            answer_tooltip=f"Available after {self.max_tries} tries",
        )
        self.input.on_change(self._clear_feedback)
        super().__init__(
            [prompt, self.input.widget, self.confidence, self.controls],
            layout=WIDE,
        )
        self.add_class("kc-question")
        self._update_attempts()

    def _pressed(self, name: Press) -> None:
        {"check": self.check, "hint": self.show_hint, "answer": self.show_answer}[name]()

    def _clear_feedback(self, _change: dict[str, Any]) -> None:
        """Feedback speaks of the answer that was checked; a new answer clears it."""
        with self.controls.hold_sync():
            self.controls.feedback = ""
            self.controls.confidence_note = ""

    @property
    def chosen_confidence(self) -> str | None:
        """What the learner said about how sure they are, if anything."""
        return self.confidence.level

    def check(self) -> Result | None:
        try:
            answer = self.input.value
            result = grade(self.question, answer)
        except AnswerError as error:
            message = str(error).removeprefix(f"question {self.question['id']}: ")
            self.controls.feedback = alert_html("notice", "Not checked yet:", html.escape(message))
            return None
        self.last_answer = self.input.saved
        self.last_confidence = self.chosen_confidence
        if self.first_try is None and self.tries == 0:  # (older saves have no first try)
            self.first_try = {
                "correct": result.correct,
                "confidence": self.last_confidence,
                "answer": self.last_answer,  # which option: the class report's distractors
            }
            if self.today is not None:  # (the review deck's history of the idea starts here)
                self.first_try["day"] = self.today().isoformat()
        with self.controls.hold_sync():  # (one message to the browser, not four)
            self._record(result)
            self.last_result = result
            self.tries += 1
            self._update_attempts()
        return result

    def _record(self, result: Result) -> None:
        """Show and keep the last check as it is: the card, `solved` and `score` say the
        same of the answer stored with them (right, then wrong, is wrong now). The first
        try is kept apart, in `first_try`, for the class report. Set before `tries` so
        savers see both."""
        self.score = result.score
        self.solved = result.correct
        self.controls.feedback = feedback_html(result)
        self.controls.confidence_note = confidence_html(
            learning_case(result.correct, self.last_confidence), result, self.question
        )

    def _update_attempts(self) -> None:
        self.controls.answer_disabled = not (self.solved or self.tries >= self.max_tries)
        if self.solved:
            text = f"Answered correctly after {self.tries} {'try' if self.tries == 1 else 'tries'}."
        elif self.tries:
            left = max(0, self.max_tries - self.tries)
            text = f"Tries so far: {self.tries}. " + (
                f"The answer can be shown after {left} more."
                if left
                else "You can now show the answer."
            )
        else:
            text = ""
        self.controls.attempts = f'<p class="kc-attempts">{text}</p>' if text else ""

    def show_hint(self) -> None:
        hints = self.question.get("hints", [])
        if not hints:
            return
        self.hints_shown = min(self.hints_shown + 1, len(hints))
        items = "".join(f"<li>{html.escape(h)}</li>" for h in hints[: self.hints_shown])
        with self.controls.hold_sync():
            self.controls.hint = (
                f'<div class="kc-hint" role="status"><strong>Hint:</strong><ul>{items}</ul></div>'
            )
            self.controls.hint_disabled = self.hints_shown == len(hints)

    def show_answer(self) -> None:
        if self.controls.answer_disabled:
            return
        self.revealed = True
        body = (
            f"{html.escape(describe_answer(self.question))}. "
            f"{html.escape(self.question['explanation'])} "
            + citations_html(self.question["references"])
        )
        self.controls.answer = alert_html("answer", "The answer:", body)

    SAVED_ON = ("tries", "revealed")  # the traits whose change is saved

    @property
    def item_id(self) -> str:
        return str(self.question["id"])

    @property
    def touched(self) -> bool:
        """Worth keeping in progress: the learner checked an answer or asked for it."""
        return bool(self.tries or self.revealed)

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = {
            "tries": self.tries,
            "score": self.score,
            "solved": self.solved,
            "revealed": self.revealed,
        }
        if self.last_answer is not None:
            state["answer"] = self.last_answer
        if self.last_confidence is not None:
            state["confidence"] = self.last_confidence
        if self.first_try is not None:
            state["first_try"] = self.first_try
        if self.counted_on is not None:
            state["counted_on"] = self.counted_on
        return state

    def restore(self, state: dict[str, Any]) -> None:
        """Put back a saved answer and its feedback; a malformed one is dropped."""
        self.tries, self.score, self.solved = state["tries"], state["score"], state["solved"]
        self.first_try, self.counted_on = state.get("first_try"), state.get("counted_on")
        self.last_confidence = state.get("confidence")
        self.confidence.show_level(self.last_confidence)
        if "answer" in state:
            try:
                self.input.value = state["answer"]
                self.last_answer = state["answer"]
                self._record(grade(self.question, self.input.value))
            except (AnswerError, TypeError, ValueError, AttributeError, traitlets.TraitError):
                self.input.clear()
                self.last_answer = None
        self._update_attempts()
        if state["revealed"]:
            self.show_answer()

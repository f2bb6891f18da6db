"""Quiz views on ipywidgets. They display; grading.py decides.

Option values stay in the kernel: ipywidgets syncs only option labels, and
feedback, hints and answers are rendered only after the learner acts.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import ipywidgets as widgets
import traitlets
from IPython.display import display

from widgets.bank import COURSE_SOURCE, Course, Question, course
from widgets.choices import ChoiceGroup
from widgets.grading import AnswerError, Result, describe_answer, grade, parse_number
from widgets.progress import ProgressStore, page_store, place_store, progress_bar
from widgets.progress_file import MAX_REFLECTION_CHARS, section_summary

CHOOSE = "Choose…"
WIDE = widgets.Layout(width="100%")


def presentation_order(items: Sequence[Any], seed: int, question_id: str, shuffle: bool) -> list:
    """Seeded per question, so the order is stable across reloads and learners."""
    ordered = list(items)
    if shuffle:
        random.Random(f"{seed}:{question_id}").shuffle(ordered)
    return ordered


ICONS = {"ok": "✔", "wrong": "✘", "notice": "\N{INFORMATION SOURCE}", "answer": "📘"}


def alert_html(kind: str, title: str, body: str) -> str:
    """An announced message that says its meaning in words, not only by colour."""
    return (
        f'<div role="alert" class="kc-message kc-{kind}"><p>'
        f'<span aria-hidden="true">{ICONS[kind]}</span> '
        f"<strong>{html.escape(title)}</strong> {body}</p></div>"
    )


def feedback_html(result: Result) -> str:
    rows = "".join(
        f'<li class="kc-{"ok" if f.ok else "wrong"}">'
        f'<span aria-hidden="true">{ICONS["ok" if f.ok else "wrong"]}</span> '
        f"<strong>{'Right' if f.ok else 'Not right'}:</strong> "
        f"<em>{html.escape(f.label)}</em>: {html.escape(f.text)}</li>"
        for f in result.feedback
    )
    return alert_html("ok" if result.correct else "wrong", result.summary, f"<ul>{rows}</ul>")


class AnswerInput(Protocol):
    """One question type's controls; `value` is the answer in grading's format."""

    widget: widgets.Widget
    value: Any

    def on_change(self, callback: Callable[[Any], None]) -> None:
        """Call back whenever the learner changes the answer."""


class _ChoiceInput:
    """Radios (one answer) or checkboxes (a list of answers) over kernel-side values."""

    def __init__(self, labelled: list[tuple[str, Any]], legend: str, multiple: bool = False):
        self.values = [value for _, value in labelled]
        self.widget = ChoiceGroup(
            legend=legend, labels=[text for text, _ in labelled], multiple=multiple
        )

    def on_change(self, callback: Callable[[Any], None]) -> None:
        self.widget.observe(callback, names="selected")

    @property
    def value(self) -> Any:
        chosen = [self.values[i] for i in self.widget.selected]
        if self.widget.multiple:
            return chosen
        return chosen[0] if chosen else None

    @value.setter
    def value(self, answer: Any) -> None:
        if self.widget.multiple and not isinstance(answer, list):
            raise TypeError("a multiple-choice answer is a list of option ids")
        wanted = answer if self.widget.multiple else [answer]
        unknown = [a for a in wanted if a is not None and a not in self.values]
        if unknown:
            raise ValueError(f"unknown choice(s) {unknown}")
        self.widget.selected = [self.values.index(a) for a in wanted if a is not None]


class _NumberInput:
    def __init__(self, unit: str):
        self.widget = widgets.Text(
            placeholder="Type a number",
            continuous_update=False,
            description=f"Your answer{f' ({unit.strip()})' if unit.strip() else ''}:",
            style={"description_width": "initial"},
        )

    def on_change(self, callback: Callable[[Any], None]) -> None:
        self.widget.observe(callback, names="value")

    @property
    def value(self) -> float:
        return parse_number(self.widget.value)

    @value.setter
    def value(self, answer: Any) -> None:
        self.widget.value = str(answer)

    @property
    def raw(self) -> str:
        return self.widget.value


class _DropdownsInput:
    """One dropdown per slot (a matching prompt or an ordering position)."""

    def __init__(self, slots: list[tuple[str, str]], labelled: list[tuple[str, Any]]):
        self.keys = [key for key, _ in slots]
        self.menus = [
            widgets.Dropdown(
                options=[(CHOOSE, None), *labelled],
                index=0,
                description=label,
                style={"description_width": "initial"},
                layout=WIDE,
            )
            for _, label in slots
        ]
        self.widget = widgets.VBox(self.menus, layout=WIDE)

    def on_change(self, callback: Callable[[Any], None]) -> None:
        for menu in self.menus:
            menu.observe(callback, names="value")

    def _menu_values(self) -> list[Any]:
        return [menu.value for menu in self.menus]

    def _set_menu_values(self, values: Sequence[Any]) -> None:
        for menu, value in zip(self.menus, values, strict=False):
            known = [v for _, v in menu.options]
            menu.index = known.index(value) if value in known else 0


class _MatchingInput(_DropdownsInput):
    @property
    def value(self) -> dict[str, Any]:
        return dict(zip(self.keys, self._menu_values(), strict=True))

    @value.setter
    def value(self, answer: dict[str, Any]) -> None:
        self._set_menu_values([answer.get(key) for key in self.keys])


class _OrderingInput(_DropdownsInput):
    @property
    def value(self) -> list[Any]:
        return self._menu_values()

    @value.setter
    def value(self, answer: Sequence[Any]) -> None:
        self._set_menu_values(answer)


def make_input(question: Question, seed: int) -> AnswerInput:
    """The controls for one question, options in their presentation order."""
    kind, qid = question["type"], question["id"]
    shuffle = question.get("shuffle", True)
    if kind == "single":
        options = presentation_order(question["options"], seed, qid, shuffle)
        return _ChoiceInput([(o["text"], o["id"]) for o in options], "Choose one answer")
    if kind == "multiple":
        options = presentation_order(question["options"], seed, qid, shuffle)
        return _ChoiceInput(
            [(o["text"], o["id"]) for o in options], "Choose all that apply", multiple=True
        )
    if kind == "truefalse":
        return _ChoiceInput([("True", True), ("False", False)], "True or false?")
    if kind == "numeric":
        return _NumberInput(question["unit"])
    if kind == "matching":
        matches = presentation_order(
            [p["match"] for p in question["pairs"]], seed, qid, shuffle=True
        )
        return _MatchingInput(
            [(p["id"], f"{p['prompt']}:") for p in question["pairs"]],
            [(m, m) for m in matches],
        )
    items = presentation_order(question["items"], seed, qid, shuffle=True)
    return _OrderingInput(
        [(str(n), f"Step {n}:") for n in range(1, len(items) + 1)],
        [(i["text"], i["id"]) for i in items],
    )


class QuestionView(widgets.VBox):
    """One question: prompt, controls, Check, hints, and the answer after N tries."""

    tries = traitlets.Int(0, help="How many times the learner has checked an answer")
    score = traitlets.Float(0.0, help="Best score so far, from 0 to 1")
    solved = traitlets.Bool(False, help="True once the learner answered fully right")
    revealed = traitlets.Bool(False, help="True once the learner asked to see the answer")

    def __init__(self, question: Question, title: str, seed: int):
        self.question = question
        self.input = make_input(question, seed)
        self.max_tries = question.get("max_tries", 3)
        self.hints_shown = 0
        self.last_answer: Any = None
        profile = "".join(f"<li>{html.escape(line)}</li>" for line in question.get("profile", []))
        prompt = widgets.HTML(
            f'<h3 class="kc-question-title">{html.escape(title)}</h3>'
            + (f'<div class="kc-profile"><ul>{profile}</ul></div>' if profile else "")
            + f'<p class="kc-prompt">{html.escape(question["prompt"])}</p>'
        )
        self.check_button = widgets.Button(description="Check answer", button_style="primary")
        self.hint_button = widgets.Button(description="Show a hint")
        self.answer_button = widgets.Button(
            description="Show the answer",
            disabled=True,
            tooltip=f"Available after {self.max_tries} tries",
        )
        self.attempts = widgets.HTML()
        self.feedback = widgets.HTML()
        self.hint = widgets.HTML()
        self.answer = widgets.HTML()
        self.hint_button.layout.display = None if question.get("hints") else "none"
        self.check_button.on_click(lambda _: self.check())
        self.input.on_change(self._clear_feedback)
        self.hint_button.on_click(lambda _: self.show_hint())
        self.answer_button.on_click(lambda _: self.show_answer())
        buttons = widgets.HBox(
            [self.check_button, self.hint_button, self.answer_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        super().__init__(
            [
                prompt,
                self.input.widget,
                buttons,
                self.attempts,
                self.hint,
                self.feedback,
                self.answer,
            ],
            layout=WIDE,
        )
        self.add_class("kc-question")
        self._update_attempts()

    def _clear_feedback(self, _change: dict[str, Any]) -> None:
        """Feedback speaks of the answer that was checked; a new answer clears it."""
        self.feedback.value = ""

    def _stored_answer(self) -> Any:
        return self.input.raw if isinstance(self.input, _NumberInput) else self.input.value

    def check(self) -> Result | None:
        try:
            answer = self.input.value
            result = grade(self.question, answer)
        except AnswerError as error:
            message = str(error).removeprefix(f"question {self.question['id']}: ")
            self.feedback.value = alert_html("notice", "Not checked yet:", html.escape(message))
            return None
        self.last_answer = self._stored_answer()
        self._record(result)
        self.tries += 1
        self._update_attempts()
        return result

    def _record(self, result: Result) -> None:
        """Keep the best score and show feedback; set before `tries` so savers see both."""
        self.score = max(self.score, result.score)
        self.solved = self.solved or result.correct
        self.feedback.value = feedback_html(result)

    def _update_attempts(self) -> None:
        self.answer_button.disabled = not (self.solved or self.tries >= self.max_tries)
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
        self.attempts.value = f'<p class="kc-attempts">{text}</p>' if text else ""

    def show_hint(self) -> None:
        hints = self.question.get("hints", [])
        if not hints:
            return
        self.hints_shown = min(self.hints_shown + 1, len(hints))
        items = "".join(f"<li>{html.escape(h)}</li>" for h in hints[: self.hints_shown])
        self.hint.value = (
            f'<div class="kc-hint" role="status"><strong>Hint:</strong><ul>{items}</ul></div>'
        )
        if self.hints_shown == len(hints):
            self.hint_button.disabled = True

    def show_answer(self) -> None:
        if self.answer_button.disabled:
            return
        self.revealed = True
        body = (
            f"{html.escape(describe_answer(self.question))}. "
            f"{html.escape(self.question['explanation'])} "
            + citations_html(self.question["references"])
        )
        self.answer.value = alert_html("answer", "The answer:", body)

    def state(self) -> dict[str, Any]:
        state = {
            "tries": self.tries,
            "score": self.score,
            "solved": self.solved,
            "revealed": self.revealed,
        }
        if self.last_answer is not None:
            state["answer"] = self.last_answer
        return state

    def restore(self, state: dict[str, Any]) -> None:
        """Put back a saved answer and its feedback; a malformed one is dropped."""
        self.tries, self.score, self.solved = state["tries"], state["score"], state["solved"]
        if "answer" in state:
            try:
                self.input.value = state["answer"]
                self.last_answer = state["answer"]
                self._record(grade(self.question, self.input.value))
            except (AnswerError, TypeError, ValueError, AttributeError, traitlets.TraitError):
                self.input.value = [] if self.question["type"] == "multiple" else None
                self.last_answer = None
        self._update_attempts()
        if state["revealed"]:
            self.show_answer()


def citations_html(ids: Sequence[str]) -> str:
    """Links to the section's reference list; the course itself is named, not linked."""
    links = ", ".join(
        "this course"
        if i == COURSE_SOURCE
        else f'<a href="#ref-{html.escape(i)}">{html.escape(i)}</a>'
        for i in ids
    )
    return f'<span class="kc-cite">(Sources: {links})</span>'


class ReflectionView(widgets.VBox):
    """Write first, then compare with a model answer."""

    revealed = traitlets.Bool(False, help="True once the model answer is shown")

    def __init__(self, reflection: dict[str, Any]):
        self.reflection = reflection
        self.text = widgets.Textarea(
            placeholder="Write a few sentences in your own words…",
            description="Your answer:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="7em"),
        )
        self.reveal_button = widgets.Button(description="Compare with a model answer")
        self.message = widgets.HTML()
        self.model = widgets.HTML()
        self.reveal_button.on_click(lambda _: self.reveal())
        super().__init__(
            [
                widgets.HTML(
                    '<h3 class="kc-question-title">Self-check</h3>'
                    f'<p class="kc-prompt">{html.escape(reflection["prompt"])}</p>'
                ),
                self.text,
                self.reveal_button,
                self.message,
                self.model,
            ],
            layout=WIDE,
        )
        self.add_class("kc-reflection")

    def reveal(self) -> None:
        if not self.text.value.strip():
            self.message.value = alert_html(
                "notice", "Write something first:", "even one sentence helps you remember."
            )
            return
        self.message.value = ""
        if len(self.text.value) > MAX_REFLECTION_CHARS:
            self.text.value = self.text.value[:MAX_REFLECTION_CHARS]
            self.message.value = alert_html(
                "notice",
                "Your answer was shortened",
                f"to its first {MAX_REFLECTION_CHARS} characters so it can be saved.",
            )
        self.revealed = True
        self.model.value = alert_html(
            "answer",
            "A model answer:",
            html.escape(self.reflection["model_answer"])
            + " "
            + citations_html(self.reflection.get("references", [])),
        )

    def state(self) -> dict[str, Any]:
        return {"text": self.text.value[:MAX_REFLECTION_CHARS], "revealed": self.revealed}

    def restore(self, state: dict[str, Any]) -> None:
        self.text.value = state["text"]
        if state["revealed"]:
            self.reveal()


class SectionQuiz(widgets.VBox):
    """All of a section's questions and self-checks, its score, and saving."""

    def __init__(self, the_course: Course, section_id: str, store: ProgressStore | None = None):
        self.course = the_course
        self.section = the_course.section(section_id)
        quiz = the_course.quizzes[section_id]
        total = len(quiz.questions)
        self.questions = [
            QuestionView(q, f"Question {n} of {total}", the_course.shuffle_seed)
            for n, q in enumerate(quiz.questions, 1)
        ]
        self.reflections = [ReflectionView(r) for r in quiz.reflections]
        self.store = store or page_store(the_course)
        self.bar, self.score_text = progress_bar("Section score:")
        self.bar.max = total
        self._restoring = False
        for view in self.questions:
            view.observe(self._changed, names=["tries", "revealed"])
        for view in self.reflections:
            view.observe(self._changed, names="revealed")
        self.store.on_document(self.restore)
        self._update_score()
        super().__init__(
            [
                *self.questions,
                *self.reflections,
                widgets.HTML('<h3 class="kc-question-title">Your score</h3>'),
                widgets.HBox(
                    [self.bar, self.score_text], layout=widgets.Layout(flex_flow="row wrap")
                ),
                *place_store(self.store),
            ],
            layout=WIDE,
        )
        self.add_class("kc-quiz")

    def _changed(self, _change: dict[str, Any]) -> None:
        self._update_score()
        if not self._restoring:
            self.save()

    def save(self) -> None:
        self.store.save_section(self.section.id, self.snapshot())

    def snapshot(self) -> dict[str, Any]:
        return {
            "questions": {
                v.question["id"]: v.state() for v in self.questions if v.tries or v.revealed
            },
            "reflections": {v.reflection["id"]: v.state() for v in self.reflections if v.revealed},
        }

    def restore(self, document: dict[str, Any]) -> None:
        saved = document["sections"].get(self.section.id, {})
        self._restoring = True
        try:
            for view in self.questions:
                if view.question["id"] in saved.get("questions", {}):
                    view.restore(saved["questions"][view.question["id"]])
            for view in self.reflections:
                if view.reflection["id"] in saved.get("reflections", {}):
                    view.restore(saved["reflections"][view.reflection["id"]])
        finally:
            self._restoring = False
        self._update_score()

    def _update_score(self) -> None:
        tried, total, score = section_summary(
            {"sections": {self.section.id: self.snapshot()}}, self.course, self.section.id
        )
        self.bar.value = score
        self.score_text.value = (
            f'<p class="kc-score" aria-live="polite">Score {round(score, 2):g} of {total} · '
            f"{tried} of {total} questions tried</p>"
        )


def show_quiz(section_id: str) -> None:
    """Display a section's quiz; the one call a section notebook makes."""
    display(SectionQuiz(course(), section_id))

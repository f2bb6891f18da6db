"""One later check, shown in the review deck (core/later_check.py decides which and
when; this only asks it and says how it went).

Like the before-and-after check it offers "I don't know yet" and asks how sure the
learner is; unlike it, the learner is told afterwards whether the answer was right,
since by then the check has done its measuring: a review should teach.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from widgets.core.later_check import LaterAsk
from widgets.core.model import Course
from widgets.core.prepost import DONT_KNOW, RIGHT, outcome
from widgets.views.choices import ChoiceGroup, ConfidenceGroup
from widgets.views.inputs import asking_options
from widgets.views.kit import PLAIN, WIDE, alert_html, button, text

Answered = Callable[[dict[str, Any]], None]


class LaterCheckView(widgets.VBox):
    """The asking, "How sure are you?", and "Save my answer"; the answer is passed to
    `on_answer` ({"form", "choice", "confidence"?}) once, and then marked."""

    def __init__(self, the_course: Course, ask: LaterAsk, on_answer: Answered):
        self.course, self.ask, self.on_answer = the_course, ask, on_answer
        form = ask.idea.forms(ask.check.stage)[ask.form]
        key = f"{ask.idea.id}:later:{ask.check.name}:{ask.form}"
        self.options = asking_options(form, the_course.shuffle_seed, key)
        intro = text(
            f"<p><strong>A later check ({html.escape(ask.check.label.lower())}).</strong> "
            "This asks one of the ideas from the start and end of the course again, in "
            "other words, to see what has lasted. Nothing is marked until you save.</p>"
        )
        self.choice = ChoiceGroup(
            legend=form.prompt, labels=[label for _, label in self.options], layout=PLAIN
        )
        self.sure = ConfidenceGroup(layout=PLAIN)
        self.save_button = button("Save my answer", button_style="primary", disabled=True)
        self.save_button.on_click(lambda _: self.save())
        self.choice.observe(lambda _: self._choosing(), names="selected")
        self.feedback = text()
        super().__init__(
            [intro, self.choice, self.sure, self.save_button, self.feedback], layout=WIDE
        )
        self.add_class("kc-later-check")

    def _choosing(self) -> None:
        chosen = self.choice.selected
        self.save_button.disabled = not chosen
        self.sure.follow(self.options[chosen[0]][0] if chosen else None)

    def save(self) -> None:
        if not self.choice.selected or self.choice.disabled:
            return
        choice = self.options[self.choice.selected[0]][0]
        self.choice.disabled = self.sure.disabled = self.save_button.disabled = True
        self.on_answer({"form": self.ask.form, **self.sure.answer(choice)})
        self.feedback.value = self._marked(choice)

    def _marked(self, choice: str) -> str:
        idea, stage = self.ask.idea, self.ask.check.stage
        if outcome(idea, stage, choice) == RIGHT:
            return alert_html("ok", "Right.", "You still hold this idea.")
        asked = idea.forms(stage)[self.ask.form]
        right = dict(asked.options)[asked.answer]
        section = self.course.section(idea.section)
        words = "Not yet." if choice == DONT_KNOW else "Not right."
        return alert_html(
            "notice",
            words,
            f"The right answer: {html.escape(right)} "
            f'<a href="{html.escape(section.notebook)}">'
            f"{html.escape(self.course.section_label(section.id))}</a> explains it.",
        )

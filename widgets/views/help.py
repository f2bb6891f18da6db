"""Where to get help: the worry check and the help finder. Both always end with who to call.

The decision is core.triage's; these views only display it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from widgets.core import types
from widgets.core.model import Course
from widgets.core.triage import triage
from widgets.core.types import TriageLevel
from widgets.views.choices import ChoiceGroup
from widgets.views.kit import WIDE, MessageKind, alert_html, button, citations_html, text

# How each level's advice looks: help now (red), care today (amber), or to know.
# Never the quiz's "not right", which would read as a wrong answer.
ADVICE_KINDS: dict[TriageLevel, MessageKind] = {
    "emergency": "danger",
    "crisis": "danger",
    "poison": "danger",
    "stop": "care",
    "urgent": "care",
    "clinician": "notice",
    "none": "notice",
}


class WorryCheck(widgets.VBox):
    """Tick what is happening; get advice that always ends with who to call."""

    def __init__(self, check: types.WorryCheck):
        self.check = check
        self.symptoms = check["symptoms"]
        self.choice = ChoiceGroup(
            legend="Tick anything that is happening now",
            labels=[s["text"] for s in self.symptoms],
            multiple=True,
        )
        self.button = button("What should I do?", button_style="primary")
        self.advice = text()
        self.button.on_click(lambda _: self.answer())
        self.choice.observe(lambda _: setattr(self.advice, "value", ""), names="selected")
        super().__init__([self.choice, self.button, self.advice], layout=WIDE)
        self.add_class("kc-explorer")

    def answer(self) -> None:
        ticked = [self.symptoms[i]["id"] for i in self.choice.selected]
        level, steps = triage(self.check, ticked)
        body = "".join(f"<p>{html.escape(step)}</p>" for step in steps)
        refs = sorted({r for s in self.symptoms if s["id"] in ticked for r in s["references"]})
        kind = ADVICE_KINDS[level]
        title = {
            "emergency": "Emergency:",
            "crisis": "Get crisis support now:",
            "poison": "Call Poison Help now:",
            "stop": "Stop and get medical care today:",
            "urgent": "Contact your prescriber or get care today:",
            "clinician": "Talk to your clinician soon:",
            "none": "Nothing ticked:",
        }[level]
        self.advice.value = alert_html(kind, title, body + (citations_html(refs) if refs else ""))


class HelpFinder(widgets.VBox):
    """Pick a situation; see who to contact. Built from the crisis panel's data."""

    def __init__(self, the_course: Course):
        self.lines = the_course.crisis["lines"]
        self.note = the_course.crisis["note"]
        self.choice = ChoiceGroup(
            legend="What is happening?", labels=[line["when"] for line in self.lines]
        )
        self.answer = text()
        self.choice.observe(lambda _: self.show(), names="selected")
        super().__init__([self.choice, self.answer], layout=WIDE)
        self.add_class("kc-explorer")

    def show(self) -> None:
        if not self.choice.selected:
            self.answer.value = ""
            return
        line = self.lines[self.choice.selected[0]]
        self.answer.value = alert_html(
            "answer", "Who to contact:", f"{html.escape(line['contact'])} {html.escape(self.note)}"
        )

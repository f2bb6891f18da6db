"""Each question type's controls, in one table (`INPUTS`) checked against the types.

An input's `value` is the answer in grading's format; option values stay in the
kernel, and only their labels reach the browser.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import ipywidgets as widgets

from widgets.core.grading import parse_number
from widgets.core.model import Ask
from widgets.core.prepost import DONT_KNOW
from widgets.core.question_types import every_type
from widgets.core.types import (
    ChoiceQuestion,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    TrueFalseQuestion,
)
from widgets.views.choices import NOTHING, ChoiceGroup, MenuGroup
from widgets.views.kit import PLAIN


def presentation_order(
    items: Sequence[Any], seed: int, question_id: str, shuffle: bool
) -> list[Any]:
    """Seeded per question, so the order is stable across reloads and learners."""
    ordered = list(items)
    if shuffle:
        random.Random(f"{seed}:{question_id}").shuffle(ordered)
    return ordered


DONT_KNOW_LABEL = "I don't know yet"


def asking_options(ask: Ask, seed: int, key: str) -> list[tuple[str, str]]:
    """A before-and-after asking's choices: its options in a seeded order (authors tend
    to write the right one first), then "I don't know yet"."""
    shuffled = presentation_order(ask.options, seed, key, shuffle=True)
    return [*shuffled, (DONT_KNOW, DONT_KNOW_LABEL)]


class AnswerInput(Protocol):
    """One question type's controls."""

    widget: widgets.Widget

    @property
    def value(self) -> Any:
        """The answer in grading's format (raises AnswerError if it cannot be read)."""

    @value.setter
    def value(self, answer: Any) -> None: ...

    @property
    def saved(self) -> Any:
        """What is stored to put the answer back later (for a number: what was typed)."""

    def on_change(self, callback: Callable[[Any], None]) -> None:
        """Call back whenever the learner changes the answer."""

    def clear(self) -> None:
        """Back to no answer."""


class ChoiceInput:
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

    @property
    def saved(self) -> Any:
        return self.value

    def clear(self) -> None:
        self.widget.selected = []


class NumberInput:
    def __init__(self, unit: str):
        self.widget = widgets.Text(
            placeholder="Type a number",
            continuous_update=False,
            description=f"Your answer{f' ({unit.strip()})' if unit.strip() else ''}:",
            style={"description_width": "initial"},
            layout=PLAIN,
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
    def saved(self) -> str:
        return str(self.widget.value)

    def clear(self) -> None:
        self.widget.value = ""


class MenusInput:
    """One menu per slot (a matching prompt or an ordering position).

    keyed: the answer maps each slot's key to its choice (matching); otherwise it
    lists the choices slot by slot (ordering).
    """

    def __init__(
        self,
        slots: list[tuple[str, str]],
        labelled: list[tuple[str, Any]],
        keyed: bool,
        legend: str,
    ):
        self.keys = [key for key, _ in slots]
        self.values = [value for _, value in labelled]
        self.keyed = keyed
        self.widget = MenuGroup(
            legend=legend,
            slots=[label for _, label in slots],
            options=[text for text, _ in labelled],
            selected=[NOTHING] * len(slots),
        )

    def on_change(self, callback: Callable[[Any], None]) -> None:
        self.widget.observe(callback, names="selected")

    @property
    def value(self) -> Any:
        chosen = [self.values[i] if i != NOTHING else None for i in self.widget.selected]
        return dict(zip(self.keys, chosen, strict=True)) if self.keyed else chosen

    @value.setter
    def value(self, answer: Any) -> None:
        values = [answer.get(key) for key in self.keys] if self.keyed else list(answer)
        values += [None] * (len(self.keys) - len(values))
        self.widget.selected = [
            self.values.index(v) if v in self.values else NOTHING for v in values[: len(self.keys)]
        ]

    @property
    def saved(self) -> Any:
        return self.value

    def clear(self) -> None:
        self.widget.selected = [NOTHING] * len(self.keys)


def _choices(legend: str, multiple: bool) -> Callable[[ChoiceQuestion, int], AnswerInput]:
    """Single or multiple choice: the options, shuffled unless the question says not to."""

    def build(question: ChoiceQuestion, seed: int) -> AnswerInput:
        shuffle = question.get("shuffle", True)
        options = presentation_order(question["options"], seed, question["id"], shuffle)
        return ChoiceInput([(o["text"], o["id"]) for o in options], legend, multiple)

    return build


def _truefalse(_question: TrueFalseQuestion, _seed: int) -> AnswerInput:
    return ChoiceInput([("True", True), ("False", False)], "True or false?")


def _numeric(question: NumericQuestion, _seed: int) -> AnswerInput:
    return NumberInput(question["unit"])


def _matching(question: MatchingQuestion, seed: int) -> AnswerInput:
    matches = presentation_order(
        [p["match"] for p in question["pairs"]], seed, question["id"], True
    )
    return MenusInput(
        [(p["id"], f"{p['prompt']}:") for p in question["pairs"]],
        [(m, m) for m in matches],
        keyed=True,
        legend="Match each one",
    )


def _ordering(question: OrderingQuestion, seed: int) -> AnswerInput:
    items = presentation_order(question["items"], seed, question["id"], shuffle=True)
    return MenusInput(
        [(str(n), f"Step {n}:") for n in range(1, len(items) + 1)],
        [(i["text"], i["id"]) for i in items],
        keyed=False,
        legend="Put them in order",
    )


# Each part takes its own type's questions; looked up by `question["type"]`, it takes Any
# (core/question_types.py says why).
INPUTS: dict[str, Callable[[Any, int], AnswerInput]] = every_type(
    {
        "single": _choices("Choose one answer", multiple=False),
        "multiple": _choices("Choose all that apply", multiple=True),
        "truefalse": _truefalse,
        "numeric": _numeric,
        "matching": _matching,
        "ordering": _ordering,
    },
    "views.inputs.INPUTS",
)


def make_input(question: Question, seed: int) -> AnswerInput:
    """The controls for one question, options in their presentation order."""
    return INPUTS[question["type"]](question, seed)

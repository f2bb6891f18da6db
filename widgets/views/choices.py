"""Answer controls that screen readers and keyboards handle natively, and that send
each change to the kernel in order with the click on "Check answer".

ipywidgets' RadioButtons renders unnamed radios, so arrow keys leave the group and
there is no legend; these small anywidgets render a fieldset instead. A change is
sent as a message, not a trait sync (see choices.js): ipywidgets holds back a
model's second quick sync, so "Check answer" could be graded on the answer before.
"""

from __future__ import annotations

import contextlib
from typing import Any

import anywidget
import traitlets

from widgets.core.confidence import LEVELS
from widgets.core.prepost import DONT_KNOW
from widgets.views.assets import module_source
from widgets.views.kit import HIDDEN, PLAIN

CONFIDENCE_LEGEND = "How sure are you? (optional)"


class _SentInOrder(anywidget.AnyWidget):
    """What the learner chose (`selected`), received as the browser's messages."""

    legend = traitlets.Unicode(help="The group's visible name, read out by screen readers").tag(
        sync=True
    )
    selected = traitlets.List(traitlets.Int(), help="What is chosen, as positions").tag(sync=True)

    def __init__(self, **kwargs: Any):
        super().__init__(**{"layout": PLAIN} | kwargs)  # (not a layout model of its own)
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def receive(self, content: Any) -> None:
        """The browser's choice, in order with other messages (see choices.js)."""
        chosen = content.get("selected") if isinstance(content, dict) else None
        if isinstance(chosen, list) and all(type(i) is int for i in chosen):
            # The browser already shows this choice: do not echo it back, or a late
            # echo could undo a newer click while the kernel is busy.
            with contextlib.suppress(traitlets.TraitError), self._lock_property(selected=chosen):
                self.selected = chosen


class ChoiceGroup(_SentInOrder):
    """Radios or checkboxes; `selected` holds the positions of the chosen labels."""

    _esm = module_source("choices.js")

    labels = traitlets.List(traitlets.Unicode(), help="Choice texts in display order").tag(
        sync=True
    )
    multiple = traitlets.Bool(False, help="Checkboxes (any number) instead of radios").tag(
        sync=True
    )
    disabled = traitlets.Bool(False, help="Greys out and locks the group").tag(sync=True)

    @traitlets.validate("selected")
    def _known_positions(self, proposal: traitlets.Bunch) -> list[int]:
        chosen = sorted(set(proposal["value"]))
        if any(not 0 <= i < len(self.labels) for i in chosen):
            raise traitlets.TraitError(f"selected positions {chosen} are not all choices")
        if not self.multiple and len(chosen) > 1:
            raise traitlets.TraitError("a single-choice group takes one position")
        return chosen

    def __repr__(self) -> str:
        return f"ChoiceGroup(legend={self.legend!r}, labels={len(self.labels)})"


class ConfidenceGroup(ChoiceGroup):
    """ "How sure are you?", asked beside an answer, never required."""

    def __init__(self, **kwargs: Any):
        super().__init__(legend=CONFIDENCE_LEGEND, labels=list(LEVELS.values()), **kwargs)
        self.add_class("kc-confidence")

    @property
    def level(self) -> str | None:
        """The level said (core/confidence.py's LEVELS), if any."""
        return list(LEVELS)[self.selected[0]] if self.selected else None

    def show_level(self, level: str | None) -> None:
        self.selected = [list(LEVELS).index(level)] if level in LEVELS else []

    def follow(self, choice: str | None) -> None:
        """Asked under an answer given, but not "I don't know yet": nothing to be sure of."""
        self.layout = PLAIN if choice not in (None, DONT_KNOW) else HIDDEN

    def answer(self, choice: str) -> dict[str, str]:
        """The answer as it is saved: the choice, and how sure the learner said they
        were (never with "I don't know yet")."""
        level = self.level if choice != DONT_KNOW else None
        return {"choice": choice} | ({"confidence": level} if level else {})


NOTHING = -1  # a menu left at "Choose…"


class MenuGroup(_SentInOrder):
    """One menu per slot (a thing to match, a place in an order), all with the same
    options; `selected` holds each slot's chosen option position, or NOTHING."""

    _esm = module_source("menus.js")

    slots = traitlets.List(traitlets.Unicode(), help="Each menu's label, in display order").tag(
        sync=True
    )
    options = traitlets.List(traitlets.Unicode(), help="The texts every menu offers").tag(sync=True)

    @traitlets.validate("selected")
    def _one_per_slot(self, proposal: traitlets.Bunch) -> list[int]:
        chosen = list(proposal["value"])
        if len(chosen) != len(self.slots):
            raise traitlets.TraitError(f"{len(chosen)} choices for {len(self.slots)} menus")
        if any(not NOTHING <= i < len(self.options) for i in chosen):
            raise traitlets.TraitError(f"choices {chosen} are not all options")
        return chosen

    def __repr__(self) -> str:
        return f"MenuGroup(legend={self.legend!r}, slots={len(self.slots)})"

"""A radio or checkbox group that screen readers and keyboards handle natively.

ipywidgets' RadioButtons renders unnamed radios, so arrow keys leave the group
and there is no legend; this small anywidget renders a fieldset instead.
"""

from __future__ import annotations

import contextlib
from typing import Any

import anywidget
import traitlets

from widgets.views.assets import module_source


class ChoiceGroup(anywidget.AnyWidget):
    _esm = module_source("choices.js")

    legend = traitlets.Unicode(help="The group's visible name, read out by screen readers").tag(
        sync=True
    )
    labels = traitlets.List(traitlets.Unicode(), help="Choice texts in display order").tag(
        sync=True
    )
    multiple = traitlets.Bool(False, help="Checkboxes (any number) instead of radios").tag(
        sync=True
    )
    selected = traitlets.List(traitlets.Int(), help="Positions of the chosen labels").tag(sync=True)
    disabled = traitlets.Bool(False, help="Greys out and locks the group").tag(sync=True)

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def receive(self, content: Any) -> None:
        """The browser's choice, in order with other messages (see choices.js)."""
        chosen = content.get("selected") if isinstance(content, dict) else None
        if isinstance(chosen, list) and all(type(i) is int for i in chosen):
            # The browser already shows this choice: do not echo it back, or a late
            # echo could undo a newer click while the kernel is busy.
            with contextlib.suppress(traitlets.TraitError), self._lock_property(selected=chosen):
                self.selected = chosen

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

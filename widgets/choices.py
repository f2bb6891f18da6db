"""A radio or checkbox group that screen readers and keyboards handle natively.

ipywidgets' RadioButtons renders unnamed radios, so arrow keys leave the group
and there is no legend; this small anywidget renders a fieldset instead.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets


class ChoiceGroup(anywidget.AnyWidget):
    _esm = Path(__file__).parent / "static" / "choices.js"

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

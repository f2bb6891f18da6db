"""A question's three buttons and the five messages under them, as one widget.

As ipywidgets they were eleven models (three buttons, a row, six texts with the
prompt), each one built by the kernel, sent, and built again by the browser: most of
a page's models. Here the browser draws them from one model (controls.js). The
messages are HTML the kernel writes after the learner acts, so the answer key stays
in the kernel until "Show the answer" is allowed and pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, get_args

import anywidget
import traitlets

from widgets.views.assets import module_source
from widgets.views.kit import PLAIN

Press = Literal["check", "hint", "answer"]
PRESSES: tuple[Press, ...] = get_args(Press)


class QuestionControls(anywidget.AnyWidget):
    """Check, hint and answer buttons; the browser sends a press as a message, in
    order with the answer controls' messages (see choices.js)."""

    _esm = module_source("controls.js")

    has_hints = traitlets.Bool(False, help="Show the hint button").tag(sync=True)
    check_disabled = traitlets.Bool(False, help="Locks Check (a review waits for Next)").tag(
        sync=True
    )
    hint_disabled = traitlets.Bool(False, help="Every hint is shown").tag(sync=True)
    answer_disabled = traitlets.Bool(True, help="The answer is not allowed yet").tag(sync=True)
    answer_tooltip = traitlets.Unicode(help="When the answer can be shown").tag(sync=True)
    attempts = traitlets.Unicode(help="HTML: how many tries so far").tag(sync=True)
    hint = traitlets.Unicode(help="HTML: the hints shown so far").tag(sync=True)
    feedback = traitlets.Unicode(help="HTML: the feedback on the last check").tag(sync=True)
    confidence_note = traitlets.Unicode(help="HTML: sure but wrong, right but unsure").tag(
        sync=True
    )
    answer = traitlets.Unicode(help="HTML: the answer, once shown").tag(sync=True)

    def __init__(self, on_press: Callable[[Press], None], **traits: Any):
        super().__init__(layout=PLAIN, **traits)
        self._on_press = on_press
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def receive(self, content: Any) -> None:
        """A message from the browser; anything but a known press is ignored."""
        name = content.get("press") if isinstance(content, dict) else None
        if name in PRESSES:
            self.press(name)

    def press(self, name: Press) -> None:
        """What a click does. A locked button does nothing, even if a message says it
        was pressed: the browser cannot forge its way to the answer."""
        if not getattr(self, f"{name}_disabled"):
            self._on_press(name)

    def __repr__(self) -> str:
        return f"QuestionControls(tries={self.attempts!r})"

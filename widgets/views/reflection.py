"""A self-check: the learner writes first, then compares with a model answer."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import traitlets

from widgets.core.progress_doc import MAX_REFLECTION_CHARS
from widgets.core.types import Reflection
from widgets.views.kit import WIDE, alert_html, button, citations_html, text


class ReflectionView(widgets.VBox):
    """Write first, then compare with a model answer."""

    revealed = traitlets.Bool(False, help="True once the model answer is shown")

    def __init__(self, reflection: Reflection):
        self.reflection = reflection
        self.text = widgets.Textarea(
            placeholder="Write a few sentences in your own words…",
            description="Your answer:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="7em"),
        )
        self.reveal_button = button("Compare with a model answer")
        self.message = text()
        self.model = text()
        self.reveal_button.on_click(lambda _: self.reveal())
        super().__init__(
            [
                text(
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

    SAVED_ON = ("revealed",)  # the traits whose change is saved

    @property
    def item_id(self) -> str:
        return str(self.reflection["id"])

    @property
    def touched(self) -> bool:
        """Worth keeping in progress: the learner compared with the model answer."""
        return self.revealed

    def state(self) -> dict[str, Any]:
        return {"text": self.text.value[:MAX_REFLECTION_CHARS], "revealed": self.revealed}

    def restore(self, state: dict[str, Any]) -> None:
        self.text.value = state["text"]
        if state["revealed"]:
            self.reveal()

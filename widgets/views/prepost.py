"""Before and after: the key ideas asked at the start and at the end, with no feedback,
and the summary of what changed (core/prepost.py decides; this only displays)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from widgets.core.model import Course, Idea
from widgets.core.prepost import (
    DONT_KNOW,
    NOT_YET,
    RIGHT,
    UNANSWERED,
    changes,
    compared,
    form_shown,
    prompt_shown,
)
from widgets.core.types import Stage
from widgets.views.choices import ChoiceGroup
from widgets.views.inputs import presentation_order
from widgets.views.kit import HIDDEN, PLAIN, WIDE, MessageKind, button, icon_html, text
from widgets.views.progress import ProgressStore

DONT_KNOW_LABEL = "I don't know yet"


class PrePostCheck(widgets.VBox):
    """Every idea asked once, saved as it is answered, never marked right or wrong here.

    The options come in a seeded order per idea and stage (authors tend to write the
    right one first); "I don't know yet" stays last, at both stages. The "after"
    answers are fixed only when the learner says they are done ("Fix my answers and
    compare", with what that means said beside it), never by the last click.
    """

    def __init__(self, the_course: Course, stage: Stage, store: ProgressStore):
        self.course = the_course
        self.stage = stage
        self.store = store
        self.choices: dict[str, list[str]] = {}
        self.groups: dict[str, ChoiceGroup] = {}
        self.forms: dict[str, int] = {}  # the form of each idea shown to this learner
        for idea in the_course.ideas:
            self.groups[idea.id] = ChoiceGroup(legend="", labels=[], layout=PLAIN)
            self._show_form(idea, 0)
            self.groups[idea.id].observe(self._changed, names="selected")
        self.status = text()
        self.done = button(
            "Fix my answers and compare",
            button_style="primary",
            layout=PLAIN if stage == "after" else HIDDEN,
            disabled=True,
        )
        self.done.on_click(lambda _: self.fix())
        self._restoring = False
        self.store.on_document(self.restore)
        super().__init__([*self.groups.values(), self.status, self.done], layout=WIDE)
        self.add_class("kc-prepost")
        self.restore(self.store.document)  # shown again (a re-run cell): what was answered

    def _show_form(self, idea: Idea, form: int) -> None:
        """Ask this form of the idea: its prompt, its options in a seeded order (the
        right one is not always first), then "I don't know yet"."""
        ask = idea.forms(self.stage)[form]
        seed = self.course.shuffle_seed
        key = f"{idea.id}:{self.stage}:{form}"
        shuffled = presentation_order(ask.options, seed, key, shuffle=True)
        options = [*shuffled, (DONT_KNOW, DONT_KNOW_LABEL)]
        number = self.course.ideas.index(idea) + 1
        self.forms[idea.id] = form
        self.choices[idea.id] = [o for o, _ in options]
        group = self.groups[idea.id]
        group.legend, group.labels = f"{number}. {ask.prompt}", [t for _, t in options]

    def answers(self) -> dict[str, str]:
        return {
            idea_id: self.choices[idea_id][group.selected[0]]
            for idea_id, group in self.groups.items()
            if group.selected
        }

    @property
    def complete(self) -> bool:
        return len(self.answers()) == len(self.groups)

    @property
    def locked(self) -> bool:
        return any(g.disabled for g in self.groups.values())

    def lock(self, locked: bool) -> None:
        """Fixed once compared: the "after" answers when the learner fixes them (the
        summary then marks them), the "before" ones once any "after" answer exists."""
        for group in self.groups.values():
            group.disabled = locked
        self._say()

    def fix(self) -> None:
        """The learner is done: fix the "after" answers and show the comparison."""
        if self.stage != "after" or not self.complete:
            return
        self.store.save_top("prepost", {"compared": True})
        self.lock(True)

    def _say(self) -> None:
        done, total = len(self.answers()), len(self.groups)
        words = f"{done} of {total} answered. Your answers are saved in this browser."
        if self.locked:
            words += " They are now fixed, so the comparison stays fair."
        elif self.stage == "after":
            words += (
                ' You can change them until you choose "Fix my answers and compare".'
                " After that they cannot be changed, so the comparison stays fair."
                if done == total
                else ' Answer all of them, then choose "Fix my answers and compare".'
            )
        self.status.value = f'<p class="kc-status" aria-live="polite">{words}</p>'
        self.done.disabled = self.locked or done < total

    def _changed(self, _change: dict[str, Any]) -> None:
        self._say()
        if self._restoring:
            return
        # (an "after" answer given is not yet compared: a file without the flag is read
        # as from before the step that fixes them, see core.prepost.compared)
        flag = {"compared": False} if self.stage == "after" else {}
        self.store.save_top("prepost", {self.stage: self.answers(), **flag})

    def restore(self, document: dict[str, Any]) -> None:
        saved = document.get("prepost", {}).get(self.stage, {})
        learner = document.get("learner")
        self._restoring = True
        try:
            for idea in self.course.ideas:
                choice = saved.get(idea.id)
                form = form_shown(idea, self.stage, learner, choice)
                group = self.groups[idea.id]
                if form != self.forms[idea.id]:
                    group.selected = []
                    self._show_form(idea, form)
                known = choice in self.choices[idea.id]
                group.selected = [self.choices[idea.id].index(choice)] if known else []
        finally:
            self._restoring = False
        answered_after = bool(document.get("prepost", {}).get("after"))
        self.lock(compared(self.course, document) if self.stage == "after" else answered_after)


def summary_html(the_course: Course, document: dict[str, Any]) -> str:
    found = changes(the_course, document)
    if not compared(the_course, document):
        return (
            f'<p>Answer all {len(found)} questions above, then choose "Fix my answers and '
            'compare" to see how your answers changed. Until then nothing is marked, so '
            "the comparison stays fair.</p>"
        )
    rows = "".join(
        f"<tr><td>{html.escape(prompt_shown(c.idea, 'after', document))}</td>"
        f"<td>{_word(c.before)}</td><td>{_word(c.after)}</td></tr>"
        for c in found
    )
    held = [c.idea for c in found if c.still_held]
    again = "".join(
        f"<li>{html.escape(prompt_shown(idea, 'after', document))} "
        f'<a href="{html.escape(section.notebook)}">'
        f"{html.escape(the_course.section_label(section.id))}</a></li>"
        for idea in held
        if (section := the_course.section(idea.section))
    )
    return (
        '<table class="kc-table"><caption>Your answers at the start and at the end</caption>'
        '<thead><tr><th scope="col">The idea (as asked at the end)</th>'
        '<th scope="col">At the start</th><th scope="col">At the end</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        + (
            f"<h3>Ideas to look at again</h3><p>Your answer at the end was not right. The "
            f"section that explains each one is linked.</p><ul>{again}</ul>"
            if held
            else "<p>At the end, none of these mistaken beliefs was in your answers.</p>"
        )
    )


def _word(result: str) -> str:
    """The result in words, with a mark that is not colour alone."""
    kind: MessageKind | None = {RIGHT: "ok", NOT_YET: None, UNANSWERED: None}.get(result, "wrong")
    return (icon_html(kind) + " " if kind else "") + html.escape(result.capitalize())


class PrePostSummary(widgets.VBox):
    """Before -> after per idea, and the beliefs still held, with links to the sections."""

    def __init__(self, the_course: Course, store: ProgressStore):
        self.course = the_course
        self.store = store
        self.output = text()
        self.store.on_update(lambda document: self.refresh(document))
        super().__init__([self.output], layout=WIDE)
        self.add_class("kc-explorer")
        self.refresh(self.store.document)

    def refresh(self, document: dict[str, Any]) -> None:
        self.output.value = summary_html(self.course, document)

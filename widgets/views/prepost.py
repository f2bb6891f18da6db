"""Before and after: the key ideas asked at the start and at the end, with no feedback,
and the summary of what changed (core/prepost.py decides; this only displays)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from widgets.core.later_check import LATER_CHECKS, later_outcomes
from widgets.core.model import Course, Idea
from widgets.core.prepost import (
    NOT_YET,
    RIGHT,
    UNANSWERED,
    changes,
    compared,
    form_shown,
    prompt_shown,
)
from widgets.core.types import Stage
from widgets.views.choices import ChoiceGroup, ConfidenceGroup
from widgets.views.inputs import asking_options
from widgets.views.kit import HIDDEN, PLAIN, WIDE, MessageKind, button, icon_html, text
from widgets.views.progress import ProgressStore


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
        self.sure: dict[str, ConfidenceGroup] = {}
        self.forms: dict[str, int] = {}  # the form of each idea shown to this learner
        for idea in the_course.ideas:
            self.groups[idea.id] = ChoiceGroup(legend="", labels=[], layout=PLAIN)
            self.sure[idea.id] = ConfidenceGroup(layout=HIDDEN)
            self._show_form(idea, 0)
            self.groups[idea.id].observe(self._changed, names="selected")
            self.sure[idea.id].observe(self._changed, names="selected")
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
        asked = [part for i in self.groups for part in (self.groups[i], self.sure[i])]
        super().__init__([*asked, self.status, self.done], layout=WIDE)
        self.add_class("kc-prepost")
        self.restore(self.store.document)  # shown again (a re-run cell): what was answered

    def _show_form(self, idea: Idea, form: int) -> None:
        """Ask this form of the idea: its prompt, its options in a seeded order (the
        right one is not always first), then "I don't know yet"."""
        ask = idea.forms(self.stage)[form]
        options = asking_options(ask, self.course.shuffle_seed, f"{idea.id}:{self.stage}:{form}")
        number = self.course.ideas.index(idea) + 1
        self.forms[idea.id] = form
        self.choices[idea.id] = [o for o, _ in options]
        group = self.groups[idea.id]
        group.legend, group.labels = f"{number}. {ask.prompt}", [t for _, t in options]

    def answers(self) -> dict[str, dict[str, str]]:
        """Each answer given, with how sure the learner said they were, if they did."""
        return {
            idea_id: self.sure[idea_id].answer(choice)
            for idea_id in self.groups
            if (choice := self._chosen(idea_id)) is not None
        }

    def _chosen(self, idea_id: str) -> str | None:
        selected = self.groups[idea_id].selected
        return self.choices[idea_id][selected[0]] if selected else None

    @property
    def complete(self) -> bool:
        return len(self.answers()) == len(self.groups)

    @property
    def locked(self) -> bool:
        return any(g.disabled for g in self.groups.values())

    def lock(self, locked: bool) -> None:
        """Fixed once compared: the "after" answers when the learner fixes them (the
        summary then marks them), the "before" ones once any "after" answer exists."""
        for group in (*self.groups.values(), *self.sure.values()):
            group.disabled = locked
        self._say()

    def fix(self) -> None:
        """The learner is done: fix the "after" answers and show the comparison."""
        if self.stage != "after" or not self.complete:
            return
        self.store.save_top(
            "prepost", {"compared": True, "compared_on": self.store.today.isoformat()}
        )
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
        self._show_sure()
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
                choice: str | None = saved[idea.id]["choice"] if idea.id in saved else None
                self.sure[idea.id].show_level(saved.get(idea.id, {}).get("confidence"))
                form = form_shown(idea, self.stage, learner, choice)
                group = self.groups[idea.id]
                if form != self.forms[idea.id]:
                    group.selected = []
                    self._show_form(idea, form)
                offered = self.choices[idea.id]
                group.selected = [offered.index(choice)] if choice in offered else []
            self._show_sure()
        finally:
            self._restoring = False
        answers = document.get("prepost", {})
        is_compared = compared(self.course, document)
        self.lock(is_compared if self.stage == "after" else bool(answers.get("after")))

    def _show_sure(self) -> None:
        """ "How sure are you?" under each answer given, except "I don't know yet"."""
        for idea_id, sure in self.sure.items():
            sure.follow(self._chosen(idea_id))


def summary_html(the_course: Course, document: dict[str, Any]) -> str:
    found = changes(the_course, document)
    if not compared(the_course, document):
        return (
            f'<p>Answer all {len(found)} questions above, then choose "Fix my answers and '
            'compare" to see how your answers changed. Until then nothing is marked, so '
            "the comparison stays fair.</p>"
        )
    later = {c.idea.id: later_outcomes(c.idea, document) for c in found}
    any_later = any(later.values())  # (the third column comes once one is answered)
    rows = "".join(
        f"<tr><td>{html.escape(prompt_shown(c.idea, 'after', document))}</td>"
        f"<td>{_word(c.before)}</td><td>{_word(c.after)}</td>"
        + (f"<td>{_later_words(later[c.idea.id])}</td>" if any_later else "")
        + "</tr>"
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
        '<table class="kc-table"><caption>Your answers at the start and at the end'
        + (", and later" if any_later else "")
        + '</caption><thead><tr><th scope="col">The idea (as asked at the end)</th>'
        '<th scope="col">At the start</th><th scope="col">At the end</th>'
        + ('<th scope="col">Later</th>' if any_later else "")
        + "</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        + (
            f"<h3>Ideas to look at again</h3><p>Your answer at the end was not right. The "
            f"section that explains each one is linked.</p><ul>{again}</ul>"
            if held
            else "<p>At the end, none of these mistaken beliefs was in your answers.</p>"
        )
    )


def _later_words(results: dict[str, str]) -> str:
    """Each later check answered: "After a week: ✔ Right"; "Not asked yet" if none."""
    said = [
        f"{check.label}: {_word(results[name])}"
        for name, check in LATER_CHECKS.items()
        if name in results
    ]
    return "<br>".join(said) or "Not asked yet"


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

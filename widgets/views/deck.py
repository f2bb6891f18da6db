""" "Review what you missed": the due questions of every section, one at a time.

The deck itself is core/review_deck.py (pure); this view shows how many are due
and when the next ones are, asks one due question, and saves the card's new box
in the browser with the rest of the learner's progress.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as widgets

from widgets.core.model import Course
from widgets.core.review_deck import Card, answered, cards, due_now, next_due, to_state
from widgets.views.kit import HIDDEN, PLAIN, WIDE, alert_html, button, text
from widgets.views.progress import ProgressStore
from widgets.views.question import QuestionView

EMPTY = (
    "Nothing to review yet. A question comes here when, in any section, you get it wrong "
    "at the first try, say you are not sure or guessing, or ask to see the answer."
)


def day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def status_html(deck: list[Card], today: date) -> str:
    due, later = len(due_now(deck, today)), next_due(deck, today)
    if not deck:
        words = EMPTY
    else:
        words = (
            f"{due} question{'s' if due != 1 else ''} due now."
            if due
            else "Nothing is due now. Well done."
        )
        words += f" The next ones are due on {day(later)}." if later else ""
    return f'<p class="kc-deck-status" aria-live="polite">{html.escape(words)}</p>'


class ReviewDeck(widgets.VBox):
    """The learner's review deck, shown one due question at a time."""

    def __init__(self, the_course: Course, store: ProgressStore):
        self.course = the_course
        self.store = store
        self.status = text()
        self.outcome = text()
        self.card: Card | None = None
        self.view: QuestionView | None = None
        self.holder = widgets.VBox([], layout=WIDE)
        self.next_button = button("Next question", layout=HIDDEN)
        self.next_button.on_click(lambda _: self.show_next())
        self.store.on_update(lambda _document: self.refresh())
        super().__init__([self.status, self.holder, self.outcome, self.next_button], layout=WIDE)
        self.add_class("kc-deck")
        self.refresh()

    def deck(self) -> list[Card]:
        return cards(self.store.document, self.course, self.store.today)

    def refresh(self) -> None:
        """Counts follow every save. A new question appears if none is showing, or if the
        one showing is unanswered and no longer due (the browser's day has arrived)."""
        deck = self.deck()
        self.status.value = status_html(deck, self.store.today)
        untouched = self.view is not None and self.view.tries == 0
        due = {c.question_id for c in due_now(deck, self.store.today)}
        if self.card is None or (untouched and self.card.question_id not in due):
            self.show_next()

    def show_next(self) -> None:
        """The next due question; the one just answered goes behind the others."""
        just = self.card.question_id if self.card else None
        due = sorted(due_now(self.deck(), self.store.today), key=lambda c: c.question_id == just)
        self.outcome.value = ""
        self.next_button.layout = HIDDEN
        self.card = due[0] if due else None
        if self.card is None:
            self.view = None
            self.holder.children = []
            return
        section = self.course.section(self.card.section_id)
        number = [s.id for s in self.course.sections].index(section.id)
        question = self.course.quizzes[section.id].question(self.card.question_id)
        self.view = QuestionView(
            question, f"From section {number}: {section.title}", self.course.shuffle_seed
        )
        self.view.observe(self._checked, names="tries")
        self.holder.children = [self.view]

    def _checked(self, change: dict[str, Any]) -> None:
        """Move the card to its new box, save it, and say when it comes back.

        Only the first check of a showing counts; the question then waits for Next.
        """
        view = self.view
        if self.card is None or view is None or view.last_result is None or change["old"] != 0:
            return
        result = view.last_result
        view.check_button.disabled = True
        today = self.store.today
        correct = result.correct
        moved = answered(self.card, correct, today)
        deck = {**self.store.document.get("deck", {}), moved.question_id: to_state(moved)}
        self.card = moved
        if moved.left:
            words = "Right on two different days: this one leaves your deck."
        elif correct:
            words = f"Right. It comes back on {day(moved.due)}, to check it stays."
        else:
            words = "Not yet. It stays due: you will see it again in this visit."
        self.outcome.value = alert_html(
            "ok" if correct else "notice", "Review:", html.escape(words)
        )
        self.next_button.layout = PLAIN
        self.store.save_top("deck", deck)

"""The review deck: the ideas due now, one question at a time, and how well each is held.

The schedule is core/review_schedule.py (pure, FSRS); this view says how many ideas
are due and when the next ones are, lists each idea with how well it is held (in
words and a small bar), asks one question of the first due idea, and saves the
review in the browser with the rest of the learner's progress.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as widgets

from widgets.core.later_check import LaterAsk
from widgets.core.model import Course
from widgets.core.review_calendar import FILENAME, reminders_ics
from widgets.core.review_schedule import (
    IdeaCard,
    deck,
    due_now,
    held_words,
    later_checks,
    next_due,
    question_to_ask,
    rating_for,
    reviewed,
    reviews_due,
)
from widgets.core.words import plural
from widgets.views.kit import HIDDEN, PLAIN, REVIEWS_ANCHOR, WIDE, alert_html, button, text
from widgets.views.later import LaterCheckView
from widgets.views.progress import ProgressStore
from widgets.views.question import QuestionView

EMPTY = (
    "Nothing to review yet. Once you answer a question in any section, its idea comes "
    "back here later, sooner if you missed it or were not sure."
)


def day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def status_html(cards: list[IdeaCard], asks: list[LaterAsk], today: date) -> str:
    due = reviews_due(cards, asks, today)
    later = next_due(cards, asks, today)
    if not cards and not asks:
        words = EMPTY
    else:
        words = f"{plural(due, 'review')} due now." if due else "Nothing is due now. Well done."
        words += f" The next ones are due on {day(later)}." if later else ""
    return f'<p class="kc-deck-status" aria-live="polite">{html.escape(words)}</p>'


def held_html(cards: list[IdeaCard], today: date) -> str:
    """Each idea met so far, how well it is held now, and when it comes back."""
    if not cards:
        return ""
    rows = []
    for card in sorted(cards, key=lambda c: c.due):
        held = card.retrievability(today)
        when = "due now" if card.due <= today else f"next on {day(card.due)}"
        rows.append(
            f"<li><span class='kc-idea-title'>{html.escape(card.idea.title)}</span> "
            f"<meter min='0' max='1' value='{held:.2f}' "
            f"aria-label='How well it is held: {held_words(held)}'></meter> "
            f"<span>{held_words(held).capitalize()}, {when}</span></li>"
        )
    return (
        "<details class='kc-held'><summary>How well you hold each idea</summary>"
        f"<ul>{''.join(rows)}</ul></details>"
    )


class ReviewDeck(widgets.VBox):
    """The learner's review deck, shown one due idea at a time."""

    def __init__(self, the_course: Course, store: ProgressStore):
        self.course = the_course
        self.store = store
        self.status = text()
        self.held = text()
        self.outcome = text()
        self.card: IdeaCard | None = None
        self.question_id: str | None = None
        self.view: QuestionView | None = None
        self.later: LaterCheckView | None = None
        self.cards: list[IdeaCard] = []  # the ideas met and the later checks still to
        self.asks: list[LaterAsk] = []  # answer, as of the last save (see refresh)
        self.holder = widgets.VBox([], layout=WIDE)
        self.next_button = button("Next question", layout=HIDDEN)
        self.next_button.on_click(lambda _: self.show_next())
        self.calendar_button = button("Add my next reviews to my calendar", layout=HIDDEN)
        self.calendar_button.on_click(lambda _: self.download_calendar())
        self.calendar_note = text()
        self.store.on_update(lambda _document: self.refresh())
        parts = [
            self.status,
            self.holder,
            self.outcome,
            self.next_button,
            self.held,
            self.calendar_button,
            self.calendar_note,
        ]
        super().__init__(parts, layout=WIDE)
        self.add_class("kc-deck")
        self.refresh()

    def refresh(self) -> None:
        """Counts follow every save. A new question appears if none is showing, or if the
        one showing is unanswered and no longer the first to ask (the browser's day came:
        it is no longer due, or a later check now is)."""
        document, today = self.store.document, self.store.today
        self.cards = cards = deck(document, self.course, today)
        self.asks = asks = later_checks(document, self.course, cards, today)
        self.status.value = status_html(cards, asks, today)
        self.held.value = held_html(cards, today)
        self.calendar_button.layout = PLAIN if cards or asks else HIDDEN
        if self.view is None and self.later is None:
            self.show_next()
            return
        untouched = (self.view is not None and self.view.tries == 0) or (
            self.later is not None and not self.later.choice.disabled
        )
        later_due = [a for a in asks if a.day <= today]
        if self.later is not None:
            stale = self.later.ask not in later_due
        else:
            due = {c.idea.id for c in due_now(cards, today)}
            stale = self.card is None or self.card.idea.id not in due or bool(later_due)
        if untouched and stale:
            self.show_next()

    def show_next(self) -> None:
        """A later check if one is due (they measure what lasted, so they come first),
        else a question of the first due idea; the idea just reviewed goes behind."""
        just = self.card.idea.id if self.card else None
        today = self.store.today
        due = sorted(due_now(self.cards, today), key=lambda c: c.idea.id == just)
        self.outcome.value = ""
        self.next_button.layout = HIDDEN
        self.view, self.later, self.question_id = None, None, None
        if asks := [a for a in self.asks if a.day <= today]:
            self.card = None
            self.later = LaterCheckView(self.course, asks[0], self._answered_later)
            self.holder.children = [self.later]
            return
        self.card = due[0] if due else None
        if self.card is None:
            self.holder.children = []
            return
        self.question_id = question_to_ask(self.card)
        section_id = self.course.question_ids()[self.question_id]
        question = self.course.quizzes[section_id].question(self.question_id)
        title = f"{self.card.idea.title} (from {self.course.section_label(section_id)})"
        self.view = QuestionView(question, title, self.course.shuffle_seed)
        self.view.observe(self._checked, names="tries")
        self.holder.children = [self.view]

    def _checked(self, change: dict[str, Any]) -> None:
        """Rate the answer, save the review, and say when the idea comes back.

        Only the first check of a showing counts; the question then waits for Next.
        (The answer cannot have been shown before it: that needs a check first.)
        """
        view, card, question_id = self.view, self.card, self.question_id
        if card is None or view is None or question_id is None or change["old"] != 0:
            return
        result = view.last_result
        if result is None:
            return
        view.controls.check_disabled = True
        said = view.last_confidence
        rating = rating_for(result.correct, False, said)
        logged = reviewed(self.store.document, card, question_id, rating, self.store.today, said)
        self.store.save_top("review", {card.idea.id: logged[card.idea.id]})  # (refreshes)
        moved = next(c for c in self.cards if c.idea.id == card.idea.id)
        self.card = moved
        if result.correct:
            words = f"Right. This idea comes back on {day(moved.due)}, to check it stays."
        else:
            words = (
                f"Not yet. Read the feedback above; this idea comes back on {day(moved.due)}, "
                "with another question if it has one."
            )
        self.outcome.value = alert_html(
            "ok" if result.correct else "notice", "Review:", html.escape(words)
        )
        self.next_button.layout = PLAIN

    def _answered_later(self, answer: dict[str, Any]) -> None:
        """Save a later check with the others of its idea; it counts as a review too."""
        assert self.later is not None
        ask = self.later.ask
        saved = self.store.document.get("prepost", {}).get("later", {}).get(ask.idea.id, {})
        entry = {"day": self.store.today.isoformat(), **answer}
        self.store.save_top("prepost", {"later": {ask.idea.id: {**saved, ask.check.name: entry}}})
        self.next_button.layout = PLAIN

    def download_calendar(self) -> None:
        """The dates of the next reviews as a calendar file, saved by the browser."""
        url = f"{self.store.page_url}#{REVIEWS_ANCHOR}" if self.store.page_url else ""
        today = self.store.today
        ics = reminders_ics(self.cards, self.asks, today, url, self.course.id, self.course.title)
        self.store.download(FILENAME, ics.decode("utf-8"))
        self.calendar_note.value = (
            "<p>Your calendar file has the days of your next reviews, with a link back "
            "here. Open it to add them to your calendar. It was made on this page and "
            "sent nowhere.</p>"
        )

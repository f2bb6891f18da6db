"""The course home's list of sections, each with its progress bar, and where to go next."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as widgets

from widgets.core.model import Course, Section
from widgets.core.progress_doc import section_summary
from widgets.core.review_schedule import deck, later_checks, reviews_due
from widgets.core.words import plural
from widgets.views.kit import REVIEWS_ANCHOR, ROW, text
from widgets.views.progress import ProgressStore, progress_bar

REVIEW_SECTION = "review"  # its notebook holds the review deck, under this heading's anchor
POINTS = (
    "Points: 1 for each question whose last check was right, and a share of 1 for one "
    "that was partly right (several choices, matching or putting in order)."
)


def duration_words(minutes: int) -> str:
    """ "about 3 hours 15 minutes": the whole course's time, as a person says it."""
    hours, rest = divmod(minutes, 60)
    parts = [plural(hours, "hour")] if hours else []
    parts += [plural(rest, "minute")] if rest or not hours else []
    return "about " + " ".join(parts)


def section_link(the_course: Course, section: Section) -> str:
    label = html.escape(the_course.section_label(section.id))
    return f'<a href="{section.notebook}">{label}</a>'


class Dashboard(widgets.VBox):
    """The course home's list of sections, each with a progress bar; above it, where to
    start or go on; below it, the whole course's progress and the store's tools."""

    def __init__(self, the_course: Course, store: ProgressStore):
        self.course = the_course
        self.store = store
        self.rows: dict[str, tuple[widgets.FloatProgress, widgets.HTML]] = {}
        self.next_step = text()
        self.reviews = text()
        children = []
        for number, section in enumerate(the_course.sections):
            bar, words = progress_bar(f"Section {number} progress:")
            bar.max = len(the_course.quizzes[section.id].questions)
            self.rows[section.id] = (bar, words)
            children.append(
                widgets.VBox(
                    [
                        text(
                            f'<h3 class="kc-section-link">{section_link(the_course, section)}</h3>'
                            f'<p class="kc-minutes">About {section.minutes} minutes</p>'
                        ),
                        widgets.HBox([bar, words], layout=ROW),
                    ]
                )
            )
        self.overall, self.overall_words = progress_bar("Whole course:")
        self.overall.max = sum(bar.max for bar, _ in self.rows.values())
        minutes = sum(s.minutes for s in the_course.sections)
        self.store.on_update(self.update)  # (also when the browser says what day it is)
        self.update(self.store.document)
        super().__init__(
            [
                self.next_step,
                self.reviews,
                text(
                    f"<p>The {len(the_course.sections)} sections take "
                    f"{duration_words(minutes)} in all. You can stop at any point and "
                    f'come back.</p><p class="kc-points">{POINTS}</p>'
                ),
                *children,
                text("<h2>Overall progress</h2>"),
                widgets.HBox([self.overall, self.overall_words]),
                *store.tools(),
            ]
        )
        self.add_class("kc-dashboard")

    def update(self, document: dict[str, Any]) -> None:
        all_tried = all_score = 0.0
        unfinished: list[Section] = []
        for section in self.course.sections:
            bar, words = self.rows[section.id]
            tried, total, score = section_summary(document, self.course, section.id)
            bar.value = score
            words.value = (
                f"<p>{tried} of {total} questions tried · {round(score, 2):g} of {total} points"
                f"{exercises_words(document, self.course, section)}</p>"
            )
            all_tried += tried
            all_score += score
            if tried < total:
                unfinished.append(section)
        self.next_step.value = next_step_html(self.course, unfinished, started=all_tried > 0)
        self.reviews.value = reviews_due_html(self.course, document, self.store.today)
        self.overall.value = all_score
        self.overall_words.value = (
            f"<p>{all_tried:g} of {self.overall.max:g} questions tried · "
            f"{round(all_score, 2):g} of {self.overall.max:g} points</p>"
        )


def exercises_words(document: dict[str, Any], the_course: Course, section: Section) -> str:
    """ " · 1 of 2 exercises tried" for a section that has exercises, else nothing."""
    tried, total, _ = section_summary(document, the_course, section.id, "exercises")
    return f" · {tried} of {total} exercises tried" if total else ""


def reviews_due_html(the_course: Course, document: dict[str, Any], today: date) -> str:
    """ "3 reviews due", with the way to the deck, when a returning learner has some."""
    cards = deck(document, the_course, today)
    due = reviews_due(cards, later_checks(document, the_course, cards, today), today)
    if not due:
        return ""
    notebook = the_course.section(REVIEW_SECTION).notebook
    return (
        f'<p class="kc-reviews-due"><strong>{plural(due, "review")} due</strong>'
        f' (ideas to recall before they fade): <a href="{notebook}#{REVIEWS_ANCHOR}">'
        "Review them now</a></p>"
    )


def next_step_html(the_course: Course, unfinished: list[Section], *, started: bool) -> str:
    """Where to go: the first section for someone new, else the first one not finished."""
    if not started:
        first = the_course.sections[0]
        return (
            '<p class="kc-next-step"><strong>Start here:</strong> '
            f"{section_link(the_course, first)}</p>"
        )
    if not unfinished:
        deck = the_course.section(REVIEW_SECTION).notebook
        return (
            '<p class="kc-next-step"><strong>You have tried every question.</strong> Next: '
            f'<a href="{deck}#{REVIEWS_ANCHOR}">Your reviews</a></p>'
        )
    return (
        '<p class="kc-next-step"><strong>Continue where you left off:</strong> '
        f"{section_link(the_course, unfinished[0])} (the first section you have not finished)</p>"
    )

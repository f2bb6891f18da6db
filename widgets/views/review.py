"""The review page's tools: the searchable glossary and the completion summary."""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any, TypedDict

import ipywidgets as widgets

from widgets.core.model import Course
from widgets.core.progress_doc import section_summary
from widgets.core.types import GlossaryEntry
from widgets.views.kit import WIDE, button, calibration_html, citations_html, text
from widgets.views.progress import ProgressStore


class Glossary(widgets.VBox):
    """Every term, with a search box that narrows the list as the learner types."""

    def __init__(self, terms: tuple[GlossaryEntry, ...]):
        self.terms = sorted(terms, key=lambda t: t["term"].lower())
        self.search = widgets.Text(
            placeholder="Type part of a word…",
            description="Search the glossary:",
            style={"description_width": "initial"},
        )
        self.count = text()
        self.output = text()
        self.search.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.search, self.count, self.output], layout=WIDE)
        self.add_class("kc-explorer")
        self.refresh()

    def matching(self) -> list[GlossaryEntry]:
        needle = self.search.value.strip().lower()[:100]
        return [t for t in self.terms if needle in (t["term"] + " " + t["definition"]).lower()]

    def refresh(self) -> None:
        shown = self.matching()
        self.count.value = f'<p aria-live="polite">{len(shown)} of {len(self.terms)} terms.</p>'
        self.output.value = (
            '<dl class="kc-glossary">'
            + "".join(
                f"<dt>{html.escape(t['term'])}</dt><dd>{html.escape(t['definition'])} "
                f"{citations_html(t['references'])}</dd>"
                for t in shown
            )
            + "</dl>"
        )


class CompletionRow(TypedDict):
    section: str
    tried: int
    questions: int
    score: float
    complete: bool


def completion_rows(document: dict[str, Any], the_course: Course) -> list[CompletionRow]:
    """One row per section: questions tried, score, and whether it is complete."""
    rows: list[CompletionRow] = []
    for section in the_course.sections:
        tried, total, score = section_summary(document, the_course, section.id)
        rows.append(
            {
                "section": section.title,
                "tried": tried,
                "questions": total,
                "score": round(score, 2),
                "complete": tried == total,
            }
        )
    return rows


class CompletionSummary(widgets.VBox):
    """What the learner has done, shown on the page and downloadable as a file; with the
    store's tools when its page shows them here."""

    def __init__(self, the_course: Course, store: ProgressStore, *, tools: bool = False):
        self.course = the_course
        self.store = store
        self.summary = text()
        # (its own part: beside the table, its sentences took the table's width and ran
        # off a phone's screen)
        self.calibration = text()
        self.button = button("Download my summary", button_style="primary")
        self.button.on_click(lambda _: self.download())
        self.store.on_update(lambda _doc: self.refresh())
        super().__init__(
            [self.summary, self.calibration, self.button, *(store.tools() if tools else [])],
            layout=WIDE,
        )
        self.add_class("kc-explorer")
        self.refresh()

    def refresh(self) -> None:
        rows = completion_rows(self.store.document, self.course)
        done = sum(r["complete"] for r in rows)
        body = "".join(
            f"<tr><td>{html.escape(r['section'])}</td><td>{r['tried']} of {r['questions']}</td>"
            f"<td>{r['score']:g}</td><td>{'Yes' if r['complete'] else 'Not yet'}</td></tr>"
            for r in rows
        )
        self.summary.value = (
            f"<p>You have completed {done} of {len(rows)} sections.</p>"
            '<table class="kc-table"><caption>Your progress by section</caption><thead><tr>'
            '<th scope="col">Section</th><th scope="col">Questions tried</th>'
            '<th scope="col">Score</th><th scope="col">Complete</th></tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
        self.calibration.value = calibration_html(self.store.document, self.course)

    def download(self) -> None:
        self.refresh()
        summary = {
            "course": self.course.title,
            "date": date.today().isoformat(),
            "sections": completion_rows(self.store.document, self.course),
            "note": self.course.crisis["note"],
        }
        self.store.download("ketamine-course-summary.json", json.dumps(summary, indent=2))

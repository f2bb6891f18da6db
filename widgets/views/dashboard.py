"""The course home's list of sections, each with its progress bar."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from widgets.core.model import Course
from widgets.core.progress_doc import section_summary
from widgets.views.kit import ROW, text
from widgets.views.progress import ProgressStore, progress_bar


class Dashboard(widgets.VBox):
    """The course home's list of sections, each with a progress bar, and the store's
    tools (download, load) below."""

    def __init__(self, the_course: Course, store: ProgressStore):
        self.course = the_course
        self.store = store
        self.rows: dict[str, tuple[widgets.FloatProgress, widgets.HTML]] = {}
        children = []
        for number, section in enumerate(the_course.sections):
            bar, words = progress_bar(f"Section {number} progress:")
            bar.max = len(the_course.quizzes[section.id].questions)
            self.rows[section.id] = (bar, words)
            children.append(
                widgets.VBox(
                    [
                        text(
                            f'<h3 class="kc-section-link"><a href="{section.notebook}">Section '
                            f"{number}: {html.escape(section.title)}</a></h3>"
                            f'<p class="kc-minutes">About {section.minutes} minutes</p>'
                        ),
                        widgets.HBox([bar, words], layout=ROW),
                    ]
                )
            )
        self.overall, self.overall_words = progress_bar("Whole course:")
        self.overall.max = sum(bar.max for bar, _ in self.rows.values())
        self.store.on_document(self.update)
        self.update(self.store.document)
        super().__init__(
            [
                *children,
                text("<h2>Overall progress</h2>"),
                widgets.HBox([self.overall, self.overall_words]),
                *store.tools(),
            ]
        )
        self.add_class("kc-dashboard")

    def update(self, document: dict[str, Any]) -> None:
        all_tried = all_score = 0.0
        for section_id, (bar, words) in self.rows.items():
            tried, total, score = section_summary(document, self.course, section_id)
            bar.value = score
            words.value = f"<p>{tried} of {total} questions tried · score {round(score, 2):g}</p>"
            all_tried += tried
            all_score += score
        self.overall.value = all_score
        self.overall_words.value = (
            f"<p>{all_tried:g} of {self.overall.max:g} questions tried · "
            f"score {round(all_score, 2):g}</p>"
        )

"""A section's quiz and its exercises on ipywidgets, saved in the learner's browser.
They display; core.question_types decides (one question is views/question.py).

Option values stay in the kernel: ipywidgets syncs only option labels, and
feedback, hints and answers are rendered only after the learner acts.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from widgets.core.model import Course
from widgets.core.progress_doc import section_summary
from widgets.views.kit import ROW, WIDE, calibration_html, text
from widgets.views.progress import ProgressStore, progress_bar
from widgets.views.question import QuestionView
from widgets.views.reflection import ReflectionView

SavedView = QuestionView | ReflectionView


class SavedViews(widgets.VBox):
    """Views whose answers are kept in their section's progress, each list under its
    part ("questions", "reflections", "exercises").

    A page can hold more than one (section 7 has exercises and a quiz): each saves
    and restores only its own parts of the section's entry. Made again (a re-run
    cell), it starts from what its page's store holds.
    """

    def __init__(
        self,
        the_course: Course,
        section_id: str,
        parts: dict[str, list[SavedView]],
        children: list[widgets.Widget],
        store: ProgressStore,
    ):
        self.course = the_course
        self.section = the_course.section(section_id)
        self.parts = parts
        self.store = store
        self._restoring = False
        for views in parts.values():
            for view in views:
                view.observe(self._changed, names=list(view.SAVED_ON))
        self.store.on_document(self.restore)
        super().__init__(children, layout=WIDE)
        self.restore(self.store.document)

    def refresh(self) -> None:
        """Show what follows from the answers (a score, say); nothing by default."""

    def _changed(self, _change: dict[str, Any]) -> None:
        self.refresh()
        if not self._restoring:
            self.save()

    def save(self) -> None:
        self.store.save_parts(self.section.id, self.snapshot())

    def snapshot(self) -> dict[str, Any]:
        return {
            part: {v.item_id: v.state() for v in views if v.touched}
            for part, views in self.parts.items()
        }

    def restore(self, document: dict[str, Any]) -> None:
        saved = document["sections"].get(self.section.id, {})
        self._restoring = True
        try:
            for part, views in self.parts.items():
                for view in views:
                    if view.item_id in saved.get(part, {}):
                        view.restore(saved[part][view.item_id])
        finally:
            self._restoring = False
        self.refresh()


class SectionQuiz(SavedViews):
    """All of a section's questions and self-checks, its score, and saving; with the
    store's tools (download, load) when its page shows them here."""

    def __init__(
        self, the_course: Course, section_id: str, store: ProgressStore, *, tools: bool = False
    ):
        quiz = the_course.quizzes[section_id]
        total = len(quiz.questions)
        self.questions = [
            QuestionView(
                q, f"Question {n} of {total}", the_course.shuffle_seed, lambda: store.today
            )
            for n, q in enumerate(quiz.questions, 1)
        ]
        self.reflections = [ReflectionView(r) for r in quiz.reflections]
        self.bar, self.score_text = progress_bar("Section score:")
        self.bar.max = total
        self.calibration = text()
        parts: dict[str, list[SavedView]] = {
            "questions": list(self.questions),
            "reflections": list(self.reflections),
        }
        super().__init__(
            the_course,
            section_id,
            parts,
            [
                *self.questions,
                *self.reflections,
                text('<h3 class="kc-question-title">Your score</h3>'),
                widgets.HBox([self.bar, self.score_text], layout=ROW),
                self.calibration,
                *(store.tools() if tools else []),
            ],
            store,
        )
        self.add_class("kc-quiz")

    def refresh(self) -> None:
        mine = {"sections": {self.section.id: self.snapshot()}}
        tried, total, score = section_summary(mine, self.course, self.section.id)
        self.calibration.value = calibration_html(mine, self.course, self.section.id)
        self.bar.value = score
        self.score_text.value = (
            f'<p class="kc-score" aria-live="polite">{round(score, 2):g} of {total} points · '
            f"{tried} of {total} questions tried</p>"
        )


class ExerciseSet(SavedViews):
    """A section's practice exercises (e.g. clinic profiles to vet), saved like its quiz."""

    def __init__(self, the_course: Course, section_id: str, store: ProgressStore):
        exercises = the_course.quizzes[section_id].exercises
        self.views = [
            QuestionView(q, f"Exercise {n} of {len(exercises)}", the_course.shuffle_seed)
            for n, q in enumerate(exercises, 1)
        ]
        views: list[SavedView] = list(self.views)
        self.done = text()
        super().__init__(
            the_course, section_id, {"exercises": views}, [*self.views, self.done], store
        )
        self.add_class("kc-exercises")

    def refresh(self) -> None:
        """How many exercises are tried and right; the course home shows the same count."""
        doc = {"sections": {self.section.id: self.snapshot()}}
        tried, total, _ = section_summary(doc, self.course, self.section.id, "exercises")
        right = sum(view.solved for view in self.views)
        self.done.value = (
            f'<p class="kc-score" aria-live="polite">Exercises: {tried} of {total} tried · '
            f"{right} right at the last check</p>"
        )

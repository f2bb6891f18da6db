"""The instructors' answer key.

Pure functions over a loaded Course; the CLI prints what they return.
"""

from __future__ import annotations

from widgets.core.model import Course
from widgets.core.question_types import describe_answer
from widgets.core.types import Question


def answer_key_markdown(course: Course, section_ids: list[str]) -> str:
    """A Markdown answer key for instructors only (never shown to learners)."""
    lines = [
        f"# Answer key: {course.title}",
        "",
        "For instructors. Do not share with learners.",
        "",
    ]
    for section_id in section_ids:
        section = course.section(section_id)
        quiz = course.quizzes[section_id]
        lines += [f"## {section.title} (`{section.id}`)", ""]
        for label, items in (("Question", quiz.questions), ("Exercise", quiz.exercises)):
            for number, question in enumerate(items, 1):
                lines += _question_entry(f"{label} {number}", question)
        for number, reflection in enumerate(quiz.reflections, 1):
            lines += [
                f"### Self-check {number} (`{reflection['id']}`)",
                "",
                reflection["prompt"],
                "",
                f"**Model answer:** {reflection['model_answer']}",
                "",
            ]
    return "\n".join(lines)


def _question_entry(title: str, question: Question) -> list[str]:
    return [
        f"### {title} (`{question['id']}`, {question['type']})",
        "",
        question["prompt"],
        "",
        f"**Answer:** {describe_answer(question)}",
        "",
        f"**Why:** {question['explanation']}",
        "",
        f"Sources: {', '.join(question['references'])}",
        "",
    ]

"""What instructors ask of the course data: an answer key, statistics, new-question scaffolds.

Pure functions over a loaded Course; the CLI prints what they return.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets.bank import NOTEBOOK_DIR, Course, Question
from widgets.grading import describe_answer
from widgets.readability import notebook_prose, reading_level

TYPES = ("single", "multiple", "truefalse", "numeric", "matching", "ordering")


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


def stats_frame(course: Course) -> pd.DataFrame:
    """Questions per section and type, and each section's reading grade and SMOG."""
    rows = []
    for section in course.sections:
        quiz = course.quizzes[section.id]
        counts = {kind: 0 for kind in TYPES}
        for question in quiz.questions:
            counts[question["type"]] += 1
        prose = notebook_prose(NOTEBOOK_DIR / section.notebook)
        rows.append(
            {
                "section": section.id,
                **counts,
                "questions": len(quiz.questions),
                "exercises": len(quiz.exercises),
                "self-checks": len(quiz.reflections),
                "reading grade": reading_level(prose),
                "SMOG": reading_level(prose, "SMOG"),
            }
        )
    frame = pd.DataFrame(rows)
    total = frame.drop(columns=["section", "reading grade", "SMOG"]).sum()
    return pd.concat(
        [frame, pd.DataFrame([{"section": "TOTAL", **total, "reading grade": None, "SMOG": None}])],
        ignore_index=True,
    )


def _option(option_id: str, text: str, wrong: bool) -> dict[str, str]:
    option = {
        "id": option_id,
        "text": text,
        "feedback": "TODO: explain why this is right or wrong.",
    }
    if wrong:
        option["misconception"] = "todo-name-the-misconception"
    return option


def scaffold(kind: str, question_id: str, reference: str) -> Question:
    """A question of this type that passes validation, with TODO text to replace."""
    if kind not in TYPES:
        raise ValueError(f"unknown question type {kind!r}; choose one of {', '.join(TYPES)}")
    question: dict[str, Any] = {
        "id": question_id,
        "type": kind,
        "prompt": "TODO: the question, in plain words.",
    }
    if kind in ("single", "multiple"):
        question["options"] = [
            _option("a", "TODO: the right answer", wrong=False),
            _option("b", "TODO: a wrong answer from a real misconception", wrong=True),
            _option("c", "TODO: another wrong answer", wrong=True),
        ]
        question["answer"] = "a" if kind == "single" else ["a"]
    elif kind == "truefalse":
        question |= {
            "answer": True,
            "misconception": "todo-name-the-misconception",
            "feedback": {"true": "TODO: why True is right.", "false": "TODO: why False is wrong."},
        }
    elif kind == "numeric":
        question |= {
            "answer": 0,
            "tolerance": 0,
            "unit": "%",
            "feedback": {
                "correct": "TODO: why this number.",
                "low": "TODO: a hint when the answer is too low.",
                "high": "TODO: a hint when the answer is too high.",
            },
        }
    elif kind == "matching":
        question["pairs"] = [
            {
                "id": f"p{n}",
                "prompt": f"TODO: term {n}",
                "match": f"TODO: meaning {n}",
                "feedback": "TODO: why they go together.",
            }
            for n in (1, 2, 3)
        ]
    else:
        question["items"] = [
            {"id": f"s{n}", "text": f"TODO: step {n}", "feedback": f"TODO: why step {n} is here."}
            for n in (1, 2, 3)
        ]
        question["answer"] = ["s1", "s2", "s3"]
    question |= {
        "hints": ["TODO: a hint that does not give the answer away."],
        "explanation": "TODO: the answer and why, shown after the learner asks for it.",
        "references": [reference],
    }
    return question

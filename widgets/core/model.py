"""The course as loaded: sections, quizzes, references, claims and figures (plain data).

Frozen dataclasses built by `loader.py` after validation; every layer reads them.
What they hold as it is in the YAML (a question, a reference, the crisis panel...)
has its shape in `types.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from widgets.core.types import (
    Crisis,
    GlossaryEntry,
    Question,
    Reference,
    Reflection,
    Stage,
    Tier,
    WorryCheck,
)

# A question about how the course itself works (progress, quizzes) cites the course,
# not an outside source: `references: [course]`.
COURSE_SOURCE = "course"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the course data, located for the author."""

    file: str
    item: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.item}: {self.reason}"


class BankError(ValueError):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the course data:\n{lines}")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    notebook: str
    minutes: int
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    references: tuple[str, ...]
    quiz_intro: str | None = None


@dataclass(frozen=True)
class Quiz:
    section: str
    questions: tuple[Question, ...]
    reflections: tuple[Reflection, ...]
    exercises: tuple[Question, ...] = ()

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question["id"] == question_id:
                return question
        raise KeyError(f"no question {question_id!r} in the quiz of section {self.section!r}")


@dataclass(frozen=True)
class Claim:
    """Something the course says that can go out of date, and when to re-check it.

    `line` is where it is written in claims.yaml, so a review warning can point there.
    """

    id: str
    claim: str
    sections: tuple[str, ...]
    references: tuple[str, ...]
    review_by: str
    line: int | None = None


@dataclass(frozen=True)
class Figure:
    """A figure drawn from one table at build time and shown in one section.

    `columns` names the table's columns shown as the figure's numbers, with their
    headings; `keys` maps each of its code columns to its values, in the order the
    figure draws them, and the words written for each.
    """

    id: str
    section: str
    table: str
    title: str
    alt: str
    caption: str
    columns: dict[str, str]
    keys: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Ask:
    """One asking of a before-and-after idea: a prompt and its options (id, text)."""

    prompt: str
    options: tuple[tuple[str, str], ...]
    answer: str


@dataclass(frozen=True)
class Idea:
    """A key misconception, asked before the course (section 0) and after it (section 8)
    in different words; `section` teaches it.

    Each asking has two or more parallel forms (same idea, other words and options),
    so a learner asked again does not meet the same wording. Option ids differ across
    an asking's forms, so a stored choice tells which form was shown.
    """

    id: str
    misconception: str
    section: str
    before: tuple[Ask, ...]
    after: tuple[Ask, ...]

    def forms(self, stage: Stage) -> tuple[Ask, ...]:
        return self.before if stage == "before" else self.after

    def form_of(self, stage: Stage, choice: str) -> int | None:
        """Which form of this asking offers the choice, if any does."""
        return next(
            (n for n, ask in enumerate(self.forms(stage)) if choice in dict(ask.options)),
            None,
        )

    def keys(self, stage: Stage) -> set[str]:
        """The right choice of each form of this asking."""
        return {ask.answer for ask in self.forms(stage)}


@dataclass(frozen=True)
class ReviewIdea:
    """What a learner should still hold months later, and the questions that ask it
    (from any section): the review deck's card. `prepost` names the before-and-after
    ideas it covers."""

    id: str
    title: str
    tier: Tier
    questions: tuple[str, ...]
    prepost: tuple[str, ...] = ()
    unasked: tuple[str, ...] = ()  # ids named for it that no quiz asks (a rule says so)


def references_in(cell: Any) -> list[str]:
    """The reference ids of a table's Source cell ('a; b'), in order."""
    return [ref.strip() for ref in str(cell).split(";") if ref.strip()]


def misconceptions_in(item: Any) -> list[str]:
    """Every misconception tag anywhere in a question or questions (wrong options,
    pairs, a true/false answer), in order, repeats kept."""
    if isinstance(item, dict):
        own = [item["misconception"]] if isinstance(item.get("misconception"), str) else []
        return own + [t for value in item.values() for t in misconceptions_in(value)]
    if isinstance(item, list | tuple):
        return [t for value in item for t in misconceptions_in(value)]
    return []


def cited_by(section: Section, quiz: Quiz) -> list[str]:
    """The reference ids a section's page lists: the manifest's, then its quiz's.

    One list, so the references shown, the "facts checked" month and the sources a
    figure may cite agree.
    """
    cited = list(section.references)
    for item in (*quiz.questions, *quiz.reflections):
        cited += [r for r in item.get("references", []) if r not in (*cited, COURSE_SOURCE)]
    return cited


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    version: int
    shuffle_seed: int
    crisis: Crisis
    sections: tuple[Section, ...]
    quizzes: dict[str, Quiz]
    references: dict[str, Reference]
    glossary: tuple[GlossaryEntry, ...]
    worry_check: WorryCheck
    quiz_intro: str
    claims: tuple[Claim, ...] = ()
    figures: dict[str, Figure] = field(default_factory=dict)
    ideas: tuple[Idea, ...] = ()
    review_ideas: tuple[ReviewIdea, ...] = ()
    retention: dict[Tier, float] = field(default_factory=dict)  # desired, by tier

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        known = ", ".join(s.id for s in self.sections)
        raise KeyError(f"unknown section id {section_id!r}; the course has: {known}")

    def section_label(self, section_id: str) -> str:
        """ "Section 3: Ketamine and psychedelics: not the same", as every page names it."""
        section = self.section(section_id)
        return f"Section {self.sections.index(section)}: {section.title}"

    def question_ids(self) -> dict[str, str]:
        """Every question and exercise id, with the section it is in (ids are course-wide)."""
        return {
            q["id"]: quiz.section
            for quiz in self.quizzes.values()
            for q in (*quiz.questions, *quiz.exercises)
        }

    def idea_of(self, question_id: str) -> ReviewIdea | None:
        """The review idea a quiz question asks (None for one not placed in any yet)."""
        return next((i for i in self.review_ideas if question_id in i.questions), None)

    def review_idea_covering(self, prepost_id: str) -> ReviewIdea | None:
        """The review idea whose card a before-and-after idea's later checks review."""
        return next((i for i in self.review_ideas if prepost_id in i.prepost), None)

    def quiz_intro_of(self, section_id: str) -> str:
        """The words above a section's quiz: its own, else the course's."""
        return self.section(section_id).quiz_intro or self.quiz_intro

    def neighbours(self, section_id: str) -> tuple[Section | None, Section | None]:
        """The sections before and after this one, for previous/next links."""
        ids = [s.id for s in self.sections]
        index = ids.index(self.section(section_id).id)
        before = self.sections[index - 1] if index > 0 else None
        after = self.sections[index + 1] if index + 1 < len(self.sections) else None
        return before, after

    def cited(self, section_id: str) -> list[str]:
        return cited_by(self.section(section_id), self.quizzes[section_id])

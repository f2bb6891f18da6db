"""`class-report`: what a class got right and which wrong beliefs it still holds, from
the progress files learners chose to hand in (nothing is collected otherwise).

Each file is one learner. A file that is not a progress file of this course and
version (corrupt, foreign, another version) is listed with the reason and skipped:
one bad file never stops the report.

The report leads with what needs attention (the questions most missed at the first
try, the wrong beliefs still held, sure but wrong, the questions that may not measure
well), then the before-and-after check with each idea's gain, then every question
someone answered with its item analysis (facility, discrimination, flags) and the
options chosen at the first try; a question no one answered is only counted. The
statistics are `item_analysis`'s; this module reads the files, counts, and draws. The
terminal and the page are made from the same blocks, so they say the same in the same
order (the page folds the long lists away).
"""

from __future__ import annotations

import html
import json
import textwrap
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from widgets.authoring.item_analysis import (
    LIMITS,
    Estimate,
    Flag,
    discrimination,
    facility,
    item_flags,
    normalized_gain,
    unchosen,
)
from widgets.core.confidence import SURE
from widgets.core.grading import AnswerError
from widgets.core.later_check import LATER_CHECKS, later_outcomes
from widgets.core.model import Course, Idea, ReviewIdea, Section, misconceptions_in
from widgets.core.prepost import RIGHT, UNANSWERED, Change, changes, compared
from widgets.core.progress_doc import ProgressError, parse_progress
from widgets.core.question_types import grade
from widgets.core.review_schedule import deck, predictions
from widgets.core.types import Question

TOP = 5  # rows in each list of what needs attention: a class's agenda, not the data
PROMPT_WIDTH = 90  # characters of a prompt shown, cut at a word


@dataclass(frozen=True)
class ClassFiles:
    documents: list[dict[str, Any]]
    skipped: list[tuple[str, str]]  # (file name, why)


def read_folder(folder: Path, course: Course) -> ClassFiles:
    """Every progress file in the folder (not its subfolders or hidden files), each
    learner once (see `_one_per_learner`)."""
    named, skipped = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            text = path.read_text(encoding="utf-8")
            named.append((path.name, parse_progress(text, course, strict=True)))
        except UnicodeDecodeError:
            skipped.append((path.name, "not a text file"))
        except OSError as error:
            skipped.append((path.name, f"could not be read ({error.strerror})"))
        except ProgressError as error:
            skipped.append((path.name, str(error)))
    kept, copies = _one_per_learner(named)
    return ClassFiles([doc for _, doc in kept], skipped + copies)


def _answered(document: dict[str, Any]) -> int:
    return sum(len(items) for parts in document["sections"].values() for items in parts.values())


def _one_per_learner(
    named: list[tuple[str, dict[str, Any]]],
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str]]]:
    """One file per learner: a learner who handed in twice (`bob.json` and `bob (1).json`,
    as an LMS names a second upload) is counted once, from the copy with the most
    answers; the others are listed. A learner is the anonymous id the browser made with
    their progress; a file too old to have one is a copy only when it is the same."""
    by_learner: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, doc in named:
        key = doc.get("learner") or json.dumps(doc, sort_keys=True)
        by_learner.setdefault(key, []).append((name, doc))
    kept, copies = [], []
    for group in by_learner.values():
        # The fullest copy; of equal ones, the shortest name (bob.json, not bob (1).json).
        best = max(group, key=lambda pair: (_answered(pair[1]), -len(pair[0])))
        kept.append(best)
        copies += [
            (name, f"another copy from the same learner as {best[0]}: counted once")
            for name, _ in group
            if name != best[0]
        ]
    return kept, copies


def _states(documents: list[dict[str, Any]], section: str, qid: str) -> list[dict[str, Any]]:
    return [
        state
        for doc in documents
        if (state := doc["sections"].get(section, {}).get("questions", {}).get(qid))
        and state["tries"] > 0
    ]


def _shown(question: Question, state: dict[str, Any]) -> tuple[str, ...]:
    """The misconceptions the learner's last checked answer shows."""
    try:
        return grade(question, state["answer"]).misconceptions if "answer" in state else ()
    except (AnswerError, TypeError, ValueError, KeyError):
        return ()


@dataclass(frozen=True)
class QuestionTally:
    """One question over the class. Files saved before first tries were kept count as
    tried with no first try, so `first_tries` can be fewer than `tried`."""

    section: Section
    question: Question
    tried: int
    first_tries: int
    first_right: int
    sure_but_wrong: int  # at the first try
    discrimination: Estimate  # against the learners' first tries at the other questions

    @property
    def first_missed(self) -> int:
        return self.first_tries - self.first_right

    @property
    def facility(self) -> Estimate:
        return facility(self.first_right, self.first_tries)

    @property
    def flags(self) -> tuple[Flag, ...]:
        return item_flags(self.facility, self.discrimination)


QuestionKey = tuple[str, str]  # (section id, question id)


def _first_tries(course: Course, document: dict[str, Any]) -> dict[QuestionKey, bool]:
    """One learner's first tries, right or not, by question."""
    found = {}
    for section in course.sections:
        for qid, state in document["sections"].get(section.id, {}).get("questions", {}).items():
            if state["tries"] > 0 and "first_try" in state:
                found[(section.id, qid)] = bool(state["first_try"]["correct"])
    return found


def question_tallies(course: Course, documents: list[dict[str, Any]]) -> list[QuestionTally]:
    """Every question of the course, in its order, answered or not."""
    results = [_first_tries(course, document) for document in documents]
    tallies = []
    for section in course.sections:
        for question in course.quizzes[section.id].questions:
            states = _states(documents, section.id, question["id"])
            firsts = [s["first_try"] for s in states if "first_try" in s]
            tallies.append(
                QuestionTally(
                    section,
                    question,
                    tried=len(states),
                    first_tries=len(firsts),
                    first_right=sum(f["correct"] for f in firsts),
                    sure_but_wrong=sum(
                        not f["correct"] and f.get("confidence") == SURE for f in firsts
                    ),
                    discrimination=discrimination((section.id, question["id"]), results),
                )
            )
    return tallies


@dataclass(frozen=True)
class OptionCount:
    """One option of a choice question (True and False for a true-or-false one), over the
    first answers known for it."""

    id: str
    text: str
    right: bool  # the answer, or one of them
    misconception: str | None  # what choosing it shows, for a wrong option
    chosen: int  # first answers that chose it
    sure: int  # of them, said "sure"
    answers: int  # first answers known for the question

    @property
    def unchosen(self) -> bool:
        return unchosen(self.chosen, self.answers)


@dataclass(frozen=True)
class OptionsTally:
    """Which options a class chose at the first try. Files saved before the first try's
    answer was kept give it only when the learner checked once (then the last answer is
    the first, `from_last`); a changed answer of theirs is `not_kept`, not counted."""

    section: Section
    question: Question
    answers: int
    from_last: int
    not_kept: int
    options: tuple[OptionCount, ...]

    @property
    def unchosen(self) -> list[OptionCount]:
        return [o for o in self.options if o.unchosen]


CHOICE_TYPES = ("single", "multiple", "truefalse")


@dataclass(frozen=True)
class _Offered:
    value: Any  # as an answer holds it: an option id, or True or False
    id: str
    text: str
    right: bool
    misconception: str | None


def _offered(question: Question) -> list[_Offered]:
    if question["type"] == "truefalse":
        key, tag = question["answer"], question["misconception"]
        return [
            _Offered(v, str(v).lower(), str(v), v == key, None if v == key else tag)
            for v in (True, False)
        ]
    if question["type"] == "single":
        keys, options = [question["answer"]], question["options"]
    elif question["type"] == "multiple":
        keys, options = question["answer"], question["options"]
    else:
        return []
    return [
        _Offered(o["id"], o["id"], o["text"], o["id"] in keys, o.get("misconception"))
        for o in options
    ]


@dataclass(frozen=True)
class _FirstAnswer:
    answer: Any
    confidence: str | None
    from_last: bool  # an older file's only answer, checked once


def _first_answer(state: dict[str, Any]) -> _FirstAnswer | None:
    """The answer first checked and how sure the learner was, if it is known."""
    first = state.get("first_try")
    if first is not None and "answer" in first:
        return _FirstAnswer(first["answer"], first.get("confidence"), from_last=False)
    if state["tries"] == 1 and "answer" in state:
        sure = first.get("confidence") if first is not None else state.get("confidence")
        return _FirstAnswer(state["answer"], sure, from_last=True)
    return None


def _chosen(question: Question, answer: Any, values: list[Any]) -> set[Any] | None:
    """The option values an answer chose, or None when it is not one of this question's."""
    if question["type"] == "multiple":
        ok = isinstance(answer, list) and answer and all(a in values for a in answer)
        return set(answer) if ok else None
    if question["type"] == "truefalse" and not isinstance(answer, bool):
        return None  # (1 == True: a number is not a true-or-false answer)
    return {answer} if answer in values else None


def options_tally(
    section: Section, question: Question, states: list[dict[str, Any]]
) -> OptionsTally:
    """One choice question's options over the learners' states (each tried)."""
    offered = _offered(question)
    values = [o.value for o in offered]
    known: list[tuple[set[Any], str | None]] = []  # (the values chosen, how sure)
    from_last = not_kept = 0
    for state in states:
        first = _first_answer(state)
        chosen = _chosen(question, first.answer, values) if first else None
        if first is None or chosen is None:
            not_kept += 1
            continue
        known.append((chosen, first.confidence))
        from_last += first.from_last
    counts = tuple(
        OptionCount(
            o.id,
            o.text,
            o.right,
            o.misconception,
            chosen=sum(o.value in chosen for chosen, _ in known),
            sure=sum(o.value in chosen and sure == SURE for chosen, sure in known),
            answers=len(known),
        )
        for o in offered
    )
    return OptionsTally(section, question, len(known), from_last, not_kept, counts)


def option_tallies(course: Course, documents: list[dict[str, Any]]) -> list[OptionsTally]:
    """Every choice question someone answered, in the course's order."""
    found = []
    for section in course.sections:
        for question in course.quizzes[section.id].questions:
            states = _states(documents, section.id, question["id"])
            if question["type"] in CHOICE_TYPES and states:
                found.append(options_tally(section, question, states))
    return found


@dataclass(frozen=True)
class BeliefTally:
    """One misconception tag, counted over answers: one learner's, at one question that
    tests it."""

    tag: str
    tried: int
    still_shown: int  # last answers that still show it
    of_them_sure: int

    def __add__(self, other: BeliefTally) -> BeliefTally:
        return BeliefTally(
            self.tag,
            self.tried + other.tried,
            self.still_shown + other.still_shown,
            self.of_them_sure + other.of_them_sure,
        )


def belief_tallies(course: Course, documents: list[dict[str, Any]]) -> list[BeliefTally]:
    """Every tag the course's questions test, by name, tried or not."""
    found: dict[str, BeliefTally] = {}
    for section in course.sections:
        for question in course.quizzes[section.id].questions:
            states = _states(documents, section.id, question["id"])
            for tag in set(misconceptions_in(question)):
                holding = [s for s in states if tag in _shown(question, s)]
                here = BeliefTally(
                    tag,
                    tried=len(states),
                    still_shown=len(holding),
                    of_them_sure=sum(s.get("confidence") == SURE for s in holding),
                )
                found[tag] = found[tag] + here if tag in found else here
    return [found[tag] for tag in sorted(found)]


@dataclass(frozen=True)
class IdeaTally:
    """One before-and-after idea: each learner's `Change` (core/prepost.py), counted."""

    idea: Idea
    section: Section  # the one that teaches it
    answered_before: int
    right_before: int
    answered_after: int
    right_after: int
    learned: int
    still_unsure: int
    still_held: int
    gain: Estimate  # Hake's, over the learners who answered both askings
    later: dict[str, tuple[int, int]]  # by later check: right, answered


@dataclass(frozen=True)
class ReviewTally:
    """One review idea across the class: the reviews done in the deck, how many were
    right, and how many FSRS expected to be right (the mean of its predictions)."""

    idea: ReviewIdea
    learners: int  # who reviewed it in the deck at least once
    reviews: int
    recalled: int
    predicted: float  # expected number right: the sum of FSRS's chances


def counted_prepost(course: Course, document: dict[str, Any]) -> dict[str, Any]:
    """The learner's before-and-after answers as the report counts them: the "after"
    ones only once the learner fixed them (until then they may still change, and the
    learner's own summary shows nothing either)."""
    answers = document.get("prepost", {})
    if compared(course, document):
        return document
    return {**document, "prepost": {k: v for k, v in answers.items() if k != "after"}}


def idea_tallies(course: Course, documents: list[dict[str, Any]]) -> list[IdeaTally]:
    """Every idea, in the course's order."""
    found = [changes(course, counted_prepost(course, document)) for document in documents]
    return [
        _idea_tally(
            idea,
            course.section(idea.section),
            [learner[n] for learner in found],
            [later_outcomes(idea, document) for document in documents],
        )
        for n, idea in enumerate(course.ideas)
    ]


def review_tallies(course: Course, documents: list[dict[str, Any]]) -> list[ReviewTally]:
    """Every review idea, in the course's order, from each learner's own history."""
    by_idea: dict[str, list[list[tuple[float, bool]]]] = {i.id: [] for i in course.review_ideas}
    for document in documents:
        last = _last_day(document)
        for card in deck(document, course, last) if last else []:
            if seen := predictions(card):
                by_idea[card.idea.id].append(seen)
    return [
        ReviewTally(
            idea,
            learners=len(by_idea[idea.id]),
            reviews=sum(len(seen) for seen in by_idea[idea.id]),
            recalled=sum(right for seen in by_idea[idea.id] for _, right in seen),
            predicted=sum(chance for seen in by_idea[idea.id] for chance, _ in seen),
        )
        for idea in course.review_ideas
    ]


def _last_day(document: dict[str, Any]) -> date | None:
    """The learner's last day of review in the file, their deck's or a later check's
    (the report has no "today" of theirs; answers with no day count on it, after every
    review). None: nothing was reviewed, so there is nothing to predict."""
    later = document.get("prepost", {}).get("later", {})
    days = [e["day"] for entries in document.get("review", {}).values() for e in entries]
    days += [answer["day"] for checks in later.values() for answer in checks.values()]
    return date.fromisoformat(max(days)) if days else None


def _idea_tally(
    idea: Idea, section: Section, seen: list[Change], later: list[dict[str, str]]
) -> IdeaTally:
    both = [c for c in seen if UNANSWERED not in (c.before, c.after)]
    return IdeaTally(
        idea,
        section,
        answered_before=sum(c.before != UNANSWERED for c in seen),
        right_before=sum(c.before == RIGHT for c in seen),
        answered_after=sum(c.after != UNANSWERED for c in seen),
        right_after=sum(c.after == RIGHT for c in seen),
        learned=sum(c.learned for c in seen),
        still_unsure=sum(c.still_unsure for c in seen),
        still_held=sum(c.still_held for c in seen),
        gain=normalized_gain([(c.before == RIGHT, c.after == RIGHT) for c in both]),
        later={
            name: (
                sum(results.get(name) == RIGHT for results in later),
                sum(name in results for results in later),
            )
            for name in LATER_CHECKS
        },
    )


@dataclass(frozen=True)
class ClassReport:
    """What a folder of progress files says, counted; the terminal and the page show it."""

    files: ClassFiles
    questions: list[QuestionTally]
    beliefs: list[BeliefTally]
    ideas: list[IdeaTally]
    options: list[OptionsTally]
    reviews: list[ReviewTally]

    @property
    def answered(self) -> list[QuestionTally]:
        return [q for q in self.questions if q.tried]

    @property
    def most_missed(self) -> list[QuestionTally]:
        """The most misses at the first try first; of equal counts, the lower share right
        (so a question one learner reached and missed is not the class's worst)."""
        missed = [q for q in self.questions if q.first_missed]
        return sorted(missed, key=lambda q: (-q.first_missed, q.first_right / q.first_tries))

    @property
    def sure_but_wrong(self) -> list[QuestionTally]:
        return sorted(
            (q for q in self.questions if q.sure_but_wrong), key=lambda q: -q.sure_but_wrong
        )

    @property
    def tested(self) -> list[BeliefTally]:
        return [b for b in self.beliefs if b.tried]

    @property
    def still_held(self) -> list[BeliefTally]:
        """Most still shown first; of equal counts, more of them sure."""
        held = [b for b in self.beliefs if b.still_shown]
        return sorted(held, key=lambda b: (-b.still_shown, -b.of_them_sure))

    def unchosen(self, question: QuestionTally) -> list[OptionCount]:
        """The question's options no one chose at the first try (of enough answers)."""
        qid = question.question["id"]
        return next((o.unchosen for o in self.options if o.question["id"] == qid), [])

    @property
    def flagged(self) -> list[QuestionTally]:
        """The questions that may not measure well: the worst flag first (the weaker
        learners doing better, then not telling learners apart, too hard, an option no
        one chose, too easy), then the lower discrimination."""
        order = [Flag.NEGATIVE, Flag.NOT_DISCRIMINATING, Flag.TOO_HARD, None, Flag.TOO_EASY]

        def worst(q: QuestionTally) -> int:
            return min(order.index(f) for f in (*q.flags, *([None] if self.unchosen(q) else [])))

        found = [q for q in self.questions if q.flags or self.unchosen(q)]
        return sorted(found, key=lambda q: (worst(q), q.discrimination.value or 0.0))

    @property
    def beliefs_by_tag(self) -> dict[str, BeliefTally]:
        return {b.tag: b for b in self.beliefs}


def tally(course: Course, files: ClassFiles) -> ClassReport:
    """Every count the report shows, made once for the terminal and the page."""
    documents = files.documents
    return ClassReport(
        files,
        question_tallies(course, documents),
        belief_tallies(course, documents),
        idea_tallies(course, documents),
        option_tallies(course, documents),
        review_tallies(course, documents),
    )


# --- what the report says, in order: blocks that the terminal and the page both show ----


@dataclass(frozen=True)
class Share:
    """`part` of `whole`, always written in numbers; the page draws a bar beside them.
    Of too few (`LIMITS.min_share`), no percentage and no bar: the counts only."""

    part: int
    whole: int

    def __str__(self) -> str:
        if not self.whole:
            return "no answers"
        if not self.enough:
            return f"{self.part} of {self.whole} (too few learners for a percentage)"
        return f"{self.part} of {self.whole} ({self.percent}%)"

    @property
    def enough(self) -> bool:
        return self.whole >= LIMITS.min_share

    @property
    def percent(self) -> int:
        return round(100 * self.part / self.whole) if self.whole else 0


@dataclass(frozen=True)
class Label:
    """What a row is about: a prompt (cut short), its id, and where it is taught."""

    text: str
    id: str
    where: str = ""


@dataclass(frozen=True)
class Gain:
    """An idea's normalized gain and its 95% interval, or why there is none; the page
    keeps the figure and the interval each on one line."""

    estimate: Estimate

    @property
    def parts(self) -> tuple[str, ...]:
        found = self.estimate
        if found.value is None:
            return (_missing(found),)
        if found.low is None or found.high is None:
            return (f"{found.value:.2f}", f"({found.missing})")
        return (f"{found.value:.2f}", f"({found.low:.2f} to {found.high:.2f})")

    def __str__(self) -> str:
        return " ".join(self.parts)


Cell = str | int | Share | Label | Gain


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Listing:
    """A table under its own small heading; `empty` is said instead of a table with no
    rows. The first column is what each row is about."""

    heading: str
    intro: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    empty: str = ""


@dataclass(frozen=True)
class Folded:
    """Shown in full in the terminal, folded under its summary on the page."""

    summary: str
    blocks: list[Listing]


Block = Heading | Paragraph | Bullets | Listing | Folded


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _short(prompt: str) -> str:
    return textwrap.shorten(prompt, PROMPT_WIDTH, placeholder=" …")


def _question(tally: QuestionTally, *, where: bool = True) -> Label:
    section = tally.section.title if where else ""
    return Label(_short(tally.question["prompt"]), tally.question["id"], section)


def report_blocks(report: ClassReport) -> list[Block]:
    """The whole report, in the order an instructor reads it."""
    if not report.files.documents:
        return [Paragraph("No learner's progress file is in the folder."), *_skipped(report.files)]
    return [
        Paragraph(_read(report.files)),
        Heading("Needs attention"),
        *_attention(report),
        Heading("Before and after"),
        *_before_after(report),
        Heading("Reviews by idea"),
        *_reviews(report),
        Heading(EVERY_QUESTION),
        *_every_question(report),
        *_skipped(report.files),
    ]


def _read(files: ClassFiles) -> str:
    counted = f"{_count(len(files.documents), 'learner')} counted (one progress file each)"
    if not files.skipped:
        return f"{counted}."
    return f"{counted}; {_count(len(files.skipped), 'file')} not counted, listed at the end."


EVERY_QUESTION = "Every answered question"


def _attention(report: ClassReport) -> list[Block]:
    missed, held, sure = report.most_missed, report.still_held, report.sure_but_wrong
    return [
        _first_rows(
            Listing(
                "Most missed at the first try",
                "The questions the most learners got wrong at their first try.",
                ("Question", "Right at the first try", "Sure but wrong"),
                [
                    (_question(q), Share(q.first_right, q.first_tries), q.sure_but_wrong)
                    for q in missed
                ],
                "No one missed a question at their first try.",
            )
        ),
        _first_rows(_still_held(held)),
        *_not_held(len(report.tested) - len(held)),
        _first_rows(
            Listing(
                "Sure but wrong",
                "Wrong at the first try while saying they were sure: a belief held firmly, "
                "the hardest to change.",
                ("Question", "Sure but wrong at the first try"),
                [(_question(q), Share(q.sure_but_wrong, q.first_tries)) for q in sure],
                "No one was sure of a wrong first answer.",
            )
        ),
        _first_rows(_flagged(report)),
    ]


def _index(found: Estimate) -> str:
    """A discrimination index, or why there is none."""
    if found.value is None:
        return _missing(found)
    return f"{found.value:+.2f}"


def _missing(found: Estimate) -> str:
    return f"too few learners (n={found.n})" if found.too_few else found.missing


def _flag_words(flag: Flag) -> str:
    """A flag with the threshold it crossed."""
    return {
        Flag.TOO_EASY: f"too easy (over {LIMITS.too_easy:.0%} right)",
        Flag.TOO_HARD: f"too hard (under {LIMITS.too_hard:.0%} right)",
        Flag.NOT_DISCRIMINATING: f"does not tell learners apart (index under "
        f"{LIMITS.discriminating:.2f})",
        Flag.NEGATIVE: "the weaker learners did better (a negative index)",
    }[flag]


def _why(report: ClassReport, q: QuestionTally) -> str:
    said = [_flag_words(f) for f in q.flags]
    nobody = report.unchosen(q)
    if nobody:
        said.append(f"{_count(len(nobody), 'option')} no one chose")
    return "; ".join(said)


def _flagged(report: ClassReport) -> Listing:
    enough = any(
        q.facility.value is not None or q.discrimination.value is not None for q in report.questions
    )
    return Listing(
        "Questions that may not measure well",
        "Right or wrong at the first try says little about what a learner knows when "
        "nearly all or nearly none get it right, when the learners who did well on the "
        "other questions do no better on it, or when an option draws no one. Check the "
        "key and the wording. The weaker learners doing better first.",
        ("Question", "Right at the first try", "Discrimination", "Why"),
        [
            (
                _question(q),
                Share(q.first_right, q.first_tries),
                _index(q.discrimination),
                _why(report, q),
            )
            for q in report.flagged
        ],
        "No question is flagged."
        if enough
        else f"Too few learners for these figures yet (at least {LIMITS.min_share} for a "
        f"share right, {LIMITS.min_discrimination} for a discrimination index, "
        f"{LIMITS.min_unchosen} for an option no one chose).",
    )


def _not_held(others: int) -> list[Block]:
    """The misconceptions tested that no last answer shows: counted, not listed."""
    if not others:
        return []
    them = _count(others, "other misconception")
    return [Paragraph(f"No learner's last answer shows the {them} the answered questions test.")]


def _still_held(held: list[BeliefTally]) -> Listing:
    return Listing(
        "Wrong beliefs still held",
        "The misconceptions (the tags of wrong options) that learners' last answers "
        "still show: the ones to go over in class.",
        ("Misconception", "Still in last answers", "Of them sure"),
        [(b.tag, Share(b.still_shown, b.tried), b.of_them_sure) for b in held],
        "No learner's last answer shows a misconception.",
    )


def _first_rows(listing: Listing) -> Listing:
    """The listing's first `TOP` rows; every row is under `EVERY_QUESTION`."""
    if len(listing.rows) <= TOP:
        return listing
    more = f" The first {TOP} of {len(listing.rows)}; all are under “{EVERY_QUESTION}”."
    return replace(listing, intro=listing.intro + more, rows=listing.rows[:TOP])


def _sure_in_quiz(report: ClassReport, tag: str) -> Cell:
    belief = report.beliefs_by_tag.get(tag)
    if belief is None or not belief.tried:
        return "not asked in the quiz yet"
    return Share(belief.of_them_sure, belief.tried)


def _before_after(report: ClassReport) -> list[Block]:
    ideas = report.ideas
    if not any(i.answered_before or i.answered_after for i in ideas):
        return [Paragraph("No one has answered the before-and-after check yet.")]
    rows: list[tuple[Cell, ...]] = [
        (
            Label(i.idea.misconception, i.idea.id, i.section.title),
            Share(i.right_before, i.answered_before),
            Share(i.right_after, i.answered_after),
            Gain(i.gain),
            i.learned,
            i.still_unsure,
            i.still_held,
            *(Share(*i.later[name]) for name in LATER_CHECKS),
            _sure_in_quiz(report, i.idea.misconception),
        )
        for i in sorted(ideas, key=lambda i: -i.still_held)
    ]
    return [
        Listing(
            "",
            "The key misconceptions, asked at the start of the course and again at the "
            "end in other words. Learned: not right at the start (wrong, or “I don't know "
            "yet”), right at the end. Still unsure: “I don't know yet” at the end. Still held: "
            "wrong at the end. The end counts once a learner has fixed their answers. Right "
            "after a week or a month: the later checks in the review deck, asked in words "
            "the learner had not seen. Most still held first.",
            (
                "Misconception (idea)",
                "Right before",
                "Right after",
                "Gain (95% interval)",
                "Learned",
                "Still unsure",
                "Still held",
                *(f"Right {check.label.lower()}" for check in LATER_CHECKS.values()),
                "Sure of it in the quiz",
            ),
            rows,
        ),
        Paragraph(
            "Gain: Hake's normalized gain, (after - before) / (1 - before), over the shares "
            "right of the learners who answered both; 1 is everyone who could learn it did, "
            "0 is no change. The interval is a bootstrap over learners (95%, "
            f"{LIMITS.resamples} resamples, a fixed seed: the same files give the same "
            f"interval); with fewer than {LIMITS.min_share} learners it is not given. The "
            "before-and-after check asks how sure only from December 2026 (older files do "
            "not say), so the last column says it from the quiz: of the "
            "last answers to the quiz's questions that test the same misconception, those "
            "that still show it and were “sure”."
        ),
    ]


def _reviews(report: ClassReport) -> list[Block]:
    done = [r for r in report.reviews if r.reviews]
    if not done:
        return [Paragraph("No one has done a review in the deck yet.")]
    rows: list[tuple[Cell, ...]] = [
        (
            Label(r.idea.title, r.idea.id, r.idea.tier),
            r.learners,
            r.reviews,
            Share(r.recalled, r.reviews),
            Share(round(r.predicted), r.reviews),  # (the same rule for too few)
        )
        for r in sorted(done, key=lambda r: r.recalled / r.reviews - r.predicted / r.reviews)
    ]
    return [
        Listing(
            "",
            "The ideas the review deck brings back, with the reviews learners did when an "
            "idea came due, and how many were right beside how many FSRS expected (the "
            "mean of its chance, just before each review, that the learner would get it "
            "right). Right well below expected: the idea fades faster than the schedule "
            "assumes, so teach it again or ask it better. Furthest below first.",
            ("Idea (tier)", "Learners", "Reviews", "Right", "Expected right"),
            rows,
        )
    ]


def _every_question(report: ClassReport) -> list[Block]:
    answered, held = report.answered, report.still_held
    said = Paragraph(_how_many_answered(report.questions))
    if not answered:
        return [said]
    every = f"The {_count(len(answered), 'answered question')}, by section"
    beliefs = f"The {_count(len(held), 'wrong belief')} still held"
    return [
        said,
        Paragraph(HOW_TO_READ),
        Folded(every, _by_section(report)),
        *_options(report),
        *([Folded(beliefs, [replace(_still_held(held), heading="", intro="")])] if held else []),
    ]


HOW_TO_READ = (
    "Facility: the share right at the first try (later tries follow the feedback). "
    "Discrimination: the upper-lower index, the share right among the 27% of learners "
    "who did best at their first tries of the other questions they answered, minus the "
    "share right among the 27% who did worst; from -1 to +1, 0.4 and more is very good, "
    f"under {LIMITS.discriminating:.2f} poor, and below 0 the weaker learners did better "
    "(check the key). Flags: "
    + "; ".join(_flag_words(f) for f in Flag)
    + f". A share needs {LIMITS.min_share} learners, an index "
    f"{LIMITS.min_discrimination}; with fewer, the report says “too few learners”."
)


def _how_many_answered(questions: list[QuestionTally]) -> str:
    """Questions no one answered are counted once, by section, never listed."""
    answered = sum(q.tried > 0 for q in questions)
    said = f"{answered} of {_count(len(questions), 'question')} answered by someone."
    untried = Counter(q.section.title for q in questions if not q.tried)
    if untried:
        where = ", ".join(f"{n} in {title}" for title, n in untried.items())
        said += f" {_count(untried.total(), 'question')} no one has answered yet: {where}."
    return said


def _by_section(report: ClassReport) -> list[Listing]:
    grouped: dict[str, list[QuestionTally]] = {}
    for q in report.answered:
        grouped.setdefault(q.section.title, []).append(q)
    columns = (
        "Question",
        "Tried",
        "Facility (right at the first try)",
        "Discrimination",
        "Sure but wrong",
        "Flags",
    )
    return [
        Listing(
            title,
            "",
            columns,
            [
                (
                    _question(q, where=False),
                    q.tried,
                    Share(q.first_right, q.first_tries),
                    _index(q.discrimination),
                    q.sure_but_wrong,
                    _why(report, q) or "none",
                )
                for q in questions
            ],
        )
        for title, questions in grouped.items()
    ]


def _options(report: ClassReport) -> list[Block]:
    """For each choice question someone answered, its options at the first try, folded
    by section."""
    if not report.options:
        return []
    grouped: dict[str, list[OptionsTally]] = {}
    for tally_ in report.options:
        grouped.setdefault(tally_.section.title, []).append(tally_)
    return [
        Paragraph(_options_read(report.options)),
        *(
            Folded(
                f"Options chosen at the first try: {title}", [_option_listing(o) for o in tallies]
            )
            for title, tallies in grouped.items()
        ),
    ]


def _options_read(options: list[OptionsTally]) -> str:
    said = (
        "Options: how many learners chose each at their first try, how many of them "
        "were “sure”, and the misconception a wrong option shows (of a choice of several, "
        "a learner may choose more than one). An option no one chose, of "
        f"{LIMITS.min_unchosen} first answers or more, is flagged: it draws no one, so it "
        "tests nothing."
    )
    from_last = sum(o.from_last for o in options)
    not_kept = sum(o.not_kept for o in options)
    if from_last or not_kept:
        said += (
            " Some files are older than the first try's answer: where the learner checked "
            f"once, that answer is counted ({_count(from_last, 'answer')}); where they "
            f"changed it, the first is not known and not counted ({_count(not_kept, 'answer')})."
        )
    return said


def _option_listing(options: OptionsTally) -> Listing:
    q = options.question
    not_known = f" {_count(options.not_kept, 'first answer')} not known (older files)."
    return Listing(
        f"{q['id']}: {_short(q['prompt'])}",
        f"{_count(options.answers, 'first answer')}." + (not_known if options.not_kept else ""),
        ("Option", "Chosen at the first try", "Of them sure", "Shows", "Flag"),
        [
            (
                Label(_short(o.text), o.id),
                Share(o.chosen, o.answers),
                o.sure,
                "(the answer)" if o.right else (o.misconception or ""),
                "no one chose it" if o.unchosen else "",
            )
            for o in options.options
        ],
    )


def _skipped(files: ClassFiles) -> list[Block]:
    if not files.skipped:
        return []
    return [
        Heading("Files not counted"),
        Bullets([f"{name}: {why}" for name, why in files.skipped]),
    ]


# --- the terminal -------------------------------------------------------------------------


def report_text(report: ClassReport) -> str:
    lines = ["Class report", *(_text(block) for block in report_blocks(report))]
    return "\n".join(lines) + "\n"


def _text(block: Block) -> str:
    match block:
        case Heading(text):
            return f"\n{text}\n{'=' * len(text)}"
        case Paragraph(text):
            return text
        case Bullets(items):
            return "\n".join(f"  {item}" for item in items)
        case Folded(summary, blocks):
            return "\n".join([f"\n{summary}", *(_text(b) for b in blocks)])
        case Listing():
            return _text_listing(block)


def _text_listing(listing: Listing) -> str:
    """Numbers first, in padded columns, and what the row is about last (it is long)."""
    lines = [f"\n{listing.heading}"] if listing.heading else [""]
    lines += [f"  {listing.intro.strip()}"] if listing.intro else []
    if not listing.rows:
        return "\n".join([*lines, f"  {listing.empty}"])
    cells = [listing.columns, *(tuple(_text_cell(c) for c in row) for row in listing.rows)]
    table = [(*row[1:], row[0]) for row in cells]
    widths = [max(len(row[n]) for row in table) for n in range(len(table[0]) - 1)]
    lines += [
        "  " + "  ".join([*(c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)), row[-1]])
        for row in table
    ]
    return "\n".join(lines)


def _text_cell(cell: Cell) -> str:
    match cell:
        case Label(text, ident, where):
            return f"{ident}: {text}" + (f" ({where})" if where else "")
        case _:
            return str(cell)


# --- the page -----------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light dark; --text: #1a1a1a; --muted: #4d4d4d; --line: #8a8a8a;
  --bar: #1a5fb4; --back: #ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --text: #ebebeb; --muted: #c4c4c4; --line: #767676; --bar: #78aeed;
    --back: #1b1b1b; }
}
body { font: 16px/1.5 system-ui, sans-serif; color: var(--text); background: var(--back);
  max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--line); }
h3 { margin: 1.5rem 0 0.25rem; }
p { margin: 0.25rem 0 0.75rem; max-width: 50rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }
th:first-child { min-width: 13rem; }
html { background: var(--back); }
td { overflow-wrap: anywhere; }
.share, .figure { white-space: nowrap; }
.where { display: block; color: var(--muted); font-size: 0.875rem; }
.bar { display: inline-block; height: 0.8em; background: var(--bar); }
details { margin: 0.75rem 0; }
details h3 { font-size: 1rem; }
summary { cursor: pointer; font-weight: 600; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; }
  table, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { border-top: 1px solid var(--line); padding: 0.4rem 0; }
  td { display: inline-block; border: 0; padding: 0.1rem 1rem 0.1rem 0; }
  td:first-child { display: block; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
"""


def report_html(report: ClassReport) -> str:
    """The same report as a page: bars beside the numbers, long lists folded, and on a
    narrow screen each table row stacked with its column names."""
    body = "\n".join(_html(block) for block in report_blocks(report))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report</title>
<style>{STYLE}</style></head><body>
<h1>Class report</h1>
{body}
</body></html>
"""


def _html(block: Block) -> str:
    match block:
        case Heading(text):
            return f"<h2>{html.escape(text)}</h2>"
        case Paragraph(text):
            return f"<p>{html.escape(text)}</p>"
        case Bullets(items):
            return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"
        case Folded(summary, blocks):
            inner = "\n".join(_html(b) for b in blocks)
            return f"<details><summary>{html.escape(summary)}</summary>\n{inner}\n</details>"
        case Listing():
            return _html_listing(block)


def _html_listing(listing: Listing) -> str:
    said = [f"<h3>{html.escape(listing.heading)}</h3>"] if listing.heading else []
    said += [f"<p>{html.escape(listing.intro)}</p>"] if listing.intro else []
    if not listing.rows:
        return "\n".join([*said, f"<p>{html.escape(listing.empty)}</p>"])
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in listing.columns)
    labels = ["", *(f' data-label="{html.escape(c)}"' for c in listing.columns[1:])]
    rows = "".join(
        "<tr>"
        + "".join(
            # (an empty cell names no column on a narrow screen, where it is not seen)
            f"<td{a if c != '' else ''}>{_html_cell(c)}</td>"
            for a, c in zip(labels, row, strict=True)
        )
        + "</tr>"
        for row in listing.rows
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return "\n".join([*said, f'<div class="table">{table}</div>'])


def _html_cell(cell: Cell) -> str:
    match cell:
        case Share() if cell.enough:
            width = f"width:{cell.percent * 0.04:g}rem"  # 4rem is everyone
            bar = f'<span class="bar" style="{width}" aria-hidden="true"></span>'
            return f'<span class="share">{bar} {cell}</span>'
        case Label(text, ident, where):
            place = f" · {html.escape(where)}" if where else ""
            code = f"<code>{html.escape(ident)}</code>"
            return f'{html.escape(text)}<span class="where">{code}{place}</span>'
        case Gain():
            return " ".join(f'<span class="figure">{html.escape(p)}</span>' for p in cell.parts)
        case _:
            return html.escape(str(cell))

"""Item analysis for instructors (`class-report`): the statistics on their own, then on a
simulated class whose item behaviour is known, so each figure is checked against the
truth it estimates."""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from widgets.authoring.class_report import ClassReport, read_folder, tally
from widgets.authoring.item_analysis import (
    LIMITS,
    Flag,
    discrimination,
    facility,
    item_flags,
    normalized_gain,
    unchosen,
    upper_lower_index,
)
from widgets.core.grading import AnswerError
from widgets.core.model import Course, Idea
from widgets.core.prepost import DONT_KNOW, RIGHT, known_choices, outcome
from widgets.core.question_types import grade
from widgets.core.types import Question

# --- the statistics -----------------------------------------------------------------------


def test_facility_is_the_share_right_at_the_first_try():
    found = facility(9, 10)
    assert (found.value, found.n) == (0.9, 10)


def test_facility_is_withheld_below_the_smallest_class_that_means_something():
    few = LIMITS.min_share - 1
    found = facility(1, few)
    assert found.value is None and found.n == few and found.too_few


def test_the_upper_lower_index_is_the_top_groups_share_right_minus_the_bottoms():
    scores = [(n / 100, n >= 50) for n in range(100)]  # right exactly in the upper half
    assert upper_lower_index([(right, score) for score, right in scores]) == pytest.approx(1)
    assert upper_lower_index([(not right, score) for score, right in scores]) == pytest.approx(-1)
    assert upper_lower_index([(True, score) for score, _ in scores]) == pytest.approx(0)


def test_learners_tied_at_a_groups_edge_share_its_places_so_order_does_not_matter():
    tied = [(n % 2 == 0, 0.5) for n in range(20)]  # one score for all, half right
    assert upper_lower_index(tied) == pytest.approx(0)
    assert upper_lower_index(list(reversed(tied))) == pytest.approx(0)
    assert upper_lower_index(sorted(tied)) == pytest.approx(0)


def test_discrimination_ranks_learners_by_the_other_questions_not_this_one():
    """Each learner got exactly one of the two right: counting the item itself, every
    total is the same (no discrimination); over the other question, it is reversed."""
    results = [{"a": True, "b": False}] * 10 + [{"a": False, "b": True}] * 10
    found = discrimination("a", results)
    assert found.n == 20 and found.value == pytest.approx(-1)


def test_discrimination_needs_enough_learners_who_answered_another_question_too():
    results = [{"a": n % 2 == 0, "b": n % 3 == 0} for n in range(LIMITS.min_discrimination - 1)]
    results += [{"a": True}] * 5  # no other question: no score to rank them by
    found = discrimination("a", results)
    assert found.value is None and found.too_few and found.n == LIMITS.min_discrimination - 1


def test_items_are_flagged_too_easy_too_hard_and_not_discriminating():
    many = 2 * LIMITS.min_discrimination
    assert item_flags(facility(many, many), discrimination("a", [])) == (Flag.TOO_EASY,)
    assert item_flags(facility(1, many), discrimination("a", [])) == (Flag.TOO_HARD,)
    flat = [{"a": n % 2 == 0, "b": True} for n in range(many)]
    assert Flag.NOT_DISCRIMINATING in item_flags(facility(10, many), discrimination("a", flat))
    reversed_ = [{"a": n % 2 == 0, "b": n % 2 == 1} for n in range(many)]
    assert item_flags(facility(10, many), discrimination("a", reversed_)) == (Flag.NEGATIVE,)


def test_too_few_learners_raise_no_flag():
    assert item_flags(facility(3, 3), discrimination("a", [{"a": True, "b": False}] * 3)) == ()


def test_an_option_no_one_chose_is_flagged_only_once_enough_learners_answered():
    assert unchosen(0, LIMITS.min_unchosen)
    assert not unchosen(0, LIMITS.min_unchosen - 1)
    assert not unchosen(1, 10 * LIMITS.min_unchosen)


def test_the_normalized_gain_is_hakes_from_the_class_shares_before_and_after():
    pairs = [(n < 2, n < 6) for n in range(10)]  # right before: 2 of 10; after: 6 of 10
    found = normalized_gain(pairs)
    assert found.value == pytest.approx((0.6 - 0.2) / (1 - 0.2))
    assert found.low is not None and found.high is not None
    assert found.low < found.value < found.high
    assert normalized_gain(list(reversed(pairs))) == found, "a fixed seed: the same interval"


def test_no_gain_is_computed_when_everyone_was_right_before():
    found = normalized_gain([(True, True)] * 10)
    assert found.value is None and not found.too_few and "right before" in found.missing


def test_the_gain_needs_enough_learners_who_answered_both():
    found = normalized_gain([(False, True)] * (LIMITS.min_share - 1))
    assert found.value is None and found.too_few


# --- a simulated class --------------------------------------------------------------------

SEED = 0  # (at this class size, what the tests check held for 29 of the seeds 0 to 29)
LEARNERS = 120
SLOPE = 1.7  # how sharply a normal item separates learners (the 2PL model's a)
PRE, POST = 0.3, 0.8  # chance of being right before and after, for the ideas taught
UNTAUGHT = 0.4  # before and after alike, for the idea the simulated course fails to teach


@dataclass(frozen=True)
class SimItem:
    """One question's behaviour: the two-parameter logistic model, P(right | ability) =
    1 / (1 + exp(-slope (ability - difficulty))); slope 0 is answering at random."""

    section: str
    question: Question
    slope: float
    difficulty: float
    always_right: bool = False
    never_chosen: str | None = None  # a distractor no learner picks

    def chance(self, ability: float) -> float:
        if self.always_right:
            return 1.0
        return 1 / (1 + math.exp(-self.slope * (ability - self.difficulty)))


@dataclass(frozen=True)
class SimClass:
    items: list[SimItem]
    facility: dict[str, float]  # each item's expected share right, over these learners
    random_item: str
    easy_item: str
    unpicked: tuple[str, str]  # (question, option)
    gains: dict[str, float]  # each idea's true normalized gain


def choice_items(the_course: Course) -> list[tuple[str, Question]]:
    return [
        (section.id, q)
        for section in the_course.sections
        for q in the_course.quizzes[section.id].questions
        if q["type"] in ("single", "multiple", "truefalse")
    ]


def sim_items(the_course: Course, rng: random.Random) -> list[SimItem]:
    """Every choice question; the second single-choice one answered at random, the first
    true/false one that no one gets wrong, and the third single-choice one (with three
    or more options) with a distractor no one picks."""
    found = choice_items(the_course)
    singles = [q["id"] for _, q in found if q["type"] == "single" and len(q["options"]) >= 3]
    easy = next(q["id"] for _, q in found if q["type"] == "truefalse")
    items = []
    for section, q in found:
        difficulty = rng.uniform(-1.2, 1.2)
        if q["id"] == singles[1]:
            items.append(SimItem(section, q, 0.0, 0.0))
        elif q["id"] == easy:
            items.append(SimItem(section, q, SLOPE, difficulty, always_right=True))
        elif q["id"] == singles[2]:
            last_wrong = [o["id"] for o in q["options"] if o["id"] != q["answer"]][-1]
            items.append(SimItem(section, q, SLOPE, difficulty, never_chosen=last_wrong))
        else:
            items.append(SimItem(section, q, SLOPE, difficulty))
    return items


def first_answer(item: SimItem, right: bool, rng: random.Random) -> Any:
    q = item.question
    if q["type"] == "truefalse":
        return q["answer"] if right else not q["answer"]
    key = q["answer"]
    keys = key if isinstance(key, list) else [key]
    wrong = [o["id"] for o in q["options"] if o["id"] not in keys and o["id"] != item.never_chosen]
    if q["type"] == "single":
        return key if right else rng.choice(wrong)
    if right:
        return list(keys)
    return [*keys, rng.choice(wrong)] if wrong else keys[:-1]


def answer_state(item: SimItem, right: bool, rng: random.Random) -> dict[str, Any]:
    """A learner's saved state: the first try, and, for some who missed it, a second
    try that got it right (so the last answer is not the first)."""
    sure = rng.random() < (0.7 if right else 0.35)
    confidence = "sure" if sure else rng.choice(["unsure", "guessing"])
    first = first_answer(item, right, rng)
    retried = not right and rng.random() < 0.5
    last = first_answer(item, True, rng) if retried else first
    try:
        score = grade(item.question, last).score
    except AnswerError:  # (an empty choice of several: nothing to add to the key)
        score = 0.0
    return {
        "tries": 2 if retried else 1,
        "score": score,
        "solved": right or retried,
        "revealed": False,
        "answer": last,
        "confidence": confidence,
        "first_try": {"correct": right, "confidence": confidence, "answer": first},
    }


def idea_choice(the_course: Course, idea: Idea, stage: str, right: bool, rng: random.Random):
    """A right or a wrong choice at this asking, whatever forms it has; a wrong one may be
    "I don't know yet" before the course."""
    offered = sorted(known_choices(the_course, stage)[idea.id] - {DONT_KNOW})
    asked = "before" if stage == "before" else "after"
    rights = [c for c in offered if outcome(idea, asked, c) == RIGHT]
    wrongs = [c for c in offered if c not in rights]
    if right:
        return rng.choice(rights)
    return DONT_KNOW if stage == "before" and rng.random() < 0.5 else rng.choice(wrongs)


def write_simulated_class(the_course: Course, folder: Path, seed: int = SEED) -> SimClass:
    rng = random.Random(seed)
    items = sim_items(the_course, rng)
    abilities = [rng.gauss(0, 1) for _ in range(LEARNERS)]
    untaught = the_course.ideas[-1].id
    for n, ability in enumerate(abilities):
        sections: dict[str, Any] = {}
        for item in items:
            right = rng.random() < item.chance(ability)
            questions = sections.setdefault(item.section, {"questions": {}})["questions"]
            questions[item.question["id"]] = answer_state(item, right, rng)
        prepost: dict[str, Any] = {"before": {}, "after": {}, "compared": True}
        for idea in the_course.ideas:
            pre, post = (UNTAUGHT, UNTAUGHT) if idea.id == untaught else (PRE, POST)
            for stage, chance in (("before", pre), ("after", post)):
                right = rng.random() < chance
                prepost[stage][idea.id] = idea_choice(the_course, idea, stage, right, rng)
        document = {
            "course": the_course.id,
            "version": the_course.version,
            "learner": f"simulated-{n:04d}",
            "sections": sections,
            "prepost": prepost,
        }
        (folder / f"learner-{n:03d}.json").write_text(json.dumps(document), encoding="utf-8")
    singles = [
        i for i in items if i.question["type"] == "single" and len(i.question["options"]) >= 3
    ]
    unpicked = next(i for i in items if i.never_chosen)
    return SimClass(
        items,
        {i.question["id"]: sum(map(i.chance, abilities)) / LEARNERS for i in items},
        singles[1].question["id"],
        next(i.question["id"] for i in items if i.always_right),
        (unpicked.question["id"], str(unpicked.never_chosen)),
        {
            idea.id: 0.0 if idea.id == untaught else (POST - PRE) / (1 - PRE)
            for idea in the_course.ideas
        },
    )


@pytest.fixture(scope="module")
def simulated(the_course, tmp_path_factory) -> tuple[SimClass, ClassReport]:
    folder = tmp_path_factory.mktemp("simulated-class")
    truth = write_simulated_class(the_course, folder)
    files = read_folder(folder, the_course)
    assert len(files.documents) == LEARNERS and not files.skipped
    return truth, tally(the_course, files)


def by_question(report: ClassReport):
    return {q.question["id"]: q for q in report.questions}


def test_facility_matches_each_items_true_chance_of_a_right_first_try(simulated):
    truth, report = simulated
    found = by_question(report)
    for qid, expected in truth.facility.items():
        got = found[qid].facility
        assert got.n == LEARNERS and got.value is not None
        spread = math.sqrt(expected * (1 - expected) / LEARNERS)  # binomial error
        assert abs(got.value - expected) <= 4 * spread + 1e-9, qid


def test_the_item_answered_at_random_discriminates_least_and_is_flagged(simulated):
    truth, report = simulated
    found = by_question(report)
    random_item = found[truth.random_item]
    assert Flag.NOT_DISCRIMINATING in random_item.flags or Flag.NEGATIVE in random_item.flags
    middling = [  # (an item all get right, or all wrong, cannot discriminate either)
        q for q in report.questions if q.facility.value and 0.2 <= q.facility.value <= 0.9
    ]
    lowest = min(middling, key=lambda q: q.discrimination.value or 0.0)
    assert lowest.question["id"] == truth.random_item
    others = [q.discrimination.value for q in middling if q is not random_item]
    assert all(d is not None and d >= LIMITS.discriminating for d in others)


def test_the_item_no_one_could_get_wrong_is_flagged_too_easy(simulated):
    truth, report = simulated
    easy = by_question(report)[truth.easy_item]
    assert easy.facility.value == 1.0 and Flag.TOO_EASY in easy.flags


def test_the_distractor_no_one_picks_is_flagged_and_the_others_carry_their_tags(simulated):
    truth, report = simulated
    qid, option = truth.unpicked
    options = next(o for o in report.options if o.question["id"] == qid)
    assert options.answers == LEARNERS and options.not_kept == 0
    counts = {o.id: o for o in options.options}
    assert counts[option].chosen == 0 and counts[option].unchosen
    wrong = [o for o in options.options if not o.right]
    assert all(o.misconception for o in wrong)
    assert [o.id for o in wrong if o.unchosen] == [option]
    assert sum(o.chosen for o in options.options) == LEARNERS
    assert counts[options.question["answer"]].chosen == by_question(report)[qid].first_right


def test_options_are_counted_from_the_first_try_not_the_last_answer(simulated):
    """Some simulated learners missed, then got it right: their first answer counts."""
    truth, report = simulated
    qid = truth.unpicked[0]
    key = by_question(report)[qid].question["answer"]
    options = next(o for o in report.options if o.question["id"] == qid)
    counts = {o.id: o.chosen for o in options.options}
    assert counts[key] == by_question(report)[qid].first_right
    assert by_question(report)[qid].tried == LEARNERS


@pytest.mark.parametrize("which", ["taught", "untaught"])
def test_the_gain_interval_contains_the_simulated_true_gain(the_course, simulated, which):
    truth, report = simulated
    idea = the_course.ideas[-1 if which == "untaught" else 0]
    found = next(i for i in report.ideas if i.idea.id == idea.id).gain
    assert found.n == LEARNERS and found.low is not None and found.high is not None
    assert found.low <= truth.gains[idea.id] <= found.high
    assert found.high - found.low < 0.6, "narrow enough to tell learning from none"

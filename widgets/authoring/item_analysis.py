"""Item analysis for `class-report`: how well each question measures, from first tries (pure).

Plain functions over plain data (no course, no files): `class_report` gathers the
answers and draws the tables.

- **Facility**: the share of learners right at their first try (Moodle's "facility
  index"). Later tries are coached by the feedback, so only the first says what the
  learner knew.
- **Discrimination**: the upper-lower index (Kelley's 27% groups; Ebel's guide reads
  it: 0.4 and up very good, under 0.2 poor). Learners are ranked by their share right
  at the first try over the *other* questions they answered (not counting the question
  itself, which would inflate the index; a share, not a sum, so a learner who did more
  sections does not rank higher for that alone). The index is the share right in the
  top 27% minus the share right in the bottom 27%. Chosen over the point-biserial
  correlation because it reads as two shares an instructor can check ("of the
  strongest, 80% got it; of the weakest, 30%"), its guideline values are the ones the
  flags use, and it needs no assumption about how scores spread, which a class that
  answered different sections breaks. Learners tied at a group's edge share its last
  places equally, so the index does not depend on the files' order.
- **Normalized gain** of a before-and-after idea: Hake's <g> = (post - pre)/(1 - pre)
  over the class shares right, among the learners who answered both askings (so a
  class whose weaker learners stopped early does not look as if it learned). Its 95%
  interval is a percentile bootstrap over learners, with a fixed seed so the same
  files give the same report: each learner's before and after are drawn together,
  which keeps the pairing that separate Wilson intervals for the two shares would
  lose, and <g> is a ratio no Wilson interval covers.

Every threshold is in `Limits` (`LIMITS`); below the smallest class that means
something, an `Estimate` carries no value, and the report says "too few learners".
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar


@dataclass(frozen=True)
class Limits:
    """The thresholds of the item analysis, in one place."""

    too_easy: float = 0.9  # facility above this: nearly everyone knew it
    too_hard: float = 0.2  # facility below this: nearly no one did (or the key is wrong)
    discriminating: float = 0.2  # an index below this: the item does not separate learners
    group: float = 0.27  # the share of learners in each of the top and bottom groups
    # The smallest classes for a figure. A share of fewer than 5 moves 20 points a
    # learner; the 27% groups of fewer than 10 hold two learners or fewer.
    min_share: int = 5
    min_discrimination: int = 10
    # An option no one chose is flagged from 20 first answers: an option that draws 1
    # learner in 7 goes unchosen by all 20 less than 5% of the time by chance.
    min_unchosen: int = 20
    resamples: int = 2000  # bootstrap resamples for the gain's interval
    level: float = 0.95  # of the interval
    seed: int = 23  # the bootstrap's, fixed: the same files, the same report


LIMITS = Limits()


@dataclass(frozen=True)
class Estimate:
    """A figure over `n` learners: its value and, for a gain, its interval; no value when
    there are too few learners (`too_few`) or the figure is not defined (`missing` says
    why)."""

    n: int
    value: float | None
    low: float | None = None
    high: float | None = None
    too_few: bool = False
    missing: str = ""


def _too_few(n: int) -> Estimate:
    return Estimate(n, None, too_few=True, missing="too few learners")


def facility(right: int, tries: int, limits: Limits = LIMITS) -> Estimate:
    """The share right at the first try, of the learners who tried."""
    if tries < limits.min_share:
        return _too_few(tries)
    return Estimate(tries, right / tries)


def _group_share(ordered: Sequence[tuple[bool, float]], size: float) -> float:
    """The share right among the first `size` learners of `ordered` (by score), where the
    learners tied at the edge share the places left equally."""
    taken, right, at = 0.0, 0.0, 0
    while taken < size and at < len(ordered):
        score = ordered[at][1]
        tied = [r for r, s in ordered[at:] if s == score]
        weight = min(1.0, (size - taken) / len(tied))
        taken += weight * len(tied)
        right += weight * sum(tied)
        at += len(tied)
    return right / size


def upper_lower_index(learners: Sequence[tuple[bool, float]], group: float = LIMITS.group) -> float:
    """(right at this item, score on the others) for each learner -> the share right in
    the top `group` of scores minus the share right in the bottom `group`."""
    size = group * len(learners)
    top = sorted(learners, key=lambda pair: -pair[1])
    bottom = sorted(learners, key=lambda pair: pair[1])
    return _group_share(top, size) - _group_share(bottom, size)


Item = TypeVar("Item", bound=Hashable)


def discrimination(
    item: Item, results: Sequence[Mapping[Item, bool]], limits: Limits = LIMITS
) -> Estimate:
    """The item's upper-lower index. `results`: each learner's first tries, right or not,
    by item; a learner counts when they tried this item and at least one other."""
    learners = []
    for tried in results:
        if item in tried and len(tried) > 1:
            others = [right for other, right in tried.items() if other != item]
            learners.append((tried[item], sum(others) / len(others)))
    if len(learners) < limits.min_discrimination:
        return _too_few(len(learners))
    return Estimate(len(learners), upper_lower_index(learners, limits.group))


class Flag(StrEnum):
    """Why an item may not measure well; the words the report shows."""

    TOO_EASY = "too easy"
    TOO_HARD = "too hard"
    NOT_DISCRIMINATING = "does not tell learners apart"
    NEGATIVE = "the weaker learners did better"


def item_flags(
    facility: Estimate, discrimination: Estimate, limits: Limits = LIMITS
) -> tuple[Flag, ...]:
    """An item's flags, from figures over enough learners only."""
    flags = []
    if facility.value is not None and facility.value > limits.too_easy:
        flags.append(Flag.TOO_EASY)
    if facility.value is not None and facility.value < limits.too_hard:
        flags.append(Flag.TOO_HARD)
    if discrimination.value is not None and discrimination.value < 0:
        flags.append(Flag.NEGATIVE)
    elif discrimination.value is not None and discrimination.value < limits.discriminating:
        flags.append(Flag.NOT_DISCRIMINATING)
    return tuple(flags)


def unchosen(chosen: int, answers: int, limits: Limits = LIMITS) -> bool:
    """An option no one chose, among enough first answers for that to mean something."""
    return chosen == 0 and answers >= limits.min_unchosen


def _gain(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    pre = sum(before for before, _ in pairs) / len(pairs)
    post = sum(after for _, after in pairs) / len(pairs)
    return None if pre == 1 else (post - pre) / (1 - pre)


def _percentile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values, interpolated between the two nearest."""
    at = q * (len(ordered) - 1)
    below = int(at)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (at - below)


def normalized_gain(pairs: Sequence[tuple[bool, bool]], limits: Limits = LIMITS) -> Estimate:
    """Hake's <g> over learners' (right before, right after), with its bootstrap interval.

    A resample in which everyone was right before has no gain and is left out; when more
    than the interval's tails are left out, the interval is not given.
    """
    n = len(pairs)
    if n < limits.min_share:
        return _too_few(n)
    value = _gain(pairs)
    if value is None:
        return Estimate(n, None, missing="everyone was right before: no gain to make")
    rng = random.Random(limits.seed)
    ordered = sorted(pairs)  # (the files' order does not change the interval)
    drawn = [_gain(rng.choices(ordered, k=n)) for _ in range(limits.resamples)]
    gains = sorted(g for g in drawn if g is not None)
    tail = (1 - limits.level) / 2
    if len(gains) < (1 - tail) * limits.resamples:
        return Estimate(n, value, missing="too many learners right before for an interval")
    return Estimate(n, value, _percentile(gains, tail), _percentile(gains, 1 - tail))

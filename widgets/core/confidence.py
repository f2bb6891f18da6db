"""How sure a learner said they were, and the two cases that matter for learning.

Sure but wrong is a misconception held with confidence: the kind that leads to a
risky choice, and the hardest to change, so the learner is shown the correction.
Right but unsure is knowledge to firm up, so the learner is shown why it is right.
"""

from __future__ import annotations

SURE, UNSURE, GUESSING = "sure", "unsure", "guessing"
LEVELS = {SURE: "Sure", UNSURE: "Not sure", GUESSING: "Guessing"}  # in the order shown

SURE_BUT_WRONG = "sure-but-wrong"
RIGHT_BUT_UNSURE = "right-but-unsure"


def learning_case(correct: bool, confidence: str | None) -> str | None:
    """SURE_BUT_WRONG, RIGHT_BUT_UNSURE, or None when neither (or no confidence given)."""
    if confidence == SURE and not correct:
        return SURE_BUT_WRONG
    if correct and confidence in (UNSURE, GUESSING):
        return RIGHT_BUT_UNSURE
    return None

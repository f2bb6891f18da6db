"""The 'should I be worried?' decision, as a pure function of what was ticked."""

from __future__ import annotations

from widgets.core.types import Severity, TriageLevel, WorryCheck

SEVERITY: tuple[Severity, ...] = ("emergency", "crisis", "poison", "stop", "urgent", "clinician")
# Advice that is added, after the most serious level's, whenever it is ticked under a
# more serious level: a crisis, a poisoning or bladder warning signs ("stop and get
# care today") are never hidden, not even by an emergency, where 911 still comes first.
EXTRA_LINES: tuple[Severity, ...] = ("crisis", "poison", "stop")


def triage(check: WorryCheck, ticked: list[str]) -> tuple[TriageLevel, list[str]]:
    """(most serious level ticked or 'none', advice lines ending with the 'always' text).

    The 'always' line comes last every time, so no answer ends without saying
    to talk to a clinician and who to call for red flags.
    """
    levels = {s["id"]: s["level"] for s in check["symptoms"]}
    unknown = [t for t in ticked if t not in levels]
    if unknown:
        raise ValueError(f"unknown symptom id(s) {unknown}")
    found = {levels[t] for t in ticked}
    level: TriageLevel = next((lvl for lvl in SEVERITY if lvl in found), "none")
    extra = [line for line in EXTRA_LINES if line in found and line != level]
    return level, [check["advice"][lvl] for lvl in (level, *extra)] + [check["always"]]

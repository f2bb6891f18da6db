"""The 'should I be worried?' decision, as a pure function of what was ticked."""

from __future__ import annotations

from typing import Any

SEVERITY = ("emergency", "crisis", "poison", "stop", "urgent", "clinician")
# Lines to call that are added when ticked under a more serious level, so a
# crisis or a poisoning is never hidden; 911 already covers a poisoning.
EXTRA_LINES = {"crisis": (), "poison": ("emergency",)}


def triage(check: dict[str, Any], ticked: list[str]) -> tuple[str, list[str]]:
    """(most serious level ticked or 'none', advice lines ending with the 'always' text).

    The 'always' line comes last every time, so no answer ends without saying
    to talk to a clinician and who to call for red flags.
    """
    levels = {s["id"]: s["level"] for s in check["symptoms"]}
    unknown = [t for t in ticked if t not in levels]
    if unknown:
        raise ValueError(f"unknown symptom id(s) {unknown}")
    found = {levels[t] for t in ticked}
    level = next((lvl for lvl in SEVERITY if lvl in found), "none")
    extra = [
        line
        for line, covered_by in EXTRA_LINES.items()
        if line in found and line != level and level not in covered_by
    ]
    return level, [check["advice"][lvl] for lvl in (level, *extra)] + [check["always"]]

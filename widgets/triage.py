"""The 'should I be worried?' decision, as a pure function of what was ticked."""

from __future__ import annotations

from typing import Any

SEVERITY = ("emergency", "crisis", "urgent", "clinician")


def triage(check: dict[str, Any], ticked: list[str]) -> tuple[str, list[str]]:
    """(most serious level ticked or 'none', advice lines ending with the 'always' text).

    The 'always' line comes last every time, so no answer ends without saying
    to talk to a clinician and to call 911 or 988 for red flags.
    """
    levels = {s["id"]: s["level"] for s in check["symptoms"]}
    unknown = [t for t in ticked if t not in levels]
    if unknown:
        raise ValueError(f"unknown symptom id(s) {unknown}")
    found = {levels[t] for t in ticked}
    level = next((lvl for lvl in SEVERITY if lvl in found), "none")
    advice = [check["advice"][level]]
    if level == "emergency" and "crisis" in found:
        advice.append(check["advice"]["crisis"])
    return level, [*advice, check["always"]]

"""The no-doses rule as patterns: what reads like a dose, an amount or a schedule.

The rule that applies them to every learner-visible text is `no-doses` in
authoring/rules/safety.py.
"""

from __future__ import annotations

import re

DOSE_PATTERNS = [
    r"\b\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|µg|μg|ug|g|ml|mL)\b",
    r"\bmg[ \t]*/[ \t]*kg\b",
    r"\bmilligrams?\b",
    r"\bmicrograms?\b",
    r"\bper\s+(?:kg|kilogram|pound|lb)\b",
    r"\b\d+[ \t]*(?:times|x)[ \t]+(?:a|per)[ \t]+(?:day|week|month)\b",
    r"\b(?:once|twice|three times|four times)[ \t]+(?:a|per|each|every)[ \t]+(?:day|week|month)\b",
    r"\b(?:start|starting|begin)[ \t]+(?:with|at|on)[ \t]+(?:a|one)?[ \t]*(?:small|low|tiny)\b",
    r"\b(?:half|quarter|third)[ \t]+(?:of[ \t]+)?(?:a[ \t]+)?(?:tablet|pill|troche|lozenge|dose)\b",
    r"\bevery\s+\d+\s+(?:hours?|days?|weeks?)\b",
    r"\b(?:titrat\w*|taper\w*)\b",
    r"\b(?:start|starting|begin)\s+(?:with|at)\s+\d",
    r"\b\d+(?:[.,]\d+)?[ \t]*(?:units?|drops?|sprays?|tablets?|troches?|lozenges?)\b",
]
_DOSE = re.compile("|".join(f"(?:{p})" for p in DOSE_PATTERNS), re.IGNORECASE)


def dose_wording(text: str) -> list[str]:
    """Every stretch of text that reads like a dose, an amount or a schedule."""
    return [match[0] for match in _DOSE.finditer(text)]

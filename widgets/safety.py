"""The no-doses rule as patterns, checked by `validate` and the content tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

from widgets.bank import Problem

DOSE_PATTERNS = [
    r"\b\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|µg|μg|ug|g|ml|mL)\b",
    r"\bmg[ \t]*/[ \t]*kg\b",
    r"\bmilligrams?\b",
    r"\bmicrograms?\b",
    r"\bper\s+(?:kg|kilogram|pound|lb)\b",
    r"\b\d+[ \t]*(?:times|x)[ \t]+(?:a|per)[ \t]+(?:day|week|month)\b",
    r"\bevery\s+\d+\s+(?:hours?|days?|weeks?)\b",
    r"\b(?:titrat\w*|taper\w*)\b",
    r"\b(?:start|starting|begin)\s+(?:with|at)\s+\d",
    r"\b\d+(?:[.,]\d+)?[ \t]*(?:units?|drops?|sprays?|tablets?|troches?|lozenges?)\b",
]
_DOSE = re.compile("|".join(f"(?:{p})" for p in DOSE_PATTERNS), re.IGNORECASE)


def dose_wording(text: str) -> list[str]:
    """Every stretch of text that reads like a dose, an amount or a schedule."""
    return [match[0] for match in _DOSE.finditer(text)]


def learner_text(path: Path) -> str:
    """What a learner can read in a file: whole data files, a notebook's markdown."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return text


def dose_problems(data_dir: Path, notebooks: Path) -> list[Problem]:
    files = [*data_dir.rglob("*.yaml"), *data_dir.rglob("*.csv"), *notebooks.glob("*.ipynb")]
    problems = []
    for path in sorted(files):
        text = learner_text(path)
        for match in _DOSE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(
                    str(path.relative_to(data_dir.parent)),
                    f"text {match[0]!r}",
                    "reads like a dose or schedule (hard rule: no doses)",
                    None if path.suffix == ".ipynb" else line,
                )
            )
    return problems

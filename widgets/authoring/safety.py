"""The no-doses rule as patterns, and left-over placeholders: checked by `validate` and tests.

Markdown cells of a notebook are joined with a form feed, so a match can be
traced back to its cell.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from widgets.core.model import Problem

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


def learner_text(path: Path) -> str:
    """What a learner can read in a file: whole data files, a notebook's markdown."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        return "\n\f".join(markdown)
    return text


_ITEM = re.compile(r"^\s*-\s+id:\s*['\"]?([A-Za-z0-9-]+)", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\bTODO\b")


def _item_before(text: str, offset: int) -> str:
    """The id of the YAML list item a match sits in (the nearest `- id:` above it)."""
    ids = _ITEM.findall(text, 0, offset)
    return f"item {ids[-1]}" if ids else "text"


def text_problems(data_dir: Path, notebooks: Path) -> list[Problem]:
    """Dose-like wording anywhere a learner reads, and TODO placeholders left in the data."""
    files = [*data_dir.rglob("*.yaml"), *data_dir.rglob("*.csv"), *notebooks.glob("*.ipynb")]
    problems = []
    for path in sorted(files):
        text = learner_text(path)
        notebook = path.suffix == ".ipynb"
        checks = [(_DOSE, "reads like a dose or schedule (hard rule: no doses)")]
        if not notebook:
            checks.append((_PLACEHOLDER, "placeholder text left in (replace every TODO)"))
        for pattern, reason in checks:
            for match in pattern.finditer(text):
                cell = f"markdown cell {text.count(chr(12), 0, match.start()) + 1}"
                problems.append(
                    Problem(
                        str(path.relative_to(data_dir.parent)),
                        f"{cell if notebook else _item_before(text, match.start())}: {match[0]!r}",
                        reason,
                        None if notebook else text.count("\n", 0, match.start()) + 1,
                    )
                )
    return problems

"""Reading level of the course prose (Flesch-Kincaid grade), for tests and stats."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import textstat

MAX_GRADE = 10.0

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+|<[^>]+>")
_BULLET = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Markdown as a reader hears it: link text kept, markup and addresses dropped.

    Each line is closed as a sentence, so list items and headings are not
    run together into one long sentence.
    """
    text = _LINK.sub(r"\1", markdown)
    text = _BULLET.sub("", text)
    text = _MARKUP.sub("", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:;" else f"{line}." for line in lines)


def notebook_prose(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(
        plain_text(cell.source) for cell in notebook.cells if cell.cell_type == "markdown"
    )


def reading_grade(text: str) -> float:
    return round(textstat.flesch_kincaid_grade(text), 1)

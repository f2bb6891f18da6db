"""Reading level of the course prose (Flesch-Kincaid grade and SMOG), for tests and stats.

textstat is imported at the top: this module is only for `stats` and the tests,
so it needs the [test] extra (see pyproject.toml) and nothing else imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import textstat

from widgets.core.model import Course

MAX_GRADE = 10.0
MAX_SMOG = 8.0

# Each measure: how it is scored and the highest score a section may have. SMOG is the
# measure health-literacy guidance uses for patient material.
MEASURES: dict[str, tuple[Callable[[str], float], float]] = {
    "Flesch-Kincaid grade": (textstat.flesch_kincaid_grade, MAX_GRADE),
    "SMOG": (textstat.smog_index, MAX_SMOG),
}

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+|<[^>]+>")
_BULLET = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_QUOTE = re.compile(r"^\s*>\s?")
_BLOCK_START = re.compile(r"^\s*(?:[-+*]|\d+\.)\s|^\s*[#|]")


def _source_lines(markdown: str) -> list[str]:
    """Markdown lines with wrapped paragraph and list-item lines joined back together.

    A line break inside a paragraph is only wrapping, not the end of a sentence; a new
    paragraph, heading, list item or table row starts a new line.
    """
    lines: list[str] = []
    for raw in markdown.splitlines():
        line = _QUOTE.sub("", raw)
        joins = bool(lines) and bool(lines[-1]) and not lines[-1].lstrip().startswith(("#", "|"))
        if not line.strip():
            lines.append("")
        elif joins and not _BLOCK_START.match(line):
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return lines


def plain_text(markdown: str) -> str:
    """Markdown as a reader hears it: link text kept, markup and addresses dropped.

    Each paragraph, heading and list item is closed as a sentence, so list items and
    headings are not run together into one long sentence.
    """
    text = _LINK.sub(r"\1", "\n".join(_source_lines(markdown)))
    text = _BULLET.sub("", text)
    text = _MARKUP.sub("", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:;" else f"{line}." for line in lines)


def notebook_prose(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(
        plain_text(cell.source) for cell in notebook.cells if cell.cell_type == "markdown"
    )


def section_prose(the_course: Course, section_id: str, notebooks: Path) -> str:
    """What a learner reads on a section's page in running text: its notebook's
    markdown and the quiz intro the package renders above the quiz."""
    section = the_course.section(section_id)
    return (
        notebook_prose(notebooks / section.notebook) + "\n" + the_course.quiz_intro_of(section_id)
    )


def reading_level(text: str, measure: str = "Flesch-Kincaid grade") -> float:
    """The text's score on one of `MEASURES`, to one decimal place."""
    score, _limit = MEASURES[measure]
    return round(score(text), 1)

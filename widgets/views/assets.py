"""The views' browser files: anywidget modules and the page's style sheet."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
STYLE = (STATIC / "course.css").read_text(encoding="utf-8")


def module_source(name: str) -> str:
    """The widget's module with `late_models.js` before it: see that file for why."""
    parts = ("late_models.js", name)
    return "".join((STATIC / part).read_text(encoding="utf-8") for part in parts)

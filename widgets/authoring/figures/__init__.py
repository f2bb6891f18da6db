"""`build-figures`: draw every figure of figures.yaml from its table, as SVG files.

Drawn when the course is built, not in a learner's kernel: the page reads a
finished file (no plotting library in the kernel, nothing fetched, same in
JupyterLab and Voilà). Matplotlib draws them: it is well kept, works offline, and
writes SVG whose text stays text; with a fixed hash salt and no date the same
data gives the same bytes, which the test suite checks against the committed files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from widgets.authoring.figures.drawings import DRAWINGS
from widgets.authoring.figures.style import svg_of
from widgets.core.model import Course, Figure


def figure_svg(figure: Figure, data_dir: Path) -> str:
    frame = pd.read_csv(data_dir / "tables" / f"{figure.table}.csv")
    return svg_of(lambda: DRAWINGS[figure.id](frame, figure), figure)


def build_figures(the_course: Course, data_dir: Path, out: Path | None = None) -> list[Path]:
    """Write <id>.svg for every figure (into data_dir/figures); remove those of figures gone."""
    out = out or data_dir / "figures"
    unknown = sorted(set(the_course.figures) - set(DRAWINGS))
    if unknown:
        raise ValueError(
            f"{data_dir / 'figures.yaml'}: no drawing for figure(s) {', '.join(unknown)}; "
            "add one to widgets/authoring/figures/drawings.py"
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for figure in the_course.figures.values():
        path = out / f"{figure.id}.svg"
        path.write_text(figure_svg(figure, data_dir), encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
        written.append(path)
    for stale in set(out.glob("*.svg")) - set(written):
        stale.unlink()
    return written

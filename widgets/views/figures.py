"""A figure on a section's page: the drawing, what it shows in words, and its numbers.

The drawing is a finished SVG (`make figures`), put in the page as it is, so it
takes the page's theme colours and costs the kernel two file reads (the drawing, and
its table through kit.table). Its text alternative is inside it (title and
description); its numbers follow it as a table, for anyone who would rather read
them or cannot see the drawing.
"""

from __future__ import annotations

import html

from widgets.core.loader import DATA_DIR
from widgets.core.model import Course, Figure, references_in
from widgets.views.kit import sources_html, table, table_html

FIGURES_DIR = DATA_DIR / "figures"


def section_figure(the_course: Course, figure_id: str, section_id: str) -> Figure:
    """The figure, if it is one of this section's; otherwise an error naming the ones it has."""
    figure = the_course.figures.get(figure_id)
    if figure is None or figure.section != section_id:
        own = sorted(f.id for f in the_course.figures.values() if f.section == section_id)
        raise KeyError(
            f"no figure {figure_id!r} in section {section_id!r} (course_data/figures.yaml); "
            f"its figures: {', '.join(own) or 'none'}"
        )
    return figure


def figure_html(figure: Figure) -> str:
    path = FIGURES_DIR / f"{figure.id}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make figures` to draw it")
    data = table(figure.table)
    source = data.columns[-1]  # (the loader checks every table ends with its Source column)
    numbers = [
        [figure.keys.get(column, {}).get(row[column], row[column]) for column in figure.columns]
        + [row[source]]
        for row in data.rows
    ]
    cited = sorted({ref for row in data.rows for ref in references_in(row[source])})
    title = html.escape(figure.title)
    return (
        f'<div class="kc-figure-block" id="fig-{figure.id}">'
        f'<figure class="kc-figure"><p class="kc-figure-title"><strong>Figure: {title}</strong></p>'
        f"{path.read_text(encoding='utf-8')}"
        f"<figcaption>{html.escape(figure.caption)} {sources_html('; '.join(cited))}</figcaption>"
        "</figure>"
        '<details class="kc-figure-data"><summary>The numbers behind this figure, as a table'
        "</summary>"
        + table_html([*figure.columns.values(), "Source"], numbers, f"{figure.title}: the numbers")
        + "</details></div>"
    )

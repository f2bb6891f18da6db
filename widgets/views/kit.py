"""What every view shares: the page style, announced messages, source links and tables.

Plain HTML strings and one CSV loader, so views never import each other sideways.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from widgets.core.calibration import (
    calibration,
    calibration_sentences,
    sure_but_wrong_over_time,
    sure_but_wrong_sentences,
)
from widgets.core.loader import DATA_DIR, course
from widgets.core.model import COURSE_SOURCE, Course, references_in

WIDE = widgets.Layout(width="100%")
ROW = widgets.Layout(flex_flow="row wrap")  # a row that wraps on a narrow screen
# One layout and one style shared by every text and button whose look never changes
# once built. Each would otherwise bring two models of its own for the kernel to send
# and the browser to build: a section's quiz had 283-424 models, more than half of them these.
PLAIN = widgets.Layout()
HIDDEN = widgets.Layout(display="none")
# The id Voilà gives the heading above the review deck (section 8), for links to it.
REVIEWS_ANCHOR = "Your-reviews"
TEXT_STYLE = HTMLStyle()  # (ipywidgets does not export it at the top)
BUTTON_STYLE = widgets.ButtonStyle()
# What a message says: right, not right, something to know, the answer, get help now
# (an emergency, a crisis, a poisoning), or get care today; each also has its icon,
# drawn by the style (course.css, kc-icon-<kind>) so a screen reader never reads an
# emoji's name ("blue book") in place of the words.
MessageKind = Literal["ok", "wrong", "notice", "answer", "danger", "care"]


def icon_html(kind: MessageKind) -> str:
    return f'<span class="kc-icon kc-icon-{kind}" aria-hidden="true"></span>'


def text(value: str = "", layout: widgets.Layout = PLAIN) -> widgets.HTML:
    """An HTML widget with the shared layout and style."""
    return widgets.HTML(value, layout=layout, style=TEXT_STYLE)


def button(description: str, layout: widgets.Layout = PLAIN, **traits: Any) -> widgets.Button:
    """A button with the shared layout and style."""
    return widgets.Button(description=description, layout=layout, style=BUTTON_STYLE, **traits)


def alert_html(kind: MessageKind, title: str, body: str) -> str:
    """An announced message that says its meaning in words, not only by colour."""
    return (
        f'<div role="alert" class="kc-message kc-{kind}"><p>{icon_html(kind)} '
        f"<strong>{html.escape(title)}</strong> {body}</p></div>"
    )


def citation_links(ids: Sequence[str]) -> str:
    """Links to the section's reference list, each named as the prose names it ("FDA
    2023"), not by its id; the course itself is named, not linked."""
    references = course().references
    return ", ".join(
        "this course"
        if i == COURSE_SOURCE
        else f'<a href="#ref-{html.escape(i)}">{html.escape(references[i]["cite_as"])}</a>'
        for i in ids
    )


def citations_html(ids: Sequence[str]) -> str:
    """ "(Sources: FDA 2023, ...)" after a text."""
    return f'<span class="kc-cite">(Sources: {citation_links(ids)})</span>'


def sources_html(cell: Any) -> str:
    """A table's Source cell ('a; b') as citation links; nothing when it is empty."""
    ids = references_in(cell)
    return citations_html(ids) if ids else ""


def table_html(columns: Sequence[str], rows: Iterable[Sequence[Any]], caption: str) -> str:
    """An accessible HTML table; the Source column becomes links to the references.

    Columns and rows rather than a DataFrame, so a page can show a table without
    pandas (about 40 MB a kernel).
    """
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in columns)
    body = []
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            shown = sources_html(value) if column.lower() == "source" else html.escape(str(value))
            cells.append(f"<td>{shown}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="kc-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def html_list(items: Any) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


@dataclass(frozen=True)
class Table:
    """A table from course_data/tables: its columns, and each row as its cells by
    column name (an empty cell is ""). Read with the csv module, not pandas: pandas
    cost a section's kernel about 40 MB and 0.3 CPU-seconds to import, paid again by
    every kernel the pool starts."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def without(self, columns: Iterable[str]) -> Table:
        """The table less these columns (those it does not have are ignored)."""
        dropped = set(columns)
        kept = tuple(c for c in self.columns if c not in dropped)
        return Table(kept, tuple({c: row[c] for c in kept} for row in self.rows))

    def where(self, column: str, value: str) -> Table:
        """Only the rows whose `column` holds `value`."""
        return Table(self.columns, tuple(row for row in self.rows if row[column] == value))


def table(name: str) -> Table:
    """A table from course_data/tables, for a view to show or filter (the loader has
    checked each row has every column)."""
    with (DATA_DIR / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = tuple({c: cell or "" for c, cell in row.items()} for row in reader)
        return Table(tuple(reader.fieldnames or ()), rows)


def calibration_html(
    document: dict[str, Any], the_course: Course, section_id: str | None = None
) -> str:
    """How often the learner was right when sure, not sure or guessing (a section's
    questions, or the whole course's), and what that means for them."""
    sentences = calibration_sentences(calibration(document, the_course, section_id))
    if section_id is None:  # (the course summary: how it changed over time too)
        sentences += sure_but_wrong_sentences(sure_but_wrong_over_time(document, the_course))
    return (
        '<div class="kc-calibration"><h3 class="kc-question-title">How sure, and how right</h3>'
        + "".join(f"<p>{html.escape(s)}</p>" for s in sentences)
        + "</div>"
    )

"""Explorers over the course's tables: a step-through, a filtered table, the route comparison.

Data comes from course_data/tables (validated by the loader, read by kit.table);
these classes only display.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from widgets.core.model import references_in
from widgets.views.choices import ChoiceGroup
from widgets.views.kit import WIDE, Table, button, citation_links, sources_html, text

ALL = "All"


class StepThrough(widgets.VBox):
    """A chain of steps, walked one step at a time with Next and Previous (no images).

    The chain above the step is a plain list with the current step marked, not boxes,
    which looked like buttons that did nothing. On paper, where the buttons do nothing,
    every step is printed in full instead.
    """

    def __init__(self, frame: Table, caption: str):
        self.frame = frame
        self.index = 0
        self.caption = caption
        self.diagram = text()
        self.detail = text()
        self.back = button("← Previous step")
        self.forward = button("Next step →")
        self.back.on_click(lambda _: self.show(self.index - 1))
        self.forward.on_click(lambda _: self.show(self.index + 1))
        every_step = "".join(step_html(row) for row in self.frame.rows)
        super().__init__(
            [
                self.diagram,
                self.detail,
                widgets.HBox([self.back, self.forward]),
                text(f'<div class="kc-print-only"><ol>{every_step}</ol></div>'),
            ],
            layout=WIDE,
        )
        self.add_class("kc-explorer")
        self.show(0)

    def show(self, index: int) -> None:
        self.index = max(0, min(index, len(self.frame) - 1))
        steps = self.frame.rows
        names = []
        for number, row in enumerate(steps):
            here = number == self.index
            marker = ' <strong class="kc-here">(you are here)</strong>' if here else ""
            names.append(
                f'<li class="kc-step{" kc-current" if here else ""}"'
                f"{' aria-current=step' if here else ''}>{html.escape(row['title'])}{marker}</li>"
            )
        self.diagram.value = (
            f'<figure class="kc-diagram"><figcaption>{html.escape(self.caption)}</figcaption>'
            f'<ol class="kc-steps">{"".join(names)}</ol></figure>'
        )
        position = f'<span class="kc-position">({self.index + 1} of {len(self.frame)})</span>'
        self.detail.value = (
            f'<div class="kc-step-detail" aria-live="polite">'
            f"{step_html(steps[self.index], position, tag='div')}</div>"
        )
        self.back.disabled = self.index == 0
        self.forward.disabled = self.index == len(self.frame) - 1


def step_html(row: dict[str, str], position: str = "", tag: str = "li") -> str:
    """One step's title, text, note and sources."""
    note = f'<p class="kc-note">{html.escape(row["note"])}</p>' if row["note"] else ""
    return (
        f"<{tag}><h4>{html.escape(row['title'])} {position}</h4>"
        f"<p>{html.escape(row['text'])}</p>{note}{sources_html(row['source'])}</{tag}>"
    )


class FilterTable(widgets.VBox):
    """A table's rows as cards, with a dropdown that keeps only the rows of one value of
    a column.

    Cards, not a grid: these tables hold sentences in most columns (design, result,
    certainty), and a grid of them was wider than the page even on a wide screen, so
    the columns learners are told to read were cut off, on paper for good. A card
    names each value by its column and fits any width.
    """

    def __init__(self, frame: Table, column: str, caption: str, heading: Sequence[str] = ()):
        self.frame = frame
        self.column = column
        self.caption = caption
        self.heading = list(heading) or [column]
        unknown = [c for c in [column, *self.heading] if c not in self.frame.columns]
        if unknown:
            raise ValueError(f"table {caption!r} has no column {unknown[0]!r}")
        if "Source" in self.heading:  # (its cells are reference ids, shown as links)
            raise ValueError(f"table {caption!r}: its Source column cannot title a card")
        values = list(dict.fromkeys(row[column] for row in self.frame.rows))
        self.choice = widgets.Dropdown(
            options=[ALL, *values],
            value=ALL,
            description=f"Show {column.lower()}:",
            style={"description_width": "initial"},
        )
        self.count = text()
        self.output = text()
        self.choice.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.choice, self.count, self.output], layout=WIDE)
        self.add_class("kc-explorer")
        self.refresh()

    def rows(self) -> Table:
        if self.choice.value == ALL:
            return self.frame
        return self.frame.where(self.column, self.choice.value)

    def refresh(self) -> None:
        shown = self.rows()
        self.count.value = (
            f'<p aria-live="polite">Showing {len(shown)} of {len(self.frame)} rows.</p>'
        )
        self.output.value = cards_html(shown.rows, self.heading, self.caption)


def cards_html(rows: Sequence[dict[str, str]], heading: list[str], caption: str) -> str:
    """Each row as a card: the heading columns joined as its title, then every other
    column as a term and its value (the Source column as links)."""
    cards = []
    for row in rows:
        title = " · ".join(html.escape(row[c]) for c in heading if row[c])
        details = "".join(
            f'<dt>Sources</dt><dd class="kc-cite">{citation_links(references_in(value))}</dd>'
            if name.lower() == "source"
            else f"<dt>{html.escape(name)}</dt><dd>{html.escape(value)}</dd>"
            for name, value in row.items()
            if name not in heading and value.strip()
        )
        cards.append(f'<li class="kc-card"><h4>{title}</h4><dl>{details}</dl></li>')
    return (
        f'<figure class="kc-cards"><figcaption>{html.escape(caption)}</figcaption>'
        f"<ul>{''.join(cards)}</ul></figure>"
    )


class RouteExplorer(widgets.VBox):
    """Read about each route in plain words (the route-share figure shows them side by side)."""

    def __init__(self, frame: Table):
        self.frame = frame
        self.choice = ChoiceGroup(
            legend="Pick a route to read about", labels=[row["route"] for row in frame.rows]
        )
        self.detail = text()
        self.choice.observe(lambda _: self.refresh(), names="selected")
        super().__init__([self.choice, self.detail], layout=WIDE)
        self.add_class("kc-explorer")
        self.choice.selected = [len(frame) - 1]
        self.refresh()

    def refresh(self) -> None:
        chosen = self.choice.selected[0] if self.choice.selected else -1
        if chosen < 0:
            self.detail.value = ""
            return
        row = self.frame.rows[chosen]
        self.detail.value = (
            f'<div aria-live="polite"><h4>{html.escape(row["route"])}</h4>'
            f"<p>{html.escape(row['plain_words'])}</p>"
            "<p>Because the share that reaches the blood differs so much, one route cannot be "
            "swapped for another. Only a clinician can judge any treatment.</p>"
            f"{sources_html(row['source'])}</div>"
        )

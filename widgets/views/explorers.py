"""Explorers over the course's tables: a step-through, a filtered table, the route comparison.

Data comes from course_data/tables (validated by the loader); pandas does the
filtering; these classes only display.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, cast

import ipywidgets as widgets

from widgets.views.choices import ChoiceGroup
from widgets.views.kit import WIDE, button, records, sources_html, text

if TYPE_CHECKING:
    import pandas as pd

ALL = "All"


class StepThrough(widgets.VBox):
    """A chain of steps drawn as boxes, walked one step at a time (no images)."""

    def __init__(self, frame: pd.DataFrame, caption: str):
        self.frame = frame.fillna("").astype(str)
        self.index = 0
        self.caption = caption
        self.diagram = text()
        self.detail = text()
        self.back = button("← Previous step")
        self.forward = button("Next step →")
        self.back.on_click(lambda _: self.show(self.index - 1))
        self.forward.on_click(lambda _: self.show(self.index + 1))
        super().__init__(
            [self.diagram, self.detail, widgets.HBox([self.back, self.forward])], layout=WIDE
        )
        self.add_class("kc-explorer")
        self.show(0)

    def show(self, index: int) -> None:
        self.index = max(0, min(index, len(self.frame) - 1))
        steps = records(self.frame)
        boxes = []
        for number, row in enumerate(steps):
            here = number == self.index
            marker = ' <strong class="kc-here">(you are here)</strong>' if here else ""
            boxes.append(
                f'<li class="kc-step{" kc-current" if here else ""}"'
                f"{' aria-current=step' if here else ''}>{html.escape(row['title'])}{marker}</li>"
            )
        self.diagram.value = (
            f'<figure class="kc-diagram"><figcaption>{html.escape(self.caption)}</figcaption>'
            f'<ol class="kc-steps">{"".join(boxes)}</ol></figure>'
        )
        row = steps[self.index]
        note = f'<p class="kc-note">{html.escape(row["note"])}</p>' if row["note"] else ""
        self.detail.value = (
            f'<div class="kc-step-detail" aria-live="polite"><h4>{html.escape(row["title"])} '
            f'<span class="kc-position">({self.index + 1} of {len(self.frame)})</span></h4>'
            f"<p>{html.escape(row['text'])}</p>{note}{sources_html(row['source'])}</div>"
        )
        self.back.disabled = self.index == 0
        self.forward.disabled = self.index == len(self.frame) - 1


def table_html(frame: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table; the Source column becomes links to the references."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            text = sources_html(value) if column.lower() == "source" else html.escape(str(value))
            cells.append(f"<td>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="kc-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


class FilterTable(widgets.VBox):
    """A table with a dropdown that keeps only the rows of one value of a column."""

    def __init__(self, frame: pd.DataFrame, column: str, caption: str):
        self.frame = frame.fillna("")
        self.column = column
        self.caption = caption
        values = list(dict.fromkeys(self.frame[column]))
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

    def rows(self) -> pd.DataFrame:
        if self.choice.value == ALL:
            return self.frame
        return cast("pd.DataFrame", self.frame.loc[self.frame[self.column] == self.choice.value])

    def refresh(self) -> None:
        shown = self.rows()
        self.count.value = (
            f'<p aria-live="polite">Showing {len(shown)} of {len(self.frame)} rows.</p>'
        )
        self.output.value = table_html(shown, self.caption)


def route_bars_html(frame: pd.DataFrame, chosen: int) -> str:
    """Bars of the share absorbed, each also written as a number (never colour alone)."""
    rows = []
    for index, row in enumerate(records(frame)):
        low, high = int(row["low_percent"]), int(row["high_percent"])
        share = f"{low}%" if low == high else f"{low} to {high}%"
        current = " kc-current" if index == chosen else ""
        rows.append(
            f'<li class="kc-bar-row{current}"><span class="kc-bar-label">'
            f"{html.escape(row['route'])}</span>"
            f'<span class="kc-bar" style="width:{high}%" aria-hidden="true">'
            f'<span class="kc-bar-low" style="width:{100 * low / high:.0f}%"></span></span>'
            f'<span class="kc-bar-value">{share}</span></li>'
        )
    return (
        '<figure class="kc-diagram"><figcaption>Share of the drug that reaches the blood, '
        "compared with an injection into a vein (= 100%). Ranges show how much it varies."
        f'</figcaption><ul class="kc-bars">{"".join(rows)}</ul></figure>'
    )


class RouteExplorer(widgets.VBox):
    """Compare how much of the drug each route delivers, as normalized percentages."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.choice = ChoiceGroup(legend="Pick a route to read about", labels=list(frame["route"]))
        self.bars = text()
        self.detail = text()
        self.choice.observe(lambda _: self.refresh(), names="selected")
        super().__init__([self.choice, self.bars, self.detail], layout=WIDE)
        self.add_class("kc-explorer")
        self.choice.selected = [len(frame) - 1]
        self.refresh()

    def refresh(self) -> None:
        chosen = self.choice.selected[0] if self.choice.selected else -1
        self.bars.value = route_bars_html(self.frame, chosen)
        if chosen < 0:
            self.detail.value = ""
            return
        row = records(self.frame)[chosen]
        self.detail.value = (
            f'<div aria-live="polite"><h4>{html.escape(row["route"])}</h4>'
            f"<p>{html.escape(row['plain_words'])}</p>"
            "<p>Because the share that reaches the blood differs so much, one route cannot be "
            "swapped for another. Only a clinician can judge any treatment.</p>"
            f"{sources_html(row['source'])}</div>"
        )

"""Explorers over the course's tables: a step-through, a filtered table, the route comparison.

Data comes from course_data/tables (validated by the loader); pandas does the
filtering; these classes only display.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, cast

import ipywidgets as widgets

from widgets.views.choices import ChoiceGroup
from widgets.views.kit import WIDE, button, records, sources_html, table_html, text

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
        self.output.value = table_html(
            list(shown.columns), shown.itertuples(index=False), self.caption
        )


class RouteExplorer(widgets.VBox):
    """Read about each route in plain words (the route-share figure shows them side by side)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.choice = ChoiceGroup(legend="Pick a route to read about", labels=list(frame["route"]))
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
        row = records(self.frame)[chosen]
        self.detail.value = (
            f'<div aria-live="polite"><h4>{html.escape(row["route"])}</h4>'
            f"<p>{html.escape(row['plain_words'])}</p>"
            "<p>Because the share that reaches the blood differs so much, one route cannot be "
            "swapped for another. Only a clinician can judge any treatment.</p>"
            f"{sources_html(row['source'])}</div>"
        )

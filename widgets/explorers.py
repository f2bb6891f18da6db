"""Interactive explorers beside the quizzes: step-throughs, filtered tables,
the route comparison, the worry check, the help finder, clinic-vetting
exercises, the glossary and the completion summary.

Data comes from course_data (validated by bank.py); the decisions are pure
functions (triage.py, pandas filters); these classes only display.
"""

from __future__ import annotations

import html
import json
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from IPython.display import display

from widgets.bank import Course, course
from widgets.choices import ChoiceGroup
from widgets.page import table
from widgets.progress import page_store, place_store
from widgets.progress_file import section_summary
from widgets.quiz import WIDE, QuestionView, alert_html, citations_html
from widgets.triage import triage

if TYPE_CHECKING:
    import pandas as pd

ALL = "All"


def _sources(cell: Any) -> str:
    ids = [i.strip() for i in str(cell).split(";") if i.strip()]
    return citations_html(ids) if ids else ""


class StepThrough(widgets.VBox):
    """A chain of steps drawn as boxes, walked one step at a time (no images)."""

    def __init__(self, frame: pd.DataFrame, caption: str):
        self.frame = frame.fillna("").astype(str)
        self.index = 0
        self.caption = caption
        self.diagram = widgets.HTML()
        self.detail = widgets.HTML()
        self.back = widgets.Button(description="← Previous step")
        self.forward = widgets.Button(description="Next step →")
        self.back.on_click(lambda _: self.show(self.index - 1))
        self.forward.on_click(lambda _: self.show(self.index + 1))
        super().__init__(
            [self.diagram, self.detail, widgets.HBox([self.back, self.forward])], layout=WIDE
        )
        self.add_class("kc-explorer")
        self.show(0)

    def show(self, index: int) -> None:
        self.index = max(0, min(index, len(self.frame) - 1))
        boxes = []
        for number, row in enumerate(self.frame.itertuples(index=False)):
            here = number == self.index
            marker = ' <strong class="kc-here">(you are here)</strong>' if here else ""
            boxes.append(
                f'<li class="kc-step{" kc-current" if here else ""}"'
                f"{' aria-current=step' if here else ''}>{html.escape(row.title)}{marker}</li>"
            )
        self.diagram.value = (
            f'<figure class="kc-diagram"><figcaption>{html.escape(self.caption)}</figcaption>'
            f'<ol class="kc-steps">{"".join(boxes)}</ol></figure>'
        )
        row = self.frame.iloc[self.index]
        note = f'<p class="kc-note">{html.escape(row["note"])}</p>' if row["note"] else ""
        self.detail.value = (
            f'<div class="kc-step-detail" aria-live="polite"><h4>{html.escape(row["title"])} '
            f'<span class="kc-position">({self.index + 1} of {len(self.frame)})</span></h4>'
            f"<p>{html.escape(row['text'])}</p>{note}{_sources(row['source'])}</div>"
        )
        self.back.disabled = self.index == 0
        self.forward.disabled = self.index == len(self.frame) - 1


def show_steps(name: str, caption: str) -> None:
    display(StepThrough(table(name), caption))


def table_html(frame: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table; the Source column becomes links to the references."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            text = _sources(value) if column.lower() == "source" else html.escape(str(value))
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
        self.count = widgets.HTML()
        self.output = widgets.HTML()
        self.choice.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.choice, self.count, self.output], layout=WIDE)
        self.add_class("kc-explorer")
        self.refresh()

    def rows(self) -> pd.DataFrame:
        if self.choice.value == ALL:
            return self.frame
        return self.frame[self.frame[self.column] == self.choice.value]

    def refresh(self) -> None:
        shown = self.rows()
        self.count.value = (
            f'<p aria-live="polite">Showing {len(shown)} of {len(self.frame)} rows.</p>'
        )
        self.output.value = table_html(shown, self.caption)


def show_filter_table(name: str, column: str, caption: str) -> None:
    display(FilterTable(table(name), column, caption))


def route_bars_html(frame: pd.DataFrame, chosen: int) -> str:
    """Bars of the share absorbed, each also written as a number (never colour alone)."""
    rows = []
    for index, row in enumerate(frame.itertuples(index=False)):
        low, high = int(row.low_percent), int(row.high_percent)
        share = f"{low}%" if low == high else f"{low} to {high}%"
        current = " kc-current" if index == chosen else ""
        rows.append(
            f'<li class="kc-bar-row{current}"><span class="kc-bar-label">'
            f"{html.escape(row.route)}</span>"
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
        self.bars = widgets.HTML()
        self.detail = widgets.HTML()
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
        row = self.frame.iloc[chosen]
        self.detail.value = (
            f'<div aria-live="polite"><h4>{html.escape(row["route"])}</h4>'
            f"<p>{html.escape(row['plain_words'])}</p>"
            "<p>Because the share that reaches the blood differs so much, one route cannot be "
            "swapped for another. Only a clinician can judge any treatment.</p>"
            f"{_sources(row['source'])}</div>"
        )


def show_route_explorer() -> None:
    display(RouteExplorer(table("routes")))


class WorryCheck(widgets.VBox):
    """Tick what is happening; get advice that always ends with who to call."""

    def __init__(self, check: dict[str, Any]):
        self.check = check
        self.symptoms = check["symptoms"]
        self.choice = ChoiceGroup(
            legend="Tick anything that is happening now",
            labels=[s["text"] for s in self.symptoms],
            multiple=True,
        )
        self.button = widgets.Button(description="What should I do?", button_style="primary")
        self.advice = widgets.HTML()
        self.button.on_click(lambda _: self.answer())
        self.choice.observe(lambda _: setattr(self.advice, "value", ""), names="selected")
        super().__init__([self.choice, self.button, self.advice], layout=WIDE)
        self.add_class("kc-explorer")

    def answer(self) -> None:
        ticked = [self.symptoms[i]["id"] for i in self.choice.selected]
        level, steps = triage(self.check, ticked)
        body = "".join(f"<p>{html.escape(step)}</p>" for step in steps)
        refs = sorted({r for s in self.symptoms if s["id"] in ticked for r in s["references"]})
        kind = "wrong" if level in ("emergency", "crisis", "poison") else "notice"
        title = {
            "emergency": "Emergency:",
            "crisis": "Get crisis support now:",
            "poison": "Call Poison Help now:",
            "stop": "Stop and get medical care today:",
            "urgent": "Contact your prescriber or get care today:",
            "clinician": "Talk to your clinician soon:",
            "none": "Nothing ticked:",
        }[level]
        self.advice.value = alert_html(kind, title, body + (citations_html(refs) if refs else ""))


def show_worry_check() -> None:
    display(WorryCheck(course().worry_check))


class HelpFinder(widgets.VBox):
    """Pick a situation; see who to contact. Built from the crisis panel's data."""

    def __init__(self, the_course: Course):
        self.lines = the_course.crisis["lines"]
        self.note = the_course.crisis["note"]
        self.choice = ChoiceGroup(
            legend="What is happening?", labels=[line["when"] for line in self.lines]
        )
        self.answer = widgets.HTML()
        self.choice.observe(lambda _: self.show(), names="selected")
        super().__init__([self.choice, self.answer], layout=WIDE)
        self.add_class("kc-explorer")

    def show(self) -> None:
        if not self.choice.selected:
            self.answer.value = ""
            return
        line = self.lines[self.choice.selected[0]]
        self.answer.value = alert_html(
            "answer", "Who to contact:", f"{html.escape(line['contact'])} {html.escape(self.note)}"
        )


def show_help_finder() -> None:
    display(HelpFinder(course()))


def show_exercises(section_id: str) -> None:
    """The section's scenario exercises (e.g. clinic profiles to vet), apart from the quiz."""
    the_course = course()
    exercises = the_course.quizzes[section_id].exercises
    views = [
        QuestionView(q, f"Exercise {n} of {len(exercises)}", the_course.shuffle_seed)
        for n, q in enumerate(exercises, 1)
    ]
    box = widgets.VBox(views, layout=WIDE)
    box.add_class("kc-exercises")
    display(box)


class Glossary(widgets.VBox):
    """Every term, with a search box that narrows the list as the learner types."""

    def __init__(self, terms: tuple[dict[str, Any], ...]):
        self.terms = sorted(terms, key=lambda t: t["term"].lower())
        self.search = widgets.Text(
            placeholder="Type part of a word…",
            description="Search the glossary:",
            style={"description_width": "initial"},
        )
        self.count = widgets.HTML()
        self.output = widgets.HTML()
        self.search.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.search, self.count, self.output], layout=WIDE)
        self.add_class("kc-explorer")
        self.refresh()

    def matching(self) -> list[dict[str, Any]]:
        needle = self.search.value.strip().lower()[:100]
        return [t for t in self.terms if needle in (t["term"] + " " + t["definition"]).lower()]

    def refresh(self) -> None:
        shown = self.matching()
        self.count.value = f'<p aria-live="polite">{len(shown)} of {len(self.terms)} terms.</p>'
        self.output.value = (
            '<dl class="kc-glossary">'
            + "".join(
                f"<dt>{html.escape(t['term'])}</dt><dd>{html.escape(t['definition'])} "
                f"{citations_html(t['references'])}</dd>"
                for t in shown
            )
            + "</dl>"
        )


def show_glossary() -> None:
    display(Glossary(course().glossary))


def completion_rows(document: dict[str, Any], the_course: Course) -> list[dict[str, Any]]:
    """One row per section: questions tried, score, and whether it is complete."""
    rows = []
    for section in the_course.sections:
        tried, total, score = section_summary(document, the_course, section.id)
        rows.append(
            {
                "section": section.title,
                "tried": tried,
                "questions": total,
                "score": round(score, 2),
                "complete": tried == total,
            }
        )
    return rows


class CompletionSummary(widgets.VBox):
    """What the learner has done, shown on the page and downloadable as a file."""

    def __init__(self, the_course: Course):
        self.course = the_course
        self.store = page_store(the_course)
        self.summary = widgets.HTML()
        self.button = widgets.Button(description="Download my summary", button_style="primary")
        self.button.on_click(lambda _: self.download())
        self.store.on_update(lambda _doc: self.refresh())
        super().__init__([self.summary, self.button, *place_store(self.store)], layout=WIDE)
        self.add_class("kc-explorer")
        self.refresh()

    def refresh(self) -> None:
        rows = completion_rows(self.store.document, self.course)
        done = sum(r["complete"] for r in rows)
        body = "".join(
            f"<tr><td>{html.escape(r['section'])}</td><td>{r['tried']} of {r['questions']}</td>"
            f"<td>{r['score']:g}</td><td>{'Yes' if r['complete'] else 'Not yet'}</td></tr>"
            for r in rows
        )
        self.summary.value = (
            f"<p>You have completed {done} of {len(rows)} sections.</p>"
            '<table class="kc-table"><caption>Your progress by section</caption><thead><tr>'
            '<th scope="col">Section</th><th scope="col">Questions tried</th>'
            '<th scope="col">Score</th><th scope="col">Complete</th></tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    def download(self) -> None:
        self.refresh()
        summary = {
            "course": self.course.title,
            "date": date.today().isoformat(),
            "sections": completion_rows(self.store.document, self.course),
            "note": self.course.crisis["note"],
        }
        self.store.download("ketamine-course-summary.json", json.dumps(summary, indent=2))


def show_completion_summary() -> None:
    display(CompletionSummary(course()))

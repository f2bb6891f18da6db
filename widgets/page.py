"""The fixed parts of every section page, rendered from the manifest as HTML.

Sections call these so that headers, the crisis panel, key points, sources
and navigation look the same everywhere and come from course.yaml.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from IPython.display import HTML, display

from widgets.bank import DATA_DIR, Course, course
from widgets.freshness import facts_checked

if TYPE_CHECKING:
    import pandas as pd
from widgets.progress import page_store, place_store, progress_bar
from widgets.progress_file import section_summary

STYLE = (Path(__file__).parent / "static" / "course.css").read_text(encoding="utf-8")


def _show(markup: str) -> None:
    display(HTML(markup))


def _list(items: Any) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def crisis_panel_html(the_course: Course) -> str:
    crisis = the_course.crisis
    rows = "".join(
        f"<li><strong>{html.escape(line['when'])}:</strong> {html.escape(line['contact'])}</li>"
        for line in crisis["lines"]
    )
    return (
        '<aside class="kc-crisis" role="complementary" aria-labelledby="kc-crisis-title">'
        f'<h2 id="kc-crisis-title">{html.escape(crisis["heading"])}</h2><ul>{rows}</ul>'
        f"<p>{html.escape(crisis['note'])}</p></aside>"
    )


def section_header_html(the_course: Course, section_id: str) -> str:
    """Title, time, when its facts were checked, objectives and the crisis panel."""
    section = the_course.section(section_id)
    number = [s.id for s in the_course.sections].index(section.id)
    return (
        f'<header class="kc-header"><p class="kc-course">{html.escape(the_course.title)}</p>'
        f"<h1>Section {number}: {html.escape(section.title)}</h1>"
        f'<p class="kc-minutes">About {section.minutes} minutes</p>'
        f'<p class="kc-checked">Facts checked: {facts_checked(the_course, section_id)}</p>'
        "</header>"
        f'<section class="kc-objectives" aria-label="Objectives"><h2>By the end you can</h2>'
        f"{_list(section.objectives)}</section>" + crisis_panel_html(the_course)
    )


def show_section_header(section_id: str) -> None:
    _show(f"<style>{STYLE}</style>" + section_header_html(course(), section_id))


def show_key_points(section_id: str) -> None:
    section = course().section(section_id)
    _show(
        '<section class="kc-key-points" aria-labelledby="kc-key-points-title">'
        f'<h2 id="kc-key-points-title">Key points</h2>{_list(section.key_points)}</section>'
    )


def reference_html(ref: dict[str, Any]) -> str:
    when = ref.get("year") or f"accessed {ref['accessed']}"
    link = ""
    if "doi" in ref:
        link = f" doi:{html.escape(ref['doi'])}"
    elif "url" in ref:
        link = f" {html.escape(ref['url'])}"
    note = f" {html.escape(ref['note'])}" if "note" in ref else ""
    return (
        f'<li id="ref-{html.escape(ref["id"])}">{html.escape(ref["authors"])} ({when}). '
        f"<em>{html.escape(ref['title'])}</em>. {html.escape(ref['source'])}.{link}{note}</li>"
    )


def show_references(section_id: str) -> None:
    """The section's sources, each with an anchor that citations link to."""
    the_course = course()
    rows = "".join(reference_html(the_course.references[r]) for r in the_course.cited(section_id))
    _show(
        '<section class="kc-references" aria-labelledby="kc-references-title">'
        f'<h2 id="kc-references-title">References</h2><ol>{rows}</ol>'
        "<p>Links in this course are plain text: copy them into a browser if you want to "
        "read a source. The app itself loads nothing from the internet.</p></section>"
    )


def show_nav(section_id: str) -> None:
    """Previous / home / next links; relative, so they work in Voilà and JupyterLab."""
    before, after = course().neighbours(section_id)
    links = []
    if before:
        links.append(
            f'<a href="{before.notebook}" rel="prev">← Previous: {html.escape(before.title)}</a>'
        )
    links.append('<a href="index.ipynb">Course home</a>')
    if after:
        links.append(
            f'<a href="{after.notebook}" rel="next">Next: {html.escape(after.title)} →</a>'
        )
    _show(f'<nav class="kc-nav" aria-label="Sections">{" ".join(links)}</nav>')


def table(name: str) -> pd.DataFrame:
    """A table from course_data/tables, for a notebook to show or filter.

    pandas is imported here, not at the top, so pages without a table spare
    their kernel its ~40 MB.
    """
    import pandas as pd

    return pd.read_csv(DATA_DIR / "tables" / f"{name}.csv")


class Dashboard(widgets.VBox):
    """The course home's list of sections, each with a progress bar."""

    def __init__(self, the_course: Course):
        self.course = the_course
        self.store = page_store(the_course)
        self.rows: dict[str, tuple[widgets.FloatProgress, widgets.HTML]] = {}
        children = []
        for number, section in enumerate(the_course.sections):
            bar, words = progress_bar(f"Section {number} progress:")
            bar.max = len(the_course.quizzes[section.id].questions)
            self.rows[section.id] = (bar, words)
            children.append(
                widgets.VBox(
                    [
                        widgets.HTML(
                            f'<h3 class="kc-section-link"><a href="{section.notebook}">Section '
                            f"{number}: {html.escape(section.title)}</a></h3>"
                            f'<p class="kc-minutes">About {section.minutes} minutes</p>'
                        ),
                        widgets.HBox([bar, words], layout=widgets.Layout(flex_flow="row wrap")),
                    ]
                )
            )
        self.overall, self.overall_words = progress_bar("Whole course:")
        self.overall.max = sum(bar.max for bar, _ in self.rows.values())
        self.store.on_document(self.update)
        self.update(self.store.document)
        super().__init__(
            [
                *children,
                widgets.HTML("<h2>Overall progress</h2>"),
                widgets.HBox([self.overall, self.overall_words]),
                *place_store(self.store),
            ]
        )
        self.add_class("kc-dashboard")

    def update(self, document: dict[str, Any]) -> None:
        all_tried = all_score = 0.0
        for section_id, (bar, words) in self.rows.items():
            tried, total, score = section_summary(document, self.course, section_id)
            bar.value = score
            words.value = f"<p>{tried} of {total} questions tried · score {round(score, 2):g}</p>"
            all_tried += tried
            all_score += score
        self.overall.value = all_score
        self.overall_words.value = (
            f"<p>{all_tried:g} of {self.overall.max:g} questions tried · "
            f"score {round(all_score, 2):g}</p>"
        )


def show_dashboard() -> None:
    display(Dashboard(course()))


def show_home_header() -> None:
    the_course = course()
    _show(
        f"<style>{STYLE}</style>"
        f'<header class="kc-header"><h1>{html.escape(the_course.title)}</h1></header>'
        + crisis_panel_html(the_course)
    )

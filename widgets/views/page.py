"""The fixed parts of every page, as HTML built from the manifest.

Headers, the crisis panel, key points, sources and navigation look the same
everywhere because they come from course.yaml through these functions.
"""

from __future__ import annotations

import html
import os
from datetime import date

from widgets.core.freshness import course_today, section_freshness
from widgets.core.model import Course
from widgets.core.types import Dial, Reference
from widgets.views.kit import html_list

# Shown in JupyterLab only (the course's style hides it on its Voilà pages): there a
# reloaded tab has lost the kernel's widgets until the cells run again.
IN_JUPYTERLAB = (
    '<p class="kc-lab-only"><strong>In JupyterLab:</strong> if the questions on this page '
    'say "model not found" or do not show, choose <em>Run &gt; Run All Cells</em>. '
    "Your answers are kept in this browser.</p>"
)


def dial_html(dial: Dial) -> str:
    """A link that calls or texts the number with one tap on a phone ("Call 988")."""
    scheme, verb = ("tel", "Call") if dial["how"] == "call" else ("sms", "Text")
    who = f" ({html.escape(dial['who'])})" if "who" in dial else ""
    digits = dial["number"].replace("-", "")
    return (
        f'<a class="kc-dial" href="{scheme}:{digits}">{verb} {html.escape(dial["number"])}{who}</a>'
    )


def crisis_panel_html(the_course: Course) -> str:
    crisis = the_course.crisis
    rows = "".join(
        f"<li><strong>{html.escape(line['when'])}:</strong> {html.escape(line['contact'])}"
        + (
            f'<span class="kc-dials">{" ".join(map(dial_html, line["dial"]))}</span>'
            if line.get("dial")
            else ""
        )
        + "</li>"
        for line in crisis["lines"]
    )
    return (
        '<aside class="kc-crisis" role="complementary" aria-labelledby="kc-crisis-title">'
        f'<h2 id="kc-crisis-title">{html.escape(crisis["heading"])}</h2><ul>{rows}</ul>'
        f"<p>{html.escape(crisis['note'])}</p></aside>"
    )


def freshness_html(the_course: Course, section_id: str, today: date) -> str:
    """The "Facts checked: <month>" line, then one line per claim under review, each a
    plain sentence in its own paragraph, so a screen reader reads it whole and no
    colour carries the meaning."""
    fresh = section_freshness(the_course, section_id, today)
    lines = [("kc-checked", f"Facts checked: {fresh.checked}")] if fresh.checked else []
    lines += [("kc-under-review", line) for line in fresh.under_review]
    return "".join(f'<p class="{kind}">{html.escape(line)}</p>' for kind, line in lines)


def section_header_html(the_course: Course, section_id: str, today: date | None = None) -> str:
    """Title, time, when its facts were checked, objectives and the crisis panel.

    `today` defaults to `course_today`: the real date on a live page, the recorded
    build day while build-notebooks or the notebook tests run it.
    """
    section = the_course.section(section_id)
    day = today or course_today(os.environ)
    return (
        '<header class="kc-header"><p class="kc-course"><a href="index.ipynb">'
        f"{html.escape(the_course.title)}</a> (course home)</p>"
        f"<h1>{html.escape(the_course.section_label(section_id))}</h1>"
        f'<p class="kc-minutes">About {section.minutes} minutes</p>'
        f"{freshness_html(the_course, section_id, day)}{IN_JUPYTERLAB}"
        "</header>"
        f'<section class="kc-objectives" aria-label="Objectives"><h2>By the end you can</h2>'
        f"{html_list(section.objectives)}</section>" + crisis_panel_html(the_course)
    )


def home_header_html(the_course: Course) -> str:
    return (
        f'<header class="kc-header"><h1>{html.escape(the_course.title)}</h1>{IN_JUPYTERLAB}'
        "</header>" + crisis_panel_html(the_course)
    )


def quiz_intro_html(the_course: Course, section_id: str) -> str:
    """The words above every quiz: what it is for, and that answers stay in this browser."""
    return (
        '<h2 id="check-your-understanding">Check your understanding</h2>'
        f"<p>{html.escape(the_course.quiz_intro_of(section_id))}</p>"
    )


def key_points_html(the_course: Course, section_id: str) -> str:
    section = the_course.section(section_id)
    return (
        '<section class="kc-key-points" aria-labelledby="kc-key-points-title">'
        f'<h2 id="kc-key-points-title">Key points</h2>{html_list(section.key_points)}</section>'
    )


def reference_html(ref: Reference) -> str:
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


def references_html(the_course: Course, section_id: str) -> str:
    """The section's sources, each with an anchor that citations link to."""
    rows = "".join(reference_html(the_course.references[r]) for r in the_course.cited(section_id))
    return (
        '<section class="kc-references" aria-labelledby="kc-references-title">'
        f'<h2 id="kc-references-title">References</h2><ol>{rows}</ol>'
        "<p>Links in this course are plain text: copy them into a browser if you want to "
        "read a source. The app itself loads nothing from the internet.</p></section>"
    )


def nav_html(the_course: Course, section_id: str) -> str:
    """Previous / home / next links; relative, so they work in Voilà and JupyterLab."""
    before, after = the_course.neighbours(section_id)
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
    return f'<nav class="kc-nav" aria-label="Sections">{" ".join(links)}</nav>'

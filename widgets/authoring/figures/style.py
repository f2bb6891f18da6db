"""How the figures look: the page's colours, patterns and markers, and the SVG they make.

Matplotlib writes fixed colours into an SVG; a figure drawn once must still follow
the page's light or dark theme. So the drawings use five stand-in colours, and the
finished SVG names a CSS variable in their place (course.css sets the variables
for each theme). Text stays text (`svg.fonttype: none`): it scales, a screen
reader can find it, and the file stays small.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure as Drawing
from matplotlib.typing import RcKeyType

from widgets.core.model import Figure

# Stand-in colour -> (CSS variable, its value where the course's style sheet is not
# on the page). course.css sets the variables in Voilà; JupyterLab drops that style
# sheet from a notebook it does not trust yet, so the fallbacks are JupyterLab's own
# theme colours, which follow its light or dark theme too.
ROLES = {
    "#0f0f01": ("--kc-fig-ink", "var(--jp-content-font-color1, #1a1a1a)"),
    "#0f0f02": ("--kc-fig-accent", "var(--jp-brand-color1, #1a5fb4)"),
    "#0f0f03": ("--kc-fig-tint", "var(--jp-layout-color2, #dce8f7)"),
    "#0f0f04": ("--kc-fig-muted", "var(--jp-border-color1, #6b6b6b)"),
    "#0f0f05": ("--kc-fig-paper", "var(--jp-layout-color0, #ffffff)"),
}
INK, ACCENT, TINT, MUTED, PAPER = ROLES

# One pattern and one marker per level of a key, in the order the key lists them, so
# a level is told apart by shape and by its written label, never by colour alone.
HATCHES = ("", "///", "xxx", "---", "|||", "\\\\\\")
MARKERS = ("o", "s", "^", "D", "v", "P")

FONT = 13.5
SMALL = 12

RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT,
    "text.color": INK,
    "axes.edgecolor": INK,
    "hatch.color": INK,
    "hatch.linewidth": 0.8,
    "patch.edgecolor": INK,
    "path.simplify": True,
}


def svg_of(draw: Callable[[], Drawing], figure: Figure) -> str:
    """What draw() draws, as an SVG for inline use: themed, labelled, the same every run.

    Drawn inside the style's settings: matplotlib reads them when each text and
    line is made, not only when the file is written.
    """
    buffer = io.StringIO()
    with rc_context({**RC, "svg.hashsalt": figure.id}):
        drawing = draw()
        drawing.savefig(
            buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True
        )
    return themed(buffer.getvalue(), figure)


def themed(svg: str, figure: Figure) -> str:
    """Matplotlib's SVG made ready to sit inside a page.

    The XML prologue and metadata go; the stand-in colours become CSS variables; and
    a title and description give the figure its text alternative (axe's
    svg-img-alt). The size stays: the page's style sheet makes the figure follow
    the column, and without it (JupyterLab, before it trusts the notebook) the
    figure keeps the size it was drawn at.
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    unthemed = sorted(set(re.findall(r"#[0-9a-fA-F]{6}\b", svg)) - set(ROLES))
    if unthemed:
        raise ValueError(
            f"figure {figure.id}: colours outside the theme ({', '.join(unthemed)}); "
            "draw with the colours in widgets/authoring/figures/style.py"
        )
    for stand_in, (variable, fallback) in ROLES.items():
        css = f"var({variable}, {fallback})"
        svg = re.sub(rf'(fill|stroke)="{stand_in}"', rf'style="\1: {css}"', svg)
        svg = svg.replace(stand_in, css)
    svg = own_ids(svg, f"kc-fig-{figure.id}-")
    title, desc = f"kc-fig-{figure.id}-title", f"kc-fig-{figure.id}-desc"
    label = (
        f'<svg class="kc-figure-svg" role="img" aria-labelledby="{title} {desc}" focusable="false" '
    )
    svg = svg.replace("<svg ", label, 1)
    head_end = svg.index(">") + 1
    return (
        svg[:head_end]
        + f'\n <title id="{title}">{_xml(figure.title)}</title>'
        + f'\n <desc id="{desc}">{_xml(figure.alt)}</desc>'
        + svg[head_end:]
    )


def own_ids(svg: str, prefix: str) -> str:
    """Every element id (and each reference to it) with the figure's own prefix:
    matplotlib names every drawing's parts alike (figure_1, axes_1, …), and two
    figures on one page would otherwise share ids."""
    for old in re.findall(r' id="([^"]+)"', svg):
        svg = (
            svg.replace(f' id="{old}"', f' id="{prefix}{old}"')
            .replace(f"url(#{old})", f"url(#{prefix}{old})")
            .replace(f'href="#{old}"', f'href="#{prefix}{old}"')
        )
    return svg


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

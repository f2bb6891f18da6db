"""The six drawings, each made from its table's rows and its figure's keys.

Every drawing is laid out on a canvas measured in points, y going down, so text
sizes and gaps read the same in every figure. Widths are narrow (about a phone's
screen) and tall rather than wide, so a figure still reads at 375 px.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure as Drawing
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from widgets.authoring.figures.style import (
    ACCENT,
    FONT,
    HATCHES,
    INK,
    MARKERS,
    MUTED,
    PAPER,
    SMALL,
    TINT,
)
from widgets.core.model import Figure

WIDTH = 400.0
LINE = 1.3  # line height, in font sizes
PAD = 8.0
UNRATED = "opinion"  # the evidence map's certainty level that is not a rating


def canvas(height: float) -> tuple[Drawing, Axes]:
    """A drawing WIDTH x height points with one axes filling it, in points, y down."""
    drawing = Drawing(figsize=(WIDTH / 72, height / 72))
    ax = drawing.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    return drawing, ax


def wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def text_height(lines: int, size: float = FONT) -> float:
    return lines * size * LINE


def share(value: float) -> str:
    """A percentage as the course writes it: 93, 0.3 (never 93.0)."""
    return f"{value:g}%"


def range_bars(frame: pd.DataFrame, label_column: str) -> Drawing:
    """Bars of a share in percent; a range is a solid part to its low end, striped to its high.

    The value is written at the end of each bar, so the bar's length is never the
    only way to read it.
    """
    row_height = FONT * LINE + 26
    top, axis = 6.0, 24.0
    drawing, ax = canvas(top + row_height * len(frame) + axis)
    left, right = 14.0, WIDTH - 74
    scale = (right - left) / 100
    for tick in (0, 25, 50, 75, 100):
        x = left + tick * scale
        bottom = top + row_height * len(frame)
        ax.plot([x, x], [top, bottom], color=MUTED, linewidth=0.6, linestyle=(0, (2, 3)))
        ax.text(x, bottom + 4, f"{tick}%", ha="center", va="top", fontsize=SMALL)
    for index, row in enumerate(frame.to_dict("records")):
        y = top + index * row_height
        low, high = float(row["low_percent"]), float(row["high_percent"])
        ax.text(left, y + 2, str(row[label_column]), va="top", fontweight="bold")
        bar_top = y + FONT * LINE + 4
        ax.add_patch(Rectangle((left, bar_top), low * scale, 14, facecolor=ACCENT, edgecolor=INK))
        if high > low:
            ax.add_patch(
                Rectangle(
                    (left + low * scale, bar_top),
                    (high - low) * scale,
                    14,
                    facecolor=TINT,
                    edgecolor=INK,
                    hatch=HATCHES[1],
                )
            )
        value = share(low) if low == high else f"{share(low)} to {share(high)}"
        ax.text(left + high * scale + 6, bar_top + 7, value, va="center", fontsize=SMALL)
    return drawing


def route_share(frame: pd.DataFrame, figure: Figure) -> Drawing:
    return range_bars(frame, "route")


def side_effects(frame: pd.DataFrame, figure: Figure) -> Drawing:
    return range_bars(frame, "effect")


def legend(ax: Axes, y: float, entries: list[tuple[str, str]], style: str) -> None:
    """A key of (pattern or marker, words), one to a row."""
    for index, (mark, words) in enumerate(entries):
        x = PAD
        row_y = y + index * (FONT * LINE + 6)
        if style == "hatch":
            ax.add_patch(Rectangle((x, row_y), 22, 14, facecolor=TINT, edgecolor=INK, hatch=mark))
        else:
            ax.plot(
                [x + 8],
                [row_y + 7],
                marker=mark,
                color=ACCENT,
                markeredgecolor=INK,
                markersize=9,
                linestyle="none",
            )
        ax.text(x + 28, row_y + 7, words, va="center", fontsize=SMALL)


def legend_height(entries: int) -> float:
    """A legend's height with its heading line."""
    return (entries + 1) * (FONT * LINE + 6)


def patterns(figure: Figure, column: str) -> dict[str, str]:
    return dict(zip(figure.keys[column], HATCHES, strict=False))


def markers(figure: Figure, column: str) -> dict[str, str]:
    return dict(zip(figure.keys[column], MARKERS, strict=False))


def ketamine_timeline(frame: pd.DataFrame, figure: Figure) -> Drawing:
    """Years down the left, a line with one marker per event, the event's kind and words."""
    kinds, marker = figure.keys["kind"], markers(figure, "kind")
    rows = [
        (row, wrapped(f"{kinds[row['kind']]}: {row['label']}", 38))
        for row in frame.to_dict("records")
    ]
    heights = [text_height(len(lines)) + 14 for _, lines in rows]
    drawing, ax = canvas(PAD + sum(heights))
    line_x = 62.0
    y = PAD
    ax.plot(
        [line_x, line_x], [PAD + 8, PAD + sum(heights) - heights[-1] + 8], color=MUTED, linewidth=2
    )
    for (row, lines), height in zip(rows, heights, strict=True):
        ax.text(line_x - 16, y + 8, str(row["title"]), ha="right", va="center", fontweight="bold")
        ax.plot(
            [line_x],
            [y + 8],
            marker=marker[row["kind"]],
            color=ACCENT,
            markeredgecolor=INK,
            markersize=10,
            linestyle="none",
        )
        ax.text(line_x + 16, y + 8 - FONT * LINE / 2, "\n".join(lines), va="top", linespacing=LINE)
        y += height
    return drawing


def mechanism_pathway(frame: pd.DataFrame, figure: Figure) -> Drawing:
    """The steps as boxes joined by arrows; each box's pattern strip and words give its evidence.

    The last row ("Other ideas") stands apart with a dashed edge and no arrow: it is
    not a step of the chain.
    """
    levels, pattern = figure.keys["evidence_level"], patterns(figure, "evidence_level")
    steps = frame.to_dict("records")
    box_height, gap, strip = 2 * FONT * LINE + 2 * PAD, 18.0, 34.0
    key_top = PAD + len(steps) * (box_height + gap) + 6
    entries = [(pattern[k], words) for k, words in levels.items()]
    drawing, ax = canvas(key_top + legend_height(len(entries)) + PAD)
    for index, step in enumerate(steps):
        y = PAD + index * (box_height + gap)
        last = index == len(steps) - 1
        ax.add_patch(
            FancyBboxPatch(
                (PAD, y),
                WIDTH - 2 * PAD,
                box_height,
                boxstyle="round,pad=0,rounding_size=6",
                facecolor=PAPER,
                edgecolor=INK,
                linewidth=1.4,
                linestyle="--" if last else "-",
            )
        )
        ax.add_patch(
            Rectangle(
                (PAD, y),
                strip,
                box_height,
                facecolor=TINT,
                edgecolor=INK,
                hatch=pattern[step["evidence_level"]],
                linewidth=1,
            )
        )
        ax.text(PAD + strip + 10, y + PAD, step["label"], va="top", fontweight="bold")
        ax.text(
            PAD + strip + 10,
            y + PAD + FONT * LINE,
            levels[step["evidence_level"]],
            va="top",
            fontsize=SMALL,
        )
        if index < len(steps) - 2:
            ax.add_patch(
                FancyArrowPatch(
                    (WIDTH / 2, y + box_height),
                    (WIDTH / 2, y + box_height + gap),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color=INK,
                    linewidth=1.4,
                )
            )
    ax.text(
        PAD,
        key_top,
        "Pattern: how strong the evidence is",
        va="top",
        fontsize=SMALL,
        fontweight="bold",
    )
    legend(ax, key_top + FONT * LINE + 4, entries, "hatch")
    return drawing


def evidence_map(frame: pd.DataFrame, figure: Figure) -> Drawing:
    """One row per study under its condition: its design as a marker, what it found in
    words, and its certainty as a row of pips with the word beside them.

    Certainty's levels are a scale in the order the key lists them; expert opinion
    is not on it and gets no pips.
    """
    certainty, results = figure.keys["certainty_level"], figure.keys["result_kind"]
    scale = [level for level in certainty if level != UNRATED]
    marker = markers(figure, "design_kind")
    study_height, heading_height = 2 * SMALL * LINE + 8, FONT * LINE + 10
    conditions = list(dict.fromkeys(frame["Condition"]))
    header = SMALL * LINE + PAD + 4
    body = len(frame) * study_height + len(conditions) * heading_height
    key_top = header + body + 10
    entries = [(marker[k], words) for k, words in figure.keys["design_kind"].items()]
    drawing, ax = canvas(key_top + legend_height(len(entries)) + PAD)
    pip, pips_x = 11.0, WIDTH - PAD - len(scale) * 15
    ax.text(PAD, PAD, "Study", va="top", fontsize=SMALL, fontweight="bold")
    ax.text(WIDTH - PAD, PAD, "Certainty", ha="right", va="top", fontsize=SMALL, fontweight="bold")
    y = header
    for condition in conditions:
        ax.plot([PAD, WIDTH - PAD], [y, y], color=MUTED, linewidth=0.8)
        ax.text(PAD, y + 5, condition, va="top", fontweight="bold")
        y += heading_height
        for row in frame.loc[frame["Condition"] == condition].to_dict("records"):
            middle = y + SMALL * LINE / 2
            ax.plot(
                [PAD + 8],
                [middle],
                marker=marker[row["design_kind"]],
                color=ACCENT,
                markeredgecolor=INK,
                markersize=10,
                linestyle="none",
            )
            ax.text(PAD + 22, y, row["Study"], va="top", fontsize=SMALL)
            ax.text(
                PAD + 22,
                y + SMALL * LINE,
                f"{row['Year']}: {results[row['result_kind']]}",
                va="top",
                fontsize=SMALL,
                fontstyle="italic",
            )
            level = row["certainty_level"]
            for index in range(len(scale) if level in scale else 0):
                filled = index <= scale.index(level)
                ax.add_patch(
                    Rectangle(
                        (pips_x + index * 15, middle - pip / 2),
                        pip,
                        pip,
                        facecolor=ACCENT if filled else PAPER,
                        edgecolor=INK,
                    )
                )
            ax.text(
                WIDTH - PAD,
                y + SMALL * LINE,
                certainty[level],
                ha="right",
                va="top",
                fontsize=SMALL,
            )
            y += study_height
    ax.text(PAD, key_top, "Marker: the study's design", va="top", fontsize=SMALL, fontweight="bold")
    legend(ax, key_top + FONT * LINE + 4, entries, "marker")
    return drawing


def supervised_session(frame: pd.DataFrame, figure: Figure) -> Drawing:
    """Each stage of a session: what the label's REMS requires, beside what home lacks."""
    lane = (WIDTH - 3 * PAD) / 2
    rows = [
        (row, wrapped(row["in_clinic"], 26), wrapped(row["at_home"], 26))
        for row in frame.to_dict("records")
    ]
    header = text_height(2) + PAD
    heights = [FONT * LINE + text_height(max(len(a), len(b)), SMALL) + 3 * PAD for _, a, b in rows]
    drawing, ax = canvas(PAD + header + sum(heights))
    for index, title in enumerate(("In a certified clinic\n(the label's REMS)", "At home")):
        ax.text(
            PAD + index * (lane + PAD) + lane / 2,
            PAD,
            title,
            ha="center",
            va="top",
            fontweight="bold",
            linespacing=LINE,
        )
    y = PAD + header
    for (row, clinic, home), height in zip(rows, heights, strict=True):
        ax.text(PAD, y, row["stage"], va="top", fontweight="bold")
        box_top = y + FONT * LINE + 2
        for index, lines in enumerate((clinic, home)):
            x = PAD + index * (lane + PAD)
            ax.add_patch(
                FancyBboxPatch(
                    (x, box_top),
                    lane,
                    height - FONT * LINE - PAD - 2,
                    boxstyle="round,pad=0,rounding_size=5",
                    facecolor=TINT if index == 0 else PAPER,
                    edgecolor=INK,
                    linewidth=1.2,
                    linestyle="-" if index == 0 else "--",
                )
            )
            ax.text(
                x + PAD,
                box_top + PAD - 2,
                "\n".join(lines),
                va="top",
                fontsize=SMALL,
                linespacing=LINE,
            )
        y += height
    return drawing


DRAWINGS: dict[str, Callable[[pd.DataFrame, Figure], Drawing]] = {
    "route-share": route_share,
    "ketamine-timeline": ketamine_timeline,
    "mechanism-pathway": mechanism_pathway,
    "evidence-map": evidence_map,
    "side-effects": side_effects,
    "supervised-session": supervised_session,
}

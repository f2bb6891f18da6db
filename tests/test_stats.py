"""`stats`: the TOTAL row of the course statistics."""

from __future__ import annotations

from widgets.authoring.cli import main


def test_stats_total_row_has_no_none(capsys):
    assert main(["stats"]) == 0
    total = capsys.readouterr().out.strip().splitlines()[-1]
    assert total.split()[0] == "TOTAL"
    assert "None" not in total


def test_stats_total_reading_grade_is_read_over_all_the_prose(capsys):
    """A grade for the whole course, so it lies within the sections' grades."""
    assert main(["stats", "--csv"]) == 0
    header, *rows = (line.split(",") for line in capsys.readouterr().out.strip().splitlines())
    by_section = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    total = by_section.pop("TOTAL")
    for measure in ("reading grade", "SMOG"):
        grades = [float(row[measure]) for row in by_section.values()]
        assert min(grades) <= float(total[measure]) <= max(grades)

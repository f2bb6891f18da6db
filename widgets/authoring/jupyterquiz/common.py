"""What reading and writing jupyterquiz files share: the error, and tidy numbers."""

from __future__ import annotations

from widgets.core.model import Problem


class InterchangeError(ValueError):
    """Raised with every problem in the input, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the jupyterquiz questions:\n{lines}")


def tidy(number: float) -> int | float:
    """Drop float noise from midpoints (3.1428575000000003) and write 49.0 as 49."""
    number = float(f"{number:.12g}")
    return int(number) if number.is_integer() and abs(number) < 1e15 else number

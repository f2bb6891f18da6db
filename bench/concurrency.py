"""The most learners this machine serves at once with the median check-answer round trip
under 500 ms. Each step opens N learners together; each checks one answer.

Run: .venv/bin/python -m bench.concurrency [--steps 5,10,20,30,40]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.common import median, write_csv
from tests.browser import NOTEBOOK_DIR, voila_server
from tests.crowd import crowd
from widgets.core.loader import course

LIMIT_S = 0.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", default="5,10,20,30,40")
    args = parser.parse_args()
    section = course().sections[1]
    rows, best = [], 0
    with (
        tempfile.TemporaryDirectory() as tmp,
        voila_server(NOTEBOOK_DIR, Path(tmp) / "v.log") as server,
    ):
        for learners in map(int, args.steps.split(",")):
            visits = crowd(server.url, section.notebook, section.id, learners)
            ok = [v for v in visits if v.correct and not v.errors]
            check = median([v.check_s for v in ok])
            opened = median([v.opened_s for v in ok])
            rows.append(
                {
                    "learners": learners,
                    "succeeded": len(ok),
                    "median_open_s": round(opened, 2),
                    "median_check_s": round(check, 3),
                }
            )
            print(
                f"{learners:3} learners: {len(ok)} succeeded, page ready in {opened:.1f} s, "
                f"check round trip {check * 1000:.0f} ms (medians)"
            )
            if len(ok) == learners and check < LIMIT_S:
                best = learners
            else:
                break
    print(f"largest group with every learner served and median check < 500 ms: {best}")
    write_csv("concurrency", rows)


if __name__ == "__main__":
    main()

"""The 20-learner crowd of the load test, run again and again: how often does a
learner get stuck, see an error, or lose a saved answer?

Run: .venv/bin/python -m bench.crowd_repeat [--runs 20] [--learners 20] [--hog]
     [--checkout DIR]
--hog keeps one CPU-bound process running beside it (as a second test suite would).
--checkout serves another checkout's notebooks and widgets, e.g. a `git worktree`
of an older commit, for a before/after comparison on the same machine.
"""

from __future__ import annotations

import argparse
import tempfile
from contextlib import nullcontext
from pathlib import Path

from bench.common import machine, write_csv
from tests.browser import REPO, voila_server
from tests.crowd import Visit, cpu_hog, crowd
from widgets.core.loader import course


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def summary(run: int, visits: list[Visit]) -> dict[str, float | int]:
    served = [v for v in visits if v.correct and v.saved and not v.errors]
    opened = [v.opened_s for v in visits if v.correct]
    return {
        "run": run,
        "learners": len(visits),
        "served": len(served),
        "with_error": sum(1 for v in visits if v.errors),
        "not_saved": sum(1 for v in visits if v.correct and not v.saved),
        "late_widgets": sum(v.late_widgets for v in visits),
        "open_p50_s": round(percentile(opened, 0.5), 1),
        "open_p95_s": round(percentile(opened, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--hog", action="store_true")
    parser.add_argument("--checkout", type=Path, default=REPO)
    args = parser.parse_args()
    section = course().sections[1]
    print(f"{machine()}; checkout {args.checkout}; CPU hog: {'yes' if args.hog else 'no'}")
    rows = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        voila_server(
            args.checkout / "notebooks",
            Path(tmp) / "v.log",
            repo=args.checkout,
            # a checkout from before the course's own server (widgets/server/app.py)
            module="widgets.server"
            if (args.checkout / "widgets/server/app.py").exists()
            else "voila",
        ) as srv,
        cpu_hog() if args.hog else nullcontext(),
    ):
        for run in range(1, args.runs + 1):
            visits = crowd(srv.url, section.notebook, section.id, args.learners)
            rows.append(summary(run, visits))
            print(rows[-1], flush=True)
            for error in sorted({e for v in visits for e in v.errors}):
                print(f"    error: {error}", flush=True)
    failed = [r for r in rows if r["served"] < r["learners"]]
    learners = sum(int(r["learners"]) for r in rows)
    lost = sum(int(r["learners"]) - int(r["served"]) for r in rows)
    print(
        f"runs with a failed learner: {len(failed)} of {len(rows)}; learners not served: "
        f"{lost} of {learners} ({lost / learners:.1%}); late widgets recovered: "
        f"{sum(int(r['late_widgets']) for r in rows)}"
    )
    write_csv("crowd_repeat" + ("_hog" if args.hog else ""), rows)


if __name__ == "__main__":
    main()

"""How long strict `pytest --nbval` takes for the whole course.

Run: .venv/bin/python -m bench.nbval_time
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench.common import write_csv
from tests.browser import REPO


def main() -> None:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "notebooks", "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1]
    print(f"pytest --nbval notebooks: {seconds:.1f} s ({summary})")
    write_csv("nbval_time", [{"seconds": round(seconds, 1), "result": summary}])


if __name__ == "__main__":
    main()

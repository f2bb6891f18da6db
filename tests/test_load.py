"""Twenty learners at once beside a CPU-bound process, and no kernel left behind after
25 visits (more than twice the pool). The server culls idle kernels after seconds,
not minutes, so the test waits for the condition, not for the production settings."""

from __future__ import annotations

import pytest

from tests.browser import NOTEBOOK_DIR, voila_server
from tests.crowd import cpu_hog, crowd, wait_for_kernels
from widgets.core.loader import course

pytestmark = [pytest.mark.browser, pytest.mark.load, pytest.mark.timeout(900)]
SHORT_CULLING = (
    "--MappingKernelManager.cull_idle_timeout=20",
    "--MappingKernelManager.cull_interval=5",
)
SECTION = course().sections[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("voila-load") / "voila.log"
    with voila_server(NOTEBOOK_DIR, log, *SHORT_CULLING) as running:
        yield running


def test_twenty_learners_at_once_beside_a_busy_core_all_open_a_section_and_save(server):
    """A second CPU-bound process (another suite, a build) must not make learners fail.

    Each learner sees the quiz, or the notice that the page is slow (with where to get
    help and "Try again"), within a minute (crowd.FIRST_SIGN_MS); none is left waiting.
    """
    with cpu_hog():
        visits = crowd(server.url, SECTION.notebook, SECTION.id, learners=20)
    assert [e for v in visits for e in v.errors] == []
    assert [(v.correct, v.saved) for v in visits] == [(True, True)] * 20


def test_kernels_are_shut_down_when_learners_leave(server):
    """25 visits in groups of 5; afterwards only the preheated pool (one per page) is left."""
    pool = len(course().sections) + 1
    for _ in range(5):
        visits = crowd(server.url, SECTION.notebook, SECTION.id, learners=5)
        assert all(v.correct and v.saved for v in visits), [v.errors for v in visits]
    # Pages tell the server when they close; a kernel whose goodbye got lost (a closed
    # browser, a dropped connection) is culled once idle and unconnected (voila.json).
    left = wait_for_kernels(server.pid, at_most=pool, timeout_s=120)
    assert left <= pool, f"{left} kernels still running after 25 visits; the pool is {pool}"

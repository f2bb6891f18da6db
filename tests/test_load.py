"""Twenty learners at once, and no kernel left behind after fifty visits."""

from __future__ import annotations

import pytest

from bench.crowd import crowd, wait_for_kernels
from tests.browser import voila_server
from widgets.bank import NOTEBOOK_DIR, course

pytestmark = pytest.mark.browser
SECTION = course().sections[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("voila-load") / "voila.log"
    with voila_server(NOTEBOOK_DIR, log) as running:
        yield running


def test_twenty_learners_at_once_all_open_a_section_and_check_an_answer(server):
    visits = crowd(server.url, SECTION.notebook, SECTION.id, learners=20)
    assert [e for v in visits for e in v.errors] == []
    assert [(v.correct, v.saved) for v in visits] == [(True, True)] * 20


def test_kernels_are_shut_down_when_learners_leave(server):
    """50 visits in groups of 5; afterwards only the preheated pool (one per page) is left."""
    pool = len(course().sections) + 1
    for _ in range(10):
        visits = crowd(server.url, SECTION.notebook, SECTION.id, learners=5)
        assert all(v.correct and v.saved for v in visits), [v.errors for v in visits]
    # Pages tell the server when they close; a kernel whose goodbye got lost (a closed
    # browser, a dropped connection) is culled once idle and unconnected (voila.json).
    left = wait_for_kernels(server.pid, at_most=pool, timeout_s=240)
    assert left <= pool, f"{left} kernels still running after 50 visits; the pool is {pool}"

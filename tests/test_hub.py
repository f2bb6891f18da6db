"""`make hub`'s JupyterHub, run for real: a class signs in, works, and is kept apart.

One hub (deploy/jupyterhub_config.py) with a class list of three learners. They
sign in at the same moment, each sets a password (first sign-in), lands on the
course home in their own server, answers a question and keeps their own answer.
A learner cannot reach another's server, nor anything of their own server but
the course pages. Servers left idle are stopped by the idle culler.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import STORAGE_KEY, Server, hub_server
from tests.learner import check, wait_saved
from widgets.core.loader import course

pytestmark = pytest.mark.browser

THE_COURSE = course()
SECTION = THE_COURSE.sections[1]
QUESTION = THE_COURSE.quizzes[SECTION.id].questions[0]
LEARNERS = {"ana": True, "ben": False, "cai": True}  # name: answers the question right
SLOW_NETWORK = "dee"  # signs in on a network slower than the hub pages' script loader waits
PASSWORD = "a-long-class-password"
CULL_AFTER = 40  # seconds; a class would use an hour (the default)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    state = tmp_path_factory.mktemp("hub")
    with hub_server(state, [*LEARNERS, SLOW_NETWORK], state / "hub.log", CULL_AFTER) as server:
        yield server


def fill_sign_in(page: Any, hub: Server, name: str) -> None:
    """The hub's sign-in form, filled in; the first sign-in sets the password."""
    page.goto(f"{hub.url}/hub/login")
    assert "choose a password" in page.locator(".announcement").inner_text()
    assert "988" in page.locator(".announcement").inner_text()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)


@pytest.fixture(scope="module")
def signed_in(chromium: Any, hub: Server) -> Iterator[dict[str, Any]]:
    """The three learners, signed in at the same moment, each on their course home."""
    pages = {name: chromium.new_context().new_page() for name in LEARNERS}
    for name, page in pages.items():
        fill_sign_in(page, hub, name)
    for page in pages.values():
        page.get_by_role("button", name="Sign in").click(no_wait_after=True)
    for name, page in pages.items():
        page.wait_for_url(f"{hub.url}/user/{name}/voila/render/index.ipynb", timeout=120_000)
        page.locator(".kc-progress-tools").wait_for()
    yield pages
    for page in pages.values():
        page.context.close()


def section_url(hub: Server, name: str) -> str:
    return f"{hub.url}/user/{name}/voila/render/{SECTION.notebook}"


def verdict(page: Any) -> str:
    """The restored verdict on the first question after a reload."""
    page.locator(".kc-quiz .kc-question").first.locator(".kc-message").wait_for()
    return page.locator(".kc-quiz .kc-question").first.locator(".kc-message").get_attribute("class")


def test_each_learner_answers_in_their_own_server_and_keeps_their_own_answer(hub, signed_in):
    for name, page in signed_in.items():
        page.goto(section_url(hub, name))
        check(page.locator(".kc-quiz .kc-question").first, QUESTION, right=LEARNERS[name])
        wait_saved(page, [QUESTION["id"]], key=f"{STORAGE_KEY}:{name}")
    for name, page in signed_in.items():
        page.reload()
        expected = "kc-ok" if LEARNERS[name] else "kc-wrong"
        assert expected in verdict(page), name


def sign_in_again(page: Any, hub: Server, name: str) -> None:
    page.goto(f"{hub.url}/hub/logout")
    fill_sign_in(page, hub, name)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{hub.url}/user/{name}/voila/render/index.ipynb")


def test_learners_sharing_a_computer_keep_their_answers_apart(hub, signed_in):
    page = signed_in["ana"]  # ana answered right in this browser
    sign_in_again(page, hub, "ben")
    page.goto(section_url(hub, "ben"))
    check(page.locator(".kc-quiz .kc-question").first, QUESTION, right=False)
    wait_saved(page, [QUESTION["id"]], key=f"{STORAGE_KEY}:ben")
    sign_in_again(page, hub, "ana")
    page.goto(section_url(hub, "ana"))
    assert "kc-ok" in verdict(page)  # ana's answer, not the one ben gave after her


def test_a_learner_cannot_open_another_learners_server(hub, signed_in):
    page = signed_in["cai"]
    response = page.goto(section_url(hub, "ben"))
    assert response.status in (403, 404)
    assert page.locator(".kc-progress-tools").count() == 0


def test_a_learners_server_serves_the_course_and_nothing_else(hub, signed_in):
    page = signed_in["cai"]
    mine = f"{hub.url}/user/cai"
    home = page.request.get(f"{mine}/voila/render/index.ipynb")
    assert home.status == 200
    assert home.headers["x-jupyterhub-version"]  # the hub checks it, and warns without it
    assert home.headers["content-security-policy"] == "frame-ancestors 'none'"
    up = page.request.get(f"{mine}/api")  # the hub's "is it up?" check
    assert up.status == 200 and list(up.json()) == ["version"]
    assert up.headers["x-jupyterhub-version"]
    closed = [
        "/lab",
        "/tree",
        "/terminals/1",
        "/api/terminals",
        "/api/contents",
        "/api/kernels",
        "/files/index.ipynb",
        "/voila/files/index.ipynb",
        "/voila/files/../course_data/course.yaml",
        "/voila/files/%2E%2E/course_data/course.yaml",
        "/voila/static/../../course_data/course.yaml",
    ]
    answered = {path: page.request.get(mine + path).status for path in closed}
    assert all(status in (403, 404) for status in answered.values()), answered
    started = page.request.post(f"{mine}/api/kernels", data=json.dumps({"name": "python3"}))
    assert started.status in (403, 404, 405)


def test_a_learner_whose_hub_scripts_load_slowly_still_reaches_the_course(hub, chromium):
    """The hub's "server starting" page loads its script with RequireJS, which by default
    gives up on a script after 7 s and leaves the page waiting forever: 11 of 30 learners
    arriving within a minute did (bench/burst.py). Here the script takes 8 s."""
    page = chromium.new_context().new_page()
    page.clock.install()
    slowed = []

    def slow(route: Any) -> None:
        if "/hub/spawn-pending/" in route.request.frame.url:
            slowed.append(route.request.url)
            page.clock.fast_forward(8000)
        route.continue_()

    page.route("**/hub/static/js/jhapi.js*", slow)
    fill_sign_in(page, hub, SLOW_NETWORK)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{hub.url}/user/{SLOW_NETWORK}/voila/render/index.ipynb", timeout=60_000)
    page.locator(".kc-progress-tools").wait_for()
    assert slowed, "the sign-in went past the hub's 'server starting' page"
    page.context.close()


def test_idle_servers_are_stopped_by_the_culler(hub, signed_in):
    """Last: closes the learners' pages and waits until the hub reports no server."""
    page = signed_in["cai"]
    page.goto(f"{hub.url}/hub/home")
    for other in ("ana", "ben"):
        signed_in[other].close()

    def servers() -> list[str]:
        return list(page.request.get(f"{hub.url}/hub/api/user").json()["servers"])

    assert servers() == [""]
    deadline = time.monotonic() + 4 * CULL_AFTER
    while servers():  # the culler checks every CULL_AFTER / 4 seconds (at least 10)
        assert time.monotonic() < deadline, f"cai's server still runs after {4 * CULL_AFTER} s"
        page.wait_for_timeout(2000)

"""`make hub`'s JupyterHub, run for real: a class signs in, works, and is kept apart.

One hub (deploy/jupyterhub_config.py) with a class list of three learners and one
course server, the hub's service. They sign in at the same moment, each sets a
password (first sign-in), lands on the course home, answers a question and keeps
their own answer. A learner cannot reach another's kernel, start a server of their
own, or reach anything of the course server but the course pages. A page left
without activity gives its kernel back.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import STORAGE_KEY, Server, hub_server, kernel_pids
from tests.crowd import QUIZ_SHOWN
from tests.learner import check, wait_saved
from widgets.core.loader import course

pytestmark = pytest.mark.browser

THE_COURSE = course()
SECTION = THE_COURSE.sections[1]
QUESTION = THE_COURSE.quizzes[SECTION.id].questions[0]
LEARNERS = {"ana": True, "ben": False, "cai": True}  # name: answers the question right
PASSWORD = "a-long-class-password"
CULL_AFTER = 30  # seconds; a class would use an hour (the default)
COURSE = "/services/course"
HOME = f"{COURSE}/voila/render/index.ipynb"
CHANNELS = re.compile(r"/api/kernels/([0-9a-f-]+)/channels")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    state = tmp_path_factory.mktemp("hub")
    with hub_server(state, list(LEARNERS), state / "hub.log", CULL_AFTER) as server:
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
    for page in pages.values():
        page.wait_for_url(hub.url + HOME, timeout=120_000)
        page.locator(".kc-progress-tools").wait_for()
    yield pages
    for page in pages.values():
        page.context.close()


def section_url(hub: Server) -> str:
    return f"{hub.url}{COURSE}/voila/render/{SECTION.notebook}"


def open_section(page: Any, hub: Server) -> str:
    """Open the section; the id of the kernel its page was given."""
    with page.expect_websocket(lambda socket: CHANNELS.search(socket.url)) as socket:
        page.goto(section_url(hub))
    page.locator(QUIZ_SHOWN).first.wait_for()
    return CHANNELS.search(socket.value.url)[1]


def page_question(index: int) -> dict[str, Any]:
    return THE_COURSE.quizzes[SECTION.id].questions[index]


def verdict(page: Any, index: int = 0) -> str:
    """The restored verdict on a question of the section's quiz after a reload."""
    message = page.locator(".kc-quiz .kc-question").nth(index).locator(".kc-message")
    message.wait_for()
    return message.get_attribute("class")


def test_each_learner_answers_on_the_course_server_and_keeps_their_own_answer(hub, signed_in):
    for name, page in signed_in.items():
        page.goto(section_url(hub))
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
    page.wait_for_url(hub.url + HOME)


def test_learners_sharing_a_computer_keep_their_answers_apart(hub, signed_in):
    page, second = signed_in["ana"], page_question(1)
    page.goto(section_url(hub))
    check(page.locator(".kc-quiz .kc-question").nth(1), second, right=True)
    wait_saved(page, [second["id"]], key=f"{STORAGE_KEY}:ana")
    sign_in_again(page, hub, "ben")
    page.goto(section_url(hub))
    check(page.locator(".kc-quiz .kc-question").nth(1), second, right=False)
    wait_saved(page, [second["id"]], key=f"{STORAGE_KEY}:ben")
    sign_in_again(page, hub, "ana")
    page.goto(section_url(hub))
    assert "kc-ok" in verdict(page, 1)  # ana's answer, not the one ben gave after her


def kernel_answers(page: Any, hub: Server, kernel: str) -> dict[str, int | str]:
    """What the course server answers this learner about a kernel, on each of its routes.

    Requests that change something come from the course's own origin with the
    learner's own XSRF token, so only the owner check stands between them and it."""
    course = hub.url + COURSE
    tokens = [c["value"] for c in page.context.cookies(course + "/") if c["name"] == "_xsrf"]
    sent = {"Origin": hub.url, "X-XSRFToken": tokens[-1] if tokens else ""}
    model = page.request.get(f"{course}/api/kernels/{kernel}")
    ended = page.request.post(f"{course}/voila/api/shutdown/{kernel}", headers=sent)
    deleted = page.request.delete(f"{course}/api/kernels/{kernel}", headers=sent)
    socket = page.evaluate(
        """(url) => new Promise((done) => {
            const socket = new WebSocket(url);
            socket.onopen = () => { socket.close(); done("open"); };
            socket.onerror = () => done("refused");
        })""",
        f"{course.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels",
    )
    return {
        "model": model.status,
        "shutdown": ended.status,
        "delete": deleted.status,
        "channels": socket,
    }


def test_a_learner_cannot_reach_another_learners_kernel(hub, signed_in):
    ben, cai = signed_in["ben"], signed_in["cai"]
    bens_kernel = open_section(ben, hub)
    assert kernel_answers(cai, hub, bens_kernel) == {
        "model": 404,
        "shutdown": 404,
        "delete": 404,
        "channels": "refused",
    }
    stranger = cai.context.browser.new_context().new_page()  # not signed in
    stranger.goto(hub.url + "/hub/login")
    assert kernel_answers(stranger, hub, bens_kernel)["channels"] == "refused"
    stranger.context.close()
    # ben's kernel is still there, and still his: he checks an answer on it.
    assert ben.request.get(f"{hub.url}{COURSE}/api/kernels/{bens_kernel}").status == 200
    check(ben.locator(".kc-quiz .kc-question").first, QUESTION, right=True)


def test_a_learner_cannot_start_a_server_of_their_own(hub, signed_in):
    page = signed_in["cai"]
    started = page.request.post(f"{hub.url}/hub/api/users/cai/server")
    assert started.status == 403
    page.goto(f"{hub.url}/hub/spawn")
    assert page.locator(".kc-progress-tools").count() == 0
    assert page.request.get(f"{hub.url}/user/cai/lab").url.startswith(f"{hub.url}/hub/")
    me = page.request.get(f"{hub.url}/hub/api/user").json()
    assert not me.get("servers")


def test_kernels_do_not_hold_the_course_servers_hub_token(hub, signed_in):
    open_section(signed_in["ana"], hub)
    kernels = kernel_pids(hub.pid)
    assert kernels
    for pid in kernels:
        names = [
            entry.split(b"=", 1)[0]
            for entry in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        ]
        assert b"JUPYTERHUB_API_TOKEN" not in names, pid


def test_the_course_server_serves_the_course_and_nothing_else(hub, signed_in):
    page = signed_in["cai"]
    course = hub.url + COURSE
    home = page.request.get(hub.url + HOME)
    assert home.status == 200
    assert home.headers["content-security-policy"] == "frame-ancestors 'none'"
    closed = [
        "/lab",
        "/tree",
        "/terminals/1",
        "/api/terminals",
        "/api/contents",
        "/api/kernels",
        "/api/sessions",
        "/files/index.ipynb",
        "/voila/files/index.ipynb",
        "/voila/files/../course_data/course.yaml",
        "/voila/files/%2E%2E/course_data/course.yaml",
        "/voila/static/../../course_data/course.yaml",
    ]
    answered = {path: page.request.get(course + path).status for path in closed}
    assert all(status in (403, 404) for status in answered.values()), answered
    started = page.request.post(f"{course}/api/kernels", data=json.dumps({"name": "python3"}))
    assert started.status in (403, 404, 405)


def test_the_course_server_is_for_signed_in_learners_only(hub, chromium):
    page = chromium.new_context().new_page()
    page.goto(hub.url + HOME)
    assert page.url.startswith(f"{hub.url}/hub/login")
    assert page.locator(".kc-progress-tools").count() == 0
    page.context.close()


def test_a_page_left_without_activity_gives_its_kernel_back(hub, signed_in):
    """cai's section page does nothing, and its kernel is stopped after
    KCOURSE_HUB_CULL_AFTER seconds (the culler looks every quarter of that)."""
    page = signed_in["cai"]
    kernel = open_section(page, hub)
    model = f"{hub.url}{COURSE}/api/kernels/{kernel}"
    assert page.request.get(model).status == 200
    deadline = time.monotonic() + 3 * CULL_AFTER
    while page.request.get(model).status == 200:
        assert time.monotonic() < deadline, f"the kernel still runs {3 * CULL_AFTER} s on"
        page.wait_for_timeout(2000)
    assert page.request.get(model).status == 404

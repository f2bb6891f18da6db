"""The course server checks XSRF tokens, except on the one route a closing page's beacon
uses: Voilà's kernel shutdown (widgets/server/app.py). Culling is off on the server here,
so a kernel that goes away went because its page said goodbye."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from unittest import mock

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import Application

from tests.browser import NOTEBOOK_DIR, Server, voila_server
from widgets.server.app import BeaconShutdownHandler

PAGE = "index.ipynb"
NO_POOL_NO_CULLING = (
    "--VoilaConfiguration.preheat_kernel=False",
    "--MappingKernelManager.cull_idle_timeout=0",
)
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


def test_a_beacon_from_a_course_page_passes_before_anyone_asks_who_sent_it():
    """A hub checks the token while it signs the request in (jupyterhub's HubOAuth), when
    asking who the user is fails: the beacon's pass must not depend on it."""
    headers = HTTPHeaders({"Host": "course.example:8866", "Origin": "https://course.example:8866"})
    start = RequestStartLine("POST", "/voila/api/shutdown/k", "HTTP/1.1")
    request = HTTPServerRequest(start_line=start, headers=headers, connection=mock.Mock())
    handler = BeaconShutdownHandler(Application(), request)
    signing_in = RuntimeError("the user is not known yet")
    with mock.patch.object(BeaconShutdownHandler, "get_current_user", side_effect=signing_in):
        handler.check_xsrf_cookie()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("voila-xsrf") / "voila.log"
    with voila_server(NOTEBOOK_DIR, log, *NO_POOL_NO_CULLING) as running:
        yield running


def open_page(server: Server) -> str:
    """Render a page as a browser's first request does; the id of the kernel it started."""
    with urllib.request.urlopen(f"{server.url}/voila/render/{PAGE}", timeout=300) as reply:
        found = KERNEL_ID.search(reply.read().decode())
    assert found, "the page names no kernel"
    return found[1]


def status(server: Server, method: str, path: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        server.url + path, method=method, headers=headers, data=b"" if method != "GET" else None
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def is_running(server: Server, kernel: str) -> bool:
    return status(server, "GET", f"/api/kernels/{kernel}", {}) == 200


@pytest.fixture(scope="module")
def kernel(server: Server) -> str:
    return open_page(server)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/api/kernels/{}"),  # shuts the kernel down
        ("POST", "/api/kernels/{}"),
        ("POST", "/voila/api/shutdown/{}"),  # the beacon's route, but not from a course page
    ],
)
def test_a_request_without_the_xsrf_token_is_refused_and_the_kernel_kept(
    server, kernel, method, path
):
    """No token and no Origin header: what a form on another site sends from a browser
    that leaves the header out."""
    assert status(server, method, path.format(kernel), {}) == 403
    assert is_running(server, kernel)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("method", "path", "origin"),
    [
        ("DELETE", "/api/kernels/{}", "same"),  # the exemption is the shutdown route's only
        ("POST", "/api/kernels/{}", "same"),
        ("POST", "/voila/api/shutdown/{}", "https://elsewhere.example"),
    ],
)
def test_the_exemption_needs_both_the_shutdown_route_and_the_pages_own_origin(
    server, kernel, method, path, origin
):
    headers = {"Origin": server.url if origin == "same" else origin}
    # Jupyter Server answers a request from another origin with 404 before any XSRF check.
    refused = {403} if origin == "same" else {403, 404}
    assert status(server, method, path.format(kernel), headers) in refused
    assert is_running(server, kernel)


@pytest.mark.browser
def test_a_course_pages_beacon_shuts_its_kernel_down_without_the_token(server):
    """What Voilà's page sends as it closes (navigator.sendBeacon): a POST from the page's
    own origin with an empty `_xsrf` field, the page having no `_xsrf` cookie to copy."""
    kernel = open_page(server)
    beacon = {"Origin": server.url, "Content-Type": "application/x-www-form-urlencoded"}
    request = urllib.request.Request(
        f"{server.url}/voila/api/shutdown/{kernel}", method="POST", headers=beacon, data=b"_xsrf="
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        assert reply.status == 204
    assert not is_running(server, kernel)


@pytest.fixture
def context(chromium):
    """A browser context of its own, closed only after the test: closing the page's own
    context with the page would take the beacon's connection with it."""
    made = chromium.new_context()
    yield made
    made.close()


@pytest.mark.browser
def test_a_closed_page_shuts_its_kernel_down_at_once(server, context):
    page = context.new_page()
    page.goto(f"{server.url}/voila/render/{PAGE}")
    page.locator(".kc-progress-tools").wait_for(timeout=120_000)
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    assert is_running(server, kernel)
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 30
    while is_running(server, kernel):
        assert time.monotonic() < deadline, "the closed page's kernel still runs after 30 s"
        time.sleep(0.5)

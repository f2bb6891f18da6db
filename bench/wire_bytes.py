"""Bytes over the wire for a learner's first visit (the course home) and for the
next page (a section, with the browser's cache from the first).

Counted by Chromium itself (the DevTools protocol's encodedDataLength: what
crossed the connection, compressed or not; a response served from the cache
counts 0), with the number of requests and how many were compressed.

Run: .venv/bin/python -m bench.wire_bytes
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from bench.common import machine, write_csv
from tests.browser import CHROMIUM, CHROMIUM_ARGS, NOTEBOOK_DIR, voila_server
from widgets.core.loader import course

READY = ".kc-progress-tools"


@dataclass
class Traffic:
    """What one page load moved, from the browser's network events."""

    encoded: dict[str, int] = field(default_factory=dict)
    gzip: set[str] = field(default_factory=set)

    def watch(self, page: Page) -> None:
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.responseReceived", self._response)
        session.on("Network.loadingFinished", self._finished)

    def _response(self, event: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
        if headers.get("content-encoding") in ("gzip", "br", "deflate"):
            self.gzip.add(event["requestId"])

    def _finished(self, event: dict[str, Any]) -> None:
        self.encoded[event["requestId"]] = int(event["encodedDataLength"])

    def row(self, what: str) -> dict[str, Any]:
        return {
            "page": what,
            "requests": len(self.encoded),
            "kB": round(sum(self.encoded.values()) / 1000, 1),
            "compressed responses": len(self.gzip),
        }


def visit(page: Page, url: str) -> Traffic:
    traffic = Traffic()
    traffic.watch(page)
    page.goto(url)
    page.locator(READY).wait_for(timeout=300_000)
    page.wait_for_load_state("networkidle")
    return traffic


def main() -> None:
    section = course().sections[1]
    print(machine())
    with (
        tempfile.TemporaryDirectory() as tmp,
        voila_server(NOTEBOOK_DIR, Path(tmp) / "v.log") as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_context().new_page()
        rows = [
            visit(page, f"{server.url}/voila/render/index.ipynb").row("first visit: course home"),
            visit(page, f"{server.url}/voila/render/{section.notebook}").row(
                f"next page: {section.id} (cached)"
            ),
        ]
        browser.close()
    for row in rows:
        print(
            f"{row['page']:<40} {row['kB']:>8} kB  {row['requests']:>4} requests  "
            f"{row['compressed responses']} compressed"
        )
    write_csv("wire_bytes", rows)


if __name__ == "__main__":
    main()

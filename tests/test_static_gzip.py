"""Static files are compressed once per version and sent as that copy, with its own
ETag, to browsers that accept gzip; the plain file to those that do not."""

from __future__ import annotations

import asyncio
import gzip
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from jupyterlab_server.themes_handler import ThemesHandler
from tornado.httpserver import HTTPServer
from tornado.web import Application, StaticFileHandler
from voila.static_file_handler import MultiStaticFileHandler

from tests.browser import free_port
from widgets.server.static import GzipCopies, PrecompressedStatic, with_precompressed

SCRIPT = "var course = 1;\n" * 500
GZIP = {"Accept-Encoding": "gzip"}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A tornado app like the course server's (compressed responses, one static route),
    served from a thread with its own event loop, so no other test's loop is in the way."""
    root = tmp_path_factory.mktemp("static")
    (root / "bundle.js").write_text(SCRIPT)
    (root / "stored.js.gz").write_bytes(gzip.compress(b"var b;" * 400))
    route = with_precompressed((r"/static/(.*)", StaticFileHandler, {"path": str(root)}))
    port, loop, up = free_port(), asyncio.new_event_loop(), threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        server = HTTPServer(Application([route], compress_response=True))
        server.listen(port, "127.0.0.1")
        loop.call_soon(up.set)
        loop.run_forever()
        server.stop()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert up.wait(30), "the test server did not start"
    yield f"http://127.0.0.1:{port}/static/"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)


def get(url: str, method: str = "GET", **headers: str) -> Reply:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return Reply(reply.status, dict(reply.headers), reply.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read())


def test_a_browser_that_accepts_gzip_gets_the_copy_with_its_length_and_own_etag(files):
    plain, packed = get(files + "bundle.js"), get(files + "bundle.js", **GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert int(packed.headers["Content-Length"]) == len(packed.body) < len(plain.body)
    assert gzip.decompress(packed.body) == plain.body == SCRIPT.encode()
    assert packed.headers["Etag"] != plain.headers["Etag"]
    assert packed.headers["Content-Type"] == plain.headers["Content-Type"]


def test_the_copy_answers_its_own_etag_with_not_modified_and_the_plain_etag_not(files):
    packed, plain = get(files + "bundle.js", **GZIP), get(files + "bundle.js")
    own = get(files + "bundle.js", **GZIP, **{"If-None-Match": packed.headers["Etag"]})
    other = get(files + "bundle.js", **GZIP, **{"If-None-Match": plain.headers["Etag"]})
    assert (own.status, other.status) == (304, 200)


def test_head_and_a_range_are_answered_from_the_copy(files):
    packed = get(files + "bundle.js", **GZIP)
    head = get(files + "bundle.js", method="HEAD", **GZIP)
    assert head.body == b"" and head.headers["Content-Length"] == str(len(packed.body))
    part = get(files + "bundle.js", **GZIP, Range="bytes=0-9")
    assert part.status == 206 and part.body == packed.body[:10]


def test_a_file_stored_compressed_is_sent_as_it_is(files):
    stored = get(files + "stored.js.gz", **GZIP)
    assert "Content-Encoding" not in stored.headers
    assert gzip.decompress(stored.body) == b"var b;" * 400


def test_with_no_room_for_copies_the_file_is_still_sent_compressed_as_it_goes(files, monkeypatch):
    def no_room(_self: GzipCopies, _original: str) -> str:
        raise OSError("no space left on device")

    monkeypatch.setattr(GzipCopies, "copy_of", no_room)
    reply = get(files + "bundle.js", **GZIP)
    assert reply.status == 200
    assert gzip.decompress(reply.body) == SCRIPT.encode()


def test_only_handlers_that_send_files_as_stored_get_copies():
    """jupyterlab_server's ThemesHandler rewrites the links in its CSS as it sends it."""
    _, voila_static = with_precompressed(("/s/(.*)", MultiStaticFileHandler))
    _, themes = with_precompressed(("/t/(.*)", ThemesHandler))
    assert issubclass(voila_static, PrecompressedStatic)
    assert themes is ThemesHandler


def test_a_changed_file_gets_a_new_copy_and_an_unchanged_one_keeps_its_copy(tmp_path):
    original = tmp_path / "bundle.js"
    original.write_text("var a = 1;\n" * 500)
    written = os.stat(original).st_mtime_ns
    copies = GzipCopies()
    first = copies.copy_of(str(original))
    made = os.stat(first).st_mtime_ns
    assert copies.copy_of(str(original)) == first
    assert os.stat(first).st_mtime_ns == made, "an unchanged file was compressed again"
    original.write_text("var b = 2;\n" * 500)
    os.utime(original, ns=(written, written + 10**9))  # (same size: the time tells)
    second = copies.copy_of(str(original))
    assert second != first
    assert gzip.decompress(Path(second).read_bytes()) == original.read_bytes()


@pytest.mark.browser  # (the course server of the browser tier)
@pytest.mark.parametrize(
    "path", ["/voila/static/voila.js", "/voila/templates/kcourse/static/index.css"]
)
def test_the_course_server_sends_its_scripts_and_styles_as_compressed_copies(voila_url, path):
    plain, packed = get(voila_url + path), get(voila_url + path, **GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert int(packed.headers["Content-Length"]) == len(packed.body)
    assert gzip.decompress(packed.body) == plain.body
    assert packed.headers["Etag"] != plain.headers["Etag"]
    assert "Accept-Encoding" in packed.headers["Vary"]

"""Static files are compressed once per version and sent as that copy, with its own
ETag, to browsers that accept gzip; the plain file to those that do not."""

from __future__ import annotations

import gzip
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from jupyterlab_server.themes_handler import ThemesHandler
from tornado.httpclient import HTTPResponse
from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application, StaticFileHandler
from voila.static_file_handler import MultiStaticFileHandler

from widgets.server.static import GzipCopies, PrecompressedStatic, with_precompressed

SCRIPT = "var course = 1;\n" * 500
GZIP = {"Accept-Encoding": "gzip"}


class PrecompressedFiles(AsyncHTTPTestCase):
    """A tornado app like the course server's: compressed responses, one static route."""

    def get_app(self) -> Application:
        self.root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (self.root / "bundle.js").write_text(SCRIPT)
        (self.root / "stored.js.gz").write_bytes(gzip.compress(b"var b;" * 400))
        route = with_precompressed((r"/static/(.*)", StaticFileHandler, {"path": str(self.root)}))
        return Application([route], compress_response=True)

    def get(self, path: str, method: str = "GET", **headers: str) -> HTTPResponse:
        return self.fetch(
            f"/static/{path}", method=method, headers=headers, decompress_response=False
        )

    def test_a_browser_that_accepts_gzip_gets_the_copy_with_its_length_and_own_etag(self):
        plain, packed = self.get("bundle.js"), self.get("bundle.js", **GZIP)
        assert "Content-Encoding" not in plain.headers
        assert packed.headers["Content-Encoding"] == "gzip"
        assert int(packed.headers["Content-Length"]) == len(packed.body) < len(plain.body)
        assert gzip.decompress(packed.body) == plain.body == SCRIPT.encode()
        assert packed.headers["Etag"] != plain.headers["Etag"]
        assert packed.headers["Content-Type"] == plain.headers["Content-Type"]

    def test_the_copy_answers_its_own_etag_with_not_modified_and_the_plain_etag_not(self):
        packed, plain = self.get("bundle.js", **GZIP), self.get("bundle.js")
        assert (
            self.get("bundle.js", **GZIP, **{"If-None-Match": packed.headers["Etag"]}).code == 304
        )
        assert self.get("bundle.js", **GZIP, **{"If-None-Match": plain.headers["Etag"]}).code == 200

    def test_head_and_a_range_are_answered_from_the_copy(self):
        packed = self.get("bundle.js", **GZIP)
        head = self.get("bundle.js", method="HEAD", **GZIP)
        assert head.body == b"" and head.headers["Content-Length"] == str(len(packed.body))
        part = self.get("bundle.js", **GZIP, Range="bytes=0-9")
        assert part.code == 206 and part.body == packed.body[:10]

    def test_a_file_stored_compressed_is_sent_as_it_is(self):
        stored = self.get("stored.js.gz", **GZIP)
        assert "Content-Encoding" not in stored.headers
        assert gzip.decompress(stored.body) == b"var b;" * 400

    def test_with_no_room_for_copies_the_file_is_still_sent_compressed_as_it_goes(self):
        def no_room(_self: GzipCopies, _original: str) -> str:
            raise OSError("no space left on device")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(GzipCopies, "copy_of", no_room)
            reply = self.get("bundle.js", **GZIP)
        assert reply.code == 200
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
    def fetch(**headers: str) -> tuple[dict[str, str], bytes]:
        request = urllib.request.Request(voila_url + path, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as reply:
            return dict(reply.headers), reply.read()

    plain_headers, plain = fetch()
    headers, body = fetch(**GZIP)
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == plain
    assert headers["Etag"] != plain_headers["Etag"]
    assert "Accept-Encoding" in headers["Vary"]

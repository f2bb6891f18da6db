"""Static files are compressed once per version and sent as that copy, with its own
ETag, to browsers that accept gzip; the plain file to those that do not."""

from __future__ import annotations

import gzip
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from widgets.server.static import GzipCopies

BUNDLE = "/voila/static/voila.js"
STYLE = "/voila/templates/kcourse/static/index.css"


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.browser  # (the course server of the browser tier)
@pytest.mark.parametrize("path", [BUNDLE, STYLE])
def test_a_browser_that_accepts_gzip_gets_the_same_file_compressed_with_its_own_etag(
    voila_url, path
):
    _, plain_headers, plain = fetch(voila_url + path)
    status, headers, body = fetch(voila_url + path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert "Content-Encoding" not in plain_headers
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == plain_headers["Content-Type"]
    assert int(headers["Content-Length"]) == len(body) < len(plain)
    assert gzip.decompress(body) == plain
    assert headers["Etag"] != plain_headers["Etag"]
    assert "Accept-Encoding" in headers["Vary"]


@pytest.mark.browser
def test_the_compressed_copy_answers_its_own_etag_with_not_modified(voila_url):
    _, headers, _ = fetch(voila_url + BUNDLE, **{"Accept-Encoding": "gzip"})
    again = {"Accept-Encoding": "gzip", "If-None-Match": headers["Etag"]}
    assert fetch(voila_url + BUNDLE, **again)[0] == 304


@pytest.mark.browser
def test_a_missing_static_file_is_still_refused(voila_url):
    assert fetch(voila_url + "/voila/static/no-such-file.js", **{"Accept-Encoding": "gzip"})[0] in (
        403,
        404,
    )


def test_a_changed_file_gets_a_new_copy_and_an_unchanged_one_keeps_its_copy(tmp_path):
    original = tmp_path / "bundle.js"
    original.write_text("var a = 1;\n" * 500)
    written = os.stat(original).st_mtime_ns
    copies = GzipCopies()
    first = copies.copy_of(str(original))
    assert copies.copy_of(str(original)) == first
    original.write_text("var b = 2;\n" * 500)
    os.utime(original, ns=(written, written + 10**9))  # (same size: the time tells)
    second = copies.copy_of(str(original))
    assert second != first
    assert gzip.decompress(Path(second).read_bytes()) == original.read_bytes()

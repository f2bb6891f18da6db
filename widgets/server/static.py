"""Static files gzipped once per version, not once per request.

With `compress_response` on, tornado compresses every response as it is sent. A
first visit fetches about 5 MB of JavaScript and CSS, and compressing it took
0.15 of the 0.24 CPU-seconds the server spent serving the page
(bench/visit_cost.py). Here a static file is compressed the first time it is asked
for, the copy is kept on disk by the file's path and modification time, and later
requests are sent that copy (as nginx's `gzip_static` does).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from tornado.web import GZipContentEncoding, StaticFileHandler


class GzipCopies:
    """A folder of gzip copies of static files, made on first use, removed at exit."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def copy_of(self, original: str) -> str:
        """The path of the file's gzip copy, made now if this version has none."""
        stat = os.stat(original)
        key = hashlib.sha256(f"{original}\0{stat.st_mtime_ns}\0{stat.st_size}".encode())
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)  # (in case a cleaner took it)
        copy = folder / f"{key.hexdigest()}.gz"
        if not copy.exists():
            # Written beside and renamed: two requests at once never read half a copy.
            partial = copy.with_suffix(f".{os.getpid()}.{id(self)}.part")
            # gzip's highest level (tornado sends at 6): paid once, it saves every visit bytes.
            partial.write_bytes(gzip.compress(Path(original).read_bytes(), mtime=0))
            partial.replace(copy)
        return str(copy)

    def folder(self) -> Path:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="kcourse-gzip-")
        return Path(self._folder.name)


class PrecompressedStatic(StaticFileHandler):
    """Sends a static file's gzip copy to a browser that accepts gzip.

    Mixed in before one of Voilà's static file handlers (`with_precompressed`): it
    finds and checks the file as that handler does, then, for a compressible file
    worth compressing, serves the copy with `Content-Encoding: gzip`, which tornado's
    own compression then leaves alone. The copy has its own ETag (tornado hashes the
    file it sends), so a cached copy is never taken for the plain file.
    """

    copies: ClassVar[GzipCopies] = GzipCopies()
    original_path: str | None = None

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        found = super().validate_absolute_path(root, absolute_path)
        if found is None or not self.worth_compressing(found):
            return found
        try:
            copy = self.copies.copy_of(found)
        except OSError:  # (no room for copies: tornado compresses as it sends, as before)
            return found
        self.original_path = found
        return copy

    def worth_compressing(self, path: str) -> bool:
        content_type, encoding = mimetypes.guess_type(path)
        content_type = content_type or ""
        return (
            "gzip" in self.request.headers.get("Accept-Encoding", "")
            and encoding is None  # (a file stored compressed is sent as it is)
            and (
                content_type.startswith("text/")
                or content_type in GZipContentEncoding.CONTENT_TYPES
            )
            and os.path.getsize(path) >= GZipContentEncoding.MIN_LENGTH
        )

    def get_content_size(self) -> int:
        if self.original_path is None:
            return super().get_content_size()
        assert self.absolute_path is not None
        return os.path.getsize(self.absolute_path)

    def get_content_type(self) -> str:
        if self.original_path is None:
            return super().get_content_type()
        return mimetypes.guess_type(self.original_path)[0] or "application/octet-stream"

    def set_extra_headers(self, path: str) -> None:
        super().set_extra_headers(path)
        if self.original_path is not None:
            self.set_header("Content-Encoding", "gzip")


def sends_files_as_stored(handler: Any) -> bool:
    """A static file handler that sends its files' bytes unchanged. One that rewrites
    them (jupyterlab_server's ThemesHandler fixes the links in its CSS) must not be
    sent a copy of the bytes on disk."""
    if not (isinstance(handler, type) and issubclass(handler, StaticFileHandler)):
        return False
    return all(
        next(c for c in handler.__mro__ if name in vars(c)) is StaticFileHandler
        for name in ("get_content", "get_content_size")
    )


def with_precompressed(route: tuple[Any, ...]) -> tuple[Any, ...]:
    """The route, PrecompressedStatic mixed into its handler if that sends files as
    they are stored."""
    pattern, handler, *rest = route
    if sends_files_as_stored(handler):
        handler = type(f"Precompressed{handler.__name__}", (PrecompressedStatic, handler), {})
    return (pattern, handler, *rest)

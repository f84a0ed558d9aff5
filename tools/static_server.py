"""Serve a built site on 127.0.0.1 the way GitHub Pages serves it: gzip for text types.

`tools.browser.serve_directory` serves files as they are on disk, which is right
for checking what a page does but not for counting what a reader downloads:
GitHub Pages compresses HTML, CSS, JavaScript, JSON and SVG. This server does the
same, so that byte counts and Lighthouse scores describe the published site.

    with serve_gzip(Path("site")) as base_url:   # "http://127.0.0.1:PORT/"
        ...

Like GitHub Pages it answers a folder without its slash with a redirect, a folder
with its index.html, and anything missing with the site's 404.html (status 404);
it lists no folder. Run `python -m tools.static_server [FOLDER] [PORT]` to try it.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import http.server
import os
import sys
import threading
import urllib.parse
from pathlib import Path

# Content types GitHub Pages compresses (and the ones this site serves).
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
}
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends
GZIP_LEVEL = 6


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


def compressible(ctype: str) -> bool:
    return ctype.startswith(COMPRESSED_TYPES)


class GzipHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as browsers expect
    root: Path = Path(".")
    _gzipped: dict = {}
    _lock = threading.Lock()

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        self._respond(send_body=True)

    def do_HEAD(self):
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = self._resolve(url_path)
        if isinstance(target, str):  # a redirect
            self._send(301, b"", "text/html; charset=utf-8", send_body, extra={"Location": target})
            return
        status = 200
        if target is None:
            status, target = 404, self.root / "404.html"
            if not target.is_file():
                self._send(404, b"Not found\n", "text/plain; charset=utf-8", send_body)
                return
        stat = target.stat()
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if status == 200 and self.headers.get("If-Modified-Since") == modified:
            self._send(304, b"", None, send_body, extra={"Last-Modified": modified}, empty=True)
            return
        ctype = content_type(target)
        body = target.read_bytes()
        extra = {"Last-Modified": modified, "Cache-Control": CACHE_CONTROL}
        if compressible(ctype):
            extra["Vary"] = "Accept-Encoding"
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = self._gzip(target, stat.st_mtime_ns, body)
                extra["Content-Encoding"] = "gzip"
        self._send(status, body, ctype, send_body, extra=extra)

    def _resolve(self, url_path: str) -> Path | str | None:
        """The file for a URL path, a redirect target (str), or None when there is none."""
        parts = [part for part in url_path.split("/") if part]
        if any(part in (".", "..") or os.sep in part for part in parts):
            return None
        path = self.root.joinpath(*parts)
        if path.is_dir():
            if not url_path.endswith("/"):
                return url_path + "/"
            path = path / "index.html"
        return path if path.is_file() else None

    def _gzip(self, path: Path, mtime_ns: int, body: bytes) -> bytes:
        key = (str(path), mtime_ns)
        with self._lock:
            cached = self._gzipped.get(key)
        if cached is None:
            cached = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            with self._lock:
                self._gzipped[key] = cached
        return cached

    def _send(self, status, body, ctype, send_body, extra=None, empty=False):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if not empty:
            self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the browser went away (a page closed mid-load)
                self.close_connection = True


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_gzip(directory: Path, port: int = 0):
    """Serve `directory` on 127.0.0.1 (a free port unless given); yields the base URL ending in '/'."""
    from tools.browser import serving

    handler = type("SiteHandler", (GzipHandler,), {"root": Path(directory).resolve(), "_gzipped": {}})
    with serving(QuietServer(("127.0.0.1", port), handler)) as base_url:
        yield base_url


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("site")
    port = int(argv[1]) if len(argv) > 1 else 8001
    with serve_gzip(folder, port) as url:
        print(f"Serving {folder}/ with gzip at {url} (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

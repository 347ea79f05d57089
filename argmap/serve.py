"""A live preview of a debate file (``argmap serve``): its diagnostics, its map and its
brief, in a local page that updates within a second of each save.

Standard library only: ``http.server`` bound to 127.0.0.1 (and refusing any other Host
header, so a web page cannot reach it by DNS rebinding), server-sent events to tell the
page that something changed, and :mod:`argmap.watch` to see saves. While the file has
errors, the page lists them, located, and keeps the last good map and brief, greyed; a
file that is deleted, replaced by something that is not a file, or made unreadable is
said as such.

The server holds at most :data:`MAX_CONNECTIONS` connections at once (and
:data:`MAX_STREAMS` event streams); more are answered 503 at once and closed. A
connection idle for :data:`IDLE_SECONDS` is closed. A client that leaves early is no
error.
Debate text reaches the page only as text (``textContent``), as the sanitised SVG of
:func:`argmap.exporters.safe_svg.inline_svg`, or inside the brief's own sandboxed frame.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Final

HOST: Final = "127.0.0.1"
KEEPALIVE: Final = 15.0
"""Seconds between the comments that keep an idle event stream open."""
MAX_CONNECTIONS: Final = 64
"""Connections served at once; more are answered 503 and closed."""
MAX_STREAMS: Final = 16
"""Event streams open at once (pages watching the file); more are answered 503."""
IDLE_SECONDS: Final = 20.0
"""Seconds a connection may be silent (sending no request, or reading nothing of an
event stream) before it is closed."""
_GONE: Final = frozenset({"E001", "E002", "E003"})
"""Codes that mean the file itself cannot be had (gone, not a file, unreadable)."""

CSP: Final = (
    "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "frame-src 'self'; img-src data:"
)
"""The page's own policy: its inline style and script, requests to itself only."""

PAGE_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@CSP@">
<title>argmap preview</title>
<style>
body { font: 15px/1.4 "DejaVu Sans", system-ui, sans-serif; margin: 0; display: grid;
  grid-template-columns: 1fr 1fr; grid-template-rows: auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; padding: .4rem .8rem; border-bottom: 1px solid #ccc; }
#problems { margin: .3rem 0 0; padding-left: 1.2rem; max-height: 12rem; overflow: auto;
  font-family: "DejaVu Sans Mono", monospace; font-size: 13px; white-space: pre-wrap; }
#problems li.error { color: #a40000; } #problems li.warning { color: #7a5200; }
#map { overflow: auto; padding: .5rem; } #map svg { max-width: 100%; height: auto; }
iframe { border: 0; border-left: 1px solid #ccc; width: 100%; height: 100%; }
.stale { opacity: .35; filter: grayscale(1); }
</style></head>
<body>
<header><strong id="title">argmap preview</strong> <span id="status"></span>
<ol id="problems"></ol></header>
<div id="map" aria-label="the map"></div>
<iframe id="brief" title="the brief" sandbox="allow-scripts" src="about:blank"></iframe>
<script>
(function () {
  "use strict";
  var shown = -1, briefShown = -1;
  function update() {
    fetch("/state").then(function (r) { return r.json(); }).then(function (s) {
      document.getElementById("title").textContent = s.file;
      document.getElementById("status").textContent = s.status;
      var list = document.getElementById("problems");
      list.textContent = "";
      s.problems.forEach(function (p) {
        var li = document.createElement("li");
        li.className = p.severity;
        li.textContent = p.text;
        list.appendChild(li);
      });
      var map = document.getElementById("map");
      var brief = document.getElementById("brief");
      if (s.good !== shown) {
        shown = s.good;
        map.innerHTML = s.svg;  /* sanitised by argmap before it is sent */
      }
      if (s.good_brief !== briefShown) {
        briefShown = s.good_brief;
        brief.src = "/brief?v=" + s.good_brief;
      }
      map.classList.toggle("stale", !s.ok);
      brief.classList.toggle("stale", !s.ok || s.good_brief < s.good);
      document.body.dataset.version = s.version;
    });
  }
  document.getElementById("map").addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a") : null;
    if (!link) { return; }
    var href = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
    if (href.charAt(0) === "#") {  /* a box of the map: its argument in the brief */
      e.preventDefault();
      document.getElementById("brief").src = "/brief?v=" + briefShown + href;
    }
  });
  var events = new EventSource("/events");
  events.onmessage = update;
  update();
}());
</script></body></html>
"""
PAGE: Final = PAGE_TEMPLATE.replace("@CSP@", CSP)


@dataclass
class Preview:
    """What the page shows, made anew on each save."""

    path: Path
    allow_outside: bool = False
    """Whether sources' files outside the debate's folder may be read."""
    version: int = 0
    good: int = 0
    """The version of the last good map."""
    good_brief: int = 0
    """The version of the last good brief (a little after its map)."""
    ok: bool = False
    unreadable: str | None = None
    """Why the file itself cannot be read (deleted, not a file, unreadable), if so."""
    problems: list[dict[str, str]] = field(default_factory=list)
    svg: str = ""
    brief: str = "<!DOCTYPE html><p>No brief yet: the file has errors.</p>"
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

    def rebuild(self) -> None:
        """Check the file and show its problems; when it has no errors, draw the map and
        show it, then write the brief and show that: each as soon as it is ready (on a
        large debate the brief's analysis takes as long as the map again)."""
        from argmap.api import check_and_load
        from argmap.diagrams import draw
        from argmap.errors import ArgmapError
        from argmap.exporters.brief import export_html
        from argmap.exporters.safe_svg import inline_svg

        report, debate = check_and_load(self.path, allow_outside=self.allow_outside)
        problems = [{"severity": str(d.severity), "text": d.format()} for d in report.diagnostics]
        gone = [d for d in report.diagnostics if d.code in _GONE]
        if debate is None:
            self._publish(problems, ok=False, unreadable=_unreadable(self.path, gone))
            return
        try:
            drawn = draw(debate, "svg")
            self._publish(problems, ok=True, svg=str(inline_svg(drawn)))
            self._publish(problems, ok=True, brief=export_html(debate, drawn))
        except ArgmapError as exc:
            self._publish([*problems, {"severity": "error", "text": str(exc)}], ok=False)

    def _publish(
        self,
        problems: list[dict[str, str]],
        *,
        ok: bool,
        svg: str | None = None,
        brief: str | None = None,
        unreadable: str | None = None,
    ) -> None:
        with self.changed:
            self.version += 1
            self.problems, self.ok, self.unreadable = problems, ok, unreadable
            if svg is not None:
                self.svg, self.good = svg, self.version
            if brief is not None:
                self.brief, self.good_brief = brief, self.version
            self.changed.notify_all()

    def state(self) -> dict[str, Any]:
        with self.lock:
            if self.ok:
                status = "no errors" if not self.problems else f"{len(self.problems)} to look at"
                if self.good_brief < self.good:
                    status += "; writing the brief"
            elif self.unreadable:
                status = f"{self.unreadable}: showing the last good map, greyed"
            else:
                status = "has errors: showing the last good map, greyed"
            return {
                "file": str(self.path),
                "version": self.version,
                "good": self.good,
                "good_brief": self.good_brief,
                "ok": self.ok,
                "status": status,
                "problems": self.problems,
                "svg": self.svg,
            }


def _unreadable(path: Path, gone: list[Any]) -> str | None:
    """The page's words for a file that cannot be had, or None."""
    if not gone:
        return None
    if not os.path.lexists(path):
        return "the file is gone (deleted or renamed)"
    return f"the file cannot be read ({gone[0].message})"


def _handler(preview: Preview, port: int) -> type[BaseHTTPRequestHandler]:
    allowed = {f"{HOST}:{port}", f"localhost:{port}"}

    class Handler(BaseHTTPRequestHandler):
        server_version = "argmap"
        timeout = IDLE_SECONDS  # every read and write of the connection

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the terminal shows what argmap says, not every request

        def parse_request(self) -> bool:
            if isinstance(self.server, _Server):
                self.server.requested(self.connection)
            return super().parse_request()

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.headers.get("Host") not in allowed:
                self._send(403, "text/plain", b"argmap serves this machine only\n")
                return
            route = self.path.split("?", 1)[0]
            if route == "/":
                self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
            elif route == "/state":
                body = json.dumps(preview.state()).encode("utf-8")
                self._send(200, "application/json", body)
            elif route == "/brief":
                with preview.lock:
                    body = preview.brief.encode("utf-8")
                self._send(200, "text/html; charset=utf-8", body)
            elif route == "/events":
                self._events()
            else:
                self._send(404, "text/plain", b"not found\n")

        def _events(self) -> None:
            server = self.server
            if not isinstance(server, _Server) or not server.streams.acquire(blocking=False):
                self._send(503, "text/plain", b"too many pages are watching this file\n")
                return
            try:
                self._stream()
            finally:
                server.streams.release()

        def _stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while True:
                    with preview.changed:
                        if preview.version == seen:
                            preview.changed.wait(KEEPALIVE)
                        version = preview.version
                    if version != seen:
                        seen = version
                        self.wfile.write(f"data: {version}\n\n".encode())
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except OSError:  # the page was closed, or stopped reading
                return

    return Handler


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that serves at most :data:`MAX_CONNECTIONS` at once and
    takes a client that leaves as no error. When all are taken, the connection that has
    waited longest without sending a request is closed to make room (a browser keeps
    idle connections open in case it needs them); when every one is busy, the new one
    is answered 503 at once."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.lock = threading.Lock()
        self.active = 0
        self.waiting: dict[Any, float] = {}
        """Connections that have sent no request yet, and when each was accepted."""
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            if self.active >= MAX_CONNECTIONS:
                oldest = min(self.waiting, key=self.waiting.__getitem__, default=None)
                if oldest is None:
                    _busy(request)
                    self.shutdown_request(request)
                    return
                del self.waiting[oldest]
                with contextlib.suppress(OSError):
                    oldest.shutdown(socket.SHUT_RDWR)  # its thread sees the end and stops
            self.active += 1
            self.waiting[request] = time.monotonic()
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.lock:
                self.active -= 1
                self.waiting.pop(request, None)

    def requested(self, request: Any) -> None:
        """The connection has sent its request: it is busy, not idle."""
        with self.lock:
            self.waiting.pop(request, None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):  # a client that left, or went silent
            return
        super().handle_error(request, client_address)  # pragma: no cover - a bug: say it


def _busy(request: Any) -> None:
    with contextlib.suppress(OSError):
        request.settimeout(1.0)
        request.sendall(
            b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )


def serve(
    path: Path,
    port: int = 0,
    *,
    ready: Any = None,
    allow_outside: bool = False,
    until: int | None = None,
) -> None:
    """Serve the preview of ``path`` on 127.0.0.1:``port`` (0: any free port) until
    interrupted, or until the file descriptor ``until`` reaches its end (read with
    ``os.read``: a thread waiting on ``sys.stdin`` would hold its lock at exit);
    ``ready(url)`` is called once it listens."""
    from argmap.watch import changes

    preview = Preview(path, allow_outside)
    preview.rebuild()
    server = _Server((HOST, port), _handler(preview, 0))
    real_port = server.server_address[1]
    server.RequestHandlerClass = _handler(preview, real_port)
    stopping = threading.Event()

    def watch() -> None:
        for _ in changes(path, stop=stopping.is_set, missing=True):
            preview.rebuild()

    def wait_for_end(fd: int) -> None:  # the editor that started the preview has gone
        with contextlib.suppress(OSError):
            while os.read(fd, 4096):
                pass
        server.shutdown()

    threading.Thread(target=watch, daemon=True).start()
    if until is not None:
        threading.Thread(target=wait_for_end, args=(until,), daemon=True).start()
    if ready is not None:
        ready(f"http://{HOST}:{real_port}/")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stopping.set()
        server.server_close()
        time.sleep(0)

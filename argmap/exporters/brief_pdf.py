"""The HTML brief printed to PDF by headless Chromium, on the paper asked for.

Chromium is the engine the brief is made for (its print stylesheet is tested in it), so
the PDF is what a reader gets from "Print" in the browser, without the browser's header
and footer. It runs as a program (``chromium --headless --print-to-pdf``), not through a
Python binding: nothing to install but the browser. The page size comes from an
``@page`` rule added to the brief's stylesheet, and is read back from the PDF: a PDF of
another size is an error, never written.

Printing reads nothing and calls no one, whoever wrote the template: the page is served
to Chromium by a server of argmap's own on 127.0.0.1, at a secret address, with a
Content-Security-Policy that sandboxes it (no scripts, no forms, no navigation, no meta
refresh) and lets it load nothing but ``data:`` images and fonts and its own inline
styles. A page served over HTTP cannot load ``file://`` at all. The same server is
Chromium's only proxy, loopback included, so anything the policy does not govern (a
preconnect, the browser's own background requests) reaches argmap's server, which
answers the page and refuses everything else; nothing leaves the process pair.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from argmap.errors import RenderError, UsageError
from argmap.paper import SIZES, Paper

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler

BROWSERS: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS: Final = 120.0
PAPERS: Final = (Paper.A4, Paper.LETTER, Paper.A3)
"""Paper a brief prints on (a slide is for maps)."""
_CSS_SIZES: Final = {Paper.A4: "A4", Paper.LETTER: "letter", Paper.A3: "A3"}
TOLERANCE: Final = 1.0
"""Points by which a page may differ from its paper (Chromium rounds to pixels)."""


def page_rule(paper: Paper) -> str:
    """The ``@page`` rule that puts the brief on ``paper``, portrait."""
    if paper not in PAPERS:
        names = ", ".join(p.value for p in PAPERS)
        raise UsageError(f"--paper {paper.value}: a brief prints on {names}")
    return f"@page {{ size: {_CSS_SIZES[paper]} portrait; }}"


def browser() -> str:
    """The path of a Chromium, or a :class:`RenderError` that says how to install one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(
        "printing a brief to PDF needs Chromium, which is not installed. Install it with "
        "'sudo apt-get install chromium' (Debian/Ubuntu) or 'brew install --cask chromium' "
        "(macOS), or write the brief as .html and print it from a browser"
    )


PRINT_POLICY: Final = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The Content-Security-Policy of the page Chromium prints: sandboxed (scripts, forms,
navigation and meta refresh off) and loading nothing but inline styles and ``data:``
images and fonts."""
CHROMIUM_FLAGS: Final = (
    "--headless",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--proxy-bypass-list=<-loopback>",  # loopback goes through argmap's proxy too
)


@dataclass
class _Printed:
    """How often the page server gave Chromium the page while it printed."""

    page: int = 0


@contextmanager
def _page_server(html: bytes) -> Iterator[tuple[str, str, _Printed]]:
    """Serve ``html`` on 127.0.0.1 at a secret address, and act as the browser's proxy
    that refuses everything else: (the page's URL, the proxy's address, what was asked)."""
    from http.server import ThreadingHTTPServer  # printing only: 20 ms an HTML brief spares

    token = secrets.token_urlsafe(16)
    asked = _Printed()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(html, token, asked))
    server.daemon_threads = True
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/{token}/brief.html", f"127.0.0.1:{port}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _handler(html: bytes, token: str, asked: _Printed) -> type[BaseHTTPRequestHandler]:
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        server_version = "argmap"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            path = self.path.split("://", 1)[-1]  # a proxy's request names the host
            if path.split("/", 1)[-1] == f"{token}/brief.html" and self.command == "GET":
                asked.page += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy", PRINT_POLICY)
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(html)))
                self.end_headers()
                self.wfile.write(html)
                return
            self._refuse()

        def _refuse(self) -> None:
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()

        do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_CONNECT = _refuse

    return Handler


def print_pdf(html: str, paper: Paper) -> bytes:
    """``html`` (a brief made with :func:`page_rule`'s rule) printed by headless Chromium;
    its pages checked to be ``paper``. Chromium loads nothing but the page (see the
    module)."""
    program = browser()
    with (
        tempfile.TemporaryDirectory(prefix="argmap-brief-") as folder,
        _page_server(html.encode("utf-8")) as (url, proxy, asked),
    ):
        out = Path(folder) / "brief.pdf"
        command = [
            program,
            *CHROMIUM_FLAGS,
            f"--proxy-server=http://{proxy}",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            url,
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to sandbox as root
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                cwd=folder,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"Chromium took longer than {TIMEOUT_SECONDS:g} s to print the brief; "
                "nothing was written"
            ) from None
        except OSError as exc:
            raise RenderError(f"could not run Chromium: {exc.strerror or exc}") from None
        pdf = out.read_bytes() if out.is_file() else b""
    if not pdf.startswith(b"%PDF") or done.returncode != 0 or asked.page == 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = said[-1] if said else f"exit status {done.returncode}"
        raise RenderError(f"Chromium printed no PDF ({last}); nothing was written")
    _check_pages(pdf, paper)
    return pdf


_LOADING: Final = {
    "src",
    "srcset",
    "data",
    "poster",
    "background",
    "action",
    "formaction",
    "ping",
    "xlink:href",
    "codebase",
    "manifest",
}
"""Attributes whose value a browser loads (``href`` too, on ``link``, ``image``, ``use``
and ``base``; never on a link a reader clicks)."""
_CSS_URL: Final = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.I)
_REFRESH: Final = re.compile(r"""url\s*=\s*['"]?([^'"\s;]+)""", re.I)


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def _add(self, value: str | None) -> None:
        value = (value or "").strip()
        if value and not value.startswith(("data:", "#")) and value not in self.found:
            self.found.append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name, value in attrs:
            if name in _LOADING:
                for part in (value or "").split(",") if name == "srcset" else [value]:
                    self._add((part or "").strip().split(" ")[0])
            elif name == "href" and tag in ("link", "image", "use", "base", "feimage"):
                self._add(value)
            elif name == "style":
                for url in _CSS_URL.findall(value or ""):
                    self._add(url)
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "refresh":
            found = _REFRESH.search(named.get("content") or "")
            self._add(found.group(1) if found else "(a refresh of the page)")
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            for url in _CSS_URL.findall(data):
                self._add(url)


def outside_references(html: str) -> list[str]:
    """What ``html`` asks a browser to load from outside itself (files, web addresses,
    a refresh), in order, each once: an argmap brief asks for nothing; a template's
    page may, and printing loads none of it."""
    found = _References()
    found.feed(html)
    found.close()
    return found.found


def _check_pages(pdf: bytes, paper: Paper) -> None:
    import io

    from pypdf import PdfReader

    want = SIZES[paper]
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        got = (float(page.mediabox.width), float(page.mediabox.height))
        if any(abs(g - w) > TOLERANCE for g, w in zip(got, want, strict=True)):
            raise RenderError(
                f"Chromium printed page {number} at {got[0]:.0f} x {got[1]:.0f} pt, not "
                f"{paper.value} ({want[0]:.0f} x {want[1]:.0f} pt); nothing was written"
            )

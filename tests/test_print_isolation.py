"""Printing reads nothing and calls no one (issue 21): a brief printed to PDF, with
argmap's template or anyone's, loads no file but its page and opens no connection,
proved with a canary file and a listener on 127.0.0.1; scripts do not run; a template
is bounded in what it may build, in time and in memory."""

from __future__ import annotations

import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from argmap.cli import app
from argmap.exporters.brief_pdf import outside_references
from argmap.exporters.templates import TemplateFolder, environment
from tests.conftest import ROOT

HIKVISION = ROOT / "debates" / "hikvision-2019.yaml"
needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="Chromium is not installed (./run test installs it)"
)


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection made to it and answers
    any request with a page that would show up in a PDF."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.socket.accept()
            except OSError:
                return
            with client:
                client.settimeout(2)
                try:
                    self.connections.append(client.recv(1024))
                    body = b"<p>NETWORK-CANARY</p>"
                    client.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                        + str(len(body)).encode()
                        + b"\r\n\r\n"
                        + body
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    made = Listener()
    yield made
    made.close()


def hostile_page(canary: Path, port: int) -> str:
    """A template that tries every way a page can load something while it prints."""
    net = f"http://127.0.0.1:{port}"
    file = canary.as_uri()
    return f"""<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0;url={file}">
<base href="{net}/base/">
<link rel="stylesheet" href="{net}/css">
<link rel="preconnect" href="{net}">
<link rel="dns-prefetch" href="{net}">
<link rel="prefetch" href="{net}/prefetch">
<link rel="preload" as="image" href="{net}/preload">
<link rel="icon" href="{net}/icon">
<style>{{{{ css }}}}
@import url("{net}/import");
body {{ background: url("{net}/bg"); }}
@font-face {{ font-family: canary; src: url("{net}/font"), url("{file}"); }}
p {{ font-family: canary; }}</style>
</head><body>
<h1>{{{{ brief.title }}}}</h1>
<p>PAGE-TEXT</p>
<iframe src="{file}"></iframe>
<iframe src="{net}/frame"></iframe>
<iframe src="data:text/html,&lt;iframe src='{file}'&gt;&lt;/iframe&gt;\
&lt;img src='{net}/nested'&gt;"></iframe>
<iframe srcdoc="&lt;img src='{net}/srcdoc'&gt;&lt;iframe src='{file}'&gt;&lt;/iframe&gt;"></iframe>
<object data="{file}"></object>
<object data="{net}/object"></object>
<embed src="{net}/embed">
<img src="{net}/img"><img src="{file}"><img srcset="{net}/srcset 2x">
<video src="{net}/video" poster="{net}/poster"></video>
<audio src="{net}/audio" autoplay></audio>
<svg><image href="{net}/svgimage"/><use href="{net}/use#x"/></svg>
<script>fetch("{net}/fetch"); document.body.append("SCRIPT-RAN");</script>
<script src="{net}/script.js"></script>
<form action="{net}/form" id="f"></form><script>document.getElementById("f").submit()</script>
<a href="{net}/link" ping="{net}/ping">a link</a>
</body></html>
"""


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


@needs_chromium
def test_printing_a_hostile_template_loads_no_file_and_calls_no_one(
    tmp_path: Path, listener: Listener
) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("FILE-CANARY-SECRET\n", encoding="utf-8")
    folder = tmp_path / "template"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(hostile_page(canary, listener.port), encoding="utf-8")
    out = tmp_path / "brief.pdf"
    done = CliRunner().invoke(
        app, ["brief", str(HIKVISION), "-o", str(out), "--template", str(folder)]
    )
    assert done.exit_code == 0, done.output
    text = _pdf_text(out)
    assert "PAGE-TEXT" in text  # the page itself is printed
    for canary_text in ("FILE-CANARY-SECRET", "NETWORK-CANARY", "SCRIPT-RAN"):
        assert canary_text not in text
    assert listener.connections == []
    asked = len(outside_references(hostile_page(canary, listener.port)))
    assert done.stderr.startswith(f"warning: --template {folder}: the page asks for {asked} ")
    assert "the PDF was printed without them: argmap's printing loads nothing" in done.stderr


@needs_chromium
def test_printing_argmaps_own_brief_calls_no_one(tmp_path: Path, listener: Listener) -> None:
    text = HIKVISION.read_text(encoding="utf-8").replace(
        "title: US restrictions on Hikvision (May 2019)",
        f"title: '<img src=\"http://127.0.0.1:{listener.port}/title\"> Hikvision'",
    )
    debate = tmp_path / "d.yaml"
    debate.write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["brief", str(debate), "-o", str(tmp_path / "b.pdf")])
    assert done.exit_code == 0, done.output
    assert "warning" not in done.stderr
    assert listener.connections == []
    assert '<img src="http://127.0.0.1' in _pdf_text(tmp_path / "b.pdf")  # shown as text


def test_every_kind_of_outside_reference_is_found() -> None:
    page = hostile_page(Path("/tmp/canary.txt"), 1)
    found = outside_references(page)
    assert found[:3] == [
        "file:///tmp/canary.txt",
        "http://127.0.0.1:1/base/",
        "http://127.0.0.1:1/css",
    ]
    for path in ("/import", "/bg", "/font", "/frame", "/object", "/srcset", "/poster", "/use#x"):
        assert f"http://127.0.0.1:1{path}" in found
    assert "http://127.0.0.1:1/link" not in found  # a link a reader clicks is not loaded
    assert "http://127.0.0.1:1/ping" in found
    assert outside_references("<p>x</p><img src='data:image/png;base64,AA'><a href='#a'>") == []


# -- what a template may build, and for how long -------------------------------------------


@pytest.mark.parametrize(
    ("source", "refusal"),
    [
        ("{{ 'x'.ljust(999999999) }}", "ljust would make more than 1,000,000 items"),
        ("{{ 'x'.rjust(999999999) }}", "rjust would make"),
        ("{{ 'x'.center(999999999) }}", "center would make"),
        ("{{ 'x'.zfill(999999999) }}", "zfill would make"),
        ("{{ ('\t' * 1000).expandtabs(99999999) }}", "expandtabs would make"),
        ("{{ ('x' * 1000000).replace('x', 'xx') }}", "replace would make"),
        ("{{ ('x' * 1000000).join(['a', 'b']) }}", "join would make"),
        ("{{ '{:>999999999}'.format(1) }}", "format would make"),
        ("{{ '{:{w}}'.format(1, w=999999999) }}", "width taken from its arguments"),
        ("{{ '%999999999s' % 1 }}", "'%' would make"),
        ("{{ '%*s' % (999999999, 1) }}", "width or precision of '*'"),
        ("{{ '%999999999s'|format(1) }}", "'%' would make"),
        ("{{ 'x'|center(999999999) }}", "center would make"),
        ("{{ 'a\nb'|indent(999999999) }}", "indent would make"),
        ("{{ ('x' * 1000000)|replace('x', 'xx') }}", "replace would make"),
        ("{{ ['x' * 600000, 'y' * 600000]|join }}", "join would make"),
        ("{{ [1, 2]|slice(999999999)|list }}", "slice would make"),
        ("{{ [1]|batch(999999999, 0)|list }}", "batch would make"),
        ("{{ lipsum(100000000) }}", "lipsum makes at most 100 paragraphs"),
        ("{{ lipsum(5, max=100000000) }}", "lipsum makes at most"),
        ("{{ 'x' * 100000000 }}", "'*' would make more than 1,000,000 items"),
        ("{{ ('x' * 600000) + ('y' * 600000) }}", "'+' would make"),
        ("{{ ((9 ** 64) ** 64) ** 64 }}", "'**' would make a number of more than 14,000 bits"),
        ("{{ 10 ** 100000 }}", "large exponent"),
        ("{{ (10 ** 60) ** 60 * (10 ** 60) ** 60 }}", "more than 14,000 bits"),
        ("{% set ns = namespace(s='x' * 600000) %}{% set ns.s = ns.s ~ ns.s %}", "namespace"),
    ],
)
def test_every_way_of_building_a_huge_value_is_refused_before_it_is_built(
    source: str, refusal: str
) -> None:
    from jinja2.exceptions import SecurityError

    with pytest.raises(SecurityError, match=re.escape(refusal)):
        environment(TemplateFolder(ROOT)).from_string(source).render()


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("{{ 'ab'.ljust(4) }}|{{ 'x'|center(3) }}|{{ '%5s'|format('a') }}", "ab  | x |    a"),
        (
            "{{ 'a-b'.replace('-', '+') }} {{ ['a', 'b']|join(', ') }} {{ 2 ** 10 }}",
            "a+b a, b 1024",
        ),
        (
            "{{ [1, 2, 3]|slice(2)|list }} {{ [1, 2, 3]|batch(2)|list }}",
            "[[1, 2], [3]] [[1, 2], [3]]",
        ),
        ("{{ '{:>4}'.format('a') }}{{ ('a\tb').expandtabs(2) }}", "   aa b"),
    ],
)
def test_ordinary_use_of_the_capped_methods_and_filters_still_works(
    source: str, shown: str
) -> None:
    assert environment(TemplateFolder(ROOT)).from_string(source).render() == shown


def _brief_with(tmp_path: Path, template: str, *options: str) -> tuple[int, str]:
    folder = tmp_path / "template"
    folder.mkdir(exist_ok=True)
    (folder / "brief.html.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "b.html"
    done = CliRunner().invoke(
        app, ["brief", str(HIKVISION), "-o", str(out), "--template", str(folder), *options]
    )
    assert not out.exists() or done.exit_code == 0
    return done.exit_code, done.stderr


def test_a_template_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    code, err = _brief_with(tmp_path, loops, "--template-seconds", "1")
    assert (code, err) == (
        2,
        "Error: the brief template ran longer than 1 s (--template-seconds); nothing was written\n",
    )


def test_a_template_that_needs_too_much_memory_is_stopped(tmp_path: Path) -> None:
    doubling = "{% set s = 'x' * 1000000 %}" + "{% set s = s ~ s %}" * 10 + "{{ s|length }}"
    code, err = _brief_with(tmp_path, doubling, "--template-memory", "256")
    assert (code, err) == (
        2,
        "Error: the brief template needed more than 256 MiB of memory (--template-memory); "
        "nothing was written\n",
    )


def test_a_bounded_template_still_reads_only_its_folder_and_its_files_are_inputs(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "template"
    folder.mkdir()
    (folder / "part.html").write_text("<p>{{ brief.title }}</p>", encoding="utf-8")
    (folder / "brief.html.j2").write_text("{% include 'part.html' %}", encoding="utf-8")
    done = CliRunner().invoke(
        app,
        ["brief", str(HIKVISION), "-o", str(folder / "part.html"), "--template", str(folder)],
    )
    assert done.exit_code == 2
    assert "argmap never writes over its input" in done.stderr
    assert (folder / "part.html").read_text(encoding="utf-8") == "<p>{{ brief.title }}</p>"

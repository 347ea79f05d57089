"""A template folder is code from somewhere else: it runs sandboxed, reads only its own
folder, and cannot make a brief that reaches out. Each refusal is exit 2 with a message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from argmap.cli import app
from argmap.exporters import templates
from argmap.exporters.brief_markdown import export_markdown
from tests.conftest import ROOT
from tests.strategies import characters, debate_with

runner = CliRunner()
HIKVISION = ROOT / "debates" / "hikvision-2019.yaml"


def brief(template: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(
        app, ["brief", str(HIKVISION), "-o", str(out), "--template", str(template)]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "house-style"
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("template", "refusal"),
    [
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "unsafe"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
        ("{{ brief.positions.append(1) }}", "unsafe"),
        ("{{ '{0.__class__}'.format(brief) }}", "unsafe"),
        ("{{ 'x' * 100000000 }}", "would make more than 1,000,000 items"),
        ("{{ 10 ** 100000 }}", "large exponent"),
        ("{% for i in range(10000000) %}{% endfor %}", "Range too big"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "recurses too deeply"),
    ],
)
def test_templates_cannot_reach_python(
    folder: Path, tmp_path: Path, template: str, refusal: str
) -> None:
    (folder / "brief.html.j2").write_text(template, encoding="utf-8")
    code, err = brief(folder, tmp_path / "b.html")
    assert code == 2
    assert err.startswith("Error: the brief template failed")
    assert refusal in err
    assert not (tmp_path / "b.html").exists()


def test_a_template_reads_only_inside_its_folder(folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    (folder / "brief.html.j2").write_text("{{ brief.title }}", encoding="utf-8")
    (folder / "brief.js").symlink_to(secret)
    code, err = brief(folder, tmp_path / "b.html")
    assert code == 2
    assert err == (
        f"Error: --template {folder}: 'brief.js' is a link to '{secret}', outside the template "
        "folder; a template reads only files inside its folder\n"
    )
    (folder / "brief.js").unlink()
    for name in ("../secret.txt", "/etc/passwd", "sub/../../secret.txt"):
        (folder / "brief.html.j2").write_text(f"{{% include {name!r} %}}", encoding="utf-8")
        code, err = brief(folder, tmp_path / "b.html")
        assert code == 2
        assert f"'{name}' is outside the template folder" in err
    (folder / "outside.j2").symlink_to(secret)
    (folder / "brief.html.j2").write_text("{% include 'outside.j2' %}", encoding="utf-8")
    code, err = brief(folder, tmp_path / "b.html")
    assert code == 2
    assert "is a link to" in err
    assert "the secret" not in err
    assert not (tmp_path / "b.html").exists()


def test_a_template_may_include_its_own_files(folder: Path, tmp_path: Path) -> None:
    (folder / "parts").mkdir()
    (folder / "parts" / "head.j2").write_text("<h1>{{ brief.title }}</h1>", encoding="utf-8")
    (folder / "brief.html.j2").write_text(
        "{% include 'parts/head.j2' %}<style>{{ css }}</style>", encoding="utf-8"
    )
    (folder / "brief.css").write_text("h1 { color: navy }", encoding="utf-8")
    (folder / "alias.css").symlink_to("brief.css")  # a link inside the folder is fine
    assert brief(folder, tmp_path / "b.html") == (0, f"wrote {tmp_path / 'b.html'}\n")
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert html.startswith("<h1>US restrictions on Hikvision (May 2019)</h1>")
    assert "<style>h1 { color: navy }</style>" in html


def test_template_files_must_be_regular_and_small(folder: Path, tmp_path: Path) -> None:
    (folder / "brief.html.j2").write_text("{{ css }}", encoding="utf-8")
    os.mkfifo(folder / "brief.css")
    code, err = brief(folder, tmp_path / "b.html")
    assert (code, err) == (
        2,
        f"Error: --template {folder}: 'brief.css' is a named pipe (FIFO)\n",
    )
    (folder / "brief.css").unlink()
    (folder / "brief.css").write_bytes(b"x" * (1024 * 1024 + 1))
    code, err = brief(folder, tmp_path / "b.html")
    assert code == 2
    assert (
        "'brief.css' is 1,048,577 bytes; templates, stylesheets and scripts may have up to" in err
    )
    (folder / "brief.css").write_bytes(b"\xff\xfe")
    code, err = brief(folder, tmp_path / "b.html")
    assert code == 2
    assert "'brief.css' is not UTF-8 text" in err


def test_a_missing_folder_or_template(tmp_path: Path) -> None:
    assert brief(tmp_path / "nope", tmp_path / "b.html") == (
        2,
        f"Error: --template {tmp_path / 'nope'}: no such folder\n",
    )
    assert brief(tmp_path, tmp_path / "b.html") == (
        2,
        f"Error: --template {tmp_path}: the folder has no brief.html.j2\n",
    )


def test_the_default_template_runs_in_the_sandbox_too(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "argmap" / "templates", tmp_path / "copy")
    (tmp_path / "copy" / "brief.html.j2").write_text(
        "{{ cycler.__init__.__globals__ }}", encoding="utf-8"
    )
    assert brief(tmp_path / "copy", tmp_path / "b.html")[0] == 2
    # and argmap's own, unchanged, renders under it
    result = runner.invoke(app, ["brief", str(HIKVISION), "-o", str(tmp_path / "own.html")])
    assert result.exit_code == 0


MARKDOWN_PAYLOADS = {
    "javascript link": "[click](javascript:alert(1))",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "autolink": "<javascript:alert(1)>",
    "vbscript": "[x](VBScript:msgbox)",
    "reference link": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "remote image": "![tracking pixel](https://evil.example/p.png)",
    "raw html": '<img src=x onerror="alert(1)"><script>alert(1)</script>',
    "heading": "# Taken over",
    "list": "1. Taken over",
}


def _read_as_a_viewer_does(markdown: str) -> tuple[list[Any], list[Any]]:
    """The blocks, and every token, a CommonMark viewer (raw HTML and images on) makes
    of the brief."""
    blocks = MarkdownIt("commonmark").parse(markdown)
    found = []
    for token in blocks:
        found.append(token)
        found.extend(token.children or [])
    return blocks, found


@pytest.mark.parametrize("name", list(MARKDOWN_PAYLOADS))
def test_markdown_brief_keeps_the_html_briefs_url_rules(name: str) -> None:
    baseline, _ = _read_as_a_viewer_does(export_markdown(debate_with("plain words")))
    blocks, tokens = _read_as_a_viewer_does(export_markdown(debate_with(MARKDOWN_PAYLOADS[name])))
    hrefs = [str(t.attrs["href"]) for t in tokens if t.type == "link_open"]
    assert all(h.startswith(("http:", "https:", "mailto:", "#")) for h in hrefs), hrefs
    assert not [t for t in tokens if t.type == "image"]
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    # no heading, list or other block the plain brief does not have
    assert [t.type for t in blocks] == [t.type for t in baseline]


def test_markdown_brief_keeps_web_links_and_emphasis() -> None:
    markdown = export_markdown(
        debate_with("See **the report** at [the site](<https://example.org/a b>) and `code`")
    )
    assert "See **the report** at [the site](<https://example.org/a%20b>) and `code`" in markdown


markdownish = (
    st.lists(
        st.sampled_from([*"[]()<>!*_`#-+=|&;:/. \n", "javascript:", "http://x", "1."])
        | st.text(characters, max_size=3),
        min_size=1,
        max_size=25,
    )
    .map("".join)
    .filter(str.strip)
)


@settings(deadline=None)
@example(">")  # found by hypothesis: a bottom line of '>' became a block quote
@example("[x](javascript:y)")
@given(markdownish)
def test_any_text_gives_a_markdown_brief_with_only_safe_links(text: str) -> None:
    baseline, _ = _read_as_a_viewer_does(export_markdown(debate_with("plain words")))
    blocks, tokens = _read_as_a_viewer_does(export_markdown(debate_with(text)))
    hrefs = [str(t.attrs["href"]) for t in tokens if t.type == "link_open"]
    assert all(h.startswith(("http:", "https:", "mailto:", "#")) for h in hrefs), hrefs
    assert not [t for t in tokens if t.type in ("image", "html_inline", "html_block")]
    assert [t.type for t in blocks] == [t.type for t in baseline]


# -- argmap's own templates, shipped compiled -----------------------------------------


@pytest.mark.parametrize("name", templates.OWN_TEMPLATES)
def test_each_own_template_is_shipped_compiled_from_its_text(name: str) -> None:
    """The compiled form beside each template was made from its present text and
    argmap's settings (by the Jinja it names): else run scripts/compile_templates.py."""
    environment = templates._own_environment()
    source = (ROOT / "argmap" / "templates" / name).read_text(encoding="utf-8")
    shipped = (ROOT / "argmap" / "templates" / (name + templates.COMPILED)).read_text("utf-8")
    made, version, _ = shipped.split("\n", 1)[0].removeprefix("# ").split(" ")
    assert made == templates.fingerprint(environment, name, source, version), (
        f"{name} changed since it was compiled: run scripts/compile_templates.py"
    )
    if version == jinja2.__version__:  # the code is the code this Jinja makes of it
        assert shipped == templates.compiled_text(name)
    else:  # made by another Jinja: not used, the template is compiled as usual
        assert templates._compiled(environment, name, source) is None


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from their text from now on."""
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile_(self: jinja2.Environment, source: Any, name: Any = None, *a: Any, **k: Any) -> Any:
        compiled.append(name)
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    return compiled


def _brief_html(tmp_path: Path) -> bytes:
    out = tmp_path / "b.html"
    result = CliRunner().invoke(
        app, ["brief", str(ROOT / "debates" / "school-phones.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_the_brief_runs_its_shipped_compiled_template(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In step (as above, with this Jinja), the brief's template is not compiled again,
    and the brief is the one the compiled-again template makes."""
    templates._own_environment.cache_clear()
    compiled = _compiles(monkeypatch)
    shipped = _brief_html(tmp_path)
    if (
        jinja2.__version__
        in (ROOT / "argmap" / "templates" / "brief.html.j2.py.txt")
        .read_text("utf-8")
        .split("\n", 1)[0]
    ):
        assert compiled == []
    templates._own_environment.cache_clear()
    monkeypatch.setattr(templates, "_compiled", lambda *args: None)  # as if out of step
    assert _brief_html(tmp_path) == shipped
    assert compiled == ["brief.html.j2"]
    templates._own_environment.cache_clear()


def test_a_compiled_template_out_of_step_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A template whose text, or a setting, differs from what its compiled form was
    made from is compiled from its text: the compiled form is never run for it."""
    environment = templates._own_environment()
    name = "brief.html.j2"
    source = (ROOT / "argmap" / "templates" / name).read_text(encoding="utf-8")
    assert templates._compiled(environment, name, source + " ") is None
    monkeypatch.setattr(environment, "trim_blocks", False)
    assert templates._compiled(environment, name, source) is None
    monkeypatch.setattr(environment, "trim_blocks", True)
    assert templates._compiled(environment, "someone-elses.html.j2", source) is None
    assert templates._compiled(environment, name, source) is not None  # (in step)


def test_a_compiled_template_cut_short_or_changed_is_not_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The first line holds the digest of the code: a shipped copy cut short (a failed
    install) or changed since it was made is compiled from the template instead."""
    environment = templates._own_environment()
    name = "brief.html.j2"
    source = (ROOT / "argmap" / "templates" / name).read_text(encoding="utf-8")
    whole = templates.compiled_text(name)
    folder = tmp_path / "templates"
    folder.mkdir()

    class Package:  # argmap's files, with this folder's copy of the compiled form
        def joinpath(self, *parts: str) -> Path:
            return tmp_path.joinpath(*parts)

    monkeypatch.setattr("importlib.resources.files", lambda package: Package())
    for shipped in (whole[:3000], whole.replace("missing", "missing ", 1), whole):
        (folder / (name + templates.COMPILED)).write_text(shipped, encoding="utf-8")
        used = templates._compiled(environment, name, source)
        assert (used is not None) == (shipped == whole)

"""``argmap render`` and ``argmap build``: files, messages, exit codes, failure modes."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap import graphviz as render_module
from argmap.cli import app
from argmap.outline import outline
from tests.conftest import ROOT

runner = CliRunner()
HIKVISION = str(ROOT / "debates" / "hikvision-2019.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_several_outputs_at_once(tmp_path: Path) -> None:
    outputs = [tmp_path / "map.svg", tmp_path / "map.png", tmp_path / "map.dot"]
    code, _, err = run("render", HIKVISION, *[f"-o{p}" for p in outputs], "--position", "magnitsky")
    assert code == 0
    assert err.splitlines() == [f"wrote {p}" for p in outputs]
    assert sorted(tmp_path.iterdir()) == sorted(outputs)


def test_render_to_standard_output() -> None:
    code, out, _ = run("render", HIKVISION, "--format", "dot", "--theme", "print")
    assert code == 0
    assert out.startswith("digraph argmap {")


def test_render_needs_somewhere_to_write() -> None:
    code, _, err = run("render", HIKVISION)
    assert code == 2
    assert err == (
        "Error: say where to write the map: -o FILE (.svg, .png, .pdf, .dot) or --format\n"
    )


def test_unknown_focus_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    code, _, err = run("render", HIKVISION, "-o", str(tmp_path / "m.dot"), "--focus", "spying-risc")
    assert code == 2
    assert err == (
        "Error: --focus 'spying-risc': the debate has no such id or tag; "
        "did you mean 'spying-risk'?\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("render", HIKVISION, "-o", str(tmp_path / "m.jpg"))
    assert code == 2
    assert "name it .svg, .png, .pdf or .dot" in err


def test_a_debate_with_errors_is_not_drawn(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "zoo" / "E202-unknown-reference.yaml"
    code, out, err = run("render", str(bad), "-o", str(tmp_path / "m.svg"))
    assert code == 1
    assert out == ""
    assert "error[E202]" in err
    assert list(tmp_path.iterdir()) == []


def test_missing_dot_is_explained_and_dot_output_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"  # a PATH with no dot on it
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(
        "render", HIKVISION, "-o", str(out_dir / "m.dot"), "-o", str(out_dir / "m.svg")
    )
    assert code == 3
    assert err.startswith(
        "Error: Graphviz's 'dot' is not installed, so only .dot files can be written."
    )
    assert "sudo apt-get install graphviz" in err
    assert list(out_dir.iterdir()) == []  # all or nothing
    assert run("render", HIKVISION, "-o", str(out_dir / "m.dot"))[0] == 0


def _fake_dot(folder: Path, script: str) -> None:
    """A ``dot`` that runs ``script``; what it prints goes where ``-o`` says, as dot's
    drawing does."""
    dot = folder / "dot"
    to_output = 'for a in "$@"; do case "$a" in -o*) exec >"${a#-o}";; esac; done\n'
    dot.write_text("#!/bin/sh\n" + to_output + script + "\n", encoding="utf-8")
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)


_REAL_DOT = shutil.which("dot") or "/usr/bin/dot"
_ONLY_PDF = f'case " $* " in *" -Tpdf "*) ;; *) exec {_REAL_DOT} "$@";; esac;'
"""A fake ``dot`` script's start: anything but PDF is drawn by the real ``dot``."""


def test_failing_dot_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_dot(bin_dir, "echo 'Error: something broke' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    out_dir = tmp_path / "out"
    code, _, err = run(
        "render", HIKVISION, "-o", str(out_dir / "m.dot"), "-o", str(out_dir / "m.png")
    )
    assert code == 3
    assert err == "Error: 'dot' failed to render PNG: something broke; nothing was written\n"
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("fmt", "script", "problem"),
    [
        ("svg", "echo 'not a drawing'", "it holds no <svg> element"),
        ("svg", "printf '<svg><g>'", "the SVG is cut short"),
        ("svg", "printf '<svg><g></svg>'", "not well-formed"),
        ("png", "printf 'garbage here'", "it does not start as a PNG does"),
        ("png", "printf '\\211PNG\\r\\n\\032\\n'", "the PNG is cut short"),
        # a PDF's pages are measured first, as SVG: the real dot does that; then drawn by
        # one dot, each page's graph from a file (-O: its drawing beside it)
        (
            "pdf",
            f"{_ONLY_PDF} for f; do case $f in *.gv) printf '%%PDF-1.4 cut' >$f.pdf;; esac; done",
            "the PDF is cut short",
        ),
    ],
)
def test_dot_that_exits_zero_with_garbage_is_a_render_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, script: str, problem: str
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_dot(bin_dir, script if script.startswith("case") else f"cat >/dev/null; {script}")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    target = tmp_path / f"m.{fmt}"
    target.write_bytes(b"the previous map")
    code, _, err = run("render", HIKVISION, "-o", str(target))
    assert code == 3
    assert err.startswith("Error: 'dot' returned ")
    assert problem in err
    assert "nothing was written" in err
    assert target.read_bytes() == b"the previous map"
    code, out, err = run("render", HIKVISION, "-f", fmt)
    assert (code, out) == (3, "")
    assert problem in err


def test_a_label_dot_refuses_is_named_by_element_and_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # what Graphviz says when a label is malformed (argmap's bug, should one slip through)
    said = "Error: syntax error in line 1 \n... <B></B> ...\nin label of node a3"
    _fake_dot(bin_dir, f"cat >/dev/null; printf '{said}' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    code, _, err = run("render", HIKVISION, "-o", str(tmp_path / "m.svg"))
    assert code == 3
    debate = argmap.load(ROOT / HIKVISION)
    third = debate.arguments[2].id
    number = outline(debate).numbers[third]
    assert err == (
        f"Error: 'dot' failed to render SVG: syntax error in line 1, in the label of argument "
        f"'{third}' ({number}); nothing was written. This is a bug in argmap: please report "
        "it with the debate file\n"
    )


def test_slow_dot_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dot(tmp_path, "sleep 5")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(render_module, "TIMEOUT_SECONDS", 0.2)
    code, _, err = run("render", HIKVISION, "-o", str(tmp_path / "m.svg"))
    assert code == 3
    assert "took longer than 0.2 s" in err
    assert not (tmp_path / "m.svg").exists()


def test_dot_runs_confined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dot(
        tmp_path, 'env > "$GV_FILE_PATH/../seen-env"; pwd >> "$GV_FILE_PATH/../seen-env"; exit 1'
    )
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    run("render", HIKVISION, "-o", str(tmp_path / "m.svg"))
    seen = (tmp_path / "seen-env").read_text(encoding="utf-8")
    assert "SERVER_NAME=argmap" in seen
    assert "GV_FILE_PATH=" in seen
    assert "HOME=" in seen


def test_build_writes_every_debate_in_every_theme(tmp_path: Path) -> None:
    code, out, err = run("build", str(ROOT / "debates"), "-o", str(tmp_path))
    assert code == 0
    assert out.endswith(
        "Found 11 notes in 4 files. 12 of 12 quotes verified against local copies (22 more "
        "cite sources without a file).\n"
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    stems = ("hikvision-2019", "school-phones", "uk-5g-huawei-2020", "uk-5g-huawei-2020-07")
    for stem in stems:
        for suffix in (
            ".dot",
            ".svg",
            ".png",
            ".print.svg",
            ".print.png",
            ".print.pdf",
            ".projector.png",
            ".worksheet.pdf",
            ".worksheet-key.pdf",
            ".brief.html",
        ):
            assert stem + suffix in names
    assert len(names) == len(stems) * 10
    assert not [n for n in names if n.endswith((".part", ".gv"))]
    assert "wrote" in err
    # the debates are drawn side by side, and said one after the other, in order
    said = [line.removeprefix("wrote ") for line in err.splitlines() if line.startswith("wrote ")]
    order = [next(s for s in stems if Path(name).name.startswith(s + ".")) for name in said]
    groups = list(dict.fromkeys(order))
    assert sum(a != b for a, b in itertools.pairwise(order)) == len(stems) - 1
    assert groups == sorted(groups, key=lambda stem: f"{stem}.yaml")  # the files' order
    assert len(said) == len(stems) * 10
    # the screen maps are too large to print on one page, and say so; paper never is
    assert "warning: hikvision-2019.svg: printed on one A4 page its text would be" in err
    assert ".pdf: page" not in err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--dpi", "0"], "--dpi must be from 10 to 1200 (the default is 96)"),
        (["--dpi", "100000"], "--dpi must be from 10 to 1200 (the default is 96)"),
        (["--wrap", "7"], "--wrap must be from 8 to 200 characters"),
        (["--wrap", "99999999999999999999"], "--wrap must be from 8 to 200 characters"),
    ],
)
def test_values_graphviz_would_clamp_are_refused(
    tmp_path: Path, option: list[str], message: str
) -> None:
    code, _, err = run("render", HIKVISION, "-o", str(tmp_path / "m.png"), *option)
    assert (code, err) == (2, f"Error: {message}\n")
    assert not (tmp_path / "m.png").exists()


def test_what_dot_warns_of_is_passed_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    _, dot_text, _ = run("render", HIKVISION, "-f", "dot")
    for fmt in ("png", "svg"):  # what the real dot draws, for the fake one to return
        done = subprocess.run(["dot", f"-T{fmt}"], input=dot_text.encode(), capture_output=True)
        (tmp_path / f"real.{fmt}").write_bytes(done.stdout)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    said = "dot: graph is too large for cairo-renderer bitmaps. Scaling by 0.0145389 to fit"
    _fake_dot(
        bin_dir,
        f"cat >/dev/null; if [ \"$1\" = -Tpng ]; then echo '{said}' >&2; cat '{real}.png'; "
        f"else cat '{real}.svg'; fi",
    )
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    code, _, err = run("render", HIKVISION, "-o", str(tmp_path / "m.png"))
    assert code == 0
    assert (
        "warning: m.png: the bitmap would be wider or taller than Graphviz draws (32,767 "
        "pixels), so it was scaled by 0.0145: lower --dpi, or write SVG or PDF\n"
    ) in err


SCHOOL = str(ROOT / "debates" / "school-phones.yaml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--paper", "a4", "-o", "{tmp}/m.svg"],
            "Error: --paper and --orientation are for .pdf and .png files\n",
        ),
        (
            ["--min-text", "2", "-o", "{tmp}/m.pdf"],
            "Error: --min-text must be from 4 to 72 points\n",
        ),
        (
            ["--pages", "2", "-o", "{tmp}/m.svg"],
            "Error: --pages is for .pdf files\n",
        ),
        (
            ["--worksheet", "--blank", "full-ban", "-o", "{tmp}/m.pdf"],
            "Error: --blank 'full-ban' is an option: a worksheet never blanks the options or the "
            "question, since students need something to reason from\n",
        ),
        (
            ["--paper", "a4", "-f", "png"],
            "Error: the map needs 2 pages of PNG, and standard output takes one file: write them "
            "with -o NAME.png (NAME-p1.png, NAME-p2.png …)\n",
        ),
    ],
)
def test_paper_options_refused_with_a_reason(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = run("render", SCHOOL, *[a.format(tmp=tmp_path) for a in args])
    assert (code, out, err) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


def test_reveal_takes_an_order() -> None:
    code, _, err = run("render", SCHOOL, "--reveal", "sideways", "-o", "x.pdf")
    assert code == 2
    assert "'sideways' is not one of 'levels', 'options'" in err


def test_a_pdf_to_standard_output_is_on_paper() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    result = CliRunner().invoke(app, ["render", SCHOOL, "-f", "pdf", "--paper", "letter"])
    assert result.exit_code == 0
    pages = PdfReader(BytesIO(result.stdout_bytes)).pages
    assert len(pages) > 1
    for page in pages:
        assert sorted((float(page.mediabox.width), float(page.mediabox.height))) == [612, 792]


def test_pages_that_print_too_small_are_named(tmp_path: Path) -> None:
    target = tmp_path / "m.pdf"
    code, _, err = run("render", HIKVISION, "--min-text", "30", "-o", str(target))
    assert code == 0
    lines = err.splitlines()
    assert lines[-1] == f"wrote {target}"
    warned = [line for line in lines if line.startswith("warning: m.pdf: page ")]
    assert warned
    assert all(
        " prints its text at " in w and "below the 30 pt asked for (--min-text)" in w
        for w in warned
    )


def test_pages_brings_a_map_to_that_many_and_says_the_size(tmp_path: Path) -> None:
    target = tmp_path / "m.pdf"
    code, _, err = run("render", HIKVISION, "--pages", "1", "-o", str(target))
    assert code == 0
    lines = err.splitlines()
    assert lines[-1] == f"wrote {target}"
    [warning] = lines[:-1]
    assert re.fullmatch(
        r"warning: m\.pdf: its one page prints its text at \d\.\d pt, below the 9 pt asked "
        r"for \(--min-text\), because --pages 1 asks for the map on one page at most; nothing "
        r"was left out\. For larger text allow more --pages",
        warning,
    ), warning


def test_pages_takes_a_count_from_one() -> None:
    code, out, err = run("render", SCHOOL, "--pages", "0", "-o", "x.pdf")
    assert (code, out) == (2, "")
    assert err.endswith(
        "Error: Invalid value for '--pages': Input should be greater than or equal to 1\n"
    )

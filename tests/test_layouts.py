"""The ``dot`` kept running to measure pages (``argmap.graphviz.measure_svg``): the same
drawing as a ``dot`` of its own, started once rather than per page, safe from several
threads, and never the reason an error goes unsaid or a wait goes unbounded."""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

import argmap
from argmap import graphviz
from argmap.briefing import paper_map
from argmap.errors import RenderError
from argmap.exporters.dot import export_dot
from argmap.exporters.options import DiagramOptions
from argmap.graphviz import layout_size, measure_svg, run_dot, run_dot_each, svg_size
from tests.conftest import ROOT

HIKVISION = ROOT / "debates" / "hikvision-2019.yaml"
REAL_DOT = shutil.which("dot") or "/usr/bin/dot"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    """Each test starts with no ``dot`` kept (one kept by another test would be reused)."""
    graphviz._close_kept()


def _ids_apart(svg: bytes) -> bytes:
    return re.sub(rb' id="[^"]*"', b"", svg)


def _counting_dot(folder: Path) -> Path:
    """A ``dot`` that notes each start in ``folder/starts`` and is the real one."""
    log = folder / "starts"
    dot = folder / "dot"
    dot.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec {REAL_DOT} "$@"\n', encoding="utf-8")
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)
    return log


def test_a_kept_dot_draws_what_a_dot_of_its_own_draws() -> None:
    debate = argmap.load(HIKVISION)
    views = [DiagramOptions(), DiagramOptions(max_level=1), DiagramOptions(titles_only=True)]
    views += [DiagramOptions(focus=p.id, depth=1) for p in debate.positions]
    for view in views:
        source = export_dot(debate, replace(view, pad=0))
        kept = measure_svg(source, settings={"margin": "0"})
        own = run_dot(source, "svg", settings={"margin": "0"})
        assert svg_size(kept) == svg_size(own)
        assert _ids_apart(kept) == _ids_apart(own)  # Graphviz numbers ids per process


def test_a_brief_map_starts_dot_once_per_thread_not_once_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _counting_dot(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    debate = argmap.load(HIKVISION)
    drawn = paper_map(debate)
    starts = len(log.read_text(encoding="utf-8").splitlines())
    # planning measured hundreds of pages (252 before, each its own dot)
    assert starts <= graphviz.PARALLEL
    assert len(drawn.views) >= 1


def test_many_threads_each_get_their_own_drawing() -> None:
    sources = [f'digraph g{n} {{ a -> b [label="{"x" * (n * 7)}"]; }}\n' for n in range(24)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        kept = list(pool.map(lambda s: svg_size(measure_svg(s)), sources))
    assert kept == [svg_size(run_dot(s, "svg")) for s in sources]
    assert len(set(kept)) == len(sources)


def test_a_graph_dot_refuses_is_said_as_a_dot_of_its_own_says_it() -> None:
    bad = "digraph { a [label=<<B>unclosed>]; }\n"
    with pytest.raises(RenderError) as own:
        run_dot(bad, "svg")
    with pytest.raises(RenderError) as kept:
        measure_svg(bad)
    assert str(kept.value) == str(own.value)
    # and the next graph is measured as if nothing happened
    good = "digraph { a -> b; }\n"
    assert svg_size(measure_svg(good)) == svg_size(run_dot(good, "svg"))


def test_a_kept_dot_that_dies_is_started_again() -> None:
    source = "digraph { a -> b -> c; }\n"
    first = measure_svg(source)
    for group in graphviz._KEPT.values():
        for layouts in group:
            assert layouts.process is not None
            layouts.process.kill()
            layouts.process.wait()
    assert measure_svg(source) == first


def test_a_kept_dot_that_hangs_is_stopped_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dot = tmp_path / "dot"
    dot.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(graphviz, "TIMEOUT_SECONDS", 0.3)
    with pytest.raises(RenderError, match=r"took longer than 0\.3 s"):
        measure_svg("digraph { a; }\n")
    assert all(layouts.process is None for g in graphviz._KEPT.values() for layouts in g)


def test_large_graphs_get_a_dot_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _counting_dot(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    line = "// " + "x" * 1000 + "\n"
    large = "digraph { a;\n" + line * (graphviz._LARGEST_KEPT // len(line) + 1) + "}\n"
    for _ in range(2):
        measure_svg(large)
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2
    assert not graphviz._KEPT or all(not group for group in graphviz._KEPT.values())


def test_pages_are_drawn_by_one_dot_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [f"digraph g{n} {{ a{n} -> b; }}\n" for n in range(graphviz.BATCH + 3)]
    own = [run_dot(source, "svg") for source in sources]
    log = _counting_dot(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    each = run_dot_each(sources, "svg")
    assert [_ids_apart(d) for d in each] == [_ids_apart(d) for d in own]
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2  # two batches


def test_a_page_dot_refuses_fails_the_batch_as_run_dot_says() -> None:
    bad = "digraph { a [label=<<B>unclosed>]; }\n"
    with pytest.raises(RenderError) as own:
        run_dot(bad, "pdf")
    with pytest.raises(RenderError) as each:
        run_dot_each(["digraph { a -> b; }\n", bad], "pdf")
    assert str(each.value) == str(own.value)
    # a syntax error names the page, never a file of argmap's own
    with pytest.raises(RenderError) as broken:
        run_dot_each(["digraph { a -> b; }\n", "digraph { a -> ; }\n"], "pdf")
    assert "'dot' failed to render PDF: page 2: syntax error in line 1" in str(broken.value)
    assert "argmap-dot" not in str(broken.value)


def test_a_page_is_laid_out_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    laid_out: list[str] = []

    def counted(command: object, source: str, settings: object, describe: object) -> bytes:
        laid_out.append(source)
        return run_dot(source, "svg")

    monkeypatch.setattr(graphviz, "_measured", counted)
    monkeypatch.setattr(graphviz, "_SIZES", OrderedDict())
    source = "digraph { a -> b; }\n"
    first = layout_size(source)
    assert layout_size(source) == first
    assert layout_size(source, settings={"margin": "0"}) == first  # no margin in SVG
    assert laid_out == [source, source]  # once per settings
    monkeypatch.setattr(graphviz, "SIZES_KEPT", 1)
    layout_size("digraph { c; }\n")
    layout_size(source)  # forgotten: at most SIZES_KEPT are kept
    assert len(laid_out) == 4

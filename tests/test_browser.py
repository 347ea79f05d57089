"""Briefs in a real browser: headless Chromium opens each one from file:// and we read
the DOM. Nothing may load from the network, log an error, or run debate text as code."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.briefing import BRIEF_MAP_LIMIT, write_brief
from bench import generate
from tests.conftest import ROOT, TRACEABLE, example_copy, interruptible, stopped_by_ctrl_c
from tests.strategies import debate_with

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:  # pragma: no cover - ./run test installs it; CI must not skip
    if os.environ.get("CI"):
        raise RuntimeError("chromium is not installed; ./run test installs it")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

STEMS = ["hikvision-2019", "school-phones", "uk-5g-huawei-2020"]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAYLOAD = (
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    '[click](javascript:window.__pwned=3) "><svg onload="window.__pwned=4"></svg>'
    '<a href="javascript:window.__pwned=5">x</a> <style>body{display:none}</style>'
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from a file, with everything it logged or requested."""

    def __init__(self, browser: Browser, path: Path, *, scripts: bool = True) -> None:
        self.context = browser.new_context(java_script_enabled=scripts)
        self.page: Page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def evaluate(self, script: str) -> Any:
        return self.page.evaluate(script)

    def close(self) -> None:
        self.context.close()


def brief_file(debate: argmap.Debate, folder: Path, name: str = "brief.html") -> Path:
    path = folder / name
    write_brief(debate, path)
    return path


@pytest.mark.parametrize("stem", STEMS)
def test_brief_opens_offline_clean_and_complete(
    browser: Browser, stem: str, tmp_path: Path
) -> None:
    debate = argmap.load(ROOT / "debates" / f"{stem}.yaml")
    path = brief_file(debate, tmp_path)
    visit = Visit(browser, path)
    try:
        visit.page.screenshot(path=str(tmp_path / "brief.png"), full_page=True)
        assert (tmp_path / "brief.png").stat().st_size > 10_000
        assert visit.requests == [path.as_uri()]  # the file itself, nothing else
        assert visit.errors == []
        assert [m for m in visit.console if m[0] in ("error", "warning")] == []
        for argument in debate.arguments:
            assert visit.evaluate(f"!!document.getElementById('arg-{argument.id}')")
        text = visit.evaluate("document.body.innerText")
        for actor in debate.actors:
            assert actor.name in text
        broken = visit.evaluate(
            """[...document.querySelectorAll('a[href^="#"]')]
                 .map(a => a.getAttribute('href').slice(1))
                 .filter(id => !document.getElementById(id))"""
        )
        assert broken == []
        map_links = visit.evaluate(
            "[...document.querySelectorAll('svg a')].map(a => a.getAttribute('xlink:href'))"
        )
        assert {f"#arg-{a.id}" for a in debate.arguments} <= set(map_links)
    finally:
        visit.close()


def test_debate_text_never_runs(browser: Browser, tmp_path: Path) -> None:
    path = brief_file(debate_with(PAYLOAD), tmp_path)
    visit = Visit(browser, path)
    try:
        assert visit.evaluate("window.__pwned === undefined")
        for link in visit.page.locator("a").all():
            href = link.get_attribute("href") or link.get_attribute("xlink:href") or ""
            assert not href.lower().startswith("javascript:")
        assert visit.evaluate("getComputedStyle(document.body).display") == "block"
        assert visit.requests == [path.as_uri()]
        assert "<script>window.__pwned = 1</script>" in visit.evaluate("document.body.innerText")
    finally:
        visit.close()


def test_every_word_is_there_with_scripts_off(browser: Browser, tmp_path: Path) -> None:
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    path = brief_file(debate, tmp_path)
    visit = Visit(browser, path, scripts=False)
    try:
        text = visit.evaluate("document.body.innerText")
        for argument in debate.arguments:
            assert " ".join(argument.text.split()) in " ".join(text.split())
    finally:
        visit.close()


def test_actor_filter_hides_other_arguments(browser: Browser, tmp_path: Path) -> None:
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    path = brief_file(debate, tmp_path)
    visit = Visit(browser, path)
    try:
        visit.page.select_option("#filter-actor", "treasury")
        shown = visit.evaluate(
            "[...document.querySelectorAll('li.arg')].filter(li => !li.hidden).map(li => li.id)"
        )
        assert set(shown) == {"arg-harms-trade-talks", "arg-deal-priority"}
    finally:
        visit.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("stem", STEMS)
def test_printed_core_fits_two_pages(
    browser: Browser, stem: str, paper: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    path = brief_file(argmap.load(ROOT / "debates" / f"{stem}.yaml"), tmp_path)
    visit = Visit(browser, path)
    try:
        visit.page.pdf(path=str(tmp_path / "brief.pdf"), format=paper)
    finally:
        visit.close()
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "brief.pdf").pages]
    # the core: decision, bottom line, what stands and what would change the answer
    changes = next(i for i, t in enumerate(pages, 1) if "What would change the answer" in t)
    assert changes <= 2
    assert any("Background" in t for t in pages[:3])  # and the next section starts by page 3


def test_a_long_brief_opens_without_a_map_and_keeps_every_argument(
    browser: Browser, tmp_path: Path
) -> None:
    debate = argmap.loads(json.dumps(generate.debate(BRIEF_MAP_LIMIT + 50)), "json")
    path = brief_file(debate, tmp_path)
    visit = Visit(browser, path)
    try:
        assert visit.errors == []
        assert [m for m in visit.console if m[0] in ("error", "warning")] == []
        assert visit.evaluate("document.querySelectorAll('svg').length") == 0
        note = visit.evaluate("document.getElementById('map').textContent")
        assert note.startswith(f"This debate has {len(debate.arguments):,} arguments")
        assert visit.evaluate("document.body.classList.contains('long')")
        text = visit.evaluate("document.body.textContent")  # laid out or not, it is there
        for argument in debate.arguments:
            assert visit.evaluate(f"!!document.getElementById('arg-{argument.id}')")
            assert " ".join(argument.text.split()) in text
        # a link into the far end of the page still lands on its argument
        last = debate.arguments[-1].id
        visit.page.goto(f"{path.as_uri()}#arg-{last}")
        top = visit.evaluate(f"document.getElementById('arg-{last}').getBoundingClientRect().top")
        assert 0 <= top < 200
        broken = visit.evaluate(
            """[...document.querySelectorAll('a[href^="#"]')]
                 .map(a => a.getAttribute('href').slice(1))
                 .filter(id => !document.getElementById(id))"""
        )
        assert broken == []
    finally:
        visit.close()


@pytest.mark.parametrize("stem", STEMS)
def test_the_director_sections_render_ranked(browser: Browser, stem: str, tmp_path: Path) -> None:
    debate = argmap.load(ROOT / "debates" / f"{stem}.yaml")
    result = argmap.analyse(debate)
    visit = Visit(browser, brief_file(debate, tmp_path))
    try:
        rows = visit.evaluate(
            """[...document.querySelectorAll('#standing table.ranking tbody tr')]
                 .map(r => [r.cells[0].innerText, r.cells[2].innerText])"""
        )
        by_id = {p.id: p for p in result.positions}
        assert rows == [[str(by_id[i].rank), str(by_id[i].standing)] for i in result.ranking]
        headings = visit.evaluate(
            "[...document.querySelectorAll('main > section > h2')].map(h => h.innerText)"
        )
        assert headings[:4] == [
            "Decision",
            "Bottom line",
            "What stands",
            "What would change the answer",
        ]
        assert headings[-2:] == ["How this was computed", "Words used in this brief"]
        check = result.recommendation
        assert check is not None
        shown = visit.evaluate("document.querySelector('#summary .computed').innerText")
        assert shown == f"Computed by argmap: {check.note}"
        # on paper, the hints that need a screen are gone
        visit.page.emulate_media(media="print")
        hidden = visit.evaluate(
            """[...document.querySelectorAll('.screen-only')]
                 .every(e => getComputedStyle(e).display === 'none')"""
        )
        assert hidden
    finally:
        visit.close()


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("stem", STEMS)
def test_brief_pdf_is_on_the_paper_asked_for_with_the_core_on_two_pages(
    stem: str, paper: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from argmap.cli import app

    out = tmp_path / f"{stem}.pdf"
    done = CliRunner().invoke(
        app, ["brief", str(ROOT / "debates" / f"{stem}.yaml"), "-o", str(out), "--paper", paper]
    )
    assert (done.exit_code, done.stderr) == (0, f"wrote {out}\n")
    pages = PdfReader(out).pages
    want = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}[paper]
    for page in pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(want, abs=1.0)
    texts = [" ".join(p.extract_text().split()) for p in pages]
    changes = next(i for i, t in enumerate(texts, 1) if "What would change the answer" in t)
    assert changes <= 2  # decision, bottom line, what stands and what would change it
    # the map prints as render --paper pages it, a page each, not scaled down whole
    from argmap.briefing import map_pages
    from argmap.paper import Paper

    drawn = map_pages(argmap.load(ROOT / "debates" / f"{stem}.yaml"), Paper(paper))
    total = len(drawn)
    if total > 1:
        found = [i for i, t in enumerate(texts) if re.search(rf"Page \d+ of {total}\b", t)]
        assert len(found) == total
        assert found == list(range(found[0], found[0] + total))  # one after the other
    check_printed_brief(out, texts)
    check_core_on_two_pages(argmap.load(ROOT / "debates" / f"{stem}.yaml"), texts)


def check_core_on_two_pages(debate: argmap.Debate, texts: list[str]) -> None:
    """The core, from the decision to what would change the answer, ends on page 2 at the
    latest: its last line (the last crux's last detail, or the last change) is there."""
    from argmap.exporters.brief import Phrase, brief_view

    b = brief_view(debate)
    last: Phrase | None = None
    if b.cruxes:
        crux = b.cruxes[-1]
        last = crux.details[-1] if crux.details else crux.headline
    elif b.changes:
        last = b.changes[-1]
    if last is None:
        return
    words = " ".join("".join(p.full or p.text for p in last.pieces).split())[:60]
    pages = [n for n, text in enumerate(texts, 1) if words in text]
    assert pages, words
    assert pages[0] <= 2, f"the core ends on page {pages[0]}"


def check_printed_brief(pdf: Path, texts: list[str], most: int | None = 8) -> None:
    """What a director holds: at most 8 pages for a map of up to 25 arguments, no text
    under 9 pt, and no page that holds only a heading."""
    from pypdf import PdfReader

    from argmap.exporters.brief import HEADINGS

    assert most is None or len(texts) <= most, f"{len(texts)} pages"
    for n, page in enumerate(PdfReader(pdf).pages, 1):
        sizes = _printed_sizes(page)
        assert min(sizes) >= 9 - 0.01, f"page {n} prints text at {min(sizes):.2f} pt"
    for n, text in enumerate(texts, 1):
        rest = text
        for heading in HEADINGS.values():
            rest = rest.replace(heading, "")
        assert len(rest.split()) > 12, f"page {n} holds only a heading: {text!r}"


def _printed_sizes(page: Any) -> list[float]:
    """The printed size of each run of text on a PDF page."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _: object, size: float) -> None:
        if text.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("size", [10, 25, 100])
def test_the_printed_brief_of_a_generated_map_keeps_to_its_pages(tmp_path: Path, size: int) -> None:
    import yaml
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from argmap.cli import app

    source = tmp_path / "debate.yaml"
    source.write_text(yaml.safe_dump(generate.debate(size), sort_keys=False), encoding="utf-8")
    out = tmp_path / "brief.pdf"
    done = CliRunner().invoke(app, ["brief", str(source), "-o", str(out)])
    assert (done.exit_code, done.stderr) == (0, f"wrote {out}\n")
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    changes = next(i for i, t in enumerate(texts, 1) if "What would change the answer" in t)
    assert changes <= 2
    check_printed_brief(out, texts, most=8 if size <= 25 else None)


def test_serve_updates_the_page_on_save_and_greys_the_map_on_errors(
    browser: Browser, tmp_path: Path
) -> None:
    import subprocess
    import time

    def until(test: Any, what: str) -> None:
        deadline = time.monotonic() + 60  # a guard against a hang, not a speed target
        while not test():
            assert time.monotonic() < deadline, f"never happened: {what}"
            time.sleep(0.1)

    debate = example_copy(tmp_path)
    text = debate.read_text(encoding="utf-8")
    said = tmp_path / "said.txt"
    stderr = said.open("w")
    process = subprocess.Popen(
        interruptible("serve", str(debate), "--port", "0"),
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=TRACEABLE,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), line
        url = line.split()[1]
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector("#map svg")
        assert "Ban all day" in page.inner_text("#map")
        # a save: the page changes, without a reload
        debate.write_text(text.replace("title: Ban all day", "title: Ban every hour"))
        until(lambda: "Ban every hour" in page.inner_text("#map"), "the new map")
        assert not page.evaluate("document.querySelector('#map').classList.contains('stale')")
        brief = page.frame_locator("#brief").locator("body")
        until(lambda: "Ban every hour" in brief.inner_text(), "the new brief, after the map")
        brief_stale = "document.querySelector('#brief').classList.contains('stale')"
        until(lambda: not page.evaluate(brief_stale), "the brief shown as current")
        # a save with an error: located in the page, the last good map kept and greyed
        debate.write_text(text + "broken: [\n")
        stale = "document.querySelector('#map').classList.contains('stale')"
        until(lambda: page.evaluate(stale), "the greyed map")
        problems = page.inner_text("#problems")
        assert "d.yaml:" in problems
        assert "error[E004]" in problems
        assert "Ban every hour" in page.inner_text("#map")
        # a box of the map opens its argument in the brief
        links = page.evaluate(
            "[...document.querySelectorAll('#map svg a')].map(a => a.getAttribute('xlink:href'))"
        )
        first = next(i for i, href in enumerate(links) if (href or "").startswith("#arg-"))
        page.locator("#map svg a").nth(first).click()
        assert (page.get_attribute("#brief", "src") or "").endswith(links[first])
        assert errors == []
        context.close()
    finally:
        stopped_by_ctrl_c(process, said, 30)
        stderr.close()
        assert process.stdout is not None
        process.stdout.close()  # the pipe, or a ResourceWarning fails a later test
    assert process.returncode == 0

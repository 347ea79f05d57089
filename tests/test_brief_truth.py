"""A brief that never misleads a director (issue 22): each stakeholder's verdicts say
how much of the map it rates and where its weighing goes against its own stances; a
rating an actor did not give is never shown as theirs; each pair of stakeholders is
said once, in a sentence to read aloud; plain words for every term; nothing cut in the
middle of a word; the brief never contradicts itself on what is the author's."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

import argmap
from argmap.analysis import analyse
from argmap.cli import app
from argmap.exporters.brief import export_html
from argmap.exporters.brief_markdown import export_markdown
from argmap.exporters.encode import shorten
from tests.conftest import GOLDEN, ROOT, Golden

CONFLICT = ROOT / "tests" / "fixtures" / "stance-conflict.yaml"
UK = ROOT / "debates" / "uk-5g-huawei-2020.yaml"
runner = CliRunner()


def test_a_stakeholder_whose_weights_go_against_its_stance_is_said_so() -> None:
    china = next(s for s in analyse(argmap.load(CONFLICT)).stakeholders if s.actor == "china")
    assert (china.rated, china.arguments, china.first) == (1, 8, "ban")
    done = runner.invoke(app, ["analyse", str(CONFLICT), "--format", "json"])
    stakeholders = {s["actor"]: s for s in json.loads(done.stdout)["stakeholders"]}
    assert stakeholders["china"]["stance_conflicts"] == [
        {"option": "ban", "stance": "opposes", "rank": 1},
        {"option": "nothing", "stance": "supports", "rank": 3},
    ]
    assert stakeholders["parliament"]["stance_conflicts"] == []
    note = (
        "Government of China rates 1 of 8 arguments; the others keep the author's ratings. By "
        "its weights alone, it would put option 1 (Ban) first, although it opposes it, and "
        "option 3 (Nothing new) last, although it supports it."
    )
    assert f"    {note}" in runner.invoke(app, ["analyse", str(CONFLICT)]).stdout
    assert f"- {note}" in export_markdown(argmap.load(CONFLICT))
    assert note.replace("'", "&#39;") in export_html(argmap.load(CONFLICT))


def test_a_rating_not_given_is_never_shown_as_the_actors() -> None:
    done = runner.invoke(app, ["analyse", str(UK), "--format", "json"])
    cruxes = json.loads(done.stdout)["cruxes"]
    ncsc_operators = next(c for c in cruxes if (c["actor"], c["other"]) == ("ncsc", "operators"))
    rated = {
        a: tuple(json.loads(json.dumps(r)))
        for a, r in ncsc_operators["ratings"].items()  # the NCSC rates neither
    }
    assert all(mine is None for mine, _ in rated.values())
    assert all(None not in pair for pair in ncsc_operators["values"].values())
    text = export_markdown(argmap.load(UK))
    assert (
        "2.3 The cap still costs money: National Cyber Security Centre not rated (the author's "
        "0.40), UK mobile operators 0.90." in text
    )
    assert "National Cyber Security Centre 0.40" not in text


def test_each_pair_of_stakeholders_is_said_once_in_a_sentence_then_its_details() -> None:
    html = export_html(argmap.load(UK))
    section = html[html.index('<ul class="cruxes">') :]
    section = section[: section.index("</section>")]
    headlines = re.findall(r"<li><strong>(.*?)</strong>", section)
    assert len(headlines) == 3  # three stakeholders: three pairs, each once
    pairs = [tuple(re.findall(r"^(.*?) puts? .*? first and (.*?) option", h)[0]) for h in headlines]
    assert len({frozenset(p) for p in pairs}) == 3
    assert all(h.endswith(".") and ": they part ways on " in h for h in headlines)


def test_the_stakeholder_section_of_the_uk_example(golden: Golden) -> None:
    text = export_markdown(argmap.load(UK))
    start = text.index("| Stakeholder |")
    section = text[start : text.index("## Background")]
    golden.check(GOLDEN / "brief" / "uk-5g-huawei-2020.stakeholders.md", section)


def test_every_standing_shown_is_said_in_plain_words_and_the_terms_in_a_glossary() -> None:
    html = export_html(argmap.load(UK))
    legend = re.search(r'<p class="legend"><strong>contested</strong>: (.*?)</p>', html)
    assert legend is not None
    assert "<strong>outweighed</strong>: an objection stands and weighs more" in legend.group(0)
    glossary = html[html.index('id="glossary"') :]
    for term in ("strength (0 to 1)", "contested", "outweighed", "meets the standard", "undercut"):
        assert f"<dt>{term}</dt>" in glossary
    assert "<strong>✔ in</strong> the argument stands" in html


def test_the_brief_never_contradicts_itself_on_what_is_the_authors() -> None:
    html = export_html(argmap.load(UK))
    footer = html[html.index("<footer>") :]
    assert "every verdict in it is the author" not in html
    assert "what is marked as computed" in footer
    assert "Computed by argmap" in html


def test_shortened_names_end_at_a_word_and_keep_their_full_text() -> None:
    long = (
        "The pressure of the ongoing trade war makes any listing look like leverage over "
        "the whole world economy"
    )
    assert shorten(long) == "The pressure of the ongoing trade war makes any listing…"
    assert shorten("word " * 40).endswith("word…")
    assert shorten("A short one") == "A short one"
    # an objection without a title is named by its text, shortened where it is listed
    debate = argmap.loads(UK.read_text(encoding="utf-8").replace("    title: 5G delayed\n", ""))
    full = " ".join(next(a.text for a in debate.arguments if a.id == "roll-out-delay").split())
    short = shorten(full)
    assert short.endswith("…")
    assert full.startswith(short[:-1])
    assert full[len(short) - 1] == " "  # the cut is at a word's end
    html = export_html(debate)
    assert (
        f'<span class="short" title="1.4 {full}">1.4 {short}</span>'
        f'<span class="full">1.4 {full}</span>'
    ) in html
    css = html[html.index("@media print") :]
    assert ".named .short { display: none; }" in css
    assert ".named .full { display: inline; }" in css

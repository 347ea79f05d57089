"""Views never leave anything out silently: every link between two drawn elements is drawn,
every argument bearing on a drawn element is drawn or named in a reference ("see 1.3"),
and every link to or from something left out is counted in a marker.

The property runs over generated debates and every view option; the DOT is read back as
a graph, not searched for strings, so a link is "drawn" only if an edge really joins
the two boxes (directly, through a junction, or to a reference box naming the argument).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.exporters.dot import export_dot
from argmap.exporters.options import DiagramOptions
from argmap.exporters.selection import select
from argmap.index import index
from tests.conftest import ROOT
from tests.strategies import Raw, debates

_NODE = re.compile(r"^  (\w+) \[(.*)\];$")
_EDGE = re.compile(r"^  (\w+) -> (\w+) \[(.*)\];$")
_SEE = re.compile(r'id="see-(\w+)-\d+"')
_MORE = re.compile(r'label="\+(\d+) more beneath ([\d.]+)')
_OUT = re.compile(r'label="\+(\d+) links? out of view: to ([^"]+)"')


@dataclass
class Drawn:
    """A DOT drawing read back: its boxes, its edges, and what its markers say."""

    nodes: set[str] = field(default_factory=set)
    edges: set[tuple[str, str]] = field(default_factory=set)
    sees: dict[str, str] = field(default_factory=dict)  # reference box -> DOT name it names
    more: dict[str, int] = field(default_factory=dict)  # owner -> "+N more beneath" N
    out: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def read(text: str) -> Drawn:
    drawn = Drawn()
    markers: dict[str, str] = {}
    for line in text.splitlines():
        edge = _EDGE.match(line)
        if edge is not None:
            drawn.edges.add((edge[1], edge[2]))
            continue
        node = _NODE.match(line)
        if node is None or node[1] in ("graph", "node", "edge"):
            continue
        drawn.nodes.add(node[1])
        see = _SEE.search(node[2])
        if see is not None:
            drawn.sees[node[1]] = see[1]
        if _MORE.search(node[2]) or _OUT.search(node[2]):
            markers[node[1]] = node[2]
    for tail, head in drawn.edges:
        if head in markers:
            more = _MORE.search(markers[head])
            if more is not None:
                drawn.more[tail] = int(more[1])
            out = _OUT.search(markers[head])
            if out is not None:
                drawn.out[tail] += [t.strip() for t in out[2].split(",")]
    return drawn


def check_view(debate: argmap.Debate, options: DiagramOptions) -> None:
    """The rule, for one view of one debate."""
    idx = index(debate)
    tree, names = idx.tree, idx.names
    selection = select(debate, tree, options)
    shown = selection.shown
    drawn = read(export_dot(debate, options))
    for ident in shown:
        assert names[ident] in drawn.nodes, ident

    def joined(target: str, source: str) -> bool:
        """Whether an edge runs from the target's box to the source's box or to a
        reference naming it, directly or through a junction."""
        t, s = names[target], names[source]
        heads = {s} | {box for box, named in drawn.sees.items() if named == s}
        if any((t, head) in drawn.edges for head in heads):
            return True
        junctions = {head for tail, head in drawn.edges if tail == t and head.startswith("j")}
        return any((j, head) in drawn.edges for j in junctions for head in heads)

    def undercut_drawn(target: str, source: str) -> bool:
        """An undercut of ``target`` is drawn at a junction on one of its links."""
        t, s = names[target], names[source]
        heads = {s} | {box for box, named in drawn.sees.items() if named == s}
        junctions = {tail for tail, head in drawn.edges if head == t and tail.startswith("j")}
        # to the undercutter, or to a junction of its own (it has co-premises or is undercut)
        ends = {head for tail, head in drawn.edges if tail in junctions}
        ends |= {head for tail, head in drawn.edges if tail in ends and tail.startswith("j")}
        return bool(heads & ends)

    for a in debate.arguments:
        links = [(t, False) for t in (*a.supports, *a.attacks)] + [(t, True) for t in a.undercuts]
        for target, is_undercut in links:
            numbered_beneath = tree.parent.get(a.id) == target
            if a.id in shown and target in shown:
                ok = undercut_drawn(target, a.id) if is_undercut else joined(target, a.id)
                assert ok, f"{a.id} -> {target}: both shown, link not drawn"
            elif target in shown:  # a hidden argument bearing on a shown element
                if numbered_beneath:
                    assert drawn.more.get(names[target], 0) >= 1, f"{a.id} beneath {target}"
                else:
                    named = set(drawn.sees.values())
                    assert names[a.id] in named, f"{a.id} -> {target}: no reference"
            elif a.id in shown:  # a shown argument with a link out of the view
                assert tree.numbers[target] in drawn.out[names[a.id]], f"{a.id} -> {target}"
    # every "+N more" is exactly what is left out beneath
    sizes = idx.subtree_sizes
    for ident in shown:
        hidden = sum(sizes[k] for k in tree.children.get(ident, []) if k not in shown)
        assert drawn.more.get(names[ident], 0) == hidden, ident


@st.composite
def views(draw: st.DrawFn) -> tuple[Raw, dict[str, object]]:
    raw = draw(debates(max_arguments=10))
    positions: list[str] = [p["id"] for p in raw["positions"]]
    arguments: list[str] = [a["id"] for a in raw["arguments"]]
    actors: list[str] = [a["id"] for a in raw["actors"]]
    long_edges: bool = draw(st.booleans())
    view: dict[str, object] = {"long_edges": long_edges}
    if draw(st.booleans()):
        view["position"] = draw(st.sampled_from(positions))
    if draw(st.booleans()):
        view["focus"] = draw(st.sampled_from(positions + arguments))
        view["depth"] = draw(st.none() | st.integers(0, 3))
    by_actor: bool = draw(st.booleans())
    if actors and by_actor:
        view["actor"] = draw(st.sampled_from(actors))
    if draw(st.integers(0, 3)) == 0:
        view["max_level"] = draw(st.integers(1, 3))
    return raw, view


@given(views())
def test_every_view_draws_or_counts_every_link(case: tuple[Raw, dict[str, object]]) -> None:
    raw, view = case
    debate = argmap.Debate.model_validate(raw)
    check_view(debate, DiagramOptions(**view))  # type: ignore[arg-type]


def test_every_view_of_the_examples_draws_or_counts_every_link() -> None:
    for path in sorted((ROOT / "debates").glob("*.yaml")):
        debate = argmap.load(path)
        ids = [p.id for p in debate.positions] + [a.id for a in debate.arguments]
        for long_edges in (False, True):
            check_view(debate, DiagramOptions(long_edges=long_edges))
            for p in debate.positions:
                check_view(debate, DiagramOptions(position=p.id, long_edges=long_edges))
            for ident in ids:
                for depth in (None, 0, 1):
                    check_view(debate, DiagramOptions(focus=ident, depth=depth))
            for actor in debate.actors:
                check_view(debate, DiagramOptions(actor=actor.id, long_edges=long_edges))


def test_an_argument_against_two_options_is_in_both_of_their_views() -> None:
    """The regression: 3.1 attacks options 2 and 3 and is numbered under 3; the view of
    option 2 drew it nowhere and counted it nowhere."""
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    arg = index(debate).arguments["harms-trade-talks"]
    assert arg.attacks == ["blacklist", "magnitsky"]
    text = export_dot(debate, DiagramOptions(position="magnitsky"))
    names = index(debate).names
    drawn = read(text)
    refs = [box for box, named in drawn.sees.items() if named == names["harms-trade-talks"]]
    assert len(refs) == 1
    assert (names["magnitsky"], refs[0]) in drawn.edges
    assert "label=<see 3.1 Harms the trade talks>" in text
    assert "1 more named in a reference" in text
    # in the whole map: drawn under option 3, and a short reference at options 1 and 2
    whole = read(export_dot(debate))
    refs = [box for box, named in whole.sees.items() if named == names["harms-trade-talks"]]
    assert {tail for tail, head in whole.edges if head in refs} == {
        names["blacklist"],
        names["magnitsky"],
    }


def test_long_edges_draw_the_other_targets_as_lines_across_the_map() -> None:
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    names = index(debate).names
    text = export_dot(debate, DiagramOptions(long_edges=True))
    assert "see-" not in text
    a = names["harms-trade-talks"]
    secondary = [
        line
        for line in text.splitlines()
        if line.startswith((f"  {names['blacklist']} -> {a} ", f"  {names['magnitsky']} -> {a} "))
    ]
    assert len(secondary) == 2
    assert all("constraint=false" in line for line in secondary)


def test_siblings_are_laid_out_in_reading_order() -> None:
    debate = argmap.load(ROOT / "debates" / "school-phones.yaml")
    text = export_dot(debate)
    assert "ordering=out" in text
    tree = index(debate).tree
    names = index(debate).names
    edges = [(m[1], m[2]) for m in map(_EDGE.match, text.splitlines()) if m is not None]
    for parent, kids in tree.children.items():
        if parent is None:
            continue
        heads = [head for tail, head in edges if tail == names[parent]]
        order = [names[k] for k in kids if names[k] in heads]
        assert [h for h in heads if h in order] == order, parent


def test_an_actors_name_is_wrapped_never_cut() -> None:
    raw: Raw = {
        "argmap": 1,
        "id": "long-names",
        "title": "Long names",
        "question": "Should it?",
        "actors": [
            {
                "id": "ministry",
                "name": "Federal Ministry for Economic Affairs, Climate Action and "
                "Regional Development of the Northern Provinces",
            }
        ],
        "positions": [{"id": "yes", "text": "Yes."}],
        "arguments": [{"id": "why", "text": "Because.", "supports": ["yes"], "by": ["ministry"]}],
    }
    text = export_dot(argmap.Debate.model_validate(raw))
    badge = re.search(r'COLOR="#6B6B6B">(.*?)</FONT>', text)
    assert badge is not None
    words = re.sub(r"<BR ALIGN=\"LEFT\"/>", " ", badge[1]).split()
    assert " ".join(words) == raw["actors"][0]["name"]
    assert "…" not in badge[1]

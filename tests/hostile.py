"""Hostile inputs, one catalogue for every format argmap reads.

Each case is a file a hostile or careless user could hand argmap: bombs (aliases,
entities, deep nesting, long chains), huge files, lines and numbers, bad encodings,
lone surrogates, control characters, cycles and dangling references. Each names the
diagnostic it must produce and where. ``tests/test_hostile.py`` runs them through the
command line; ``bench/bench_hostile.py`` times them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

BASE_YAML: Final = """\
argmap: 1
id: zoo
title: A small debate
question: Should the council go ahead?
positions:
  - id: go
    text: Go ahead with the plan.
arguments:
  - id: pro
    text: The plan saves money.
    supports: go
  - id: con
    text: The plan is unpopular.
    attacks: go
"""

BASE_DATA: Final = {
    "argmap": 1,
    "id": "zoo",
    "title": "A small debate",
    "question": "Should the council go ahead?",
    "positions": [{"id": "go", "text": "Go ahead with the plan."}],
    "arguments": [
        {"id": "pro", "text": "The plan saves money.", "supports": "go"},
        {"id": "con", "text": "The plan is unpopular.", "attacks": "go"},
    ],
}


@dataclass(frozen=True)
class Case:
    """One hostile file: its name (the suffix tells the format), how to make its bytes,
    the code it must raise, and the line:column of its first such diagnostic."""

    name: str
    make: Callable[[], bytes]
    code: str
    where: tuple[int, int] | None = None
    sparse_size: int = 0
    """When set, the file is this many bytes of holes (a huge file that costs no disk)."""

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        if self.sparse_size:
            with path.open("wb") as stream:
                stream.truncate(self.sparse_size)
        else:
            path.write_bytes(self.make())
        return path


def _json(data: object) -> bytes:
    return json.dumps(data, indent=1).encode("utf-8")


def _with(**changes: object) -> dict[str, object]:
    data: dict[str, object] = json.loads(json.dumps(BASE_DATA))
    data.update(changes)
    return data


def _yaml_alias_bomb() -> bytes:
    lines = ["argmap: 1", "id: zoo", "title: Laughs", "question: Q?", "l0: &a0 [lol, lol, lol]"]
    lines += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    return ("\n".join(lines) + "\npositions: *a29\n").encode()


def _yaml_deep_blocks() -> bytes:
    body = "".join("  " * i + f"k{i}:\n" for i in range(200))
    return (
        BASE_YAML + "extra:\n" + "".join("  " + line + "\n" for line in body.splitlines())
    ).encode()


def _long_line_dangling() -> bytes:
    # one line of a million characters, with a reference to nothing at its end
    refs = ", ".join(["go"] * 250_000 + ["nowhere"])
    return BASE_YAML.replace("    supports: go", f"    supports: [{refs}]").encode()


def _many_dangling() -> bytes:
    args = "".join(
        f"  - id: a{i}\n    text: Argument {i}.\n    attacks: gone{i}\n" for i in range(10_000)
    )
    return (BASE_YAML + args).encode()


def _support_cycle_yaml() -> bytes:
    return (
        BASE_YAML
        + "  - id: x\n    text: X.\n    supports: [go, y]\n"
        + "  - id: y\n    text: Y.\n    supports: x\n"
    ).encode()


def _part_of_cycle() -> bytes:
    return (
        BASE_YAML.replace(
            "positions:",
            "actors:\n  - id: a\n    name: A\n    part_of: b\n  - id: b\n    name: B\n"
            "    part_of: a\npositions:",
        )
    ).encode()


def _deep_chain_yaml(levels: int) -> bytes:
    args = "".join(
        f"  - id: r{i}\n    text: Reply {i}.\n    attacks: r{i - 1}\n" for i in range(1, levels)
    )
    return (
        BASE_YAML.replace(
            "    attacks: go\n", "    attacks: go\n  - id: r0\n    text: R.\n    attacks: con\n"
        )
        + args
    ).encode()


def _attack_ring(size: int) -> bytes:
    """A ring of arguments each attacking the next: one undecided cycle to settle."""
    args = "".join(
        f"  - id: ring{i}\n    text: Ring {i}.\n    attacks: [ring{(i + 1) % size}, pro]\n"
        for i in range(size)
    )
    return (
        BASE_YAML + "  - id: into\n    text: Into the ring.\n    attacks: con\n" + args
    ).encode()


def _kialo(lines: list[str]) -> bytes:
    return ("Discussion Title: A hostile outline\n\n" + "\n".join(lines) + "\n").encode()


def _kialo_deep() -> bytes:
    lines = ["1. Thesis."]
    number = "1"
    for depth in range(150):
        number += ".1"
        side = "Con" if depth % 2 else "Pro"
        lines.append(f"{number}. {side}: Claim at depth {depth + 2}.")
    return _kialo(lines)


def _argdown_deep() -> bytes:
    lines = ["[root]: The root."]
    for depth in range(1, 150):
        lines.append("    " * depth + f"<- <r{depth}>: Reply {depth}.")
    return ("\n".join(lines) + "\n").encode()


def _argdown_cycle() -> bytes:
    return b"[t]: Thesis.\n\n<a>: A.\n    +> <b>\n\n<b>: B.\n    +> <a>\n    +> [t]\n"


def _aif(nodes: Sequence[object], edges: Sequence[object], **more: object) -> bytes:
    return _json({"nodes": list(nodes), "edges": list(edges), **more})


_AIF_NODES: Final = [
    {"nodeID": "1", "text": "Claim.", "type": "I"},
    {"nodeID": "2", "text": "Reason.", "type": "I"},
    {"nodeID": "3", "text": "Default Inference", "type": "RA"},
]
_AIF_EDGES: Final = [
    {"edgeID": "e1", "fromID": "2", "toID": "3"},
    {"edgeID": "e2", "fromID": "3", "toID": "1"},
]


def _aif_cycle() -> bytes:
    nodes = [*_AIF_NODES, {"nodeID": "4", "text": "Default Inference", "type": "RA"}]
    edges = [
        *_AIF_EDGES,
        {"edgeID": "e3", "fromID": "1", "toID": "4"},
        {"edgeID": "e4", "fromID": "4", "toID": "2"},
    ]
    return _aif(nodes, edges)


def _micro(units: str, edges: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n<arggraph id=\"hostile\">\n"
        + units
        + edges
        + "</arggraph>\n"
    ).encode()


_MICRO_UNITS: Final = (
    '  <edu id="e1">Claim.</edu>\n  <edu id="e2">Reason.</edu>\n'
    '  <adu id="a1" type="pro"/>\n  <adu id="a2" type="pro"/>\n'
    '  <edge id="s1" src="e1" trg="a1" type="seg"/>\n'
    '  <edge id="s2" src="e2" trg="a2" type="seg"/>\n'
)


def _micro_add_chain() -> bytes:
    units = _MICRO_UNITS + "".join(f'  <adu id="x{i}" type="pro"/>\n' for i in range(3000))
    edges = '  <edge id="c0" src="a2" trg="a1" type="sup"/>\n'
    edges += "".join(
        f'  <edge id="c{i}" src="x{i}" trg="c{i - 1}" type="add"/>\n' for i in range(1, 3000)
    )
    edges += '  <edge id="bad" src="a2" trg="nowhere" type="sup"/>\n'
    return _micro(units, edges)


def _micro_dangling() -> bytes:
    edges = "".join(
        f'  <edge id="d{i}" src="a2" trg="gone{i}" type="sup"/>\n' for i in range(30_000)
    )
    return _micro(_MICRO_UNITS, edges)


def _micro_entities() -> bytes:
    dtd = '<!DOCTYPE arggraph [<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
    )
    return (
        "<?xml version='1.0'?>\n" + dtd + ']>\n<arggraph id="x"><edu id="e1">&j;</edu></arggraph>\n'
    ).encode()


def _micro_cycle() -> bytes:
    edges = (
        '  <edge id="c1" src="a2" trg="a1" type="sup"/>\n'
        '  <edge id="c2" src="a1" trg="a2" type="sup"/>\n'
    )
    return _micro(_MICRO_UNITS.replace('"e1">Claim.', '"e1">Claim.'), edges)


HUGE: Final = 32 * 1024 * 1024 + 1

CASES: Final[tuple[Case, ...]] = (
    # YAML
    Case("alias-bomb.yaml", _yaml_alias_bomb, "E007", (5, 5)),
    Case("deep-flow.yaml", lambda: b"argmap: 1\nx: " + b"[" * 100_000, "E010", (2, 1003)),
    Case("deep-blocks.yaml", _yaml_deep_blocks, "E010", (79, 129)),
    Case("huge.yaml", lambda: b"", "E002", (1, 1), sparse_size=HUGE),
    Case("long-line.yaml", _long_line_dangling, "E202", (11, 1_000_016)),
    Case("many-dangling.yaml", _many_dangling, "E202", (17, 14)),
    Case(
        "huge-number.yaml",
        lambda: BASE_YAML.replace("argmap: 1", "argmap: " + "9" * 5000).encode(),
        "E106",
        (1, 9),
    ),
    Case(
        "huge-float.yaml",
        lambda: BASE_YAML.replace("    attacks: go", "    attacks: go\n    weight: 1e400").encode(),
        "E104",
        (15, 13),
    ),
    Case(
        "latin1.yaml",
        lambda: BASE_YAML.replace("plan.", "plan é.").encode("latin-1"),
        "E003",
        (7, 34),
    ),
    Case("utf16.yaml", lambda: BASE_YAML.encode("utf-16"), "E003", (1, 1)),
    Case(
        "escaped-surrogate.yaml",
        lambda: BASE_YAML.replace("title: A small debate", 'title: "half \\ud800"').encode(),
        "E004",
        (3, 16),
    ),
    Case("raw-nul.yaml", lambda: BASE_YAML.replace("plan.", "plan\x00.").encode(), "E004", (7, 33)),
    Case(
        "escaped-control.yaml",
        lambda: BASE_YAML.replace("title: A small debate", 'title: "bell \\a \\e[2J"').encode(),
        "E109",
        (3, 8),
    ),
    Case(
        "raw-c1.yaml", lambda: BASE_YAML.replace("plan.", "plan\x9b31m.").encode(), "E004", (7, 33)
    ),
    Case("support-cycle.yaml", _support_cycle_yaml, "E206", (17, 20)),
    Case("part-of-cycle.yaml", _part_of_cycle, "E207", (8, 14)),
    Case("deep-chain.yaml", lambda: _deep_chain_yaml(150), "E211", (309, 9)),
    # a ring of 12 was 3**12 candidate labellings per analysis (found by fuzzing)
    Case("attack-ring.yaml", lambda: _attack_ring(12), "W303", (9, 9)),
    # JSON
    Case("deep.json", lambda: b"[" * 100_000, "E010", (1, 65)),
    Case("deep-objects.json", lambda: b'{"a":' * 50_000, "E010", (1, 321)),
    Case("huge.json", lambda: b"", "E002", (1, 1), sparse_size=HUGE),
    Case("huge-integer.json", lambda: b'{"argmap": ' + b"9" * 5000 + b"}", "E011", (1, 12)),
    Case(
        "huge-float.json",
        lambda: _json(_with(argmap=1)).replace(b'"argmap": 1', b'"argmap": 1e400'),
        "E011",
        (2, 12),
    ),
    Case(
        "nan.json",
        lambda: _json(BASE_DATA).replace(b'"argmap": 1', b'"argmap": NaN'),
        "E011",
        (2, 12),
    ),
    Case(
        "lone-surrogate.json",
        lambda: _json(_with(title="half \ud800 a character")),
        "E109",
        (4, 11),
    ),
    Case(
        "escaped-controls.json",
        lambda: _json(_with(question="esc \x1b[2J nul \x00 c1 \x9b")),
        "E109",
        (5, 14),
    ),
    Case(
        "raw-del.json",
        lambda: _json(_with(question="del")).replace(b'"del"', b'"d\x7fl"'),
        "E109",
        (5, 14),
    ),
    Case(
        "bad-utf8.json", lambda: _json(BASE_DATA).replace(b"plan.", b"plan \xff."), "E003", (9, 36)
    ),
    Case(
        "dangling.json",
        lambda: _json(_with(arguments=[{"id": "a", "text": "A.", "supports": "gone"}])),
        "E202",
        (16, 16),
    ),
    Case(
        "id-newline.json",
        lambda: _json(_with(positions=[{"id": "go\n", "text": "Go."}])),
        "E105",
        (8, 10),
    ),
    Case("trailing.json", lambda: _json(BASE_DATA) + b"\n{}", "E005", (25, 1)),
    # Kialo
    Case("deep.kialo.txt", _kialo_deep, "E211", (103, 1)),
    Case(
        "control.kialo.txt",
        lambda: _kialo(["1. Thesis.", "1.1. Pro: A \x1b[2J reason."]),
        "E109",
        (4, 1),
    ),
    Case(
        "latin1.kialo.txt", lambda: _kialo(["1. Thèse."]).decode().encode("latin-1"), "E003", (3, 6)
    ),
    Case(
        "twice.kialo.txt",
        lambda: _kialo(["1. Thesis.", "1.1. Pro: A.", "1.1. Con: B."]),
        "W309",
        (5, 1),
    ),
    Case(
        "dangling.kialo.txt",
        lambda: _kialo(["1. Thesis.", "1.1. Pro: -> See 7.7."]),
        "W309",
        (4, 1),
    ),
    Case("orphan.kialo.txt", lambda: _kialo(["1. Thesis.", "1.4.2. Pro: Lost."]), "W309", (4, 1)),
    Case(
        "cycle.kialo.txt",
        lambda: _kialo(
            ["1. Thesis.", "1.1. Pro: A.", "1.1.1. Pro: B.", "1.1.1.1. Pro: -> See 1.1."]
        ),
        "E206",
        (4, 1),
    ),
    Case(
        "long-line.kialo.txt",
        lambda: _kialo(["1. Thesis.", "1.1. Pro: " + "word " * 500_000]),
        "W303",
        (4, 1),
    ),
    # Argdown
    Case("deep.argdown", _argdown_deep, "E211", (101, 404)),
    Case("cycle.argdown", _argdown_cycle, "E206", (3, 1)),
    Case("control.argdown", lambda: b"[t]: Thesis.\n    <+ <a>: A \x07 bell.\n", "E109", (2, 8)),
    # every opening mark without its closing one: each scan for a closer is done once
    Case("open-comments.argdown", lambda: b"<!-- /* x\n" * 20_000 + b"\n<a>: A.\n", "W301", (1, 1)),
    Case("open-links.argdown", lambda: b"[t]: " + b"\\[[#(" * 50_000 + b"\n", "W301", (1, 1)),
    Case("open-data.argdown", lambda: b"[t]: T. " + b"{" * 100_000 + b"}\n", "W309", (1, 1)),
    Case(
        "same-ids.argdown",
        lambda: b"".join(b"[a" + b"!" * k + b"]: T.\n\n" for k in range(1, 1_000)),
        "W301",
        (1, 1),
    ),
    Case(
        "orphan.argdown",
        lambda: b"    <+ <a>: A reason for nothing.\n[t]: Thesis.\n",
        "W309",
        (1, 5),
    ),
    # AIF
    Case(
        "deep.aif.json",
        lambda: b'{"nodes": [{"nodeID": 1}], "edges": ' + b"[" * 100_000,
        "E010",
        (1, 100),
    ),
    Case(
        "dangling.aif.json",
        lambda: _aif(_AIF_NODES, [*_AIF_EDGES, {"edgeID": "e9", "fromID": "2", "toID": "99"}]),
        "W309",
        (33, 12),
    ),
    Case(
        "colliding-ids.aif.json",
        lambda: _aif([*_AIF_NODES, {"nodeID": 1, "text": "Twin.", "type": "I"}], _AIF_EDGES),
        "W309",
        (19, 14),
    ),
    Case(
        "wrong-types.aif.json",
        lambda: _aif(_AIF_NODES, _AIF_EDGES, locutions=7, participants=5),
        "W309",
        (31, 15),
    ),
    Case(
        "bad-nodes.aif.json",
        lambda: _aif(
            [*_AIF_NODES, 5, {"nodeID": {"x": 1}}, {"nodeID": "7", "type": "Q"}], _AIF_EDGES
        ),
        "W309",
        (18, 3),
    ),
    Case(
        "huge-id.aif.json",
        lambda: _aif([*_AIF_NODES], _AIF_EDGES).replace(
            b'"nodeID": "1"', b'"nodeID": ' + b"1" * 5000
        ),
        "E011",
        (4, 14),
    ),
    Case(
        "control.aif.json",
        lambda: _aif(
            [{"nodeID": "1", "text": "Esc \x1b.", "type": "I"}, *_AIF_NODES[1:]], _AIF_EDGES
        ),
        "E109",
        (3, 3),
    ),
    Case("cycle.aif.json", _aif_cycle, "E206", (3, 3)),
    # Argumentative Microtexts
    Case("entities.micro.xml", _micro_entities, "E004", (2, 21)),
    Case("add-chain.micro.xml", _micro_add_chain, "W309", (6009, 9)),
    Case("dangling.micro.xml", _micro_dangling, "W309", (9, 9)),
    Case(
        "deep.micro.xml",
        lambda: b"<arggraph>" + b"<x>" * 100_000 + b"</x>" * 100_000 + b"</arggraph>",
        "W309",
        (1, 1),
    ),
    Case(
        "control.micro.xml",
        lambda: _micro(
            _MICRO_UNITS.replace("Reason.", "Reason &#x9b;."),
            '  <edge id="c1" src="a2" trg="a1" type="sup"/>\n',
        ),
        "E109",
        (6, 8),
    ),
    Case(
        "bad-char.micro.xml",
        lambda: _micro(_MICRO_UNITS.replace("Reason.", "Reason &#x1b;."), ""),
        "E004",
        (4, 23),
    ),
    Case("cycle.micro.xml", _micro_cycle, "E206", (5, 8)),
)
"""Every hostile case, by format."""

"""What each export format cannot carry of a debate, counted, so that no export drops
anything silently (``argmap convert`` says it; ``--strict`` refuses to write).

Each format declares what it keeps; everything a debate holds that is not kept is
reported, as one line per format, with a count per kind. Formats that keep something
only in another form (an undercut written as an attack) say so on a line of their own.
The tests check the declarations against the exporters: what a format claims to keep
comes back when argmap reads the export, and what it does not claim is really absent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from argmap.model import DETAILS, Debate
from argmap.outline import relation_groups


def _groups(debate: Debate) -> int:
    """Co-premise groups: one per inference of several premises."""
    return len({(g[0], t) for (_a, t), g in relation_groups(debate).items() if len(g) > 1})


KINDS: Final[dict[str, Callable[[Debate], int]]] = {
    # what a debate holds, counted; in the order a report names them
    "texts": lambda d: len(d.positions) + len(d.arguments),
    "supports": lambda d: sum(len(a.supports) for a in d.arguments),
    "undercuts": lambda d: sum(len(a.undercuts) for a in d.arguments),
    "co-premise groups": _groups,
    "titles": lambda d: (
        sum(1 for p in d.positions if p.title) + sum(1 for a in d.arguments if a.title)
    ),
    "actors": lambda d: len(d.actors),
    "authorships ('by')": lambda d: sum(len(a.by) for a in d.arguments),
    "stances": lambda d: sum(len(x.stances) for x in d.actors),
    "sources": lambda d: len(d.sources),
    "quotes": lambda d: sum(len(a.evidence) for a in d.arguments),
    "weights": lambda d: (
        sum(a.weight is not None for a in d.arguments) + sum(len(x.weights) for x in d.actors)
    ),
    "tags": lambda d: (
        len(d.tags) + sum(len(p.tags) for p in d.positions) + sum(len(a.tags) for a in d.arguments)
    ),
    "status-quo marks": lambda d: sum(p.status_quo for p in d.positions),
    "assessments": lambda d: sum(len(p.assessment) for p in d.positions),
    "risks and next steps": lambda d: sum(len(p.risks) + len(p.next_steps) for p in d.positions),
    "schemes": lambda d: (
        sum(1 for p in d.positions if p.scheme) + sum(1 for a in d.arguments if a.scheme)
    ),
    "debate details": lambda d: sum(1 for f in DETAILS if getattr(d, f)),
    "question": lambda d: 1,
}

_SINGULAR: Final = {
    "texts": "text",
    "supports": "support",
    "co-premise groups": "co-premise group",
    "titles": "title",
    "actors": "actor",
    "authorships ('by')": "authorship ('by')",
    "stances": "stance",
    "sources": "source",
    "quotes": "quote",
    "weights": "weight",
    "tags": "tag",
    "status-quo marks": "status-quo mark",
    "assessments": "assessment",
    "risks and next steps": "risk or next step",
    "schemes": "scheme",
    "debate details": "debate detail",
    "details of the other actors": "detail of the other actors",
}
_EVERYTHING: Final = frozenset(KINDS)
_GRAPH: Final = frozenset({"texts", "supports", "undercuts", "question"})

KEEPS: Final[dict[str, tuple[frozenset[str], str]]] = {
    # format: (what it keeps, what it is, for the message)
    "yaml": (_EVERYTHING, "argmap YAML"),
    "json": (_EVERYTHING, "argmap JSON"),
    "argdown": (_EVERYTHING, "Argdown (front matter and {data})"),
    "aif": (
        frozenset(
            {"texts", "supports", "undercuts", "co-premise groups", "authorships ('by')", "schemes"}
        ),
        "AIF",
    ),
    "kialo": (frozenset({"texts", "supports", "undercuts", "question"}), "Kialo outlines"),
    "mermaid": (_GRAPH | {"titles"}, "Mermaid flowcharts"),
    "graphml": (
        frozenset({"texts", "supports", "undercuts", "co-premise groups", "titles"}),
        "argmap's GraphML",
    ),
    "tgf": (frozenset(), "TGF attack graphs"),
    "apx": (frozenset(), "ASPARTIX attack graphs"),
}
"""What each format keeps. Attacks are kept by all of them; TGF and APX keep the
elements as bare ids and undercuts as attacks (an approximation, said separately)."""


def losses(debate: Debate, fmt: str) -> list[str]:
    """What writing ``debate`` as ``fmt`` leaves out or changes, one line each; empty
    when the format keeps everything it holds."""
    keeps, name = KEEPS[fmt]
    counts = {kind: count(debate) for kind, count in KINDS.items()}
    if "authorships ('by')" in keeps and "actors" not in keeps:
        # the actors who advance arguments come back, with their names only
        named = {x for a in debate.arguments for x in a.by}
        counts["actors"] = sum(x.id not in named for x in debate.actors)
        counts["details of the other actors"] = sum(
            x.id in named
            and any((x.kind != "other", x.description, x.part_of, x.power, x.interest))
            for x in debate.actors
        )
    if fmt == "aif":  # a scheme names an RA: one of an element nothing supports has none
        supported = {t for a in debate.arguments for t in a.supports}
        counts["schemes"] = 0
        counts["schemes of elements nothing supports"] = sum(
            1 for p in debate.positions if p.scheme and p.id not in supported
        ) + sum(1 for a in debate.arguments if a.scheme and a.id not in supported)
    dropped = [
        (kind, n) for kind, n in counts.items() if kind not in keeps and kind != "undercuts" and n
    ]
    lines = []
    if dropped:
        what = ", ".join(
            f"{n} {_SINGULAR.get(kind, kind) if n == 1 else kind}" for kind, n in dropped
        )
        lines.append(f"dropped {what}: {name} cannot carry them")
    undercuts = counts["undercuts"]
    if undercuts and "undercuts" not in keeps:
        noun = "undercut" if undercuts == 1 else "undercuts"
        lines.append(f"wrote {undercuts} {noun} as attacks: {name} have attacks only")
    return lines

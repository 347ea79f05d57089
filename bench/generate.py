"""Synthetic debates of a given size, shaped like real ones: positions, actors with
stances, arguments with evidence, counterarguments a few levels deep, undercuts and
co-premises. Deterministic for a size and seed, and clean under ``argmap check``.

    python bench/generate.py 1000 out.yaml
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

WORDS = [
    "trade",
    "deal",
    "sanctions",
    "human",
    "rights",
    "surveillance",
    "export",
    "controls",
    "ministry",
    "treasury",
    "evidence",
    "report",
    "cost",
    "benefit",
    "signal",
    "market",
    "company",
    "market",
    "risk",
    "law",
    "policy",
    "negotiation",
    "tariff",
    "camera",
    "network",
    "security",
    "region",
    "minority",
    "detention",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _consistent(actor: dict[str, Any], arg: dict[str, Any]) -> bool:
    """Whether the actor may advance the argument without arguing against its own stance."""
    stances = actor["stances"]
    return not any(stances.get(t) == "supports" for t in arg.get("attacks", [])) and not any(
        stances.get(t) == "opposes" for t in arg.get("supports", [])
    )


def debate(n_arguments: int, seed: int = 0, weighted: int = 0) -> dict[str, Any]:
    """A debate with ``n_arguments`` arguments that passes ``check`` without errors; the
    first ``weighted`` actors weigh 1% of the arguments their own way (``weights``)."""
    rng = random.Random(seed)
    n_positions = max(3, n_arguments // 50)
    n_actors = max(8, n_arguments // 20)
    n_sources = max(2, n_arguments // 10)
    positions = [
        {"id": f"p{i}", "title": f"Option {i}", "text": sentence(rng, 8)}
        for i in range(n_positions)
    ]
    actors = []
    for i in range(n_actors):
        actor: dict[str, Any] = {
            "id": f"actor-{i}",
            "name": f"Actor {i}",
            "kind": rng.choice(["agency", "company", "person", "group"]),
        }
        if i >= 4:
            actor["part_of"] = f"actor-{rng.randrange(4)}"
        actor["power"] = rng.choice(["high", "medium", "low"])
        actor["stances"] = {
            p["id"]: rng.choice(["supports", "opposes", "neutral"])
            for p in rng.sample(positions, 2)
        }
        actors.append(actor)
    sources = [
        {
            "id": f"src-{i}",
            "title": sentence(rng, 6),
            "publisher": "Example Press",
            "date": "2019-05-22",
            "url": f"https://example.org/{i}",
            "kind": "media",
        }
        for i in range(n_sources)
    ]
    arguments: list[dict[str, Any]] = []
    for i in range(n_arguments):
        arg: dict[str, Any] = {
            "id": f"a{i}",
            "title": f"Argument {i}",
            "text": f"{sentence(rng, 14)} ({i})",
        }
        if i < 2 * n_positions:  # every position gets a pro and a con
            arg["supports" if i % 2 == 0 else "attacks"] = [positions[i // 2]["id"]]
        elif i < 3 * n_positions:  # and every con an answer, as a fair map has
            arg["attacks"] = [f"a{2 * (i - 2 * n_positions) + 1}"]
        elif i % 17 == 0:
            arg["undercuts"] = f"a{rng.randrange(i)}"
        elif (
            i % 11 == 0 and "linked_with" not in arguments[-1] and "undercuts" not in arguments[-1]
        ):
            previous = arguments[-1]
            for field in ("supports", "attacks"):
                if field in previous:
                    arg[field] = list(previous[field])
            arg["linked_with"] = [previous["id"]]
        else:
            target = rng.choice(positions)["id"] if rng.random() < 0.2 else f"a{rng.randrange(i)}"
            # objections to options are the answered ones above; the rest argue with arguments
            on_option = target.startswith("p")
            arg["attacks" if rng.random() < 0.5 and not on_option else "supports"] = [target]
        arg["by"] = [a["id"] for a in rng.sample(actors, rng.randint(0, 2)) if _consistent(a, arg)]
        arg["weight"] = round(rng.random(), 2)
        arg["tags"] = rng.sample(WORDS, 2)
        arg["evidence"] = [
            {
                "source": sources[i % n_sources]["id"],
                "quote": sentence(rng, 10),
                "locator": f"para {rng.randint(1, 40)}",
            }
        ]
        arguments.append(arg)
    for actor in actors[:weighted]:
        picked = rng.sample(arguments, max(5, n_arguments // 100))
        actor["weights"] = {a["id"]: round(rng.random(), 2) for a in picked}
    return {
        "argmap": 1,
        "id": f"synthetic-{n_arguments}",
        "title": f"A synthetic debate of {n_arguments} arguments",
        "question": "Should the administration act?",
        "date": "2019-05-22",
        "sources": sources,
        "actors": actors,
        "positions": positions,
        "arguments": arguments,
    }


def wide_argdown(premises: int) -> str:
    """An Argdown argument whose one inference has ``premises`` premises (co-premises of
    one conclusion), as a premise-conclusion structure."""
    lines = ["# Wide", "", "<Wide>: An argument with many premises.", ""]
    lines += [f"({i}) Premise number {i} says one thing." for i in range(1, premises + 1)]
    lines += ["----", f"({premises + 1}) [Thesis]: The thesis holds."]
    return "\n".join(lines) + "\n"


def wide_aif(premises: int) -> str:
    """AIF JSON of one inference (an RA node) with ``premises`` premises."""
    nodes: list[dict[str, str]] = [
        {"nodeID": "c", "text": "The conclusion holds.", "type": "I"},
        {"nodeID": "ra", "text": "Default Inference", "type": "RA"},
    ]
    edges = [{"edgeID": "e0", "fromID": "ra", "toID": "c"}]
    for i in range(premises):
        nodes.append({"nodeID": f"p{i}", "text": f"Premise {i} says one thing.", "type": "I"})
        edges.append({"edgeID": f"e{i + 1}", "fromID": f"p{i}", "toID": "ra"})
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []})


def tagged_argdown(tags: int) -> str:
    """An Argdown argument with ``tags`` different tags."""
    marks = " ".join(f"#tag{i}" for i in range(tags))
    return f"[Thesis]: The thesis holds.\n  <+ <Tagged>: An argument with tags. {marks}\n"


def write(n_arguments: int, path: Path, weighted: int = 0) -> Path:
    """Write a synthetic debate as YAML or JSON, by the path's suffix."""
    data = debate(n_arguments, weighted=weighted)
    if path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
